"""Strict YAML reading with positions: one reader for every ledger file.

Values are built from libyaml's parse events rather than PyYAML's constructor,
so that nothing the YAML 1.1 type rules would do happens behind the user's
back: every scalar stays the text that was typed (``no`` and ``042`` stay
strings) and the models decide what a value means. Anchors, aliases, tags,
merge keys, duplicate keys and non-text keys are refused, which also makes
alias bombs impossible: no value is ever expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zhenggai.files.decoding import decode, text_position
from zhenggai.files.document import NULLS, Document, Loc, Positions, ReadError, ReadResult
from zhenggai.files.yaml12 import Refused, strict_flow, strict_scalar
from zhenggai.files.yamllines import read_plain
from zhenggai.findings import Position
from zhenggai.messages import Text
from zhenggai.messages import text as said

#: Files larger than this are refused before parsing (a task file is ~2 KiB).
MAX_FILE_BYTES = 1024 * 1024
#: Deeper nesting than this is refused; the ledger format needs about five levels.
MAX_DEPTH = 32

_STR_TAG = "tag:yaml.org,2002:str"
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)
_Parser: type[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def find_positions(path: Path, text: str | None) -> Positions:
    """Where every key and list item of a file stands; the file is read if no text is given."""
    if text is None:
        try:
            decoded = decode(path.read_bytes())
        except OSError:
            return {}
        if isinstance(decoded, ReadError):
            return {}
        text = decoded
    plain = read_plain(text)
    if plain is not None:
        return plain[1]
    try:
        return _build(text, record_positions=True).positions
    except (Refused, yaml.YAMLError):
        return {}  # the file changed since it was read; the parse check will say so


@dataclass(slots=True)
class _Frame:
    """An open mapping or list while events are being read."""

    container: dict[str, Any] | list[Any]
    path: Loc
    pending_key: str | None = None  # a mapping's key whose value comes next
    key_marks: dict[str, int] = field(default_factory=dict)  # each key's line
    is_list: bool = False
    # The indentation of the block collection this one is, or (a flow one) sits in.
    indent: int = -1
    flow_start: Any = None  # a flow collection's start mark


@dataclass
class _Built:
    value: Any
    positions: Positions


def read_file(path: Path, *, positions: bool = False) -> ReadResult:
    """Read one ledger file; never raises for anything the file contains.

    With ``positions``, the document knows where every key stands at once
    (a tenth more work), instead of parsing again when first asked.
    """
    raw = read_raw(path)
    if isinstance(raw, ReadResult):
        return raw
    return parse_bytes(raw, path, positions=positions)


def read_raw(path: Path | str) -> bytes | ReadResult:
    """A ledger file's bytes, or the failure to read them (too large, unreadable)."""
    from zhenggai.files.within import NotWithin, open_regular, read_within_limit

    try:
        # Never through a link (it could lead out of the ledger), never a FIFO or device.
        raw = read_within_limit(open_regular(str(path)), MAX_FILE_BYTES)
    except NotWithin as err:
        return _fail(
            said("cannot read file: it {why}", why=err.strerror),
            said(
                "a ledger file is a regular file inside the ledger; "
                "put the file itself here, not a link to it"
            ),
        )
    except OSError as err:
        return _fail(said("cannot read file: {why}", why=err.strerror or err))
    if len(raw) > MAX_FILE_BYTES:
        return _fail(
            said("file is larger than {kib} KiB", kib=MAX_FILE_BYTES // 1024),
            said("a ledger file holds one task; keep attachments under evidence/"),
        )
    return raw


def parse_bytes(raw: bytes, path: Path | str, *, positions: bool = False) -> ReadResult:
    """Decode and parse a file's bytes (see `read_file`)."""
    text_or_error = decode(raw)
    if isinstance(text_or_error, ReadError):
        return ReadResult(None, [text_or_error])
    return parse_text(text_or_error, path, positions=positions)


def parse_text(text: str, path: Path | str, *, positions: bool = False) -> ReadResult:
    """Parse decoded text into a document of plain values."""
    markers = [
        ReadError.of(
            said("git conflict marker: the file was not merged"),
            Position(text.count("\n", 0, m.start()) + 1, 1),
            said("resolve the merge conflict and remove the <<<<<<< ======= >>>>>>> lines"),
        )
        for m in _CONFLICT_MARKER.finditer(text)
    ]
    if markers:
        return ReadResult(None, markers)
    plain = read_plain(text)  # most files: read line by line, without libyaml's events
    if plain is not None:
        value, found = plain
        document = Document(path, text, value, found if positions else None)
        document.finder = find_positions
        return ReadResult(document, [])
    try:
        built = _build(text, record_positions=positions)
    except Refused as refused:
        return ReadResult(None, [refused.error])
    except yaml.MarkedYAMLError as err:
        return ReadResult(None, [_syntax_error(err, text)])
    except yaml.reader.ReaderError as err:
        return ReadResult(None, [_reader_error(err, text)])
    except yaml.YAMLError as err:  # pragma: no cover - libyaml raises the two above
        return ReadResult(
            None, [ReadError.of(said("YAML error: {error}", error=err), Position(1, 1))]
        )
    if built.value is None:
        return _fail(
            said("file is empty"), said("a ledger file is a mapping of keys, such as `id: ...`")
        )
    if not isinstance(built.value, dict):
        mismatch = (
            said("expected a mapping of keys at the top level, found a list")
            if isinstance(built.value, list)
            else said("expected a mapping of keys at the top level, found a single value")
        )
        return _fail(mismatch, said("write the file as `key: value` lines"))
    recorded = built.positions if positions else None
    document = Document(path, text, built.value, recorded)
    document.finder = find_positions
    return ReadResult(document, [])


def _fail(message: Text, hint: Text | None = None) -> ReadResult:
    return ReadResult(None, [ReadError.of(message, Position(1, 1), hint)])


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _syntax_error(err: yaml.MarkedYAMLError, text: str) -> ReadError:
    mark = err.problem_mark or err.context_mark
    position = _position(mark) if mark is not None else Position(1, 1)
    # libyaml's own words for the problem stay as it says them (in English).
    problem = err.problem or "invalid YAML"
    message = (
        said("YAML syntax error: {problem} ({context})", problem=problem, context=err.context)
        if err.context
        else said("YAML syntax error: {problem}", problem=problem)
    )
    hint = None
    if _char_at(text, position) == "\t":
        message = said("YAML syntax error: a tab character where YAML needs spaces")
        hint = said("indent with spaces, not tabs")
    elif "mapping values are not allowed" in problem:
        hint = said("a value containing ': ' must be quoted")
    return ReadError.of(message, position, hint)


def _char_at(text: str, position: Position) -> str | None:
    lines = text.splitlines()
    if position.line > len(lines):
        return None
    line = lines[position.line - 1]
    return line[position.column - 1] if position.column <= len(line) else None


def _reader_error(err: yaml.reader.ReaderError, text: str) -> ReadError:
    # libyaml reports a byte offset into the UTF-8 encoding of the text.
    prefix = text.encode("utf-8")[: err.position].decode("utf-8", "replace")
    char = err.character
    shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return ReadError.of(
        said("control character {char} is not allowed in YAML", char=shown),
        text_position(prefix, len(prefix)),
        said("remove the invisible character (often pasted from Word or a web page)"),
    )


_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_CollectionEnd = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _build(text: str, *, record_positions: bool) -> _Built:
    """Turn parse events into dicts, lists, strings and None.

    An explicit stack rather than recursion, so deep nesting cannot overflow.
    This loop runs once per scalar of every file in the ledger: the common
    case (a plain scalar without anchor or tag) takes the shortest path.
    """
    parser = _Parser(text)
    get_event = parser.get_event
    positions: Positions = {}
    record = positions if record_positions else None
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            value: Any
            if kind is _ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_or_tag(event)
                if event.style:  # quoted or block: where libyaml is laxer than YAML 1.2
                    frame = stack[-1] if stack else None
                    strict_scalar(
                        text,
                        event,
                        frame.indent if frame is not None else -1,
                        frame is not None and frame.flow_start is not None,
                    )
                value = _scalar(event)
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                if frame.is_list:
                    if record is not None:
                        mark = event.start_mark
                        record[(*frame.path, len(frame.container))] = (
                            mark.line + 1,
                            mark.column + 1,
                        )
                    frame.container.append(value)  # type: ignore[union-attr]
                elif frame.pending_key is not None:
                    frame.container[frame.pending_key] = value  # type: ignore[call-overload]
                    frame.pending_key = None
                else:
                    _add_key(frame, value, event, record)
                continue
            if kind is _MappingStart or kind is _SequenceStart:
                _refuse_anchor_or_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise Refused(
                        said("nesting deeper than {depth} levels", depth=MAX_DEPTH),
                        event.start_mark,
                        said("the ledger format needs only a few levels"),
                    )
                path: Loc = ()
                if stack:
                    path = _child_path(stack[-1], event, record)
                is_list = kind is _SequenceStart
                frame = _Frame([] if is_list else {}, path, is_list=is_list)
                if event.flow_style:
                    frame.indent = stack[-1].indent if stack else -1
                    frame.flow_start = event.start_mark
                else:
                    frame.indent = event.start_mark.column
                stack.append(frame)
                continue
            if isinstance(event, _CollectionEnd):
                ended = stack.pop()
                if ended.flow_start is not None and not (stack and stack[-1].flow_start):
                    strict_flow(text, ended.flow_start, event.end_mark, ended.indent)
                value = ended.container
                if not stack:
                    root = value
                    continue
                frame = stack[-1]
                if frame.is_list:
                    frame.container.append(value)  # type: ignore[union-attr]
                else:
                    frame.container[frame.pending_key] = value  # type: ignore[call-overload,index]
                    frame.pending_key = None
                continue
            if isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Refused(
                        said("a ledger file holds one YAML document, found a second `---`"),
                        event.start_mark,
                        said("split the documents into separate files"),
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise Refused(
                    said("aliases (*{name}) are not allowed", name=event.anchor),
                    event.start_mark,
                    said("write the value out in full"),
                )
            # StreamStart, DocumentEnd: nothing to build.
    finally:
        parser.dispose()
    return _Built(root, positions)


def _refuse_anchor_or_tag(event: Any) -> None:
    if event.anchor is not None:
        raise Refused(
            said("anchors (&{name}) are not allowed", name=event.anchor),
            event.start_mark,
            said("write each value out in full; anchors hide what a task says"),
        )
    tag = event.tag
    if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == _STR_TAG):
        raise Refused(
            said("tags ({tag}) are not allowed", tag=tag),
            event.start_mark,
            said("remove the tag; quote the value if it must stay text"),
        )


def _scalar(event: Any) -> str | None:
    # The C parser gives plain scalars the style '' and the Python one None.
    if not event.style and event.value in NULLS and event.tag is None:
        return None
    return str(event.value)


def _child_path(frame: _Frame, event: Any, record: Positions | None) -> Loc:
    """The path of a collection that is about to be added to ``frame``."""
    if frame.is_list:
        child: Loc = (*frame.path, len(frame.container))
        if record is not None:
            mark = event.start_mark
            record[child] = (mark.line + 1, mark.column + 1)
        return child
    if frame.pending_key is None:
        # A collection where a key belongs: keys must be plain text.
        raise Refused(
            said("a key must be text, not a list or mapping"),
            event.start_mark,
            said("write keys as `name: value`"),
        )
    return (*frame.path, frame.pending_key)


def _add_key(frame: _Frame, key: str | None, event: Any, record: Positions | None) -> None:
    mark = event.start_mark
    if key is None:
        raise Refused(said("empty key"), mark, said("every entry needs a name before the colon"))
    if key == "<<" and not event.style:
        raise Refused(
            said("merge keys (<<) are not allowed"), mark, said("write the keys out in full")
        )
    first = frame.key_marks.get(key)
    if first is not None:
        raise Refused(
            said("duplicate key '{key}' (first at line {line})", key=key, line=first),
            mark,
            said("remove one of the two entries"),
        )
    frame.key_marks[key] = mark.line + 1
    if record is not None:
        record[(*frame.path, key)] = (mark.line + 1, mark.column + 1)
    frame.pending_key = key
