"""When the machine fails, not the data: every command, with the system refusing its reads
or its writes (a full disk, a read-only file system, no permission, too many open files
…), says so in one line naming the file and the reason in words, and exits 1 — never
"internal error". The failures are injected at the lowest file functions lofte uses
(tests/system_faults.py); a real full file system is tried in test_publish_all_or_nothing.py."""

from __future__ import annotations

import errno
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lofte_cli.cli.main import app
from tests.helpers import Run, copy_base
from tests.system_faults import below, inject

ACTIVITY = "data/pledges/p/activities/2024-11-20-foraldrakvall.yaml"
PLEDGE = "data/pledges/p/pledge.yaml"

# Each command as a user would call it on the test corpus (tests/corpus/base).
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "add-activity": [
        "add-activity",
        *("--pledge", "p", "--by", "kommun", "--commitment", "kommun-1"),
        *("--title", "Föräldrakväll", "--description", "Om droger.", "--date", "2024-11-20"),
        *("--status", "done"),
    ],
    "assess": ["assess", "kommun-1", "--status", "ongoing"],
    "new-pledge": [
        "new-pledge",
        *("--id", "q", "--title", "Medborgarlöfte Q 2026", "--area", "Q"),
        *("--start", "2026-01-01", "--end", "2026-12-31"),
        *("--party", "polisen:police:Polisen Q", "--party", "q:municipality:Q kommun"),
        *("--commitment", "polis-1:polisen:Genomföra trafikkontroller."),
    ],
    "init": ["init", "ny"],
    "forms": ["forms"],
    "coverage": ["coverage"],
    "render": ["render", "--out", "site"],
    "report": ["report", "--out", "rapport.md"],
    "fmt": ["fmt"],
    "export": ["export", "--out", "lofte.json"],
    "import": ["import", "aktiviteter.csv", "--pledge", "p"],
    "history": ["history", "p"],
}

# What each command says when every write in the repository fails: when the file is
# opened (or its folder made), and while its bytes are written (a full disk). None: the
# command writes nothing but its cache, which is only a hint, so it goes on as usual.
ON_OPEN: dict[str, str | None] = {
    "validate": None,
    "add-activity": f"lofte: {ACTIVITY}: cannot create the file: {{reason}}",
    "assess": "lofte: .lofte-cache/locks: {reason}",
    "new-pledge": "lofte: data/pledges/q/pledge.yaml: cannot create the file: {reason}",
    "init": "lofte: ny: {reason}",
    "forms": "lofte: .github/ISSUE_TEMPLATE: {reason}",
    "coverage": None,
    "render": "lofte: site: {reason}",
    "report": "lofte: rapport.md: {reason}",
    "fmt": "lofte: .lofte-cache/locks: {reason}",
    "export": "lofte: lofte.json: {reason}",
    "import": f"lofte: {ACTIVITY}: cannot create the file: {{reason}}",
    "history": None,
}
WHILE_WRITING: dict[str, str | None] = {
    **ON_OPEN,
    "assess": "lofte: .lofte-cache/.gitignore: {reason}",
    "init": "lofte: ny/data/pledges/.gitkeep: cannot create the file: {reason}",
    "forms": "lofte: .github/ISSUE_TEMPLATE/lofte-aktivitet.yml: {reason}",
    "render": "lofte: site/style.css: {reason}",
    "fmt": "lofte: .lofte-cache/.gitignore: {reason}",
}

# The reasons in words, as the system says them in English.
AT_OPEN_REASONS = {
    errno.EROFS: "Read-only file system",
    errno.EACCES: "Permission denied",
    errno.EPERM: "Operation not permitted",
    errno.ENAMETOOLONG: "File name too long",
    errno.EMFILE: "Too many open files",
    errno.ENFILE: "Too many open files in system",
    errno.ENOTDIR: "Not a directory",
    errno.EISDIR: "Is a directory",
    errno.ELOOP: "Too many levels of symbolic links",
}
WRITING_REASONS = {
    errno.ENOSPC: "No space left on device",
    errno.EDQUOT: "Disk quota exceeded",
    errno.EFBIG: "File too large",
    errno.EIO: "Input/output error",
}


