"""A cache is a hint, never a source of truth (issue 19): whatever is wrong with the files
under .lofte-cache/ — bytes, JSON of another shape, fields missing or of another type,
files of another version of lofte, a folder or a pipe where a file goes, a file that
cannot be read — a run gives exactly what `--no-cache` gives (standard output, standard
error, exit code), and leaves a sound cache behind.

The hand-written cases name each kind of damage; the hypothesis cases mutate the real cache
files a run on the bundled data writes (bytes flipped, cut short, JSON reshaped, a folder
in their place). A file whose seal still holds after a reshaping ("resealed") stands for a
cache file of the right form but of another shape, which the checks of each entry must
catch. `LOFTE_FUZZ=long` runs many more examples (marked slow)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lofte_cli.data.file_check
from lofte_cli.data.cache import CACHE_DIR, code_fingerprint
from lofte_cli.data.cache_entries import sealed
from tests.helpers import REPO, Run, copy_base, write_tree

FEL = (
    "id: 2023-05-01-fel\ndate: 2023-05-01\nby: [kommun]\ncommitments: [kommun-9]\n"
    "title: Fel\ndescription: Ring 070-123 45 67.\nparticipants: många\n"
)
VALIDATE = ("validate",)
COVERAGE = ("coverage", "--format", "json", "--force")
EXPORT = ("export", "--force")
RunCli = Callable[..., Run]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base data root with one activity that has three problems (kept in the cache)."""
    root = copy_base(tmp_path / "repo")
    write_tree(root, {"data/pledges/p/activities/2023-05-01-fel.yaml": FEL})
    return root


def cache_files(root: Path) -> dict[str, Path]:
    """The cache's files by kind: index (`.en.meta`) and data (`.data`)."""
    folder = root / CACHE_DIR / code_fingerprint()
    return {
        "index": next(folder.glob("*.en.meta")),
        "data": next(folder.glob("*.data")),
    }


def body(path: Path) -> Any:
    """What a cache file holds, read as the JSON document it is."""
    return json.loads(path.read_bytes())["body"]


def reseal(path: Path, value: Any) -> None:
    """`value` written as lofte seals a cache file: the right form, whatever the shape."""
    path.write_bytes(sealed(value, f"{code_fingerprint()}/{path.name}"))


def same_as_without_cache(run_cli: RunCli, root: Path, args: tuple[str, ...]) -> Run:
    return run_cli("--no-cache", *args, cwd=root)


def assert_same(got: Run, want: Run) -> None:
    assert (got.exit_code, got.stdout, got.stderr) == (want.exit_code, want.stdout, want.stderr)


def spy_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    checked: list[Path] = []
    real = lofte_cli.data.file_check.check_file

    def spy(kind, path, raw, contacts=()):  # type: ignore[no-untyped-def]
        checked.append(path)
        return real(kind, path, raw, contacts)

    monkeypatch.setattr(lofte_cli.data.file_check, "check_file", spy)
    return checked


# --- each kind of damage, by hand -----------------------------------------------------------


def _bytes(path: Path) -> None:
    path.write_bytes(b"\x00\xff\xfe garbage \x80")


def _bad(path: Path) -> None:
    path.write_text('{"bad": 1}', encoding="utf-8")


def _empty_list(path: Path) -> None:
    path.write_text("[]", encoding="utf-8")


def _sealed_bad(path: Path) -> None:
    reseal(path, {"bad": 1})


def _sealed_empty_list(path: Path) -> None:
    reseal(path, [])


def _cut(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])


def _flipped(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) * 2 // 3] ^= 0x01
    path.write_bytes(bytes(raw))


def _unsealed(path: Path) -> None:
    """The body alone, as lofte before the seal wrote its cache: JSON of another version."""
    path.write_text(json.dumps(body(path)), encoding="utf-8")


def _other_version(path: Path) -> None:
    """Sealed by a lofte whose code differs (another fingerprint)."""
    path.write_bytes(sealed(body(path), f"0123456789abcdef/{path.name}"))


