"""Changing the ledger: each edit planned as a whole new file content, judged by
the checks before anything is written (`plan`), the everyday edits (`edits`),
creating a task (`new`), creating a ledger (`scaffold`), then written
atomically under the ledger's lock.

May import `checks`, `ledger` and everything below; never `reports`, `render`
or `cli`.
"""
