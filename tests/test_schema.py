"""The published JSON Schema and the pydantic model agree on every field, and
`checks schema` prints the contract."""

import json

import jsonschema
import pytest
from conftest import REPO, run_checks
from pydantic import ValidationError

from checks.seed.model import SeedHeader

SCHEMA_PATH = REPO / "schemas" / "seed-header.schema.json"
ANNOTATIONS = {"title", "description", "$schema", "examples"}


def normalise(node, defs):
    """The schema with annotations dropped, $refs inlined and null defaults
    (the model's way of saying 'optional') removed."""
    if isinstance(node, list):
        return [normalise(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return normalise({**target, **rest}, defs)
    result = {}
    for key, value in node.items():
        if key in ANNOTATIONS or key == "$defs" or (key == "default" and value is None):
            continue
        if key == "properties":
            result[key] = {name: normalise(sub, defs) for name, sub in value.items()}
        else:
            result[key] = normalise(value, defs)
    return result


def published():
    return json.loads(SCHEMA_PATH.read_text())


def test_published_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(published())


def test_model_mirrors_the_published_schema_field_by_field():
    generated = SeedHeader.model_json_schema()
    ours = normalise(published(), {})
    theirs = normalise(generated, generated.get("$defs", {}))
    assert set(ours["properties"]) == set(theirs["properties"])
    for name in ours["properties"]:
        assert ours["properties"][name] == theirs["properties"][name], name
    assert ours == theirs


def test_comparison_notices_a_disagreement():
    """The comparison above is not blind: change one pattern and it differs."""
    schema = published()
    schema["properties"]["sha256"]["pattern"] = "^[0-9a-f]{40}$"
    generated = SeedHeader.model_json_schema()
    assert normalise(schema, {}) != normalise(generated, generated["$defs"])


GOOD = {"id": "001_0123456789abcdef", "date": "2024-03-01", "sha256": "a" * 64}
HEADERS = [
    GOOD,
    {**GOOD, "title": "Ferry runs again", "language": "pt-BR"},
    {
        **GOOD,
        "source": {
            "name": "Anholm Courier",
            "url": "https://example.org/x",
            "retrieved": "2024-03-02",
        },
    },
    {**GOOD, "source": {}},
    {**GOOD, "cites": ["Island council"], "pseudonyms": ["Mira", "Jon"]},
    {**GOOD, "accept": [{"code": "HDR014", "reason": "publisher unknown"}]},
    {**GOOD, "accept": [{"code": "ENC005", "text": "Mira", "reason": "checked"}]},
    {k: v for k, v in GOOD.items() if k != "sha256"},
    {k: v for k, v in GOOD.items() if k != "date"},
    {**GOOD, "id": "1_0123456789abcdef"},
    {**GOOD, "id": "001_0123456789ABCDEF"},
    {**GOOD, "date": "2024-3-1"},
    {**GOOD, "date": "２０２４-03-01"},
    {**GOOD, "sha256": "A" * 64},
    {**GOOD, "title": ""},
    {**GOOD, "title": ["a"]},
    {**GOOD, "language": "english!"},
    {**GOOD, "source": "Anholm Courier"},
    {**GOOD, "source": {"publisher": "x"}},
    {**GOOD, "source": {"retrieved": "yesterday"}},
    {**GOOD, "cites": "Island council"},
    {**GOOD, "cites": ["x", "x"]},
    {**GOOD, "pseudonyms": [""]},
    {**GOOD, "pseudonyms": [["Mira"]]},
    {**GOOD, "accept": [{"code": "HDR014"}]},
    {**GOOD, "accept": [{"code": "hdr014", "reason": "r"}]},
    {**GOOD, "accept": [{"code": "HDR014", "reason": "r", "by": "me"}]},
    {**GOOD, "accept": {"code": "HDR014", "reason": "r"}},
    {**GOOD, "extra": "x"},
    ["not", "a", "mapping"],
    "a string",
]


@pytest.mark.parametrize("header", HEADERS, ids=range(len(HEADERS)))
def test_schema_and_model_give_the_same_verdict(header):
    by_schema = jsonschema.Draft202012Validator(published()).is_valid(header)
    try:
        SeedHeader.model_validate(header)
        by_model = True
    except ValidationError:
        by_model = False
    assert by_schema == by_model


def test_verdict_table_has_both_outcomes():
    verdicts = {
        jsonschema.Draft202012Validator(published()).is_valid(h) for h in HEADERS
    }
    assert verdicts == {True, False}


def test_checks_schema_prints_the_published_schema():
    run = run_checks("schema")
    assert run.code == 0
    assert json.loads(run.out) == published()
