"""The settings reference: every key of every ledger file, with its type, its default
and what it means, in Chinese or English, written from the same JSON Schema editors
use (so it cannot drift from the models: a test regenerates `docs/settings.md`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from zhenggai.labels import Words
from zhenggai.messages import Language
from zhenggai.records.schema import json_schema

_FILES: dict[str, str] = {
    "settings": "zhenggai.yaml",
    "problems": "problems.yaml",
    "task": "tasks/<ID>.yaml",
    "holidays": "holidays.yaml",
}
_WORDS = Words(
    "reference",
    {
        "title": "Settings reference",
        "intro": (
            "Every key of every ledger file: its type, its default and what it means. Written "
            "from the models, as the JSON Schema `zhenggai schema` gives editors; a test holds "
            "the two together."
        ),
        "key": "key",
        "type": "type",
        "default": "default",
        "meaning": "meaning",
        "required": "required",
        "text": "text",
        "date": "date YYYY-MM-DD",
        "integer": "whole number",
        "number": "number",
        "boolean": "true / false",
        "list": "list of ",
        "mapping": "mapping to ",
        "one_of": "one of ",
        "example": "Example (from the example ledger)",
    },
)


def settings_reference(language: Language, examples: Mapping[str, str] | None = None) -> str:
    """The reference as Markdown; ``examples`` maps a kind of file to a YAML excerpt."""
    say = _WORDS.in_language(language)
    lines = [f"# {say['title']}", "", say["intro"], ""]
    for kind in _FILES:
        schema = json_schema(kind, language)
        definitions = schema.get("definitions", {})
        lines += [f"## `{_FILES[kind]}`", "", schema.get("description", ""), ""]
        records = [(kind, schema), *schema.get("definitions", {}).items()]
        for name, record in records:
            if "properties" not in record:
                continue  # an enumeration: its words are listed where it is used
            if name != kind:
                lines += [f"### {name}", "", record.get("description", ""), ""]
            lines += _table(record, say, definitions)
        if examples and kind in examples:
            lines += [f"**{say['example']}**", "", "```yaml", examples[kind].rstrip(), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def _table(record: dict[str, Any], say: dict[str, str], definitions: dict[str, Any]) -> list[str]:
    required = set(record.get("required", []))
    rows = [
        f"| {say['key']} | {say['type']} | {say['default']} | {say['meaning']} |",
        "| --- | --- | --- | --- |",
    ]
    for key, prop in record["properties"].items():
        default = say["required"] if key in required else _default(prop)
        meaning = prop.get("description", "")
        rows.append(f"| `{key}` | {_type(prop, say, definitions)} | {default} | {meaning} |")
    return [*rows, ""]


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop or prop["default"] is None:
        return "—"
    return f"`{json.dumps(prop['default'], ensure_ascii=False)}`"


def _type(prop: dict[str, Any], say: dict[str, str], definitions: dict[str, Any]) -> str:
    choices = [part for part in prop.get("anyOf", []) if part.get("type") != "null"]
    if choices:
        return " / ".join(_type(part, say, definitions) for part in choices)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        if "enum" in definitions.get(name, {}):  # an enumeration: its words, in place
            return _type(definitions[name], say, definitions)
        return f"[{name}](#{name.lower()})"
    if "enum" in prop:
        return say["one_of"] + ", ".join(f"`{word}`" for word in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return say["list"] + _type(prop.get("items", {}), say, definitions)
    if kind == "object":
        return say["mapping"] + _type(prop.get("additionalProperties", {}), say, definitions)
    if kind == "string":
        return say["date"] if prop.get("format") == "date" else say["text"]
    return say.get(str(kind), str(kind))


#: What of the example ledger each file's example shows: its file, and how many lines.
_EXAMPLES = {
    "settings": ("zhenggai.yaml", 40),
    "problems": ("problems.yaml", 16),
    "task": ("tasks/TASK-004.yaml", 60),
    "holidays": ("holidays.yaml", 14),
}


def examples_from(root: Path) -> dict[str, str]:
    """The opening lines of each kind of file in the ledger at ``root`` (where it has one)."""
    found = {}
    for kind, (name, count) in _EXAMPLES.items():
        path = root / name
        if path.is_file():
            found[kind] = "\n".join(path.read_text(encoding="utf-8").splitlines()[:count])
    return found


#: Where the reference is kept, by language.
DOCS = {"en": Path("docs/settings.md"), "zh": Path("docs/zh/设置参考.md")}

if __name__ == "__main__":  # python -m zhenggai.records.reference: writes DOCS from ledger/
    repository = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for language, relative in DOCS.items():
        target = repository / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = settings_reference(language, examples_from(repository / "ledger"))  # type: ignore[arg-type]
        target.write_text(text, encoding="utf-8")
