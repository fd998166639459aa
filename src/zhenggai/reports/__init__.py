"""What the ledger says, as data independent of any format: `status` (the
tables of counts and rates).

May import `checks`, `ledger` and everything below; never `render` or `cli`.
"""