def _other_pledge(path: Path) -> None:
    """A sound cache file of another pledge's name copied over this one."""
    path.write_bytes(sealed(body(path), f"{code_fingerprint()}/other-{path.name}"))


def _folder(path: Path) -> None:
    path.unlink()
    (path / "inside").mkdir(parents=True)


def _pipe(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _loop(path: Path) -> None:
    """A link to itself: a file that cannot be read (ELOOP)."""
    path.unlink()
    path.symlink_to(path.name)


def _missing_field(path: Path) -> None:
    value = body(path)
    if "files" in value:
        del value["files"]["pledge.yaml"][4]
        del value["rules"]
    else:
        del value[next(iter(value))]
    reseal(path, value)


def _mistyped(path: Path) -> None:
    """Every field another type: times and lines as text, lists as mappings."""
    value = body(path)
    if "files" in value:
        for entry in value["files"].values():
            entry[0] = str(entry[0])
        value["rules"] = {"fingerprint": value["rules"][0]}
    else:
        value = {key: [entry] for key, entry in value.items()}
    reseal(path, value)


def _problem_mistyped(path: Path) -> None:
    """One problem's line as text, another's severity unknown, a code lofte does not have."""
    value = body(path)
    if "files" in value:
        problems = value["files"]["activities/2023-05-01-fel.yaml"][4]  # L303, L115
        problems[0][1] = str(problems[0][1])
        problems[1][5] = "fatal"
        value["rules"][1][0][3] = "L999"  # L103, found by the rules across files
    else:
        value = {key: None for key in value}
    reseal(path, value)


DAMAGE = {
    "random bytes": _bytes,
    '{"bad": 1}': _bad,
    "[]": _empty_list,
    '{"bad": 1} (resealed)': _sealed_bad,
    "[] (resealed)": _sealed_empty_list,
    "cut short": _cut,
    "a byte flipped": _flipped,
    "written by an earlier lofte (no seal)": _unsealed,
    "sealed by another version": _other_version,
    "sealed for another pledge": _other_pledge,
    "a field missing (resealed)": _missing_field,
    "fields of another type (resealed)": _mistyped,
    "problems of another type (resealed)": _problem_mistyped,
    "a folder in its place": _folder,
    "a pipe in its place": _pipe,
    "unreadable (a link to itself)": _loop,
}


@pytest.mark.parametrize("which", ["index", "data"])
@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_any_damage_gives_what_no_cache_gives(run_cli, repo, monkeypatch, damage, which):
    want = {args: same_as_without_cache(run_cli, repo, args) for args in (VALIDATE, COVERAGE)}
    assert want[VALIDATE].exit_code == 1
    assert want[VALIDATE].stdout.splitlines()[-1] == "5 files checked: 3 errors, 0 warnings"
    for args in (VALIDATE, COVERAGE):
        assert_same(run_cli(*args, cwd=repo), want[args])  # the cache is written and used
        DAMAGE[damage](cache_files(repo)[which])
        # Without the note of the last whole check (tests/unit/test_tree_note.py damages
        # that one), so that the check reads the damaged file.
        for note in (repo / CACHE_DIR).glob("*/validate.*.note"):
            note.unlink()
        assert_same(run_cli(*args, cwd=repo), want[args])
    # The cache is sound again: a run reads no file.
    checked = spy_checks(monkeypatch)
    assert_same(run_cli(*COVERAGE, cwd=repo), want[COVERAGE])
    assert checked == []


def test_the_data_file_lost_is_read_again_not_taken_for_nothing(run_cli, tmp_path):
    """Coverage needs the activities' values, which validate does not: with the data file
    gone, the activities are read again (a cache without them once counted nothing)."""
    repo = copy_base(tmp_path / "repo")
    want = same_as_without_cache(run_cli, repo, COVERAGE)
    assert json.loads(want.stdout)["pledges"][0]["activities_recorded"] == 2
    run_cli(*COVERAGE, cwd=repo)
    cache_files(repo)["data"].unlink()
    assert_same(run_cli(*COVERAGE, cwd=repo), want)
    assert cache_files(repo)["data"].is_file()


@pytest.mark.parametrize(
    "damage",
    ["the fingerprint folder is a file", "the .gitignore is a folder"],
)
def test_damage_to_the_folders_is_repaired(run_cli, repo, monkeypatch, damage):
    want = same_as_without_cache(run_cli, repo, VALIDATE)
    run_cli(*VALIDATE, cwd=repo)
    base = repo / CACHE_DIR
    if damage == "the fingerprint folder is a file":
        shutil.rmtree(base / code_fingerprint())
        (base / code_fingerprint()).write_text("x", encoding="utf-8")
    else:
        (base / ".gitignore").unlink()
        (base / ".gitignore" / "x").mkdir(parents=True)
    assert_same(run_cli(*VALIDATE, cwd=repo), want)
    assert (base / code_fingerprint()).is_dir()
    assert (base / ".gitignore").read_text(encoding="utf-8") == "*\n"
    checked = spy_checks(monkeypatch)
    assert_same(run_cli(*VALIDATE, cwd=repo), want)
    assert checked == []


@pytest.mark.parametrize("damage", ["the locks folder is a file", "a lock is a folder"])
def test_damaged_locks_do_not_stop_a_change(run_cli, tmp_path, damage):
    """`lofte assess` and `lofte fmt` lock the file they change in the cache folder."""
    args = ("assess", "kommun-1", "--status", "done", "--date", "2023-12-15")
    want_root = copy_base(tmp_path / "want")
    want = run_cli("--no-cache", *args, cwd=want_root)
    assert want.exit_code == 0
    root = copy_base(tmp_path / "got")
    locks = root / CACHE_DIR / "locks"
    if damage == "the locks folder is a file":
        write_tree(root, {f"{CACHE_DIR}/locks": "x"})
    else:
        (locks / "p-followups-2023-12-15.lock" / "inside").mkdir(parents=True)
    assert_same(run_cli(*args, cwd=root), want)
    written = "data/pledges/p/followups/2023-12-15.yaml"
    assert (root / written).read_bytes() == (want_root / written).read_bytes()
    assert (locks / "p-followups-2023-12-15.lock").is_file()


@pytest.mark.parametrize("damage", ["a byte flipped", '{"bad": 1}', "a folder in its place"])
def test_render_and_export_give_what_no_cache_gives(run_cli, tmp_path, damage):
    """On the bundled data: the site and the open data are the same, file for file."""
    root = tmp_path / "bundled"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    want_export = same_as_without_cache(run_cli, root, EXPORT)
    want_render = run_cli("--no-cache", "render", "--out", str(tmp_path / "want"), cwd=root)
    assert want_render.exit_code == 0
    run_cli(*EXPORT, cwd=root)
    for which in ("index", "data"):
        DAMAGE[damage](cache_files(root)[which])
    got_render = run_cli("render", "--out", str(tmp_path / "got"), cwd=root)
    assert (got_render.exit_code, got_render.stderr) == (0, want_render.stderr)
    assert site(tmp_path / "got") == site(tmp_path / "want")
    for which in ("index", "data"):
        DAMAGE[damage](cache_files(root)[which])
    assert_same(run_cli(*EXPORT, cwd=root), want_export)


def site(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- mutations of the real cache files of the bundled data (hypothesis) -----------------------

_JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5)
)
_OTHER_VALUE = st.one_of(_JSON_LEAF, st.just([]), st.just({}), st.just({"bad": 1}))


