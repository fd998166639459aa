"""A parse cache like git's index: validated tasks and evidence hashes, keyed by file stat.

An entry is used only while its file's size, mtime (ns) and inode are what
they were when it was read; anything else is read again. Like git's "racily
clean" rule, an entry whose file was modified within two seconds before the
cache was written is not trusted (a same-size edit in the same timestamp tick
would look unchanged), and is read again next time.

The file is marshal data of plain values (no pickle: a cache committed to a
repository by someone else must never run code), under a header of the
zhenggai version, the models' source and the Python version; a corrupt or
foreign cache is ignored and rebuilt. It lives in ``.zhenggai-cache/`` under
the ledger, with a ``.gitignore`` of its own.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import hashlib
import marshal
import os
import sys
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from zhenggai import __version__
from zhenggai.atomic import write_atomic
from zhenggai.model import Task
from zhenggai.yamlio import Loc, Position

CACHE_DIR = ".zhenggai-cache"
CACHE_FILE = "ledger-v1.marshal"
RACY_NS = 2_000_000_000  # FAT and some network file systems keep 2-second mtimes

Stat = tuple[int, int, int]  # size, mtime_ns, inode


def stat_key(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass
class LedgerCache:
    """What the last run read, and what this run adds; saved when anything changed."""

    root: Path
    tasks: dict[str, tuple[Stat, Any]] = field(default_factory=dict)
    hashes: dict[str, tuple[Stat, str]] = field(default_factory=dict)
    # Positions worked out for files that had findings: the same findings come back
    # every run until the file changes, and re-parsing for them costs ~1 ms a file.
    positions: dict[str, tuple[Stat, dict[Loc, tuple[int, int]]]] = field(default_factory=dict)
    written_ns: int = 0
    dirty: bool = False

    def task(self, rel: str, stat: Stat) -> Task | None:
        entry = self.tasks.get(rel)
        if entry is None or entry[0] != stat or stat[1] >= self.written_ns - RACY_NS:
            return None
        try:
            return _decode_model(Task, entry[1])
        except (TypeError, ValueError, IndexError, KeyError):
            return None

    def positions_of(self, rel: str, stat: Stat) -> dict[Loc, tuple[int, int]] | None:
        entry = self.positions.get(rel)
        if entry is None or entry[0] != stat or stat[1] >= self.written_ns - RACY_NS:
            return None
        return entry[1]

    def store_positions(self, rel: str, stat: Stat, positions: dict[Loc, Position]) -> None:
        self.positions[rel] = (stat, {loc: (p.line, p.column) for loc, p in positions.items()})
        self.dirty = True

    def store_task(self, rel: str, stat: Stat, task: Task) -> None:
        self.tasks[rel] = (stat, _encode_model(task))
        self.dirty = True

    def sha256(self, path: Path, rel: str, info: os.stat_result) -> str:
        """The file's sha256, from the cache while its stat is unchanged."""
        from zhenggai.evidence import sha256_of

        stat = stat_key(info)
        entry = self.hashes.get(rel)
        if entry is not None and entry[0] == stat and stat[1] < self.written_ns - RACY_NS:
            return entry[1]
        digest = sha256_of(path)
        self.hashes[rel] = (stat, digest)
        self.dirty = True
        return digest

    def forget_missing(self, present: set[str]) -> None:
        gone = [rel for rel in self.tasks if rel not in present]
        for rel in gone:
            del self.tasks[rel]
            self.positions.pop(rel, None)
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        """Write the cache atomically; a ledger on a read-only disk simply goes uncached."""
        if not self.dirty:
            return
        folder = self.root / CACHE_DIR
        try:
            folder.mkdir(exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                write_atomic(ignore, b"# zhenggai's parse cache: never commit it\n*\n")
            payload = marshal.dumps((_header(), self.tasks, self.hashes, self.positions))
            write_atomic(folder / CACHE_FILE, payload)
        except OSError:
            return
        self.dirty = False


def open_cache(root: Path) -> LedgerCache:
    """The ledger's cache, or an empty one when it is missing, corrupt or from elsewhere."""
    path = root / CACHE_DIR / CACHE_FILE
    cache = LedgerCache(root)
    try:
        written = path.stat().st_mtime_ns
        header, tasks, hashes, positions = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return cache
    parts = (tasks, hashes, positions)
    if header != _header() or not all(isinstance(part, dict) for part in parts):
        return cache
    cache.tasks, cache.hashes, cache.positions, cache.written_ns = *parts, written
    return cache


def _header() -> tuple[str, str, str]:
    # The models' source (and the words they use) pins what a cached entry means.
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("model.py", "vocab.py", "cache.py"):
        digest.update((here / name).read_bytes())
    return (__version__, digest.hexdigest(), sys.version.split()[0])


# --- plain-value encoding of the models ------------------------------------
# Each model becomes a list of its field values in field order, plus its
# fields-set; dates become ordinals, enums their values, decimals text.
# Decoding builds the objects directly, without validating again: they were
# validated when the file was read, and the header pins the models' source.

_Plan = list[tuple[str, tuple[Any, ...]]]
_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(model: type[BaseModel]) -> _Plan:
    plan = _PLANS.get(model)
    if plan is None:
        plan = [(name, _kind(info.annotation)) for name, info in model.model_fields.items()]
        _PLANS[model] = plan
    return plan


def _kind(annotation: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _kind(inner)
    if origin is list:
        return ("list", _kind(typing.get_args(annotation)[0]))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return ("model", annotation)
        if issubclass(annotation, enum.Enum):
            return ("enum", annotation)
        if annotation is datetime.date:
            return ("date",)
        if annotation is decimal.Decimal:
            return ("decimal",)
    return ("plain",)


def _encode(value: Any, kind: tuple[Any, ...]) -> Any:
    if value is None:
        return None
    tag = kind[0]
    if tag == "date":
        return value.toordinal()
    if tag == "enum":
        return value.value
    if tag == "decimal":
        return str(value)
    if tag == "list":
        return [_encode(item, kind[1]) for item in value]
    if tag == "model":
        return _encode_model(value)
    return value


def _encode_model(model: BaseModel) -> Any:
    values = [_encode(getattr(model, name), kind) for name, kind in _plan(type(model))]
    return (values, sorted(model.model_fields_set))


M = typing.TypeVar("M", bound=BaseModel)

_set = object.__setattr__
_DECODERS: dict[type[BaseModel], typing.Callable[[Any], Any]] = {}


def _decode_model(model: type[M], packed: Any) -> M:
    decoder = _DECODERS.get(model)
    if decoder is None:
        decoder = _DECODERS[model] = _compile_decoder(model)
    try:
        instance: M = decoder(packed)
    except (TypeError, IndexError) as err:
        raise ValueError(f"cache entry does not match the model: {err}") from None
    return instance


def _compile_decoder(model: type[BaseModel]) -> typing.Callable[[Any], Any]:
    """A function, written out for ``model``, that turns its stored tuple back into an object.

    Generated rather than interpreted: it runs for every task and note of a
    warm run, and a loop over the plan with a call per field costs three times
    as much.
    """
    plan = _plan(model)
    env: dict[str, Any] = {
        "model": model,
        "new": model.__new__,
        "set_": _set,
        "date": datetime.date.fromordinal,
        "Decimal": decimal.Decimal,
        "decode_model": _decode_model,
        "width": len(plan),
    }
    items = []
    for index, (name, kind) in enumerate(plan):
        items.append(f"{name!r}: {_expression(kind, f'v[{index}]', env)}")
    source = (
        "def decode(packed):\n"
        "    v, fields_set = packed\n"
        "    if len(v) != width:\n"
        "        raise IndexError('wrong number of fields')\n"
        "    instance = new(model)\n"
        f"    set_(instance, '__dict__', {{{', '.join(items)}}})\n"
        "    set_(instance, '__pydantic_fields_set__', set(fields_set))\n"
        "    set_(instance, '__pydantic_extra__', None)\n"
        "    set_(instance, '__pydantic_private__', None)\n"
        "    return instance\n"
    )
    exec(source, env)
    decode: typing.Callable[[Any], Any] = env["decode"]
    return decode


def _expression(kind: tuple[Any, ...], value: str, env: dict[str, Any]) -> str:
    tag = kind[0]
    if tag == "plain":
        return value
    if tag == "date":
        return f"(None if {value} is None else date({value}))"
    if tag == "decimal":
        return f"(None if {value} is None else Decimal({value}))"
    if tag == "enum":
        name = f"enum_{kind[1].__name__}"
        env[name] = kind[1]
        return f"(None if {value} is None else {name}({value}))"
    if tag == "model":
        name = f"model_{kind[1].__name__}"
        env[name] = kind[1]
        return f"(None if {value} is None else decode_model({name}, {value}))"
    inner = _expression(kind[1], "item", env)
    if inner == "item":
        return value  # marshal made a fresh list already
    return f"[{inner} for item in {value}]"
