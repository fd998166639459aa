"""Spreadsheets read as they are: a workbook's sheets as grids of cell values, with
their merged ranges and whether each sheet is hidden; CSV in the encodings offices
save it in. Nothing here knows what a ledger is. It may import only `findings`
and `messages`.
"""
