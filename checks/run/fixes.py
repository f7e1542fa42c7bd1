"""Applying fixes: edits on the header only, written atomically, by one
writer at a time."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

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


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, create: bool = False) -> None:
    """Replace `path` with `data` so that a reader, or a crash, sees either the
    old file or the new one, never a part of it.  With `create`, the file must
    not exist yet, and FileExistsError is raised if it does."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if create:
            os.link(temporary, path)  # fails if the file appeared meanwhile
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@contextmanager
def corpus_lock(folder: Path) -> Iterator[None]:
    """Writers (`--fix`, `index`, `new`, `amend`, `retract`, `renumber`) take
    turns: each holds an exclusive lock on the corpus folder from before it
    reads until it has written, so that two at once never build on what the
    other is replacing.  The lock goes with the process, however it ends;
    readers do not wait for it."""
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): writers do not wait
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # no folder yet: nothing to guard
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
