"""That data as text: terminal tables, JSON, CSV, Markdown and the CI formats of
findings, in the language of `labels`, with every user text made safe
(`safetext`).

May import `reports`, `checks`, `ledger` and everything below; never `cli`.
"""
