"""Issue 7, parts 3 and 4 (SPEC 7, "no command loses or corrupts data"): a `lofte` run
killed with SIGKILL at any moment leaves either no file or the whole new one, never a
partial file, and what it leaves behind does not trouble `lofte validate`; many runs at
once neither corrupt a file nor write over each other's new files.

The runs are real subprocesses of the venv's `lofte`. Kills come in three kinds: at a
random moment of a run (a seeded delay between 0 and the measured typical run time); aimed
at the write (as soon as anything changes in the folder written to, plus a random fraction
of a millisecond), since the write is a millisecond or less of a 300 ms run; and at every
point where the run changes the data folder, just before and just after each file
operation (an audit hook loaded through `sitecustomize` kills the process there). The last
kind catches a write that is not atomic however short its window: a kill between
truncating or creating a file and writing it leaves the file empty."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from lofte_cli.data.document import Document
from lofte_cli.data.validate import ValidationResult, validate
from lofte_cli.data.yaml_io import read_document
from tests.helpers import copy_base

# Slow: every test kills or races dozens of real lofte runs.
pytestmark = pytest.mark.slow

LOFTE = str(Path(sys.executable).parent / "lofte")
ENV = {"PATH": "/usr/bin:/bin", "LOFTE_TODAY": "2026-11-26"}
TODAY = date(2026, 11, 26)
ACTIVITIES = Path("data/pledges/p/activities")
FOLLOWUPS = Path("data/pledges/p/followups")
FOLLOWUP = FOLLOWUPS / "2023-12-15.yaml"
BASE_FILES = 4  # the pledge, two activities and one follow-up of the corpus base

SEED = 20261126
RANDOM_KILLS = 60
AIMED_KILLS = 16
AIMED_DELAY = 0.0015  # seconds after the first change seen; fsync on a disk takes about 1 ms

# A long description, so that the file is written in more than one piece if it ever is.
DESCRIPTION = " ".join(["Föräldrakväll om droger och sociala medier i Henån."] * 40)
ADD = ["add-activity", "--by", "kommun", "--commitment", "kommun-1", "--title",
       "Avbruten skrivning", "--description", DESCRIPTION, "--date", "2023-06-01"]  # fmt: skip
NEW_ACTIVITY = ACTIVITIES / "2023-06-01-avbruten-skrivning.yaml"
ASSESS = ["assess", "kommun-1", "--status", "ongoing",
          "--comment", "Två föräldrakvällar hittills.", "--date", "2023-12-15"]  # fmt: skip


# --- running and killing ----------------------------------------------------------------


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """`lofte ARGS` in its own process group (so a kill reaches anything it starts)."""
    return subprocess.Popen(
        [LOFTE, *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def kill(proc: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the run; True when the kill ended it, False when it had already finished
    (which it must have done successfully)."""
    if proc.poll() is None:  # not yet reaped, so its group id cannot have been reused
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == -signal.SIGKILL:
        return True
    assert proc.returncode == 0, err.decode()
    return False


def kill_after(args: list[str], cwd: Path, delay: float) -> bool:
    proc = start(args, cwd)
    time.sleep(delay)
    return kill(proc)


def kill_at_write(args: list[str], cwd: Path, watch: Callable[[], object], delay: float) -> bool:
    """Kill the run `delay` seconds after `watch()` first changes, i.e. once the write has
    begun (a busy wait: sleeping is too coarse for a window of a millisecond)."""
    before = watch()
    proc = start(args, cwd)
    deadline = time.monotonic() + 60
    while watch() == before and proc.poll() is None:
        assert time.monotonic() < deadline, "the run neither wrote nor ended"
    until = time.perf_counter() + delay
    while time.perf_counter() < until:
        pass
    return kill(proc)


def typical_run(args: list[str], tmp_path: Path, name: str) -> tuple[float, Path]:
    """The median time of three whole runs, each on a fresh copy of the base, and the
    copy the last one changed (the expected outcome)."""
    times = []
    for attempt in range(3):
        repo = copy_base(tmp_path / f"{name}-whole-{attempt}")
        began = time.perf_counter()
        result = subprocess.run([LOFTE, *args], cwd=repo, env=ENV, capture_output=True, check=False)
        times.append(time.perf_counter() - began)
        assert result.returncode == 0, result.stderr.decode()
    return statistics.median(times), repo


# Loaded by the `lofte` process (through PYTHONPATH) in the crash-point runs: counts the
# file operations that change something below CRASH_UNDER and kills the process with
# SIGKILL just before the CRASH_AT-th one, or just after it returns (CRASH_WHEN).
CRASH_HOOK = """
import os, signal, sys

UNDER, AT, WHEN = os.environ["CRASH_UNDER"], int(os.environ["CRASH_AT"]), os.environ["CRASH_WHEN"]
CHANGING = {"os.mkdir": 1, "os.chmod": 1, "os.link": 2, "os.rename": 2, "os.remove": 1}
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC
seen = 0

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(frame, event, arg):
    # Any event outside the hook itself comes once the operation that called it is done.
    if frame.f_code is not hook.__code__:
        die()

def hook(event, args):
    global seen
    if event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wxa+") if mode is not None else flags & WRITING
        paths = [path] if writes and not isinstance(path, int) else []
    elif event in CHANGING:
        paths = list(args[: CHANGING[event]])
    else:
        return
    if not any(os.fsdecode(p).startswith(UNDER) for p in paths):
        return
    seen += 1
    if seen == AT:
        die() if WHEN == "before" else sys.setprofile(after)

sys.addaudithook(hook)
"""


