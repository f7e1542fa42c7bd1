"""Applying fixes: edits on the header only, none overlapping another."""

from __future__ import annotations

from collections.abc import Iterable

from checks.report.diagnostic import Edit, Fix


def apply_fixes(text: str, fixes: Iterable[Fix], limit: int) -> tuple[str, list[Fix]]:
    """Apply the fixes whose edits end at or before `limit` and do not overlap an
    earlier one; return the new text and the fixes applied."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in fixes:
        if any(edit.end > limit or edit.start > edit.end for edit in fix.edits):
            continue
        if any(_overlap(edit, other) for edit in fix.edits for other in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    for edit in sorted(taken, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, chosen


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end or a.start == b.start
