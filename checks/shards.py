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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def open_shard(url: str):
    import fsspec

    return fsspec.open(url, "rb", compression="infer")


def _lines(url: str) -> Iterator[tuple[int, str]]:
    """Each line of the shard, numbered from 1, without its line break."""
    with open_shard(url) as stream:
        for number, line in enumerate(stream, 1):
            yield number, line.decode("utf-8", "replace").rstrip("\r\n")


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
    except ValueError as error:
        return Record(
            url,
            number,
            line,
            None,
            f"not valid JSON: {error.msg} at column {error.colno}",
        )
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
        return Record(
            url, number, line, None, f"{wrong}: header values are strings in a seed"
        )
    seed_id = data.get("id") if isinstance(data.get("id"), str) else None
    from checks.header import dump_fields

    raw = f"---\n{dump_fields(data) if data else ''}---\n{text}".encode(
        "utf-8", "surrogatepass"
    )
    return Record(url, number, line, raw, None, seed_id)


def _non_strings(value: Any, path: str = "") -> str | None:
    """The first field holding a number, a boolean or a null, if any."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_strings(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
        return None
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _non_strings(item, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if isinstance(value, str) else f"{path} is {json.dumps(value)}"


def virtual_name(record: Record) -> str:
    """The file name the record stands for, so that file-name rules apply to
    its id."""
    return f"{record.seed_id or 'record-' + str(record.line)}.txt"