@st.composite
def mutations(draw: st.DrawFn) -> tuple[tuple[str, ...], str, str, tuple[int, int, Any]]:
    """(command, which file, how, what): a mutation to apply to a real cache file."""
    command = draw(st.sampled_from([VALIDATE, COVERAGE, EXPORT]))
    which = draw(st.sampled_from(["index", "data"]))
    how = draw(
        st.sampled_from(
            ["flip", "cut", "insert", "folder", "delete key", "change type", "wrap in list"]
        )
    )
    what = draw(st.tuples(st.integers(0, 2**32), st.integers(0, 7), _OTHER_VALUE))
    return command, which, how, what


def mutate(path: Path, how: str, what: tuple[int, int, Any]) -> str:
    """Apply one mutation; returns what was done, for the failure message."""
    where, bit, other = what
    raw = path.read_bytes()
    if how == "flip":
        at = where % len(raw)
        path.write_bytes(raw[:at] + bytes([raw[at] ^ (1 << bit)]) + raw[at + 1 :])
        return f"flipped bit {bit} of byte {at}"
    if how == "cut":
        path.write_bytes(raw[: where % len(raw)])
        return f"cut at {where % len(raw)}"
    if how == "insert":
        at = where % len(raw)
        path.write_bytes(raw[:at] + json.dumps(other).encode() + raw[at:])
        return f"inserted {other!r} at {at}"
    if how == "folder":
        _folder(path)
        return "a folder in its place"
    value = body(path)
    slots = list(_slots(value, ()))
    address = slots[where % len(slots)]
    current = _reach(value, address)
    if type(other) is type(current):  # another type, always
        other = {"other": other} if isinstance(current, list) else [other]
    new = [current] if how == "wrap in list" else other
    if address == ():
        value = None if how == "delete key" else new
    else:
        container = _reach(value, address[:-1])
        if how == "delete key" and isinstance(container, dict):
            del container[address[-1]]
        else:
            container[address[-1]] = new
    reseal(path, value)
    return f"{how} at {address} ({new!r}), resealed"


