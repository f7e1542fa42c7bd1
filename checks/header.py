"""Reading and writing a seed's YAML header.

Reading composes the YAML into nodes (libyaml when present) and builds plain
data from them itself: every scalar stays the string that was written (no
implicit typing: `970_0000000000000000` is not a number, `2022-12-13` is not a
date), and the span of every key and value is kept so that a diagnostic about
`source.url` points at that text in the file.  Anchors and aliases, tags,
non-string keys, duplicate keys and deep nesting are refused, not resolved.
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
    import yaml

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
    import yaml

    text = yaml.safe_dump(
        fields,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 16,
    )
    return text.replace("\n", newline) if newline != "\n" else text
