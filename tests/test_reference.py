"""The settings reference is written from the models, and kept so."""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLE_LEDGER, REPO
from zhenggai.messages import Language
from zhenggai.records.reference import DOCS, examples_from, settings_reference
from zhenggai.records.schema import SCHEMAS, json_schema


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reference_in_docs_is_the_models(language: Language) -> None:
    written = (REPO / DOCS[language]).read_text(encoding="utf-8")
    assert written == settings_reference(language, examples_from(EXAMPLE_LEDGER)), (
        "regenerate it: python -m zhenggai.records.reference"
    )


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_key_is_explained(kind: str, language: Language) -> None:
    schema = json_schema(kind, language)
    records = [("", schema), *schema.get("definitions", {}).items()]
    unexplained = [
        f"{name}.{key}"
        for name, record in records
        for key, prop in record.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert unexplained == []


def test_every_key_is_in_the_reference() -> None:
    text = settings_reference("en")
    for kind in SCHEMAS:
        schema = json_schema(kind, "en")
        for record in [schema, *schema.get("definitions", {}).values()]:
            for key in record.get("properties", {}):
                assert f"| `{key}` |" in text
