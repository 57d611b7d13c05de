"""The JSON Schemas are the single source of the formats: complete, documented, strict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from lofte_cli.data.schema import KINDS, load_schema, validator
from tests.helpers import REPO


def objects(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object-typed subschema with its place."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield path, schema
        for key, value in schema.items():
            yield from objects(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from objects(value, f"{path}/{i}")


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind):
    schema = load_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{kind}.schema.json")
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_title_and_description(kind):
    for where, obj in objects(load_schema(kind)):
        for name, prop in obj.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{where}/{name}"


@pytest.mark.parametrize("kind", KINDS)
def test_objects_refuse_unknown_keys(kind):
    for where, obj in objects(load_schema(kind)):
        assert "additionalProperties" in obj, where
        if "properties" in obj:
            assert obj["additionalProperties"] is False, where


def test_the_checkout_schemas_are_the_ones_used():
    for kind in KINDS:
        on_disk = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert load_schema(kind) == on_disk


ACTIVITY = {
    "id": "a",
    "date": "2023-02-28",
    "by": "x",
    "commitments": "c",
    "title": "t",
    "description": "d",
}
PLEDGE = {
    "id": "p",
    "title": "t",
    "period": {"start": "2023-01-01"},
    "parties": {"a": {"name": "A"}},
    "commitments": [{"id": "c", "by": "a", "text": "x", "expect": {"count": 1, "per": "tertial"}}],
}


@pytest.mark.parametrize(
    ("kind", "instance", "valid"),
    [
        ("activity", ACTIVITY, True),
        ("activity", {**ACTIVITY, "date": "2023-02-30"}, False),
        ("activity", {**ACTIVITY, "date": "14 mars 2023"}, False),
        ("activity", {**ACTIVITY, "links": [{"url": "javascript:alert(1)"}]}, False),
        ("activity", {**ACTIVITY, "links": [{"url": "https://polisen.se/", "title": "P"}]}, True),
        ("activity", {**ACTIVITY, "links": ["http://x y"]}, False),
        ("activity", {**ACTIVITY, "participants": 2.5}, False),
        ("followup", {"date": "2023-12-01"}, False),
        (
            "followup",
            {"date": "2023-12-01", "period": 2023, "indicators": {"i": {"value": 1}}},
            True,
        ),
        ("followup", {"date": "2023-12-01", "assessments": {"c": "ongoing"}}, True),
        ("followup", {"date": "2023-12-01", "assessments": {"c": {"status": "klar"}}}, False),
        ("pledge", PLEDGE, True),
        ("pledge", {**PLEDGE, "period": {"start": "2023-01-01", "end": "2023-13-01"}}, False),
        ("pledge", {**PLEDGE, "parties": {"a": {"name": "A", "kind": "kommun"}}}, False),
    ],
)
def test_formats_are_checked(kind, instance, valid):
    assert validator(kind).is_valid(instance) is valid
    # the same answer from a validator built here, with jsonschema's own format checker
    fresh = Draft202012Validator(load_schema(kind), format_checker=FormatChecker())
    assert fresh.is_valid(instance) is valid
