"""Finding the ledger on disk: the folder named, in the environment, or found upward."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from zhenggai.findings import LedgerError
from zhenggai.ledger.paths import SETTINGS_FILE
from zhenggai.messages import text as said

ENV_VAR = "ZHENGGAI_LEDGER"


def find_ledger(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The ledger root: ``--ledger``, else $ZHENGGAI_LEDGER, else the nearest
    zhenggai.yaml upward from ``cwd``, else ``./ledger/``.
    """
    chosen = explicit or (Path(env[ENV_VAR]) if env.get(ENV_VAR) else None)
    if chosen is not None:
        root = chosen.parent if chosen.name == SETTINGS_FILE else chosen
        root = root if root.is_absolute() else cwd / root
        if not (root / SETTINGS_FILE).is_file():
            origin = "--ledger" if explicit else ENV_VAR
            raise LedgerError(
                said(
                    "no ledger at {chosen} (from {origin}): {file} does not exist; "
                    "create one with `zhenggai init`",
                    chosen=chosen,
                    origin=origin,
                    file=root / SETTINGS_FILE,
                )
            )
        return root
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    if (cwd / "ledger" / SETTINGS_FILE).is_file():
        return cwd / "ledger"
    raise LedgerError(
        said(
            "no ledger found: no {file} in {cwd} or any folder above it, and no ./ledger/; "
            "pass --ledger PATH, set {variable}, or create one with `zhenggai init`",
            file=SETTINGS_FILE,
            cwd=cwd,
            variable=ENV_VAR,
        )
    )
