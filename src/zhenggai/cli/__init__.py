"""The command line: a thin face of Typer over the workspace. It reads the
environment, the clock and the terminal; every command opens a workspace
(`front`), asks it one thing, hands the result to a formatter picked by name and
to the one sink (`sink`); `app` turns every failure into a message and an exit
code. May import every other package.

These modules do not use ``from __future__ import annotations``: their
annotations (the ``Annotated[..., typer.Option(...)]`` of every option) are
evaluated once, at import. As strings, typer would evaluate all of them again
to build the command line on every run, ~0.03 s of each command. Names that
exist only for the type checker are written in quotes.
"""
