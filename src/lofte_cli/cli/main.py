"""The `lofte` console script: the commands in the order `lofte --help` lists them, each a
few lines in its own module that turn options into values, call the core and show the result."""

from __future__ import annotations

import sys

from lofte_cli.cli import check, editing, follow, formatting, importing, publishing
from lofte_cli.cli.app import app

app.command()(check.validate)
app.command("add-activity")(editing.add_activity)
app.command()(editing.assess)
app.command("new-pledge")(editing.new_pledge)
app.command()(editing.init)
app.command()(follow.coverage)
app.command()(publishing.render)
app.command()(publishing.report)
app.command()(formatting.fmt)
app.command()(publishing.export)
app.command("import")(importing.import_activities)
app.command()(follow.history)

__all__ = ["app", "main"]


NOT_UTF8 = (
    "lofte: a value given on the command line is not UTF-8 text; check the terminal's "
    "character encoding\n"
)


def main() -> None:
    """The console script."""
    # Bytes that are not UTF-8 reach Python as lone surrogates ("surrogateescape"); no
    # value holding one can be written to a file, so the whole call is refused at once.
    if any("\udc80" <= char <= "\udcff" for arg in sys.argv[1:] for char in arg):
        sys.stderr.write(NOT_UTF8)
        sys.exit(2)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("lofte: interrupted; nothing was written\n")
        sys.exit(130)
