"""What a ledger holds: the models of a task, the settings and the registries
(`model`, with its words in `vocab` and its rules in `rules`), plain-data
packing for the cache (`packing`), validation (`validation`: pydantic checks a
record once, from plain values; the records themselves are plain dataclasses)
and the JSON Schema editors use (`schema`).

May import `files` and the top-level modules; never the ledger, the checks or
anything above.
"""
