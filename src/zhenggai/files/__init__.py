"""Bytes on disk: the strict YAML reader and its fast path (`yamlio`, `yamllines`),
documents and positions (`document`), round-trip writes that keep comments
(`roundtrip`), atomic writes and the ledger lock (`atomic`, `lock`), opening files
without following a link out of the ledger (`within`), file stats (`filestat`) and
git (`gitutil`).

Knows nothing of tasks or ledgers. May import the standard library, third-party
libraries and the top-level `findings`; nothing else of zhenggai.
"""
