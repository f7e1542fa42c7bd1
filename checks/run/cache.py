"""A cache of per-seed results, so that a run after a small change only
reads again what changed.

What one seed gives (its diagnostics, its record for the corpus-wide rules,
its accept entries for them) depends only on its bytes, its path, the rules
selected and their settings, the date (for future dates) and the code of
`checks` itself.  The cache keys each seed by its path and the SHA-256 of its
bytes, in a folder named after everything else, so that a change of rules,
configuration, date or version starts afresh; the folder holds 64 files,
each seed's entry in the one its path falls in, and INDEX.md as parsed,
keyed by its bytes.  Results that depend on
anything else (whether a hash may be filled in depends on git and INDEX.md)
are not cached.  The cache lives in `.checks_cache/` beside the configuration;
delete it at will, or run with `--no-cache`.

The cache is in the repository's folder, where a pull request could put a
file of its own, and it is read with pickle, which runs code.  So every cache
file carries an HMAC of its contents under a key that never leaves the
machine (`checks/cache-key` in the user's cache folder, made on first use,
readable by the user alone); a file whose HMAC does not verify is never
unpickled, only ignored.  Without a place for the key, nothing is cached.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checks.seed.index import IndexFile

FOLDER = ".checks_cache"
FORMAT = 3
MAGIC = b"checks-cache\n"


def _code_fingerprint() -> str:
    """The package's own source, by file name, size and modification time."""
    package = Path(__file__).resolve().parents[1]
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


# Entries are spread over this many files by path, so that a run after a small
# change rewrites one small file, not the whole cache.
SHARDS = 64


def shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS


def _secret() -> bytes | None:
    """This machine's key for the cache's HMACs, made on first use; None
    when there is nowhere to keep it."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    path = Path(base) / "checks" / "cache-key"
    for _ in range(2):
        try:
            key = path.read_bytes()
            return key if len(key) == 32 else None
        except FileNotFoundError:
            try:
                path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                _make_key(path)
            except FileExistsError:
                continue  # another run made it first: read that one
            except OSError:
                return None
        except OSError:
            return None
    return None


def _make_key(path: Path) -> None:
    """Write a new key to `path`, which must not exist: whole, mode 600, so
    that a run starting at the same moment reads all of it or none."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-key.")
    try:
        with os.fdopen(handle, "wb") as stream:  # mkstemp's mode is 600
            stream.write(secrets.token_bytes(32))
        os.link(temporary, path)  # FileExistsError if another run was first
    finally:
        os.unlink(temporary)


class Cache:
    def __init__(self, root: Path, settings: Any):
        from checks import __version__

        key = hashlib.sha256(
            repr((FORMAT, __version__, _code_fingerprint(), settings)).encode()
        ).hexdigest()[:24]
        self.folder = root / FOLDER / key
        self.secret = _secret()
        self.loaded: list[dict[str, tuple[bytes, Any]]] = [
            self._load(n, dict) or {} for n in range(SHARDS)
        ]
        self.fresh: list[dict[str, tuple[bytes, Any]]] = [{} for _ in range(SHARDS)]
        self.changed: set[int] = set()
        self.index: tuple[bytes, Any] | None = None  # INDEX.md: digest, as parsed

    def _file(self, shard: int | str) -> Path:
        return self.folder / (
            f"{shard:02x}.pickle" if isinstance(shard, int) else f"{shard}.pickle"
        )

    def parsed_index(self, path: Path, raw: bytes) -> IndexFile:
        """INDEX.md parsed, or as parsed by the last run when its bytes are
        the same (parsing 100,000 rows takes most of a second)."""
        from checks.seed.index import parse_index

        digest = hashlib.sha256(raw).digest()
        if self.index is None:
            kept = self._load("index", tuple)
            self.index = kept if kept is not None and len(kept) == 2 else None
        if self.index is not None and self.index[0] == digest:
            return self.index[1]
        parsed = parse_index(path, raw)
        self.index = (digest, parsed)
        # Written now, at the start of the run, not with the seeds' entries at
        # its end, when the corpus's records are in memory as well.
        if self.secret is not None:
            try:
                self._prepare()
                self._write("index", self.index)
            except OSError:
                pass
        return parsed

    def _tag(self, payload: bytes | memoryview) -> bytes:
        assert self.secret is not None
        return hmac.new(self.secret, payload, hashlib.sha256).digest()

    def _load(self, shard: int | str, kind: type) -> Any:
        """What a cache file holds, if it is a `kind`; None when it is
        missing, damaged or not this machine's."""
        if self.secret is None:
            return None
        # A missing or damaged file is an empty one: its seeds are read again.
        try:
            data = self._file(shard).read_bytes()
        except OSError:
            return None
        tag = data[len(MAGIC) : len(MAGIC) + 32]
        payload = memoryview(data)[len(MAGIC) + 32 :]  # not a copy: INDEX.md's is large
        if not data.startswith(MAGIC) or not hmac.compare_digest(
            tag, self._tag(payload)
        ):
            return None  # not written by checks on this machine: never unpickled
        try:
            loaded = pickle.loads(payload)
        except (
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            ValueError,
            TypeError,
        ):
            return None
        return loaded if isinstance(loaded, kind) else None

    def get(self, path: str, digest: bytes) -> Any | None:
        shard = shard_of(path)
        entry = self.loaded[shard].get(path)
        if entry is not None and entry[0] == digest:
            self.fresh[shard][path] = entry
            return entry[1]
        return None

    def put(self, path: str, digest: bytes, value: Any) -> None:
        shard = shard_of(path)
        self.fresh[shard][path] = (digest, value)
        self.changed.add(shard)

    def save(self) -> None:
        """Write the files whose entries changed (entries of files that are
        gone are dropped), each atomically; a cache that cannot be written is
        simply not kept."""
        dirty = [
            n
            for n in range(SHARDS)
            if n in self.changed or self.fresh[n].keys() != self.loaded[n].keys()
        ]
        if not dirty or self.secret is None:
            return
        try:
            self._prepare()
            for n in dirty:
                self._write(n, self.fresh[n])
            for old in self.folder.parent.iterdir():
                if old != self.folder and old.name != ".gitignore":
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
        except OSError:
            pass

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n")

    def _write(self, name: int | str, content: Any) -> None:
        """A cache file, atomically: MAGIC, the HMAC of the pickle, the pickle."""
        assert self.secret is not None
        payload = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(MAGIC)
            stream.write(self._tag(payload))
            stream.write(payload)
        os.replace(temporary, self._file(name))
