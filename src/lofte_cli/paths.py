"""Finding the data root, and the schemas that ship with the package."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lofte_cli.errors import DataRootNotFound, UsageError, id_list
from lofte_cli.i18n import _, ngettext

if TYPE_CHECKING:
    import tarfile

PLEDGES_DIR = Path("data") / "pledges"
PLEDGE_FILE = "pledge.yaml"
ACTIVITIES_DIR = "activities"
FOLLOWUPS_DIR = "followups"
ENV_DATA = "LOFTE_DATA"


def pledge_file(root: Path, pledge_id: str) -> Path:
    """data/pledges/<id>/pledge.yaml"""
    return root / PLEDGES_DIR / pledge_id / PLEDGE_FILE


def activity_file(root: Path, pledge_id: str, activity_id: str) -> Path:
    """data/pledges/<id>/activities/<activity id>.yaml"""
    return root / PLEDGES_DIR / pledge_id / ACTIVITIES_DIR / f"{activity_id}.yaml"


def followup_file(root: Path, pledge_id: str, day: date) -> Path:
    """data/pledges/<id>/followups/<date>.yaml"""
    return root / PLEDGES_DIR / pledge_id / FOLLOWUPS_DIR / f"{day.isoformat()}.yaml"


def only_pledge(ids: Iterable[str], how: str = "--pledge") -> str:
    """The one pledge there is; a usage error naming them, and `how` to choose, when there
    are none or more."""
    found = sorted(ids)
    if len(found) != 1:
        raise UsageError(
            ngettext(
                "give {how} to say which pledge (there is {count}: {ids})",
                "give {how} to say which pledge (there are {count}: {ids})",
                len(found),
            ).format(how=how, count=len(found), ids=id_list(found))
        )
    return found[0]


def find_data_root(start: Path, *, override: Path | None = None) -> Path:
    """Return the data root: `override` (--data, or LOFTE_DATA which the command line reads
    for it), else the nearest folder above `start` that holds data/pledges/ (the way git
    finds .git)."""
    explicit = override
    if explicit is not None:
        if not (explicit / PLEDGES_DIR).is_dir():
            raise DataRootNotFound(
                _("{path}: not a lofte data repository (no {folder}/ folder in it)").format(
                    path=explicit, folder=PLEDGES_DIR.as_posix()
                )
            )
        return explicit
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLEDGES_DIR).is_dir():
            return folder
    raise DataRootNotFound(
        _(
            "{path}: not inside a lofte data repository (no {folder}/ here or above); "
            "use --data DIR or set LOFTE_DATA"
        ).format(path=start, folder=PLEDGES_DIR.as_posix())
    )


def shown_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it; a
    file of the data as it stood at a revision (`--at`) is named where it is in the data
    repository, not in the temporary copy it was read from."""
    path = as_in_repository(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


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


def pledge_folders(root: Path) -> list[str]:
    """The names of the pledge folders (those holding a pledge.yaml), loaded or not."""
    return sorted(p.parent.name for p in (root / PLEDGES_DIR).glob(f"*/{PLEDGE_FILE}"))


# A copy made by `data_at_revision` → the folder standing for the top of its repository,
# so that files read --at a revision are named as they are in the repository; and → the
# data root it was copied from, which outputs must still keep away from.
_REVISION_TOPS: dict[Path, Path] = {}
_REVISION_ORIGINS: dict[Path, Path] = {}


def as_in_repository(path: Path) -> Path:
    """`path` in the data repository, also when it is in a copy made by `--at`."""
    for copy, origin in _REVISION_ORIGINS.items():
        if copy == path or copy in path.parents:
            return origin / path.relative_to(copy)
    return path


def original_root(root: Path) -> Path:
    """The data root itself, also when `root` is a copy of it as it stood at a revision."""
    return _REVISION_ORIGINS.get(root, root)


def repository_top(root: Path) -> Path:
    """The top of the git work tree holding `root` (GitHub names files from there), or
    `root` itself outside git."""
    import shutil
    import subprocess

    if root in _REVISION_TOPS:
        return _REVISION_TOPS[root]

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


def path_from_top(path: Path, top: Path) -> str:
    """`path` as git and GitHub name it: relative to `top`, the top of the repository, with
    forward slashes on every system."""
    return Path(os.path.relpath(os.path.abspath(path), top)).as_posix()


def data_at_revision(root: Path, revision: str) -> Path:
    """A temporary copy of the data as it stood at a git revision or tag (`--at REV`), so
    that last year's published figures can be reproduced. Removed when lofte exits."""
    import atexit
    import io
    import shutil
    import subprocess
    import tarfile
    import tempfile

    git = shutil.which("git")
    if git is None:
        raise UsageError(_("--at needs git, which is not installed"))
    prefix = subprocess.run(
        [git, "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, check=False
    )
    if prefix.returncode != 0:
        raise UsageError(
            _("--at {revision}: {path} is not in a git repository").format(
                revision=revision, path=root
            )
        )
    inside = f"{prefix.stdout.strip()}{PLEDGES_DIR.as_posix()}"
    archive = subprocess.run(  # from the top: in a subfolder git archives only that folder
        [git, "archive", "--format=tar", revision, "--", inside],
        cwd=repository_top(root),
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        reason = archive.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise UsageError(
            _("--at {revision}: git cannot give the data there ({reason})").format(
                revision=revision, reason=reason[0]
            )
        )
    scratch = Path(tempfile.mkdtemp(prefix="lofte-at-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        extract_safely(tar, scratch)
    copy = scratch / prefix.stdout.strip()
    _REVISION_TOPS[copy] = scratch
    _REVISION_ORIGINS[copy] = root
    return copy


def extract_safely(tar: tarfile.TarFile, folder: Path) -> None:
    """Extract into `folder` only what stays inside it: with Python's "data" filter where
    Python has it (3.11.4 and later), a member it refuses left out rather than fatal;
    before that, only plain files and folders whose names stay inside."""
    import tarfile

    data_filter = getattr(tarfile, "data_filter", None)
    if data_filter is not None:

        def keep(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
            try:
                return data_filter(member, path)  # type: ignore[no-any-return]
            except tarfile.FilterError:
                return None  # a link out of the folder, say: not part of the copy

        tar.extractall(folder, filter=keep)
        return
    safe = [m for m in tar.getmembers() if (m.isfile() or m.isdir()) and _stays_inside(m.name)]
    tar.extractall(folder, members=safe)


def _stays_inside(name: str) -> bool:
    from pathlib import PurePosixPath

    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts
