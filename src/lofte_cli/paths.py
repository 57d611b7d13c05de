"""Finding the data root, and the schemas that ship with the package."""

from __future__ import annotations

import os
from pathlib import Path

from lofte_cli.errors import DataRootNotFound

PLEDGES_DIR = Path("data") / "pledges"
ENV_DATA = "LOFTE_DATA"


def find_data_root(start: Path, *, override: Path | None = None) -> Path:
    """Return the data root: `override`, else $LOFTE_DATA, else the nearest folder above
    `start` that holds data/pledges/ (the way git finds .git)."""
    explicit = override or (Path(os.environ[ENV_DATA]) if os.environ.get(ENV_DATA) else None)
    if explicit is not None:
        if not (explicit / PLEDGES_DIR).is_dir():
            raise DataRootNotFound(
                f"{explicit}: not a lofte data repository (no {PLEDGES_DIR}/ folder in it)"
            )
        return explicit
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLEDGES_DIR).is_dir():
            return folder
    raise DataRootNotFound(
        f"{start}: not inside a lofte data repository (no {PLEDGES_DIR}/ here or above); "
        "use --data DIR or set LOFTE_DATA"
    )


def schema_dir() -> Path:
    """The JSON Schemas: inside the installed package, or the checkout's top-level schemas/."""
    packaged = Path(__file__).parent / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


def template_dir() -> Path:
    """The Jinja2 templates: inside the installed package, or the checkout's templates/."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def repository_top(root: Path) -> Path:
    """The top of the git work tree holding `root` (GitHub names files from there), or
    `root` itself outside git."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is not None:
        top = subprocess.run(
            [git, "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if top.returncode == 0 and top.stdout.strip():
            return Path(top.stdout.strip())
    return Path(os.path.abspath(root))
