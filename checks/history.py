"""What git and INDEX.md record about a seed: the facts that decide whether a
fix may record a hash.  A fix must never bless an edited text, so a hash is
filled in only for a seed that has no hash recorded anywhere and whose body is
unchanged from its last committed version."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from checks.document import Document

_HEX_RUN = re.compile(r"\b[0-9a-f]{12,64}\b")


def committed_bytes(path: Path) -> bytes | None:
    """The file as HEAD has it, or None when it is not in a git repository or
    not committed there."""
    try:
        result = subprocess.run(
            ["git", "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine: nothing was ever committed
        return None
    return result.stdout if result.returncode == 0 else None


class HashRecords:
    """Answers, for a seed with no `sha256`, why a hash may not be filled in."""

    def __init__(self) -> None:
        self._index_rows: dict[Path, dict[str, str]] = {}

    def fill_blocker(self, doc: Document) -> str | None:
        recorded = self._index_hash(doc)
        if recorded:
            return f"INDEX.md records the hash {recorded} for this seed"
        committed = committed_bytes(doc.path)
        if committed is not None:
            before = Document(doc.path, committed)
            before_hash = (
                before.data.get("sha256") if isinstance(before.data, dict) else None
            )
            if before_hash:
                return f"the committed version records sha256 {before_hash}"
            if before.body != doc.body:
                return "the body differs from the last committed version"
        return None

    def _index_hash(self, doc: Document) -> str | None:
        index = doc.path.parent / "INDEX.md"
        if index not in self._index_rows:
            self._index_rows[index] = _hashes_by_id(index)
        return self._index_rows[index].get(doc.stem)


def _hashes_by_id(index: Path) -> dict[str, str]:
    """Seed id -> the hash (or hash prefix) its INDEX.md row records."""
    try:
        text = index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    rows: dict[str, str] = {}
    for line in text.splitlines():
        link = re.search(r"\[([0-9]{3,}_[0-9a-f]{16})\]\(", line)
        if not link:
            continue
        seed_id = link.group(1)
        hashes = [h for h in _HEX_RUN.findall(line) if h not in seed_id]
        if hashes:
            rows[seed_id] = hashes[-1]
    return rows
