"""The one front door of the core: a workspace of one ledger or many (a single ledger
is a family of one). Every command opens one (`space`), asks it for a report — built
per ledger by that ledger's own settings and merged by the one rule of that report
(`reading`, `documents`) — or asks it to write (`writing`, through the one unit of
work in `writes.unit`); it knows which files could not be read, resolves what a
person types for a unit, leader or problem (`names`), and saves the parse caches
when the run ends.

May import everything below it (`reports`, `imports`, `writes`, `checks`, `ledger`
…); never `render` or `cli`. Like all of the core, it never prints, never exits and
never reads the clock or the environment: the command line passes them in.
"""
