"""Changing a ledger: each edit planned as a whole new file content and judged by the
checks before anything is written (`plan`); the everyday edits (`edits`, `upkeep`),
a new task (`new`), the registries (`registry`), notices and reviews recorded
(`notices`, `reviews`), a new ledger (`scaffold`); one change type and its apply,
all or nothing (`change`); and the one unit of work every write goes through
(`unit`: locate, lock, read, plan, judge, apply, re-check, commit).

May import `checks`, `ledger` and everything below; never `imports`, `reports`,
`workspace`, `render` or `cli`.
"""
