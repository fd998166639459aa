"""Bringing an office's spreadsheet 台账 in (`zhenggai import`): finding the header,
reading each row's cells as the ledger's values, planning the files that follow, and
making them one change for the unit of work (`run`).
May import every layer up to `writes`.
"""
