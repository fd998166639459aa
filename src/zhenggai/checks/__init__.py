"""Named, tiered checks over a loaded ledger: each module declares its checks,
`index` lists them in order, `runner` runs them and stamps each finding with
its check's id, `report` holds what a run found.

May import `ledger` and everything below it; never `writes`, `reports`,
`render` or `cli`.
"""
