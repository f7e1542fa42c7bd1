"""A cache of per-seed results, so that a run after a small change only
reads again what changed.

What one seed gives (its diagnostics, its record for the corpus-wide rules,
its accept entries for them) depends only on its bytes, its path, the rules
selected and their settings, the date (for future dates) and the code of
`checks` itself.  The cache keys each seed by its path and the SHA-256 of its
bytes, in a file named after everything else, so that a change of rules,
configuration, date or version starts afresh.  Results that depend on
anything else (whether a hash may be filled in depends on git and INDEX.md)
are not cached.  The cache lives in `.checks_cache/` beside the configuration;
delete it at will, or run with `--no-cache`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

FOLDER = ".checks_cache"
FORMAT = 1
UNCACHEABLE = frozenset({"HDR008"})


def _code_fingerprint() -> str:
    """The package's own source, by file name, size and modification time."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.json")):
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(
            f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


class Cache:
    def __init__(self, root: Path, settings: Any):
        from checks import __version__

        key = hashlib.sha256(
            repr((FORMAT, __version__, _code_fingerprint(), settings)).encode()
        ).hexdigest()[:24]
        self.path = root / FOLDER / f"{key}.pickle"
        self.entries: dict[str, tuple[bytes, Any]] = {}
        self.fresh: dict[str, tuple[bytes, Any]] = {}
        try:
            with open(self.path, "rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                self.entries = loaded
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            ValueError,
        ):
            self.entries = {}

    def get(self, path: str, digest: bytes) -> Any | None:
        entry = self.entries.get(path)
        if entry is not None and entry[0] == digest:
            self.fresh[path] = entry
            return entry[1]
        return None

    def put(self, path: str, digest: bytes, value: Any) -> None:
        self.fresh[path] = (digest, value)

    def save(self) -> None:
        """Write what this run used or computed (entries of files that are
        gone are dropped), atomically; a cache that cannot be written is
        simply not kept."""
        if self.fresh == self.entries:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n")
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(self.fresh, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            for old in self.path.parent.glob("*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
