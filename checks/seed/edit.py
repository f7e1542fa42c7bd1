"""Editing a seed's header in place: a field set or a list grown as edits of
the text, in the header's own style (block or flow, its indentation), so that
every other byte, comments included, stays where it was.

A header's comments are data (a provenance note, say), and a header that
reads back as something else is worse than one left alone: `edited` checks
the result and refuses an edit that would not read back as intended.
"""

from __future__ import annotations

import re
from typing import Any

from checks.report.diagnostic import Edit
from checks.seed.document import Document, HeaderForm
from checks.seed.header import dump_fields, flow

_SPACES = re.compile(r"[ \t]*")


class CannotEdit(Exception):
    """The header cannot be edited in place so that it reads as intended."""


def _newline(doc: Document) -> str:
    return "\r\n" if "\r\n" in doc.text[: doc.body_start] else "\n"


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    """Just past the line break of the line holding `at`."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end + 1


def _block_indent(doc: Document, span: tuple[int, int]) -> str | None:
    """The indentation of what starts at `span`, if it starts its line (a
    block mapping's key); None when something stands before it (flow)."""
    start = _line_start(doc.text, span[0])
    before = doc.text[start : span[0]]
    return before if _SPACES.fullmatch(before) else None


def _root(doc: Document) -> tuple[dict, tuple[int, int]]:
    if doc.form is not HeaderForm.FRONT_MATTER or not isinstance(doc.data, dict):
        raise CannotEdit("the header is not a readable YAML mapping")
    return doc.data, doc.value_span(()) or (doc.header_start, doc.header_end)


def _indented(lines: str, indent: str, newline: str) -> str:
    return "".join(
        f"{indent}{line}{newline}" for line in lines.split(newline) if line != ""
    )


def new_field(doc: Document, key: str, value: Any, first: bool = False) -> Edit:
    """An edit that adds top-level `key` (absent now), at the mapping's end
    (or its start, with `first`), written as the mapping is."""
    data, root = _root(doc)
    newline = _newline(doc)
    keys = [doc.key_span((k,)) for k in data]
    keys = [k for k in keys if k is not None]
    if not keys:  # an empty mapping: `{}`, or nothing but comments
        if doc.text[root[0] : root[1]].strip() == "{}":
            return Edit(root[0], root[1], f"{{{key}: {flow(value)}}}")
        return Edit(doc.header_end, doc.header_end, dump_fields({key: value}, newline))
    indent = _block_indent(doc, keys[0])
    if indent is None:  # a flow mapping: inside its braces
        if first:
            return Edit(keys[0][0], keys[0][0], f"{key}: {flow(value)}, ")
        close = doc.text.rindex("}", root[0], root[1])
        return Edit(close, close, f", {key}: {flow(value)}")
    lines = _indented(dump_fields({key: value}, newline), indent, newline)
    if first:
        at = _line_start(doc.text, keys[0][0])
    elif indent:
        # After the last line of the mapping's last value.
        last = max(doc.value_span((k,)) or doc.key_span((k,)) for k in data)
        at = _line_end(doc.text, max(last[1] - 1, last[0]))
    else:
        at = doc.header_end
    return Edit(at, at, lines)


def set_value(doc: Document, key: str, value: Any) -> Edit:
    """An edit that gives top-level `key` the scalar `value`: where its value
    is written, or as a new field."""
    data, _ = _root(doc)
    if key not in data:
        return new_field(doc, key, value)
    span = doc.value_span((key,))
    if span is None or not isinstance(data[key], str):
        raise CannotEdit(f"{key} is not a single value")
    written = flow(value)
    if span[0] == span[1]:  # `key:` with nothing after it
        written = " " + written
    return Edit(span[0], span[1], written)


def add_items(doc: Document, key: str, items: list[Any]) -> Edit:
    """An edit that adds `items` at the end of top-level list `key` (a new
    field when there is none), written as the list is."""
    data, _ = _root(doc)
    if key not in data or data[key] in ("", None):
        if key in data:
            raise CannotEdit(f"{key} is written empty; write it as [] first")
        return new_field(doc, key, items)
    current = data[key]
    if not isinstance(current, list):
        raise CannotEdit(f"{key} is not a list")
    span = doc.value_span((key,))
    assert span is not None
    newline = _newline(doc)
    text = doc.text
    if text[span[0]] == "[":  # a flow sequence: before its `]`
        close = text.rindex("]", span[0], span[1])
        joined = ", ".join(flow(item) for item in items)
        return Edit(close, close, (", " if current else "") + joined)
    # A block sequence: after its last item, with the indentation of its `-`.
    dash = text.rfind("-", 0, doc.value_span((key, 0))[0])
    indent = text[_line_start(text, dash) : dash]
    if not _SPACES.fullmatch(indent):
        raise CannotEdit(f"{key}'s items are not written one a line")
    last = doc.value_span((key, len(current) - 1))
    at = _line_end(text, max(last[1] - 1, last[0]))
    lines = dump_fields({"x": items}, newline).split(newline, 1)[1]
    return Edit(at, at, _indented(lines, indent, newline))


def edited(doc: Document, edits: list[Edit], expected: dict[str, Any]) -> Document:
    """The document after `edits` (on its header), if its header then reads
    as `expected` and the body is unchanged; CannotEdit otherwise."""
    text = doc.text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if edit.end > doc.header_end:
            raise CannotEdit("an edit reaches past the header")
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    new = Document(doc.path, text.encode("utf-8", "surrogateescape"), doc.display)
    if new.body != doc.body:
        raise CannotEdit("the body would change")
    if new.data != expected:
        raise CannotEdit(
            "the header would not read back as intended in its present YAML style"
        )
    return new


def _scalars(doc: Document) -> list[tuple[int, int]]:
    """Where each key and each single value of the header is written."""
    spans = list(doc.loaded.keys.values())
    pending = [((), doc.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending += [(path + (k,), v) for k, v in value.items()]
        elif isinstance(value, list):
            pending += [(path + (i,), v) for i, v in enumerate(value)]
        elif path in doc.loaded.values:
            spans.append(doc.loaded.values[path])
    return sorted(spans)


def comments(doc: Document) -> list[str]:
    """The header's comments, in order: each `#` that starts a line or
    follows a space, outside every key and value, to the end of its line."""
    if doc.form is not HeaderForm.FRONT_MATTER:
        return []
    text = doc.header_text
    inside = _scalars(doc) if isinstance(doc.data, (dict, list)) else []
    found = []
    at = text.find("#")
    while at >= 0:
        if (at == 0 or text[at - 1] in " \t\n") and not any(
            s <= at < e for s, e in inside
        ):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            found.append(text[at:end].rstrip("\r"))
            at = text.find("#", end)
        else:
            at = text.find("#", at + 1)
    return found


def lost(before: Document, after: Document) -> str | None:
    """What a fix of `before` lost in `after`, if anything: the header as a
    mapping, a field's value (a list may only grow at its end), a comment."""
    if not isinstance(after.data, dict):
        return "the header would no longer read as a YAML mapping"
    if isinstance(before.data, dict):
        for key, value in before.data.items():
            now = after.data.get(key)
            grown = (
                isinstance(value, list)
                and isinstance(now, list)
                and now[: len(value)] == value
            )
            if now != value and not grown:
                return f"{key} would read as {now!r}, not {value!r}"
    kept = comments(after)
    for comment in comments(before):
        if comment not in kept:
            return f"the comment {comment!r} would be lost"
        kept.remove(comment)
    return None