def _slots(value: Any, address: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """Every place in a body that the checks of its entries must look at: the index all
    through, the data file down to its entries. Not the values read from a data file (in
    the data file's entries and the index's "pledge"): a change there that keeps their
    shape is what the seal is for, and resealing bypasses the seal on purpose."""
    yield address
    if address == () and isinstance(value, dict) and "files" not in value:
        yield from ((key,) for key in value)  # the data file
        return
    if address == ("pledge", 1):
        return
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        yield from _slots(item, (*address, key))


def _reach(value: Any, address: tuple[Any, ...]) -> Any:
    for step in address:
        value = value[step]
    return value


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data in a scratch folder, its cache written by one run."""
    root = tmp_path_factory.mktemp("bundled-cache")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


_WANT: dict[tuple[str, ...], Run] = {}


def fuzz_cache(
    run_cli: RunCli, root: Path, mutation: tuple[tuple[str, ...], str, str, Any]
) -> None:
    args, which, how, what = mutation
    if args not in _WANT:
        _WANT[args] = same_as_without_cache(run_cli, root, args)
    want = _WANT[args]
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    assert_same(run_cli(*args, cwd=root), want)  # a real cache, written by this run
    done = mutate(cache_files(root)[which], how, what)
    got = run_cli(*args, cwd=root)
    assert (got.exit_code, got.stdout, got.stderr) == (
        want.exit_code,
        want.stdout,
        want.stderr,
    ), f"{' '.join(args)} after the {which} file was changed: {done}"


_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
LONG = os.environ.get("LOFTE_FUZZ") == "long"


@settings(max_examples=10, deadline=None, suppress_health_check=_HEALTH, derandomize=True)
@given(mutation=mutations())
def test_mutated_cache_gives_what_no_cache_gives_quick(run_cli, bundled, mutation):
    fuzz_cache(run_cli, bundled, mutation)


@pytest.mark.slow
@settings(max_examples=2000 if LONG else 200, deadline=None, suppress_health_check=_HEALTH)
@given(mutation=mutations())
def test_mutated_cache_gives_what_no_cache_gives(run_cli, bundled, mutation):
    fuzz_cache(run_cli, bundled, mutation)
