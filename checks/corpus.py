"""Finding the seeds to check: the files named, or the `.txt` files under the
folders named (the configured corpus by default), in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from checks.config import ConfigError
from checks.document import Document


def seed_paths(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    seen = set()
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*.txt")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            candidates = [path]
        else:
            raise ConfigError(f"{path}: no such file or folder")
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when
    the file is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.path.normpath(str(path))


def documents(paths: Iterable[Path]) -> Iterator[Document]:
    """Read one seed at a time, so that a large corpus is never held at once."""
    for path in seed_paths(paths):
        yield Document(path, path.read_bytes(), display_path(path))
