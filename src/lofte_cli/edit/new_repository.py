"""`lofte init`: a new data repository with everything a municipality needs to start —
the data folder, the schemas and the VS Code settings that point editors at them, a README
for its keepers, the checks of its git host (GitHub's workflows, or GitLab's CI), a
pre-commit configuration, all installing lofte from one named source. Never overwrites a
file that is there."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lofte_cli.data.form_stamp import MARK
from lofte_cli.edit.gitlab_files import GITLAB_CI_PATH, gitlab_ci, gitlab_readme
from lofte_cli.edit.repository_files import github_readme, github_workflow, pre_commit_config
from lofte_cli.edit.workflow import WORKFLOW_PATH, issue_workflow
from lofte_cli.paths import PLEDGES_DIR, schema_dir
from lofte_cli.write import create_exclusive

CACHE_DIR = ".lofte-cache"

# VS Code with Red Hat's YAML extension (yaml-language-server): which schema checks which
# file, for files without the `# yaml-language-server: $schema=…` first line. Schema paths
# are relative to the folder opened in VS Code; a glob matches at any depth below it.
VSCODE_SETTINGS = """\
{
  "yaml.schemas": {
    "./schemas/pledge.schema.json": "data/pledges/*/pledge.yaml",
    "./schemas/activity.schema.json": "data/pledges/*/activities/*.yaml",
    "./schemas/followup.schema.json": "data/pledges/*/followups/*.yaml"
  }
}
"""

VSCODE_EXTENSIONS = """\
{
  "recommendations": ["redhat.vscode-yaml"]
}
"""

GITIGNORE = f"""\
{CACHE_DIR}/
site/
export/
.venv/
"""


@dataclass(frozen=True)
class InitResult:
    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    git_initialised: bool


def init_repository(folder: Path, *, source: str, gitlab: bool = False) -> InitResult:
    """Create what is missing in `folder`, for GitHub or else GitLab; existing files are
    kept as they are. `source` is the pip requirement lofte is installed from (see
    `lofte_source.pip_requirement`)."""
    files: dict[Path, str] = {PLEDGES_DIR / ".gitkeep": ""}
    if gitlab:
        files[Path("README.md")] = gitlab_readme(source)
        files[Path(GITLAB_CI_PATH)] = gitlab_ci(source)
    else:
        files[Path("README.md")] = github_readme(source)
        files[Path(".github/workflows/lofte.yml")] = github_workflow(source)
        # The workflow that turns an issue from the forms into a pull request; `lofte
        # forms` writes the forms themselves once there is a pledge, and this file again.
        workflow = issue_workflow(source)
        files[Path(WORKFLOW_PATH)] = f"{MARK} (lofte forms writes it again)\n{workflow}"
    files |= {
        Path(".pre-commit-config.yaml"): pre_commit_config(source),
        Path(".gitignore"): GITIGNORE,
        Path(".vscode/settings.json"): VSCODE_SETTINGS,
        Path(".vscode/extensions.json"): VSCODE_EXTENSIONS,
    }
    for schema in sorted(schema_dir().glob("*.schema.json")):
        files[Path("schemas") / schema.name] = schema.read_text(encoding="utf-8")
    created: list[Path] = []
    kept: list[Path] = []
    for relative, text in files.items():
        path = folder / relative
        (created if create_exclusive(path, text) else kept).append(path)
    return InitResult(tuple(created), tuple(kept), _git_init(folder))


def _git_init(folder: Path) -> bool:
    """Make the folder a git repository unless it is in one (or git is missing)."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run(
        [git, "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, check=False
    )
    if inside.returncode == 0:
        return False
    done = subprocess.run([git, "init", "-q"], cwd=folder, capture_output=True, check=False)
    return done.returncode == 0
