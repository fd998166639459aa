"""Time: the ledger's today and deadline arithmetic (`dates`), working days and
holidays (`workdays`), and a task as it stood on any day (`state`).

Nothing here reads the clock: every day is passed in. May import `records`,
`files` and the top-level modules.
"""
