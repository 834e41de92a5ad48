"""The shipped JSON Schema is generated from the model and agrees with the reader and writer."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO, SAMPLE
from tests.helpers.factory import item, template_dict
from wjself.core.codec import template_from_dict, template_to_dict
from wjself.formats.template_schema import build_schema, schema_text

SCHEMA_FILE = REPO / "resources" / "schema" / "template.schema.json"


def test_shipped_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == schema_text(), (
        "run: python -m wjself.formats.template_schema"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(build_schema())


@pytest.mark.parametrize(
    "path", sorted((REPO / "resources" / "templates").glob("*.json")), ids=lambda p: p.name
)
def test_bundled_templates_match_schema(path: Path) -> None:
    jsonschema.validate(json.loads(path.read_text("utf-8")), build_schema())


def test_writer_output_matches_schema_and_schema_rejects_what_reader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(build_schema())
    t, problems = template_from_dict(json.loads(SAMPLE.read_text("utf-8")))
    assert not problems
    assert not list(validator.iter_errors(template_to_dict(t)))
    bad = template_dict([item("A", kind="photo", surprise=1)])
    assert list(validator.iter_errors(bad))
    assert template_from_dict(bad)[1]
