"""Reading the files of a corpus that no one vouches for: a size limit looked
up before reading, no symbolic link out of the corpus, no FIFO that would
hang the run."""

from __future__ import annotations

import errno
import os
import stat
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
