"""lofte: keep medborgarlöften and the activities that fulfil them as YAML in git.

The library face of lofte: the functions the command line itself calls, importable from
here. Each is loaded on first use, so that `lofte --version` and shell completion stay fast.

    from datetime import date
    from pathlib import Path

    from lofte_cli import compute_coverage, load_catalog, validate

    root = Path("my-data-repository")
    print(validate(root, today=date.today()).errors, "errors")
    report = compute_coverage(load_catalog(root).catalog, as_of=date.today())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name → the module that owns it
_EXPORTS = {
    # reading and checking
    "load_catalog": "lofte_cli.data.loader",
    "validate": "lofte_cli.data.validate",
    "revisions_of": "lofte_cli.data.history",
    # coverage
    "compute_coverage": "lofte_cli.coverage.compute",
    "coverage_below": "lofte_cli.coverage.compute",
    "progress_below": "lofte_cli.coverage.progress",
    # publishing
    "prepare_publication": "lofte_cli.publish.publication",
    "verdict": "lofte_cli.publish.publication",
    "personal_data_verdict": "lofte_cli.publish.publication",
    "build_site": "lofte_cli.publish.site_model",
    "plan_takeover": "lofte_cli.publish.takeover",
    "render_site": "lofte_cli.publish.site",
    "make_report": "lofte_cli.publish.report",
    "check_report_options": "lofte_cli.publish.report",
    "check_report_file": "lofte_cli.publish.output_target",
    "ExportOptions": "lofte_cli.publish.export",
    "export_outputs": "lofte_cli.publish.export",
    "check_output_file": "lofte_cli.publish.output_target",
    "check_export_targets": "lofte_cli.publish.output_target",
    "check_language": "lofte_cli.publish.i18n",
    # editing
    "draft_fields": "lofte_cli.edit.activity_draft",
    "pledge_fields": "lofte_cli.edit.pledge_draft",
    "plan_pledge": "lofte_cli.edit.pledge_draft",
    "write_pledge": "lofte_cli.edit.pledge_draft",
    "check_assess_options": "lofte_cli.edit.assessment",
    "followup_change": "lofte_cli.edit.assessment",
    "record_followup": "lofte_cli.edit.assessment",
    "check_formatting": "lofte_cli.edit.fmt",
    "write_formatted": "lofte_cli.edit.fmt",
    "format_exit_code": "lofte_cli.edit.fmt",
    "init_repository": "lofte_cli.edit.new_repository",
    "read_sheet": "lofte_cli.edit.sheet",
    "plan_import": "lofte_cli.edit.activity_import",
    "write_import": "lofte_cli.edit.activity_import",
    # values as people type them
    "parse_day": "lofte_cli.values",
    "parse_duration": "lofte_cli.values",
}

__all__ = [
    "ExportOptions",
    "__version__",
    "build_site",
    "check_assess_options",
    "check_export_targets",
    "check_formatting",
    "check_language",
    "check_output_file",
    "check_report_file",
    "check_report_options",
    "compute_coverage",
    "coverage_below",
    "draft_fields",
    "export_outputs",
    "followup_change",
    "format_exit_code",
    "init_repository",
    "load_catalog",
    "make_report",
    "parse_day",
    "parse_duration",
    "personal_data_verdict",
    "plan_import",
    "plan_pledge",
    "plan_takeover",
    "pledge_fields",
    "prepare_publication",
    "progress_below",
    "read_sheet",
    "record_followup",
    "render_site",
    "revisions_of",
    "validate",
    "verdict",
    "write_formatted",
    "write_import",
    "write_pledge",
]

if TYPE_CHECKING:
    from lofte_cli.coverage.compute import compute_coverage, coverage_below
    from lofte_cli.coverage.progress import progress_below
    from lofte_cli.data.history import revisions_of
    from lofte_cli.data.loader import load_catalog
    from lofte_cli.data.validate import validate
    from lofte_cli.edit.activity_draft import draft_fields
    from lofte_cli.edit.activity_import import plan_import, write_import
    from lofte_cli.edit.assessment import check_assess_options, followup_change, record_followup
    from lofte_cli.edit.fmt import check_formatting, format_exit_code, write_formatted
    from lofte_cli.edit.new_repository import init_repository
    from lofte_cli.edit.pledge_draft import plan_pledge, pledge_fields, write_pledge
    from lofte_cli.edit.sheet import read_sheet
    from lofte_cli.publish.export import ExportOptions, export_outputs
    from lofte_cli.publish.i18n import check_language
    from lofte_cli.publish.output_target import (
        check_export_targets,
        check_output_file,
        check_report_file,
    )
    from lofte_cli.publish.publication import personal_data_verdict, prepare_publication, verdict
    from lofte_cli.publish.report import check_report_options, make_report
    from lofte_cli.publish.site import render_site
    from lofte_cli.publish.site_model import build_site
    from lofte_cli.publish.takeover import plan_takeover
    from lofte_cli.values import parse_day, parse_duration


def __getattr__(name: str) -> Any:
    """An exported function, from its module (imported the first time it is asked for);
    looked up each time, never copied here, so that the module stays its one owner."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'lofte_cli' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
