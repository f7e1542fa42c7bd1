"""Validating a header against the published schema.

schemas/seed-header.schema.json is the contract.  Every header is validated by
its pydantic twin (checks.seed.model), which costs about two microseconds; only a
header that fails is handed to the JSON Schema validator, whose errors are
about the contract itself and carry the path of the offending field, which
the caller maps back to the YAML text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from checks.seed.formats import DATE_PATTERN, ID_PATTERN, SHA256_PATTERN

SCHEMA_FILE = "seed-header.schema.json"

_PATTERN_MEANING = {
    DATE_PATTERN: "a date written YYYY-MM-DD",
    ID_PATTERN: "NNN_ followed by 16 lowercase hex digits, as in 001_0123456789abcdef",
    SHA256_PATTERN: "64 lowercase hex digits",
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$": "a BCP 47 language tag such as en or pt-BR",
    "^[A-Z]{3}[0-9]{3}$": "a rule code such as HDR001",
}


@dataclass(frozen=True)
class SchemaProblem:
    kind: str  # "unknown", "missing" or "invalid"
    path: tuple[
        Any, ...
    ]  # the field concerned (for "missing", the field that is absent)
    message: str


def schema_text() -> str:
    return (
        resources.files("checks.seed").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    )


@cache
def published_schema() -> dict:
    return json.loads(schema_text())


@cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(published_schema())


def validate(data: Any):
    from pydantic import ValidationError

    from checks.seed.model import SeedHeader

    try:
        return SeedHeader.model_validate(data), []
    except ValidationError as error:
        problems = list(explain(data))
        if not problems:  # the twins disagree; the model's word still stands
            problems = [
                SchemaProblem(
                    "invalid",
                    tuple(e["loc"]),
                    f"{field_name(tuple(e['loc']))}: {e['msg']}",
                )
                for e in error.errors()
            ]
        return None, problems


def field_name(path: tuple[Any, ...]) -> str:
    name = ""
    for part in path:
        name += (
            f"[{part}]"
            if isinstance(part, int)
            else (f".{part}" if name else str(part))
        )
    return name or "header"


def explain(data: Any) -> Iterator[SchemaProblem]:
    """The schema violations of `data`, one problem per offending field."""
    seen = set()
    for problem in _problems(data):
        if (problem.kind, problem.path) not in seen:
            seen.add((problem.kind, problem.path))
            yield problem


def _problems(data: Any) -> Iterator[SchemaProblem]:
    # jsonschema reports a `required` (or `additionalProperties`) error once per
    # offending key, each naming the whole list: explain() keeps one per field.
    for error in sorted(
        _validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    ):
        path = tuple(error.absolute_path)
        instance, kind, value = error.instance, error.validator, error.validator_value
        if kind == "additionalProperties":
            known = error.schema.get("properties", {})
            for key in instance:
                if key not in known:
                    allowed = ", ".join(known)
                    yield SchemaProblem(
                        "unknown",
                        path + (key,),
                        f"unknown field {field_name(path + (key,))!r}; {field_name(path)} allows {allowed}",
                    )
        elif kind == "required":
            for key in value:
                if key not in instance:
                    yield SchemaProblem(
                        "missing",
                        path + (key,),
                        f"{field_name(path)} has no {key!r}, which is required",
                    )
        else:
            yield SchemaProblem(
                "invalid",
                path,
                _invalid_message(field_name(path), kind, value, instance),
            )


def _invalid_message(name: str, kind: str, value: Any, instance: Any) -> str:
    if kind == "type":
        wanted = {
            "object": "a mapping",
            "array": "a list",
            "string": "a single value",
        }.get(value, value)
        return f"{name} must be {wanted}, not {_describe(instance)}"
    if kind == "pattern":
        meaning = _PATTERN_MEANING.get(value, f"the pattern {value}")
        return f"{name} {instance!r} is not {meaning}"
    if kind == "minLength":
        return f"{name} is empty"
    if kind == "uniqueItems":
        seen: set = set()
        twice = next(
            (item for item in instance if item in seen or seen.add(item)), None
        )
        return f"{name} lists {twice!r} more than once"
    return f"{name}: {kind} {value!r} not met by {instance!r}"


def _describe(instance: Any) -> str:
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    return f"the value {instance!r}"


def problems_of_kind(
    problems: list[SchemaProblem], kind: str
) -> Iterator[SchemaProblem]:
    return (p for p in problems if p.kind == kind)
