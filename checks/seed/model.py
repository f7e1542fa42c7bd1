"""The pydantic mirror of schemas/seed-header.schema.json.

The JSON Schema is the published contract; this model is its fast, typed twin,
used to validate every header.  tests/test_schema.py fails when the two disagree
on any field.  Optional fields default to None without admitting None as a
value: a header never holds a null, every scalar is read as a string.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from checks.seed.formats import DATE_PATTERN, ID_PATTERN, SHA256_PATTERN


def _distinct(items: list[str]) -> list[str]:
    if len(set(items)) != len(items):
        raise ValueError("items must be distinct")
    return items


NonEmpty = Annotated[str, Field(min_length=1)]
DistinctNames = Annotated[
    list[NonEmpty],
    AfterValidator(_distinct),
    Field(json_schema_extra={"uniqueItems": True}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    name: NonEmpty = None  # type: ignore[assignment]
    url: NonEmpty = None  # type: ignore[assignment]
    retrieved: Annotated[str, Field(pattern=DATE_PATTERN)] = None  # type: ignore[assignment]


class Accept(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]{3}[0-9]{3}$")]
    text: NonEmpty = None  # type: ignore[assignment]
    reason: NonEmpty


class Revision(_Strict):
    date: Annotated[str, Field(pattern=DATE_PATTERN)]
    replaces: Annotated[str, Field(pattern=SHA256_PATTERN)]
    reason: NonEmpty


class SeedHeader(_Strict):
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    date: Annotated[str, Field(pattern=DATE_PATTERN)]
    title: NonEmpty = None  # type: ignore[assignment]
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")] = (
        "en"
    )
    source: Source = None  # type: ignore[assignment]
    cites: DistinctNames = None  # type: ignore[assignment]
    pseudonyms: DistinctNames = None  # type: ignore[assignment]
    sha256: Annotated[str, Field(pattern=SHA256_PATTERN)]
    revisions: list[Revision] = None  # type: ignore[assignment]
    accept: list[Accept] = None  # type: ignore[assignment]
