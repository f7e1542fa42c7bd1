"""Reading the files of a corpus that no one vouches for: a size limit looked
up before reading, no symbolic link out of the corpus, no FIFO that would
hang the run."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def read_bounded(
    path: Path, folder: Path | None, limit: int
) -> tuple[bytes, str | None]:
    """A file's bytes, or b"" and why it was not read: larger than
    `limit` bytes (found before reading), not a regular file, or a symbolic
    link that leads out of the corpus `folder`."""
    try:
        if folder is not None and os.path.islink(path):
            target = os.path.realpath(path)
            root = os.path.realpath(folder)
            if not target.startswith(root + os.sep):
                return b"", f"a symbolic link to {target}, outside the corpus folder"
        # Non-blocking, so that a FIFO named like a seed cannot hang the run.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(handle, "rb", buffering=0) as stream:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                return b"", "not a regular file"
            if info.st_size > limit:
                return b"", f"{info.st_size:,} bytes, over the limit of {limit:,}"
            raw = stream.read(info.st_size + 1)
            if len(raw) > info.st_size:  # it grew since: read on, to the limit
                raw += stream.read(limit + 1 - len(raw)) or b""
    except OSError as error:
        return b"", f"cannot be read: {error.strerror or error}"
    if len(raw) > limit:  # it grew while being read
        return b"", f"over {limit:,} bytes, the limit"
    return raw, None
