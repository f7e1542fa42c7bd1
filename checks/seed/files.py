"""The files of a corpus that no one vouches for.  Reading: a size limit
looked up before reading, no symbolic link out of the corpus, no FIFO that
would hang the run.  Writing: atomically, by one writer at a time."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_SEED_BYTES = 8 * 1024 * 1024  # a seed is a few KB; see ENC008

# Opening a symbolic link fails with this flag (ELOOP); where the system has
# no such flag, links are found by looking before opening.
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)


def read_bounded(
    path: str | Path, folder: Path | None, limit: int
) -> tuple[bytes, str | None]:
    """A file's bytes, or b"" and why it was not read: larger than
    `limit` bytes (found before reading), not a regular file, or a symbolic
    link that leads out of the corpus `folder`."""
    # Non-blocking, so that a FIFO named like a seed cannot hang the run; not
    # through a link, which is looked at first.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        if folder is not None and not _NO_LINK and os.path.islink(path):
            outside = _outside(path, folder)
            if outside:
                return b"", outside
        try:
            handle = os.open(path, flags | (_NO_LINK if folder is not None else 0))
        except OSError as error:
            if folder is None or error.errno not in (errno.ELOOP, errno.EMLINK):
                raise
            outside = _outside(path, folder)
            if outside:
                return b"", outside
            handle = os.open(path, flags)
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                return b"", "not a regular file"
            if info.st_size > limit:
                return b"", f"{info.st_size:,} bytes, over the limit of {limit:,}"
            raw = os.read(handle, info.st_size + 1)
            if len(raw) > info.st_size:  # it grew since: read on, to the limit
                raw += os.read(handle, limit + 1 - len(raw))
        finally:
            os.close(handle)
    except OSError as error:
        return b"", f"cannot be read: {error.strerror or error}"
    if len(raw) > limit:  # it grew while being read
        return b"", f"over {limit:,} bytes, the limit"
    return raw, None


def _outside(link: Path, folder: Path) -> str | None:
    """Why a symbolic link is not followed: it leads out of `folder`."""
    target = os.path.realpath(link)
    if target.startswith(os.path.realpath(folder) + os.sep):
        return None
    return f"a symbolic link to {target}, outside the corpus folder"


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


class Changes:
    """Where a command's writes go: to disk at once, each file atomically;
    or, `dry`, into a plan that is shown as a unified diff (`diff`) and
    never written.  What a later step reads back (`read`) is the file as
    planned."""

    def __init__(self, dry: bool = False):
        self.dry = dry
        self._before: dict[Path, bytes | None] = {}
        self._after: dict[Path, bytes | None] = {}

    def write(self, path: Path, data: bytes, *, create: bool = False) -> None:
        if not self.dry:
            write_atomic(path, data, create=create)
            return
        if create and self.exists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
        self._plan(path, data)

    def remove(self, path: Path) -> None:
        if not self.dry:
            os.unlink(path)
            return
        if not self.exists(path):
            raise FileNotFoundError(errno.ENOENT, "No such file", str(path))
        self._plan(path, None)

    def exists(self, path: Path) -> bool:
        path = Path(path)
        if path in self._after:
            return self._after[path] is not None
        return path.exists()

    def read(self, path: Path) -> bytes:
        path = Path(path)
        if path in self._after:
            planned = self._after[path]
            if planned is None:
                raise FileNotFoundError(errno.ENOENT, "No such file", str(path))
            return planned
        return path.read_bytes()

    def _plan(self, path: Path, data: bytes | None) -> None:
        path = Path(path)
        if path not in self._before:
            self._before[path] = path.read_bytes() if path.exists() else None
        self._after[path] = data

    @property
    def planned(self) -> list[Path]:
        """The files the plan changes, in order of path."""
        return sorted(p for p in self._after if self._after[p] != self._before[p])

    def diff(self, shown) -> str:
        """The plan as a unified diff, each file named as `shown` names it
        (git's a/ and b/, /dev/null for a file made or removed)."""
        import difflib

        out = []
        for path in self.planned:
            before, after = self._before[path], self._after[path]
            name = shown(path)
            lines = difflib.unified_diff(
                _lines(before),
                _lines(after),
                f"a/{name}" if before is not None else "/dev/null",
                f"b/{name}" if after is not None else "/dev/null",
            )
            for line in lines:
                out.append(line)
                if not line.endswith("\n"):
                    out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return data.decode("utf-8", "surrogateescape").splitlines(keepends=True)
