"""Bringing an office's spreadsheet 台账 in (`zhenggai import`): finding the header,
reading each row's cells as the ledger's values, and planning the files that follow.
May import every layer up to `writes`.
"""