@pytest.fixture(scope="module")
def committed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus base in a git repository, with a sheet to import beside it (made once;
    each test works on a copy)."""
    root = copy_base(tmp_path_factory.mktemp("committed") / "repo")
    (root / "aktiviteter.csv").write_text(
        "datum,titel,beskrivning,läge,utförare,åtaganden\n"
        "2024-11-20,Föräldrakväll,Om droger.,done,kommun,kommun-1\n",
        encoding="utf-8",
    )
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "Första versionen"], cwd=root, check=True)
    return root


@pytest.fixture
def repo(committed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(committed, tmp_path / "repo", symlinks=True))


def _command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


def test_the_cases_name_every_command_lofte_has():
    assert sorted(_command_names()) == sorted(COMMANDS)
    assert sorted(ON_OPEN) == sorted(WHILE_WRITING) == sorted(COMMANDS)


# Every command meets these in the quick loop; the other kinds of error run with the slow
# tests (and in CI), since the whole matrix takes some 20 s.
QUICK = {errno.EACCES, errno.ENOSPC, errno.EMFILE}


def _cases(reasons: dict[int, str], commands: list[str] | None = None) -> list[Any]:
    return [
        pytest.param(command, code, marks=() if code in QUICK else pytest.mark.slow)
        for command in commands or COMMANDS
        for code in reasons
    ]


@pytest.mark.parametrize(("command", "code"), _cases(AT_OPEN_REASONS))
def test_a_write_refused_when_opened_is_one_line(
    run_cli: Callable[..., Run], repo: Path, monkeypatch: pytest.MonkeyPatch, command, code
):
    _check_write_failure(run_cli, repo, monkeypatch, command, code, ON_OPEN, AT_OPEN_REASONS)


@pytest.mark.parametrize(("command", "code"), _cases(WRITING_REASONS))
def test_a_write_failing_part_way_is_one_line(
    run_cli: Callable[..., Run], repo: Path, monkeypatch: pytest.MonkeyPatch, command, code
):
    _check_write_failure(run_cli, repo, monkeypatch, command, code, WHILE_WRITING, WRITING_REASONS)


def _check_write_failure(run_cli, repo, monkeypatch, command, code, lines, reasons):
    as_usual = run_cli(*COMMANDS[command], cwd=repo) if lines[command] is None else None
    if as_usual is not None:
        shutil.rmtree(repo / ".lofte-cache", ignore_errors=True)  # so this run writes it again
    inject(monkeypatch, code, writes=below(repo.parent))
    result = run_cli(*COMMANDS[command], cwd=repo)
    if as_usual is None:
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == lines[command].format(reason=reasons[code]) + "\n"
    else:
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == as_usual.stdout


# What each command says when the system will not let it read the pledge's pledge.yaml.
# validate lists it among the problems, and fmt beside the files it formats; history
# reads through git, and init reads none of the data (both are tried below).
READ_REASONS = {
    errno.EACCES: "Permission denied",
    errno.EIO: "Input/output error",
    errno.EMFILE: "Too many open files",
    errno.ENFILE: "Too many open files in system",
    errno.ELOOP: "Too many levels of symbolic links",
}
REFUSED_WHEN_UNREADABLE = [
    "add-activity",
    "assess",
    "new-pledge",
    "forms",
    "coverage",
    "render",
    "report",
    "export",
    "import",
]


@pytest.mark.parametrize(("command", "code"), _cases(READ_REASONS, REFUSED_WHEN_UNREADABLE))
def test_a_data_file_the_system_will_not_read_stops_the_command(
    run_cli: Callable[..., Run], repo: Path, monkeypatch: pytest.MonkeyPatch, command, code
):
    inject(monkeypatch, code, reads=below(repo / PLEDGE))
    result = run_cli(*COMMANDS[command], cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"lofte: {PLEDGE}: cannot read the file: {READ_REASONS[code]}\n"


@pytest.mark.parametrize("code", READ_REASONS)
def test_validate_lists_a_file_it_cannot_read(run_cli, repo, monkeypatch, code):
    inject(monkeypatch, code, reads=below(repo / PLEDGE))
    result = run_cli("validate", cwd=repo)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{PLEDGE}:1:1: error L101 cannot read the file: {READ_REASONS[code]}\n"
        "4 files checked: 1 error, 0 warnings\n"
    )


def test_fmt_names_a_file_it_cannot_read_and_formats_the_others(run_cli, repo, monkeypatch):
    inject(monkeypatch, errno.EACCES, reads=below(repo / PLEDGE))
    result = run_cli("fmt", cwd=repo)
    assert result.exit_code == 1
    assert result.stderr == f"{PLEDGE}:1:1: error L101 cannot read the file: Permission denied\n"
    assert result.stdout.endswith("3 reformatted, 0 already formatted, 1 not formatted (above)\n")


@pytest.mark.parametrize("command", [*REFUSED_WHEN_UNREADABLE, "validate", "fmt"])
def test_a_folder_the_system_will_not_list_stops_the_command(run_cli, repo, monkeypatch, command):
    inject(monkeypatch, errno.EMFILE, reads=below(repo / "data/pledges/p/activities"))
    result = run_cli(*COMMANDS[command], cwd=repo)
    assert result.exit_code == 1
    line = "data/pledges/p/activities: cannot read the folder (Too many open files)"
    if command == "validate":
        assert result.stdout.startswith(f"{line.replace(': cannot', ':1:1: error L101 cannot')}\n")
    else:
        assert (result.stdout, result.stderr) == ("", f"lofte: {line}\n")


def test_history_names_git_when_it_cannot_be_started(run_cli, repo, monkeypatch):
    import os

    def no_pipes() -> tuple[int, int]:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_pipes)
    result = run_cli("history", "p", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"lofte: {shutil.which('git')}: Too many open files\n"


def test_init_names_a_file_of_lofte_it_cannot_read(run_cli, tmp_path, monkeypatch):
    from lofte_cli.paths import schema_dir

    inject(monkeypatch, errno.EACCES, reads=lambda path: path.parent == schema_dir())
    result = run_cli("init", "ny", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"lofte: {schema_dir() / 'activity.schema.json'}: Permission denied\n"


# --- in Swedish -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "command", "line"),
    [
        (errno.ENOSPC, "render", "lofte: site/style.css: Disken är full"),
        (errno.EROFS, "report", "lofte: rapport.md: Filsystemet är skrivskyddat"),
        (errno.EACCES, "export", "lofte: lofte.json: Åtkomst nekad"),
        (
            errno.ENAMETOOLONG,
            "add-activity",
            f"lofte: {ACTIVITY}: filen går inte att skapa: Namnet är för långt",
        ),
        (errno.EMFILE, "assess", "lofte: .lofte-cache/locks: För många öppna filer"),
        (
            errno.EDQUOT,
            "forms",
            "lofte: .github/ISSUE_TEMPLATE/lofte-aktivitet.yml: Diskkvoten är slut",
        ),
    ],
)
def test_the_reason_is_said_in_swedish(run_cli, repo, monkeypatch, code, command, line):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    inject(monkeypatch, code, writes=below(repo.parent))
    result = run_cli(*COMMANDS[command], cwd=repo)
    assert (result.exit_code, result.stderr) == (1, line + "\n")


def test_a_file_lofte_cannot_read_is_said_in_swedish(run_cli, repo, monkeypatch):
    monkeypatch.setenv("LOFTE_LANG", "sv")
    inject(monkeypatch, errno.EMFILE, reads=below(repo / PLEDGE))
    result = run_cli("render", cwd=repo)
    assert (result.exit_code, result.stderr) == (
        1,
        f"lofte: {PLEDGE}: filen går inte att läsa: För många öppna filer\n",
    )
