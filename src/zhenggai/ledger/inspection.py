"""What the settings say of the inspection, as the office's documents word it: who
ordered it (党中央, 市委), and who was inspected in the weekly report's title."""

from __future__ import annotations

from zhenggai.findings import LedgerError
from zhenggai.messages import text as said
from zhenggai.records.model import Settings, Source
from zhenggai.records.settings import Bulletin

#: Who orders an inspection, by the words its inspector's name begins or holds:
#: 中央第七巡视组 → 党中央, 省委第三巡视组 → 省委, 市委第二巡察组 → 市委.
_AUTHORITIES = (
    ("中央", "党中央"),
    ("自治区党委", "自治区党委"),
    ("省委", "省委"),
    ("市委", "市委"),
    ("州委", "州委"),
    ("盟委", "盟委"),
    ("县委", "县委"),
    ("区委", "区委"),
    ("旗委", "旗委"),
)


def authority_of(source: Source) -> str | None:
    """Who ordered the inspection: ``source.authority``, else read from the inspector's
    name (None when it does not say)."""
    if source.authority:
        return source.authority
    inspector = source.inspector
    if inspector.startswith("中央"):
        return "党中央"
    return next((said for word, said in _AUTHORITIES[1:] if word in inspector), None)


def weekly_heading(settings: Settings) -> str:
    """What the weekly report's title says before 工作周报: the subject (被巡视对象) and
    the inspection, 中共XX市XX局党组巡察整改 (the whole title may be set apart, as
    ``documents.weekly_title``)."""
    return f"{settings.bulletin.subject or ''}{settings.source.kind}整改"


def require_bulletin_names(bulletin: Bulletin) -> None:
    """A bulletin goes out under its issuer's name and tells who was inspected: without
    them it would name the ledger instead (关于…整改台账关于…的通报)."""
    missing = [key for key in ("issuer", "subject") if not getattr(bulletin, key)]
    if missing:
        raise LedgerError(
            said("the bulletin needs {keys}: who issues it (发文机关) and who was inspected; "
                 "set them with `zhenggai settings set bulletin.issuer 中共XX党组` and "
                 "`zhenggai settings set bulletin.subject XX党组`",
                 keys=", ".join(f"bulletin.{key}" for key in missing))
        )  # fmt: skip