def crash_at(args: list[str], repo: Path, hook: Path, point: int, when: str) -> bool:
    """Run `lofte ARGS`, killed just `when` (before or after) its `point`-th change to the
    data folder; False when it has fewer and finished."""
    env = {**ENV, "PYTHONPATH": str(hook), "CRASH_UNDER": str(repo / "data")}
    env |= {"CRASH_AT": str(point), "CRASH_WHEN": when}
    done = subprocess.run(
        [LOFTE, *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode == -signal.SIGKILL:
        return True
    assert done.returncode == 0, done.stderr
    return False


def crash_hook(tmp_path: Path) -> Path:
    folder = tmp_path / "crash-hook"
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(CRASH_HOOK, encoding="utf-8")
    return folder


def every_crash_point(args: list[str], tmp_path: Path, outcome: Callable[..., str]) -> list[str]:
    """The outcome of a kill before and after each change the run makes, in order, until
    a run has no such point left and finishes."""
    hook = crash_hook(tmp_path)
    found = []
    for point in range(1, 50):
        for when in ("before", "after"):
            repo = copy_base(tmp_path / f"point-{point}-{when}")
            killed = crash_at(args, repo, hook, point, when)
            found.append(outcome(repo, killed))
            if not killed:
                return found
    raise AssertionError("the run never finished")


# --- what a run left behind -------------------------------------------------------------


def hidden_files(repo: Path) -> list[Path]:
    """Everything whose name starts with a dot, except the cache folder and its own
    .gitignore (the cache's temporary files are included)."""
    found = []
    for folder, dirs, names in os.walk(repo):
        for name in [*dirs, *names]:
            if name.startswith(".") and name not in (".lofte-cache", ".gitignore"):
                found.append(Path(folder) / name)
    return found


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def check_validates(repo: Path, *, files: int) -> None:
    """`lofte validate` (in-process, with the cache the runs left) finds no error, reads
    exactly the data files, and never names a hidden file; where hidden files were left,
    the real command is run too."""
    result: ValidationResult = validate(repo, today=TODAY)
    assert result.errors == 0, result.problems
    assert result.files_checked == files
    assert not [p for p in result.problems if any(x.startswith(".") for x in p.path.parts)]
    strays = hidden_files(repo)
    if strays:
        command = subprocess.run(
            [LOFTE, "validate"], cwd=repo, env=ENV, capture_output=True, text=True, check=False
        )
        assert command.returncode == 0, command.stdout + command.stderr
        output = command.stdout + command.stderr
        assert not [p.name for p in strays if p.name in output], output


def activity_outcome(repo: Path, expected: bytes, base: list[str], killed: bool) -> str:
    """before, during, after or finished; fails on anything but no file or the whole one."""
    folder = repo / ACTIVITIES
    names = listing(folder)
    visible = [n for n in names if not n.startswith(".")]
    temporary = [n for n in names if n.startswith(f".{NEW_ACTIVITY.name}.")]
    assert set(names) - set(base) <= {NEW_ACTIVITY.name, *temporary}, names
    written = NEW_ACTIVITY.name in visible
    if written:
        assert (repo / NEW_ACTIVITY).read_bytes() == expected
        doc = read_document(repo / NEW_ACTIVITY)
        assert isinstance(doc, Document) and doc.data["id"] == NEW_ACTIVITY.stem
        assert (repo / NEW_ACTIVITY).stat().st_mode & 0o777 == 0o644
    check_validates(repo, files=BASE_FILES + written)
    if not killed:
        assert written and not temporary
        return "finished"
    if temporary:
        return "during"
    return "after" if written else "before"


def followup_outcome(repo: Path, old: bytes, new: bytes, mode: int, killed: bool) -> str:
    """before, during, after or finished; fails on anything but the old or the new file."""
    path = repo / FOLLOWUP
    content = path.read_bytes()
    assert content in (old, new), content.decode(errors="replace")
    assert path.stat().st_mode & 0o777 == mode
    doc = read_document(path)
    assert isinstance(doc, Document) and doc.data["date"] == "2023-12-15"
    temporary = [n for n in listing(path.parent) if n.startswith(f".{path.name}.")]
    assert set(listing(path.parent)) - set(temporary) == {path.name}
    check_validates(repo, files=BASE_FILES)
    if not killed:
        assert content == new and not temporary
        return "finished"
    if temporary:
        return "during"
    return "after" if content == new else "before"


def report(what: str, counts: Counter[str]) -> None:
    shown = ", ".join(f"{k} {counts[k]}" for k in ("before", "during", "after", "finished"))
    print(f"{what}: {shown}")


# --- killed runs ------------------------------------------------------------------------


def test_killed_add_activity_leaves_no_file_or_the_whole_file(tmp_path):
    typical, whole = typical_run(ADD, tmp_path, "add")
    expected = (whole / NEW_ACTIVITY).read_bytes()
    base = listing(copy_base(tmp_path / "listing") / ACTIVITIES)
    rng = random.Random(SEED)

    at_random: Counter[str] = Counter()
    for run in range(RANDOM_KILLS):
        repo = copy_base(tmp_path / f"random-{run}")
        killed = kill_after(ADD, repo, rng.uniform(0, typical))
        at_random[activity_outcome(repo, expected, base, killed)] += 1
    report(f"add-activity, random kills (typical run {typical:.3f} s)", at_random)

    aimed: Counter[str] = Counter()
    for run in range(AIMED_KILLS):
        repo = copy_base(tmp_path / f"aimed-{run}")
        folder = repo / ACTIVITIES
        killed = kill_at_write(
            ADD, repo, lambda folder=folder: listing(folder), rng.uniform(0, AIMED_DELAY)
        )
        aimed[activity_outcome(repo, expected, base, killed)] += 1
    report("add-activity, kills aimed at the write", aimed)

    points = every_crash_point(
        ADD, tmp_path, lambda repo, killed: activity_outcome(repo, expected, base, killed)
    )
    print(f"add-activity, crash points: {points}")

    # The window was exercised: random kills landed before anything was written and after
    # it was; aimed ones all once the write had begun (how many of those caught the
    # temporary file depends on how long fsync takes: most on a disk, few on tmpfs); the
    # crash points, before and after mkdir, the temporary file, its mode, the link and the
    # removal of the temporary file, cover every state in between, whatever the timing.
    assert at_random["before"] > 0 and at_random["after"] + at_random["finished"] > 0
    assert aimed["before"] == 0 and aimed.total() == AIMED_KILLS
    assert len(points) >= 11 and {"before", "during", "after"} <= set(points)


def test_killed_assess_leaves_the_old_or_the_new_followup(tmp_path):
    typical, whole = typical_run(ASSESS, tmp_path, "assess")
    original = copy_base(tmp_path / "original") / FOLLOWUP
    old, mode = original.read_bytes(), original.stat().st_mode & 0o777
    new = (whole / FOLLOWUP).read_bytes()
    assert new != old and b"kommun-1" in new
    rng = random.Random(SEED + 1)

    at_random: Counter[str] = Counter()
    for run in range(RANDOM_KILLS):
        repo = copy_base(tmp_path / f"random-{run}")
        killed = kill_after(ASSESS, repo, rng.uniform(0, typical))
        at_random[followup_outcome(repo, old, new, mode, killed)] += 1
    report(f"assess, random kills (typical run {typical:.3f} s)", at_random)

    aimed: Counter[str] = Counter()
    for run in range(AIMED_KILLS):
        repo = copy_base(tmp_path / f"aimed-{run}")
        path = repo / FOLLOWUP

        def watch(path: Path = path) -> object:
            stat = path.stat()
            return listing(path.parent), stat.st_mtime_ns, stat.st_size, stat.st_ino

        killed = kill_at_write(ASSESS, repo, watch, rng.uniform(0, AIMED_DELAY))
        aimed[followup_outcome(repo, old, new, mode, killed)] += 1
    report("assess, kills aimed at the write", aimed)

    points = every_crash_point(
        ASSESS, tmp_path, lambda repo, killed: followup_outcome(repo, old, new, mode, killed)
    )
    print(f"assess, crash points: {points}")

    assert at_random["before"] > 0 and at_random["after"] + at_random["finished"] > 0
    assert aimed["before"] == 0 and aimed.total() == AIMED_KILLS
    # before and after mkdir, the temporary file, its mode and the rename, then a whole run
    assert len(points) >= 9 and {"before", "during", "after"} <= set(points)


def test_a_partial_temporary_file_is_ignored_by_every_command(tmp_path):
    """What a kill in the middle of the write leaves (a hidden, half-written temporary
    file) is not read by validate, and add-activity and assess still work beside it."""
    repo = copy_base(tmp_path / "repo")
    half = "id: 2023-06-01-avbruten\ndate: 2023-06-01\nstatus: do"
    (repo / ACTIVITIES / f".{NEW_ACTIVITY.name}.k1ll3d.tmp").write_text(half, encoding="utf-8")
    (repo / FOLLOWUPS / f".{FOLLOWUP.name}.k1ll3d.tmp").write_text("date: 2023-", encoding="utf-8")
    check_validates(repo, files=BASE_FILES)
    for args in (ADD, ASSESS):
        result = subprocess.run(
            [LOFTE, *args], cwd=repo, env=ENV, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
    assert (repo / NEW_ACTIVITY).exists()
    check_validates(repo, files=BASE_FILES + 1)


# --- concurrent runs --------------------------------------------------------------------


def run_all(commands: list[list[str]], cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    """All commands at once: each thread starts its process as soon as it can."""

    def one(args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [LOFTE, *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
        )

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(one, commands))


def test_fifty_identical_concurrent_add_activity_runs_give_fifty_files(tmp_path):
    repo = copy_base(tmp_path / "repo")
    args = ["add-activity", "--by", "kommun", "--commitment", "kommun-1", "--title",
            "Samma titel", "--description", "Samtidigt.", "--date", "2023-06-01"]  # fmt: skip
    results = run_all([args] * 50, repo)
    assert [r.returncode for r in results] == [0] * 50, [r.stderr for r in results if r.returncode]
    stem = "2023-06-01-samma-titel"
    written = sorted((repo / ACTIVITIES).glob(f"{stem}*.yaml"))
    # Each run takes the first free name, so the names are exactly the first fifty.
    assert {p.stem for p in written} == {stem} | {f"{stem}-{n}" for n in range(2, 51)}
    reported = {r.stdout.split()[1] for r in results}
    assert reported == {str(ACTIVITIES / p.name) for p in written}  # each its own file
    for path in written:
        doc = read_document(path)
        assert isinstance(doc, Document), path
        assert doc.data["id"] == path.stem
        assert {k: v for k, v in doc.data.items() if k != "id"} == {
            "date": "2023-06-01",
            "status": "done",
            "by": ["kommun"],
            "commitments": ["kommun-1"],
            "title": "Samma titel",
            "description": "Samtidigt.",
        }
    result = validate(repo, today=TODAY)
    assert result.errors == 0, result.problems
    assert {p.code for p in result.problems} <= {"L118"}  # the same activity fifty times
    assert result.files_checked == BASE_FILES + 50
    assert hidden_files(repo) == []


EXTRA = [f"extra-{n}" for n in range(1, 21)]
STATUSES = ["ongoing", "done", "partly-done", "not-started"]


def with_extra_commitments(repo: Path) -> Path:
    """Twenty more commitments, so that twenty concurrent assessments touch twenty
    different entries and a lost one can be told from one written over."""
    pledge = repo / "data/pledges/p/pledge.yaml"
    extra = "".join(
        f"  - id: {c}\n    by: kommun\n    text: Åtagande nummer {n}.\n"
        for n, c in enumerate(EXTRA, 1)
    )
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("indicators:\n", extra + "indicators:\n", 1), encoding="utf-8")
    return repo


def assess_args(n: int) -> list[str]:
    status, comment = STATUSES[n % len(STATUSES)], f"Bedömning nummer {n + 1}."
    return ["assess", EXTRA[n], "--status", status, "--comment", comment, "--date", "2023-12-15"]


def test_twenty_concurrent_assess_runs_never_corrupt_the_followup(tmp_path):
    repo = with_extra_commitments(copy_base(tmp_path / "repo"))
    assert validate(repo, today=TODAY).errors == 0
    results = run_all([assess_args(n) for n in range(20)], repo)
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results if r.returncode]

    path = repo / FOLLOWUP
    doc = read_document(path)
    assert isinstance(doc, Document)
    result = validate(repo, today=TODAY)
    assert result.errors == 0, result.problems
    assert hidden_files(repo) == []
    assessments = doc.data["assessments"]
    kept = [c for c in assessments if c in EXTRA]
    for commitment in kept:
        n = EXTRA.index(commitment)
        assert assessments[commitment] == {
            "status": STATUSES[n % len(STATUSES)],
            "comment": f"Bedömning nummer {n + 1}.",
        }
    assert assessments["polis-1"]["status"] == "ongoing"  # the entry no run touched

    # The file is a complete output: the very bytes that the assessments it holds give
    # when made one after another, in the order they appear in it.
    replay = with_extra_commitments(copy_base(tmp_path / "replay"))
    for commitment in kept:
        args = assess_args(EXTRA.index(commitment))
        done = subprocess.run([LOFTE, *args], cwd=replay, env=ENV, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr.decode()
    assert path.read_bytes() == (replay / FOLLOWUP).read_bytes()

    # Lost updates are reported, not failed: lofte takes no lock, so of two runs that read
    # the file before either wrote it, the later rename drops the other's assessment.
    # Runs are serialised by a lock: none is lost, not only none corrupt.
    assert len(kept) == 20, f"{20 - len(kept)} of 20 concurrent assessments were lost"
