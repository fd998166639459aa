"""The ledger loaded: its file names (`paths`), finding it (`find`), the one
strict reader of a task file (`reader`), loading it all (`load`, with the cold
run's worker pool in `workers` and the warm run's preloading in `preload`), the
parse cache (`cache`), evidence on disk (`evidence`), the loaded ledger itself
(`loaded`), the summaries the cache keeps (`summary`), selections (`queries`),
the ledger as it was at a git revision (`baseline`), a parent ledger and its
children (`family`), and ids qualified by the ledger that holds them (`qualified`).

May import `days`, `records`, `files` and the top-level modules; never the
checks, the writes, the reports, the renderers or the command line.
"""
