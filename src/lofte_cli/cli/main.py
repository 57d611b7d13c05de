"""The `lofte` console script: the commands in the order `lofte --help` lists them, each a
few lines in its own module that turn options into values, call the core and show the result.
Each module gives its commands' help as `<COMMAND>_HELP` (with examples) and the line of
the command list as `<COMMAND>_SUMMARY`, both marked `N_("…")`: the command group
translates them when lofte runs."""

from __future__ import annotations

import os
import sys

from typer.core import TyperCommand

from lofte_cli.cli import check, editing, follow, formatting, importing, issues, publishing, setup
from lofte_cli.cli.app import NOT_UTF8, NOTHING_WRITTEN, app
from lofte_cli.cli.group import LofteCommand
from lofte_cli.i18n import _, language_from_environment, speaking

app.command(help=check.VALIDATE_HELP, short_help=check.VALIDATE_SUMMARY)(check.validate)
app.command(
    "add-activity", help=editing.ADD_ACTIVITY_HELP, short_help=editing.ADD_ACTIVITY_SUMMARY
)(editing.add_activity)
app.command(help=editing.ASSESS_HELP, short_help=editing.ASSESS_SUMMARY)(editing.assess)
app.command("new-pledge", help=editing.NEW_PLEDGE_HELP, short_help=editing.NEW_PLEDGE_SUMMARY)(
    editing.new_pledge
)
app.command(help=setup.INIT_HELP, short_help=setup.INIT_SUMMARY)(setup.init)
app.command(help=issues.FORMS_HELP, short_help=issues.FORMS_SUMMARY)(issues.forms)
app.command(help=follow.COVERAGE_HELP, short_help=follow.COVERAGE_SUMMARY)(follow.coverage)
app.command(help=publishing.RENDER_HELP, short_help=publishing.RENDER_SUMMARY)(publishing.render)
app.command(help=publishing.REPORT_HELP, short_help=publishing.REPORT_SUMMARY)(publishing.report)
app.command(help=formatting.FMT_HELP, short_help=formatting.FMT_SUMMARY)(formatting.fmt)
app.command(help=publishing.EXPORT_HELP, short_help=publishing.EXPORT_SUMMARY)(publishing.export)
app.command("import", help=importing.IMPORT_HELP, short_help=importing.IMPORT_SUMMARY)(
    importing.import_activities
)
app.command(help=follow.HISTORY_HELP, short_help=follow.HISTORY_SUMMARY)(follow.history)

# Every command speaks the user's language and names its arguments by what to type
# (`LÖFTE`), never by a Python type; Typer gives each its plain TyperCommand.
for registered in app.registered_commands:
    if registered.cls in (None, TyperCommand):
        registered.cls = LofteCommand

__all__ = ["app", "main"]


def main() -> None:
    """The console script."""
    with speaking(language_from_environment(os.environ)):
        # Bytes that are not UTF-8 reach Python as lone surrogates ("surrogateescape"); no
        # value holding one can be written to a file, so the whole call is refused at once.
        if any("\udc80" <= char <= "\udcff" for arg in sys.argv[1:] for char in arg):
            sys.stderr.write(f"lofte: {_(NOT_UTF8)}\n")
            sys.exit(2)
        try:
            app()
        except KeyboardInterrupt:
            sys.stderr.write(f"lofte: {_(NOTHING_WRITTEN)}\n")
            sys.exit(130)
