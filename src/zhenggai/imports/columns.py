"""Finding a sheet's header row and what each column holds, by the names offices give
their columns (and the names `zhenggai export` writes), or as `--map` says."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhenggai.imports.values import CellError
from zhenggai.messages import text as said
from zhenggai.sheets.grid import Value, column_letters

#: Each field, and the column names that mean it (Chinese first, then English).
FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "No.", "No"),
    "id": ("编号", "任务编号", "ID"),
    "section": ("方面", "Section"),
    "problem": ("反馈问题", "问题", "存在问题", "巡视反馈问题", "反馈意见", "Problem"),
    "symptom": ("具体表现", "问题表现", "主要表现", "Symptom"),
    "measure": ("整改措施", "整改举措", "整改任务", "具体措施", "Measure"),
    "leader": ("责任领导", "牵头领导", "分管领导", "Leader", "Lead"),
    "units": ("牵头单位", "责任单位", "牵头部门", "责任部门", "Lead unit", "Units"),
    "cooperating": ("配合单位", "协办单位", "配合部门", "Cooperating units"),
    "owner": ("责任人", "具体责任人", "Owner"),
    "deadline": ("完成时限", "整改时限", "完成时间", "整改期限", "Deadline"),
    "progress": ("整改进展", "进展情况", "整改进展情况", "工作进展", "Progress"),
    "state": ("完成情况", "整改状态", "整改情况", "State", "Status"),
    "evidence": ("佐证材料", "证明材料", "Evidence"),
    "remarks": ("备注", "Remarks"),
}
_BY_NAME = {_key: field for field, names in FIELDS.items() for _key in (n.lower() for n in names)}
_HEADER_ROWS = 20  # the header is looked for in the first rows only
_NOISE = re.compile(r"[\s:：*＊]|[（(].*?[)）]")


@dataclass(frozen=True)
class Header:
    row: int  # 0-based
    columns: dict[int, str]  # column → field
    unknown: dict[int, str]  # column → its header text, recognised as nothing


def field_of(name: str) -> str | None:
    """The field a header names: ``完成时限（年月日）`` → deadline."""
    plain = _NOISE.sub("", name).lower()
    if not plain:
        return None
    if plain in _BY_NAME:
        return _BY_NAME[plain]
    for known, field in sorted(_BY_NAME.items(), key=lambda item: -len(item[0])):
        if plain.startswith(known) and len(known) >= 2:
            return field
    return None


def parse_map(entries: list[str]) -> dict[str, str]:
    """``--map '落实举措=measure'`` or ``--map 'I=deadline'``: header text or column letter."""
    mapping = {}
    for entry in entries:
        name, sep, field = entry.partition("=")
        if not sep or not name.strip() or field.strip() not in FIELDS:
            raise CellError(
                said(
                    "--map {entry}: write COLUMN=field, with a field of: {fields}",
                    entry=repr(entry),
                    fields=", ".join(FIELDS),
                )
            )
        mapping[name.strip()] = field.strip()
    return mapping


def find_header(rows: list[list[Value]], mapping: dict[str, str]) -> Header | None:
    """The first row (of the first 20) that names a measure column and two more fields."""
    for index, row in enumerate(rows[:_HEADER_ROWS]):
        columns: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for col, value in enumerate(row):
            text = str(value).strip() if value != "" else ""
            if not text:
                continue
            field = mapping.get(text) or mapping.get(column_letters(col)) or field_of(text)
            if field is None or field in columns.values():
                unknown[col] = text
            else:
                columns[col] = field
        if "measure" in columns.values() and len(columns) >= 3:
            return Header(index, columns, unknown)
    return None
