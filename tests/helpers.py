"""What tests import: the repository's folders, building data repositories in tmp_path, and
the result of a CLI run. Fixtures stay in conftest.py, which uses these."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lofte_cli.data.model import Link
from lofte_cli.edit.activity_fields import DraftFields

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
FIXTURES = REPO / "tests" / "fixtures"
BUNDLED = REPO


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Build a folder from a {relative path: content} map."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def copy_base(dest: Path, overlay: Path | None = None) -> Path:
    """The corpus base data root copied to `dest`, with `overlay`'s files laid over it."""
    shutil.copytree(CORPUS / "base", dest)
    if overlay is not None:
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    return dest


def site_inodes(site: Path) -> dict[str, int]:
    """Each file of a rendered site but its manifest, by path, with its inode (a page
    taken over from the last render keeps it)."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_ino
        for p in site.rglob("*")
        if p.is_file() and p.name != ".lofte-site.json"
    }


def site_contents(site: Path) -> dict[str, str]:
    """Each file of a rendered site, by path, with the SHA-256 of its bytes."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def draft_asking_for(kind: str, values: dict[str, str], pledge: str, link: str) -> DraftFields:
    """An activity draft with every field given but `kind`, the one the prompt asks for
    (values as the typed-values tables hold them)."""
    return DraftFields(
        pledge_id=pledge,
        date=date.fromisoformat(values["date"]) if kind != "date" else None,
        by=(values["by"],) if kind != "by" else (),
        commitments=(values["commitments"],) if kind != "commitments" else (),
        title=values["title"],
        description=values["description"],
        status=values["status"] if kind != "status" else None,
        place="Stenungsund",
        partners=("skolan",),
        target_groups=("föräldrar",),
        participants=12,
        hours=3,
        links=(Link(link, None),),
    )
