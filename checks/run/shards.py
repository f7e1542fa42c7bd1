"""Corpora kept as JSON Lines shards: one document per line, an object with
the header's fields and the body as `text`.

Shards are read through fsspec, so a shard may be a local path or any URL
fsspec knows (`file://`, `s3://`, `gcs://`, `https://` with the matching
package installed); `.gz`, `.bz2`, `.xz` and `.zst` are decompressed by their
suffix.  Each record becomes the seed it stands for (front matter and body)
and goes through the same rules; its diagnostics are reported at the shard
and the line, with the place inside the record in the message.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checks.seed.header import MAX_DEPTH, dump_fields

SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz", ".jsonl.zst")


def is_shard(name: str) -> bool:
    return name.endswith(SUFFIXES)


@dataclass(frozen=True)
class Record:
    shard: str  # as the user named it
    line: int  # 1-based line in the shard
    source: str  # the line itself, for excerpts
    raw: bytes | None  # the seed it stands for; None when the line is no record
    problem: str | None = None
    seed_id: str | None = None


# What each compressed suffix needs, for the message when it is missing.
DECOMPRESSORS = {
    ".gz": "Python's zlib module",
    ".bz2": "Python's bz2 module",
    ".xz": "Python's lzma module",
    ".zst": "Python 3.14's compression.zstd or the backports.zstd package "
    "(pip install 'seed-checks[zstd]')",
}


class ShardError(ValueError):
    """A shard that cannot be read (on to its end): `line` is the last line
    read whole, 0 when none was."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def open_shard(url: str):
    import fsspec
    from fsspec.utils import infer_compression

    suffix = url[url.rfind(".") :]
    # fsspec falls back on the zstandard package, whose reader has no lines
    # and ends a cut-off stream in silence: only the standard API will do.
    missing = infer_compression(url) is None or (
        suffix == ".zst"
        and not {"compression.zstd", "backports.zstd"} & sys.modules.keys()
    )
    if suffix in DECOMPRESSORS and missing:
        raise ShardError(f"a {suffix} shard needs {DECOMPRESSORS[suffix]}")
    return fsspec.open(url, "rb", compression="infer")


def _damaged_stream() -> tuple[type[BaseException], ...]:
    """What a decompressor raises on a damaged or cut-off stream: gzip's and
    bz2's OSError, zlib's and lzma's own errors, EOFError for a stream that
    stops early, and zstd's error."""
    import lzma
    import zlib

    errors: list[type[BaseException]] = [OSError, EOFError, zlib.error, lzma.LZMAError]
    for module in ("compression.zstd", "backports.zstd"):
        found = sys.modules.get(module)
        if found is not None:
            errors.append(found.ZstdError)
    return tuple(errors)


def _lines(url: str) -> Iterator[tuple[int, str]]:
    """Each line of the shard, numbered from 1, without its line break."""
    number = 0
    try:
        with open_shard(url) as stream:
            for number, line in enumerate(stream, 1):
                yield number, line.decode("utf-8", "replace").rstrip("\r\n")
    except ShardError:
        raise
    except _damaged_stream() as error:
        why = str(error) or type(error).__name__
        raise ShardError(
            f"the shard is damaged after line {number}: {why}"
            if number
            else f"cannot read the shard: {why}",
            number,
        ) from None


def records(url: str) -> Iterator[Record]:
    for number, text in _lines(url):
        if text.strip():
            yield to_record(url, number, text)


def read_lines(url: str, wanted: set[int]) -> dict[int, str]:
    """The lines numbered in `wanted`, in one pass that ends at the last."""
    found: dict[int, str] = {}
    last = max(wanted, default=0)
    for number, text in _lines(url):
        if number in wanted:
            found[number] = text
        if number >= last:
            break
    return found


def to_record(url: str, number: int, line: str) -> Record:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return Record(
            url,
            number,
            line,
            None,
            f"not valid JSON: {error.msg} at column {error.colno}",
        )
    except ValueError as error:  # an integer of thousands of digits, say
        return Record(url, number, line, None, f"not read as JSON: {error}")
    except RecursionError:
        return Record(url, number, line, None, _TOO_DEEP)
    if not isinstance(data, dict):
        return Record(
            url,
            number,
            line,
            None,
            f"a record must be a JSON object, not {type(data).__name__}",
        )
    text = data.pop("text", None)
    if not isinstance(text, str):
        return Record(
            url, number, line, None, "a record needs its body as a string `text`"
        )
    wrong = _non_strings(data)
    if wrong:
        return Record(url, number, line, None, wrong)
    seed_id = data.get("id") if isinstance(data.get("id"), str) else None
    raw = f"---\n{dump_fields(data) if data else ''}---\n{text}".encode(
        "utf-8", "surrogatepass"
    )
    return Record(url, number, line, raw, None, seed_id)


_TOO_DEEP = f"a record nests deeper than a header may ({MAX_DEPTH} levels)"


def _non_strings(data: dict) -> str | None:
    """What stops the record from being a header: the first field holding a
    number, a boolean or a null, or nesting deeper than a header may."""
    pending: list[tuple[str, Any, int]] = [
        (str(key), item, 1) for key, item in reversed(data.items())
    ]
    while pending:
        path, value, depth = pending.pop()
        if isinstance(value, str):
            continue
        if not isinstance(value, (dict, list)):
            return f"{path} is {json.dumps(value)}: header values are strings in a seed"
        if depth >= MAX_DEPTH:
            return _TOO_DEEP
        items = (
            [(f"{path}.{key}", item) for key, item in value.items()]
            if isinstance(value, dict)
            else [(f"{path}[{i}]", item) for i, item in enumerate(value)]
        )
        pending += [(p, item, depth + 1) for p, item in reversed(items)]
    return None


def virtual_name(record: Record) -> str:
    """The file name the record stands for, so that file-name rules apply to
    its id."""
    return f"{record.seed_id or 'record-' + str(record.line)}.txt"
