"""Reports as data: built from a ledger and a day, independent of any output format."""
