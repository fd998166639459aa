"""The fast writer of new records (`files.yamlemit`): whatever the text, the ledger's
strict reader reads back exactly what was written."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from zhenggai.files.yamlemit import dump_record
from zhenggai.files.yamlio import parse_text

# Texts a cell may hold, once its control and direction characters are left out.
_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")), min_size=1
).filter(lambda text: text.strip() == text and text.isprintable())


def _read(text: str) -> object:
    result = parse_text(text, "t.yaml")
    assert result.errors == [], (text, result.errors)
    assert result.document is not None
    return result.document.data


@given(_TEXT, st.lists(_TEXT, min_size=1, max_size=4), _TEXT)
def test_what_is_written_reads_back_the_same(title: str, units: list[str], note: str) -> None:
    record = {
        "id": "TASK-001",
        "title": title,
        "units": units,
        "deadline": date(2021, 6, 30),
        "progress": [{"date": date(2021, 6, 1), "text": note, "by": "整改办"}],
        "imported": {"key": "12", "digest": "0123456789abcdef"},
    }
    assert _read(dump_record(record)) == {
        **record,
        "deadline": "2021-06-30",
        "progress": [{"date": "2021-06-01", "text": note, "by": "整改办"}],
    }


def test_texts_another_type_would_take_are_quoted() -> None:
    for text in ["yes", "No", "null", "12", "3个月内", "2021-06-30", "- a", "a: b", "#x", "[a]"]:
        assert _read(dump_record({"t": text})) == {"t": text}
    assert dump_record({"t": "建立学习制度"}) == "t: 建立学习制度\n"  # plain where it can be
