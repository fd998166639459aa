"""What the ledger says, as data independent of any format: `status` (the tables of
counts and rates), `weekly` (the 工作周报), `bulletin` (the 通报, with the office's
texts and their placeholders in `templates`), `notice` (督办单), `ledger_sheet` (the
台账 of `export`), `dashboard` (the leaders' page), `sampling` (回头看 draws), and
`family`: the merges of many ledgers' reports, each built by its own settings.

May import `checks`, `ledger` and everything below; never `workspace`, `render` or
`cli`.
"""
