"""What editors rely on: schemas that are valid Draft 2020-12, the `$schema` first line of
every file lofte writes leading to the right schema, and the VS Code settings of the README
and of `lofte init` matching the data files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from lofte_cli.edit.new_repository import VSCODE_EXTENSIONS, VSCODE_SETTINGS
from lofte_cli.paths import PLEDGES_DIR, schema_dir
from tests.helpers import REPO

BIN = Path(sys.executable).parent
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
HINT = re.compile(r"# yaml-language-server: \$schema=(\S+)")
KINDS = ("pledge", "activity", "followup")

PLEDGE = [
    "new-pledge",
    "--id",
    "orust-2025",
    "--title",
    "Medborgarlöfte Orust 2025",
    "--start",
    "2025-01-01",
    "--end",
    "2025-12-31",
    "--party",
    "polisen:police:Lokalpolisområde Södra Fyrbodal",
    "--party",
    "orust:municipality:Orust kommun",
    "--commitment",
    "polis-1:polisen:Genomföra trafikkontroller.",
    "--commitment",
    "kommun-1:orust:Genomföra föräldrakvällar.",
]
ACTIVITY = [
    "add-activity",
    "--by",
    "orust",
    "--commitment",
    "kommun-1",
    "--title",
    "Föräldrakväll",
    "--description",
    "En kväll om droger.",
    "--date",
    "2025-03-01",
]


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), *args], capture_output=True, text=True, check=False
    )


def schema_of(path: Path, text: str | None = None) -> Path:
    """The schema the file's first line names, resolved from the file's folder."""
    first = (text if text is not None else path.read_text(encoding="utf-8")).split("\n", 1)[0]
    hint = HINT.fullmatch(first)
    assert hint, f"{path}: first line is {first!r}"
    return (path.parent / hint[1]).resolve()


def assert_points_at_its_schema(path: Path, kind: str, root: Path) -> None:
    schema = schema_of(path)
    assert schema == (root / "schemas" / f"{kind}.schema.json").resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["$id"].endswith(f"/{kind}.schema.json")
    result = check_jsonschema("--schemafile", str(schema), str(path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("folder", [REPO / "schemas", schema_dir()], ids=["checkout", "package"])
def test_every_schema_is_valid_draft_2020_12(folder):
    schemas = sorted(folder.glob("*.schema.json"))
    assert [p.name for p in schemas] == sorted(f"{kind}.schema.json" for kind in KINDS)
    for schema in schemas:  # check-metaschema checks against the dialect a schema declares
        assert json.loads(schema.read_text(encoding="utf-8"))["$schema"] == DRAFT_2020_12
    result = check_jsonschema("--check-metaschema", *map(str, schemas))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_metaschema_would_catch_a_broken_schema(tmp_path):
    broken = json.loads((REPO / "schemas" / "activity.schema.json").read_text(encoding="utf-8"))
    broken["properties"]["date"]["type"] = "day"
    path = tmp_path / "activity.schema.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert check_jsonschema("--check-metaschema", str(path)).returncode == 1


@pytest.fixture
def started(run_cli, tmp_path: Path) -> Path:
    """A repository from `lofte init` with a pledge from `lofte new-pledge`."""
    root = tmp_path / "loften"
    assert run_cli("init", str(root), cwd=tmp_path).exit_code == 0
    created = run_cli(*PLEDGE, cwd=root)
    assert created.exit_code == 0, created.stderr
    return root


def test_files_lofte_creates_name_their_schema_and_pass_it(run_cli, started):
    pledge_folder = started / PLEDGES_DIR / "orust-2025"
    assert_points_at_its_schema(pledge_folder / "pledge.yaml", "pledge", started)
    assert run_cli(*ACTIVITY, cwd=started).exit_code == 0
    (activity,) = (pledge_folder / "activities").glob("*.yaml")
    assert_points_at_its_schema(activity, "activity", started)
    assessed = run_cli(
        "assess", "polis-1", "--status", "ongoing", "--date", "2025-06-30", cwd=started
    )
    assert assessed.exit_code == 0, assessed.stderr
    assert_points_at_its_schema(
        pledge_folder / "followups" / "2025-06-30.yaml", "followup", started
    )


def test_fmt_adds_a_first_line_that_resolves(run_cli, started):
    folder = started / PLEDGES_DIR / "orust-2025"
    activity = folder / "activities" / "2025-04-01-kontroll.yaml"
    followup = folder / "followups" / "2025-12-31.yaml"
    for path, text in {
        activity: "title: Kontroll\ndescription: Tio kontroller.\nid: 2025-04-01-kontroll\n"
        "date: 2025-04-01\nby: [polisen]\ncommitments: [polis-1]\n",
        followup: "assessments:\n  polis-1: {status: done}\ndate: 2025-12-31\n",
    }.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    formatted = run_cli("fmt", cwd=started)
    assert formatted.exit_code == 0, formatted.stdout + formatted.stderr
    assert_points_at_its_schema(activity, "activity", started)
    assert_points_at_its_schema(followup, "followup", started)


def test_dry_run_output_names_the_schema_of_the_bundled_checkout(run_cli, tmp_path):
    pledge = "sodra-fyrbodal-2023-2024"
    shown = run_cli(
        "add-activity",
        "--pledge",
        pledge,
        "--by",
        "polisen",
        "--commitment",
        "polis-1",
        "--title",
        "Samverkansmöte",
        "--description",
        "Möte med skolan.",
        "--date",
        "2024-03-01",
        "--dry-run",
        cwd=REPO,
    )
    assert shown.exit_code == 0, shown.stderr
    would_be = REPO / PLEDGES_DIR / pledge / "activities" / "2024-03-01-samverkansmote.yaml"
    schema = schema_of(would_be, shown.stdout)
    assert schema == REPO / "schemas" / "activity.schema.json"
    copy = tmp_path / would_be.name
    copy.write_text(shown.stdout, encoding="utf-8")
    result = check_jsonschema("--schemafile", str(schema), str(copy))
    assert result.returncode == 0, result.stdout + result.stderr


def readme_vscode_settings() -> dict[str, object]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Editing in an editor", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```json\n(.+?)\n```", section, flags=re.S)
    return json.loads(block)


def test_the_vscode_settings_are_one_text_in_readme_init_and_checkout():
    settings = json.loads(VSCODE_SETTINGS)
    assert readme_vscode_settings() == settings
    assert json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8")) == settings
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert recommended == json.loads(VSCODE_EXTENSIONS)
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_init_writes_the_vscode_settings(run_cli, started):
    written = (started / ".vscode" / "settings.json").read_text(encoding="utf-8")
    assert json.loads(written) == json.loads(VSCODE_SETTINGS)
    assert (started / ".vscode" / "extensions.json").is_file()


def kind_of(relative: PurePosixPath) -> str:
    """The kind a data file is by its place (SPEC section 2)."""
    if relative.name == "pledge.yaml":
        return "pledge"
    return {"activities": "activity", "followups": "followup"}[relative.parent.name]


def test_the_vscode_globs_give_every_bundled_file_its_own_schema():
    """yaml-language-server matches a pattern at any depth below the opened folder, as
    `PurePath.match` matches from the right; every data file gets exactly its schema."""
    mapping = readme_vscode_settings()["yaml.schemas"]
    assert isinstance(mapping, dict)
    files = sorted((REPO / PLEDGES_DIR).rglob("*.yaml"))
    assert len(files) == 30  # pledge.yaml, 28 activities, 1 follow-up
    for path in files:
        relative = PurePosixPath(path.relative_to(REPO).as_posix())
        schemas = [s for s, glob in mapping.items() if relative.match(glob)]
        assert schemas == [f"./schemas/{kind_of(relative)}.schema.json"], relative
    for schema, glob in mapping.items():
        matched = [
            str(p) for p in files if PurePosixPath(p.relative_to(REPO).as_posix()).match(glob)
        ]
        result = check_jsonschema("--schemafile", str(REPO / schema), *matched)
        assert result.returncode == 0, result.stdout + result.stderr
