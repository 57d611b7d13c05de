"""The package's shape, checked so that it cannot drift: only the shell (cli/) imports Typer,
Click or Rich; every command body is a few lines; no module grows past 500 lines; mypy in
strict mode passes; the library face exports what the README says; no code cites a document
that is not in this repository."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "lofte_cli"
SHELL = PACKAGE / "cli"
SHELL_ONLY = {"typer", "click", "rich"}
MAX_BODY = 15
MAX_MODULE = 500


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_package_has_the_subpackages_the_readme_names():
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == ["cli", "coverage", "data", "edit", "places", "publish"]


def test_only_the_shell_imports_typer_click_or_rich():
    outside = {
        str(path.relative_to(PACKAGE)): sorted(imported_roots(path) & SHELL_ONLY)
        for path in modules()
        if SHELL not in path.parents
    }
    assert {k: v for k, v in outside.items() if v} == {}
    # The check sees the shell's own imports, so it would see one outside too.
    assert imported_roots(SHELL / "app.py") >= {"typer"}
    assert "rich" in imported_roots(SHELL / "output.py")


def test_the_shell_is_the_only_code_that_prints_or_exits():
    calls = {"print", "exit"}
    found = []
    for path in modules():
        if SHELL in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in calls and not isinstance(node.func, ast.Attribute):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}()")
                elif isinstance(node.func, ast.Attribute) and ast.unparse(node.func) == "sys.exit":
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} sys.exit()")
    assert found == []


def command_bodies() -> dict[str, int]:
    """Each function the app registers as a command, with its body's length in lines
    (after the signature and the docstring, which is the help text)."""
    from lofte_cli.cli.main import app

    lengths = {}
    for info in app.registered_commands:
        callback = info.callback
        assert callback is not None
        source = Path(sys.modules[callback.__module__].__file__ or "")
        tree = ast.parse(source.read_text(encoding="utf-8"))
        (node,) = [
            n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == callback.__name__
        ]
        body = node.body[1:] if ast.get_docstring(node) is not None else node.body
        lengths[info.name or callback.__name__] = (node.end_lineno or 0) - body[0].lineno + 1
    return lengths


def test_every_command_body_is_at_most_15_lines():
    lengths = command_bodies()
    assert sorted(lengths) == sorted(
        ["validate", "add-activity", "assess", "new-pledge", "init", "coverage", "render",
         "report", "fmt", "export", "import", "history", "forms"]
    )  # fmt: skip
    assert {name: n for name, n in lengths.items() if n > MAX_BODY} == {}


def test_no_module_is_over_500_lines():
    sizes = {
        str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
        for p in modules()
    }
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE} == {}
    assert max(sizes.values()) > 100  # the count sees real modules


def test_no_code_cites_a_document_outside_the_repository():
    cited = [
        f"{p.relative_to(PACKAGE)}:{i}"
        for p in modules()
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "SPEC " in line or "SPEC." in line or "SPEC's" in line
    ]
    assert cited == []


def test_the_library_face_exports_what_the_shell_calls():
    import lofte_cli

    for name in ("load_catalog", "validate", "compute_coverage", "render_site"):
        assert callable(getattr(lofte_cli, name)), name
    assert set(lofte_cli.__all__) == {"__version__", *lofte_cli._EXPORTS}
    with pytest.raises(AttributeError):
        _ = lofte_cli.no_such_function  # type: ignore[attr-defined]


def test_the_library_loads_lazily_so_the_command_line_starts_fast():
    probe = (
        "import sys, lofte_cli.cli.main; "
        "heavy = ('jinja2', 'jsonschema', 'ruamel.yaml', 'openpyxl'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_mypy_strict_passes_on_the_package():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(PACKAGE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in ")
