"""Reading and writing a seed's YAML header.

Reading composes the YAML into nodes (libyaml when present) and builds plain
data from them itself: every scalar stays the string that was written (no
implicit typing: `970_0000000000000000` is not a number, `2022-12-13` is not a
date), and the span of every key and value is kept so that a diagnostic about
`source.url` points at that text in the file.  Anchors and aliases, tags,
non-string keys, duplicate keys and deep nesting are refused, not resolved.
A header in the plain form `checks` itself writes is read line by line
instead, with the same result; any other goes to YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

MAX_HEADER_CHARS = 64 * 1024
MAX_DEPTH = 6
_NOT_UTF8 = re.compile("[\ud800-\udfff]")

_PLAIN_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
)

Path_ = tuple[Any, ...]
Span = tuple[int, int]


@dataclass(frozen=True)
class YamlProblem:
    kind: str  # "syntax", "unsafe" or "duplicate-key"
    start: int
    end: int
    message: str


@dataclass
class LoadedHeader:
    """Plain data (None when the YAML could not be read) with spans relative to
    the header text: `keys[path]` is where a mapping key is written,
    `values[path]` where its value is."""

    data: Any = None
    keys: dict[Path_, Span] = field(default_factory=dict)
    values: dict[Path_, Span] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.span = (
            node.start_mark.index,
            max(node.end_mark.index, node.start_mark.index + 1),
        )
        self.message = message


@cache
def _loader():
    """PyYAML's loader that resolves no types, in C when libyaml is there.
    Imported when a header is read: a run whose seeds are all in the cache
    reads none."""
    try:
        from yaml import CBaseLoader
    except ImportError:  # PyYAML built without libyaml
        from yaml import BaseLoader

        return BaseLoader
    return CBaseLoader


def load_header(text: str) -> LoadedHeader:
    loaded = LoadedHeader()
    if len(text) > MAX_HEADER_CHARS:
        loaded.problems.append(
            YamlProblem(
                "unsafe",
                0,
                0,
                f"header is {len(text)} characters long; the limit is {MAX_HEADER_CHARS}",
            )
        )
        return loaded
    # Bytes that are not UTF-8 (kept as lone surrogates, reported by ENC001)
    # are read as U+FFFD, one character for one, so that spans stay exact.
    text = _NOT_UTF8.sub("\ufffd", text)
    return read_plain_header(text) or compose_header(text)


def compose_header(text: str) -> LoadedHeader:
    """The header as YAML reads it: any YAML, every problem found."""
    import yaml

    loaded = LoadedHeader()
    try:
        root = yaml.compose(text, Loader=_loader())
    except RecursionError:
        # The pure-Python reader (PyYAML without libyaml) nests by recursion.
        loaded.problems.append(
            YamlProblem("unsafe", 0, 0, f"header nests deeper than {MAX_DEPTH} levels")
        )
        return loaded
    except yaml.YAMLError as error:
        loaded.problems.append(_syntax_problem(error, text))
        return loaded
    if root is None:
        loaded.data = {}
        return loaded
    try:
        loaded.data = _build(root, (), loaded, set(), 0)
    except _Refused as refused:
        loaded.data = None
        loaded.problems.append(YamlProblem("unsafe", *refused.span, refused.message))
    return loaded


# A header as `checks` writes it (dump_fields): one `key: value` a line, a
# nested mapping indented by two spaces, a list as `- item` lines, values
# plain or in single quotes, in characters YAML reads as they are.  Such a
# header is read line by line, several times faster than YAML composes it,
# with the same data and spans (tests/test_header.py holds the two readers to
# that); a header with any other line goes to YAML whole.
_ENTRY = re.compile(r"(  )?([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?")
# What YAML does not take as written in a value: control characters, line
# and paragraph separators, surrogates, byte-order marks, non-characters.
_UNWRITTEN = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_QUOTED = re.compile(f"'[^'{_UNWRITTEN}]*'")
# A plain value: nothing YAML reads as an indicator first, no quote or
# comment mark (see _scalar for ": " and the last character).
_PLAIN = re.compile(
    f"[^\\s\\-?:,\\[\\]{{}}#&*!|>'\"%@`{_UNWRITTEN}][^#'\"{_UNWRITTEN}]*"
)


def read_plain_header(text: str) -> LoadedHeader | None:
    """The header, if it is written as `checks` writes one; else None."""
    if not text.endswith("\n"):
        return None
    out = LoadedHeader(data={})
    out.values[()] = (0, len(text))
    key: str | None = None  # a top-level key whose value is a block below it
    block: dict | list | None = None  # that block, once its first line is read
    offset = 0
    for line in text[:-1].split("\n"):
        start, offset = offset, offset + len(line) + 1
        if line.startswith("- "):  # an item of a list
            if key is None or isinstance(block, dict):
                return None
            if block is None:
                block = out.data[key] = []
                out.values[(key,)] = (start, start)
            item = _scalar(line, 2)
            if item is None:
                return None
            out.values[(key, len(block))] = (start + item[1], start + item[2])
            block.append(item[0])
            continue
        entry = _ENTRY.fullmatch(line)
        if entry is None:
            return None
        nested, name, value = entry.groups()
        if nested:  # an entry of a nested mapping
            if key is None or value is None or isinstance(block, list):
                return None
            if block is None:
                block = out.data[key] = {}
                out.values[(key,)] = (start + 2, start + 2)
            path: tuple = (key, name)
            target = block
        else:  # a top-level key: the block above, if any, ends here
            if key is not None and not _close(out, key, block, start):
                return None
            key = block = None
            if value is None:
                if name in out.data:
                    return None
                key = name
                out.keys[(name,)] = (start, start + len(name))
                continue
            path, target = (name,), out.data
        parsed = _scalar(line, len(line) - len(value))
        if name in target or parsed is None:
            return None
        target[name] = parsed[0]
        key_start = start + 2 if nested else start
        out.keys[path] = (key_start, key_start + len(name))
        out.values[path] = (start + parsed[1], start + parsed[2])
    if key is not None and not _close(out, key, block, len(text)):
        return None
    return out


def _scalar(line: str, at: int) -> tuple[str, int, int] | None:
    """The value written from `at` to the line's end, and where it is (its
    quotes included); None unless it is plain or simply quoted."""
    if line.startswith("'", at):
        quoted = _QUOTED.fullmatch(line, at)
        return (line[at + 1 : -1], at, len(line)) if quoted else None
    value = line[at:]
    if _PLAIN.fullmatch(value) and ": " not in value and value[-1] not in " :":
        return value, at, len(line)
    return None


def _close(out: LoadedHeader, key: str, block, end: int) -> bool:
    """End the block under `key` where the next top-level key starts (False
    when nothing was under it)."""
    if block is None:
        return False
    out.values[(key,)] = (out.values[(key,)][0], end)
    return True


def _syntax_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        offset = mark.index
        detail = " ".join(
            filter(
                None, [getattr(error, "context", None), getattr(error, "problem", None)]
            )
        )
    else:  # a reader error: a character YAML does not accept
        offset = getattr(error, "position", 0)
        detail = getattr(error, "reason", None) or str(error).splitlines()[0]
    context_mark = getattr(error, "context_mark", None)
    if offset >= len(text.rstrip()) and context_mark is not None:
        # The parser only noticed at the end of the header: point at what it
        # was still reading (the unclosed bracket or quote), not at the "---".
        offset = context_mark.index
        detail += " before the header ended"
    offset = min(offset, len(text))
    return YamlProblem("syntax", offset, offset, f"YAML syntax error: {detail}")


def _build(
    node: yaml.Node, path: Path_, out: LoadedHeader, seen: set, depth: int
) -> Any:
    if id(node) in seen:
        raise _Refused(
            node,
            "YAML anchors and aliases are not allowed in a header (this value is reused by an alias)",
        )
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Refused(node, f"header nests deeper than {MAX_DEPTH} levels")
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(node, f"YAML tag {node.tag!r} is not allowed in a header")
    out.values[path] = (node.start_mark.index, node.end_mark.index)
    if node.id == "scalar":
        return node.value
    if node.id == "sequence":
        return [
            _build(item, path + (i,), out, seen, depth + 1)
            for i, item in enumerate(node.value)
        ]
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.id != "scalar" or key_node.tag != "tag:yaml.org,2002:str":
            raise _Refused(key_node, "header keys must be plain strings")
        key = key_node.value
        key_span = (key_node.start_mark.index, key_node.end_mark.index)
        if key in mapping:
            out.problems.append(
                YamlProblem(
                    "duplicate-key",
                    *key_span,
                    f"key {key!r} appears twice; the header must say it once",
                )
            )
            continue
        out.keys[path + (key,)] = key_span
        mapping[key] = _build(value_node, path + (key,), out, seen, depth + 1)
    return mapping


def dump_fields(fields: dict[str, Any], newline: str = "\n") -> str:
    """YAML lines for `fields` in the given order, quoting whatever another YAML
    reader would take for something other than a string."""
    text = _plain_block(fields)
    if text is None:
        text = _dump(fields, flow=False)
    return text.replace("\n", newline) if newline != "\n" else text


def flow(value: Any) -> str:
    """`value` as YAML on one line: a scalar, `[a, b]` or `{k: v}`."""
    if _plain(value):
        return value
    text = _dump(value, flow=True).rstrip("\n")
    return text[: -len("\n...")] if text.endswith("\n...") else text


# Words and names that every YAML reader takes for a string as they are
# written: what a header's fields mostly hold (ids, outlets, names).  They
# are written without the emitter, which costs 20 us a call even in C (a
# check run makes the fix that declares a seed's sources for every seed that
# has one to declare); anything else goes through it.
_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*")
# Words that a YAML 1.1 reader takes for a boolean or null, in any case.
_RESERVED = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})


def _plain(value: Any) -> bool:
    return (
        type(value) is str
        and _PLAIN_WORDS.fullmatch(value) is not None
        and value.lower() not in _RESERVED
    )


def _plain_block(fields: dict[str, Any]) -> str | None:
    """`fields` as the emitter writes them in block style, when every key is
    plain and every value a plain string or a non-empty list of them."""
    lines = []
    for key, value in fields.items():
        if not _plain(key):
            return None
        if _plain(value):
            lines.append(f"{key}: {value}\n")
        elif type(value) is list and value and all(map(_plain, value)):
            lines.append(f"{key}:\n" + "".join(f"- {item}\n" for item in value))
        else:
            return None
    return "".join(lines) or None


def _dump(value: Any, flow: bool) -> str:
    import yaml

    return yaml.dump(
        value,
        Dumper=_dumper(),
        default_flow_style=flow,
        sort_keys=False,
        allow_unicode=True,
        width=1 << 16,
    )


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


@cache
def _dumper():
    """PyYAML's safe dumper, in C when libyaml is there (five times faster: a
    shard's every record is written as a header).  PyYAML's own emitter puts
    a NEL (U+0085) in single quotes, where it reads back as a space; a string
    with one, or any line break, is double-quoted, where it is escaped."""
    import yaml

    try:
        base = yaml.CSafeDumper
    except AttributeError:  # PyYAML built without libyaml
        base = yaml.SafeDumper

    class Dumper(base):  # type: ignore[misc, valid-type]
        pass

    def text(dumper, value: str):
        # A line break is written as an escape too: a quoted scalar folded
        # over lines reads back only at the indentation it was written at.
        style = '"' if _BREAKS.search(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper
