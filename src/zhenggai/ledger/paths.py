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
