"""How far a long run is, on one line of a terminal's standard error.

The line shows once a run has taken PROGRESS_AFTER seconds (the environment
variable CHECKS_PROGRESS_AFTER sets another delay; `never` turns it off), is
written over as the run goes on, and is cleared when it ends, so that what
the run prints after it stands alone.  Where standard error is not a
terminal (a pipe, a file, a CI log) nothing is shown.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

PROGRESS_AFTER = 2.0


class Progress:
    def __init__(self, stream: TextIO, after: float = PROGRESS_AFTER):
        self.stream = stream
        self.after = after
        self.start = time.monotonic()
        self.shown = False

    @classmethod
    def for_terminal(cls, stream: TextIO) -> Progress | None:
        """A progress line on `stream` when it is a terminal, else None."""
        after = os.environ.get("CHECKS_PROGRESS_AFTER", "")
        if after == "never" or not stream.isatty():
            return None
        try:
            return cls(stream, float(after) if after else PROGRESS_AFTER)
        except ValueError:
            return cls(stream)

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.start < self.after:
            return
        self.stream.write(f"\rchecks: {done:,} of {total:,} seeds checked\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
