"""Named, tiered checks over a loaded ledger; see `registry` for the list."""
