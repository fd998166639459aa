"""The names of a ledger's files and folders, defined once."""

SETTINGS_FILE = "zhenggai.yaml"
PROBLEMS_FILE = "problems.yaml"
TASKS_DIR = "tasks"
TASK_SUFFIX = ".yaml"
EVIDENCE_DIR = "evidence"
#: The texts the office writes for its bulletin (`zhenggai report bulletin`).
BULLETIN_DIR = "bulletin"
#: The 回头看 sampling records (`zhenggai sample --record`).
REVIEWS_DIR = "reviews"
#: The weekly rounds of 填报表 (`zhenggai forms issue`, `forms collect`).
FORMS_DIR = "forms"
#: The files and folders that belong to a ledger itself (its records, its texts, its
#: cache, its git): what a command writes as output never goes there.
OWN_FILES = (SETTINGS_FILE, PROBLEMS_FILE, "holidays.yaml", ".gitattributes", ".gitignore",
             ".zhenggai-journal")  # fmt: skip
OWN_FOLDERS = (TASKS_DIR, EVIDENCE_DIR, BULLETIN_DIR, REVIEWS_DIR, FORMS_DIR, "schema",
               ".zhenggai-cache", ".git")  # fmt: skip


def owned_part(root: str, path: str) -> str | None:
    """The ledger's own file or folder (relative to ``root``) that ``path`` is or lies in,
    both given resolved; None when it is no part of the ledger."""
    import os

    relative = os.path.relpath(path, root)
    if relative == "." or relative.startswith(".."):
        return "." if relative == "." else None
    first = relative.replace(os.sep, "/").split("/", 1)[0]
    if first in OWN_FOLDERS or ("/" not in relative.replace(os.sep, "/") and first in OWN_FILES):
        return first
    return None
