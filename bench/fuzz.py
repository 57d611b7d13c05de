"""Long fuzz run of `lofte validate` and `lofte add-activity` (issue 7), outside the tests.

Runs the strategies of tests/test_fuzz.py for a number of minutes, in-process for speed:
batches of generated and mutated activities and pledges are written into a copy of the
base data root and checked with `lofte_cli.data.validate.validate` (and each file on its own
with `lofte_cli.data.file_check.check_file`); every so often the same root goes through the
`lofte` command (a cold process: exit code, JSON, no traceback, the same problems), a
second, cached run must give the same problems, and an activity makes the round trip
through `lofte add-activity --dry-run`. Prints the cases tried, by mutation kind, the
failures found (crashes and wrong verdicts, grouped by kind) and the wall time, and keeps
the first examples of each failure in bench/out/fuzz/.

    python bench/fuzz.py            # 10 minutes
    python bench/fuzz.py 5          # 5 minutes
    python bench/fuzz.py 1 --json   # the figures as JSON too
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from hypothesis import HealthCheck, Phase, Verbosity, given, settings  # noqa: E402
from tests import test_fuzz as fz  # noqa: E402

LOFTE = str(Path(sys.executable).parent / "lofte")
TODAY = fz.TODAY
KEEP = 3  # examples kept per kind of failure


class _TimeUp(BaseException):
    """Ends the hypothesis run when the minutes are over (not a failure of the test)."""


class Tally:
    """What the run tried and found."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.batches = 0
        self.cases = 0
        self.by_mutation: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        self.undecided: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        self.failures: collections.Counter[str] = collections.Counter()
        self.examples: dict[str, list[str]] = collections.defaultdict(list)
        self.cli_runs = 0
        self.cache_runs = 0
        self.round_trips = 0
        self.validator_checks = 0

    def fail(self, kind: str, message: str, files: list[fz.Case] | None = None) -> None:
        self.failures[kind] += 1
        if len(self.examples[kind]) >= KEEP:
            return
        slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")[:80]
        folder = self.out / slug / str(len(self.examples[kind]) + 1)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "README.txt").write_text(f"{kind}\n\n{message}\n", encoding="utf-8")
        for case in files or []:
            target = folder / case.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(case.raw)
        self.examples[kind].append(str(folder))


def _signature(exc: BaseException) -> str:
    """A crash's kind: the exception type and the place in lofte it came from."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "lofte_cli" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
    return f"{type(exc).__name__} in {where}"


def _problems(result: Any, root: Path) -> list[dict[str, Any]]:
    return [
        {
            "path": Path(os.path.relpath(p.path, root)).as_posix(),
            "line": p.line,
            "column": p.col,
            "severity": p.severity,
            "code": p.code,
            "message": p.message,
        }
        for p in result.problems
    ]


_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F]")


def cause(raw: bytes) -> str:
    """The known trigger in a file, for telling failures apart: an escaped surrogate
    (open defect 1) or a YAML 1.1 line break (open defects 2 and 3)."""
    if _ESCAPED_SURROGATE.search(raw):
        return " [escaped surrogate]"
    text = raw.decode("utf-8", "replace")
    if any(c in text for c in fz.YAML11_BREAKS):
        return " [U+2028/U+2029/NEL]"
    return ""


def check_batch(batch: list[fz.Case], tally: Tally, *, cli: bool, cached: bool) -> None:
    """Check one batch in one data root; where validate crashes, each file in a root of its
    own, so that one crash does not hide the verdicts on the others."""
    from lofte_cli.data.file_check import check_file

    tally.batches += 1
    tally.cases += len(batch)
    for case in batch:  # each file on its own: no crash
        try:
            check_file(case.kind, Path(case.rel), case.raw, fz.CONTACTS)
        except Exception as exc:
            kind = f"crash: check_file: {_signature(exc)}{cause(case.raw)}"
            tally.fail(kind, traceback.format_exc(), files=[case])
        _check_validators(case, tally)
    if not _check_root(batch, tally, cli=cli, cached=cached):
        for case in batch:
            _check_root([case], tally, cli=False, cached=cached)


def _check_root(batch: list[fz.Case], tally: Tally, *, cli: bool, cached: bool) -> bool:
    """Validate a root holding `batch`; False when validate crashed."""
    from lofte_cli.data.validate import validate

    with tempfile.TemporaryDirectory() as tmp:
        root = fz.fresh_root(batch, Path(tmp))
        try:
            result = validate(root, today=TODAY, use_cache=cached)
        except Exception as exc:
            if len(batch) == 1:
                kind = f"crash: validate: {_signature(exc)}{cause(batch[0].raw)}"
                tally.fail(kind, traceback.format_exc(), batch)
                _count(batch, None, tally)
            return False
        problems = _problems(result, root)
        _count(batch, problems, tally)
        _check_verdicts(batch, problems, 1 if result.errors else 0, tally)
        if cached:
            tally.cache_runs += 1
            again = _problems(validate(root, today=TODAY, use_cache=True), root)
            if again != problems:
                tally.fail("cached run differs", json.dumps([problems, again], indent=2), batch)
        if cli:
            _check_cli(root, batch, problems, tally)
    return True


def _check_verdicts(
    batch: list[fz.Case], problems: list[dict[str, Any]], exit_code: int, tally: Tally
) -> None:
    """(b) and (c), file by file, and the exit code."""
    errors: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for p in problems:
        if p["severity"] == "error":
            errors[p["path"]].append(p)
    wrong_files = 0
    for case in batch:
        found = errors.get(case.rel, [])
        what = f"{case.kind}, {case.mutation}"
        wrong_files += bool(found) == (case.expect_valid is True) and case.expect_valid is not None
        if case.expect_valid is True and found:
            codes = ",".join(sorted({p["code"] for p in found}))
            kind = f"wrong verdict: valid {what} got {codes}{cause(case.raw)}"
            tally.fail(kind, f"{case.detail}\n{json.dumps(found, indent=2)}", [case])
        if case.expect_valid is False and not found:
            kind = f"wrong verdict: invalid {what} passed{cause(case.raw)}"
            tally.fail(kind, case.detail, [case])
    outside = set(errors) - {c.rel for c in batch}
    if outside:
        tally.fail("errors in files not generated", json.dumps(problems, indent=2), batch)
    if all(c.expect_valid is not None for c in batch) and not wrong_files:
        want = 1 if any(c.expect_valid is False for c in batch) else 0
        if exit_code != want:  # only where no file's verdict was wrong (which would say why)
            tally.fail(f"exit code {exit_code}, expected {want}", json.dumps(problems), batch)


def _check_validators(case: fz.Case, tally: Tally) -> None:
    """lofte's two schema checks (compiled, then jsonschema) give the same answer."""
    if case.data is None or fz._has_surrogate(case.data):
        return
    from lofte_cli.data.schema import _compiled, validator

    tally.validator_checks += 1
    try:
        fast = _compiled(case.kind).is_valid(case.data)
    except Exception as exc:
        tally.fail(f"crash: jsonschema-rs: {type(exc).__name__}", repr(case.data), [case])
        return
    slow = validator(case.kind).is_valid(case.data)
    if fast != slow:
        tally.fail(
            f"validators disagree: compiled {fast}, jsonschema {slow}",
            json.dumps(case.data, ensure_ascii=True, indent=1),
            [case],
        )


def _count(batch: list[fz.Case], problems: list[dict[str, Any]] | None, tally: Tally) -> None:
    errors = {p["path"] for p in problems or [] if p["severity"] == "error"}
    for case in batch:
        said = "?" if problems is None else ("error" if case.rel in errors else "pass")
        want = {True: "valid", False: "invalid", None: "undecided"}[case.expect_valid]
        tally.by_mutation[case.mutation][f"{want}/{said}"] += 1
        if case.expect_valid is None:
            tally.undecided[case.undecided][said] += 1


def _check_cli(root: Path, batch: list[fz.Case], problems: list[dict[str, Any]], tally: Tally):
    tally.cli_runs += 1
    env = {**os.environ, "LOFTE_TODAY": TODAY.isoformat()}
    env.pop("LOFTE_DATA", None)
    env.pop("LOFTE_DEBUG", None)
    run = subprocess.run(
        [LOFTE, "--no-cache", "validate", "--format", "json"],
        cwd=root,
        capture_output=True,
        env=env,
        timeout=120,
    )
    stderr = run.stderr.decode("utf-8", "replace")
    if run.returncode not in (0, 1) or "Traceback" in stderr or "internal error" in stderr:
        tally.fail(f"cli: exit {run.returncode}", stderr, batch)
        return
    try:
        shown = json.loads(run.stdout)
    except ValueError as exc:
        tally.fail("cli: output is not JSON", f"{exc}\n{run.stdout[:2000]!r}", batch)
        return
    key = ("path", "line", "column", "code")
    if sorted(tuple(p[k] for k in key) for p in shown) != sorted(
        tuple(p[k] for k in key) for p in problems
    ):
        tally.fail("cli: other problems than in-process", json.dumps([shown, problems]), batch)


def check_round_trip(a: dict[str, Any], base_root: Path, tally: Tally) -> None:
    """(d): add-activity --dry-run with the activity's flags writes the same activity."""
    from lofte_cli.cli.main.main import app
    from typer.testing import CliRunner

    tally.round_trips += 1
    os.environ["LOFTE_TODAY"] = TODAY.isoformat()
    os.chdir(base_root)
    raw = json.dumps(a, ensure_ascii=False).encode("utf-8", "surrogatepass")
    case = fz.Case("activity", "round-trip", "flags", "flags.json", raw, True)
    try:
        result = CliRunner().invoke(app, ["add-activity", "--dry-run", *fz.activity_flags(a)])
    except Exception as exc:
        tally.fail(f"round trip: crash {_signature(exc)}", traceback.format_exc(), [case])
        return
    if result.exit_code != 0:
        first = (result.stderr.strip().splitlines() or ["?"])[-1]
        kind = re.sub(r"'.*|\(.*", "", first)[:70] + cause(case.raw)
        tally.fail(f"round trip: exit {result.exit_code}: {kind}", result.stderr, [case])
        return
    try:
        written = fz.oracle_load(result.stdout)
    except Exception as exc:
        tally.fail(f"round trip: unreadable ({type(exc).__name__})", result.stdout, [case])
        return
    ident = written.pop("id", "")
    if not (fz.SLUG.fullmatch(ident) and ident.startswith(a["date"]) and len(ident) <= 60):
        tally.fail("round trip: odd id", ident, [case])
    want = fz.normalised(a)
    if "\n" in want["description"] and written.get("description") == want["description"] + "\n":
        written["description"] = want["description"]
    for key in sorted(set(want) | set(written)):
        mine, theirs = fz._by_value(want.get(key)), fz._by_value(written.get(key))
        if fz._canonical(mine) != fz._canonical(theirs):
            message = f"{key}: gave {mine!r}, wrote {theirs!r}\n\n{result.stdout}"
            trigger = cause(json.dumps(want.get(key), ensure_ascii=False).encode())
            tally.fail(f"round trip: {key} differs{trigger}", message, [case])


def run(minutes: float, out: Path, *, cli_every: float, trip_every: int) -> Tally:
    tally = Tally(out)
    stop = time.monotonic() + minutes * 60
    next_cli = time.monotonic()
    base_root = fz.copy_base(Path(tempfile.mkdtemp(prefix="lofte-fuzz-")) / "repo")
    here = os.getcwd()

    @settings(
        max_examples=10**9,
        phases=[Phase.generate],
        database=None,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
    )
    @given(batch=fz.batches(max_size=12), trip=fz.flag_activities())
    def fuzz(batch: list[fz.Case], trip: dict[str, Any]) -> None:
        nonlocal next_cli
        if time.monotonic() > stop:
            raise _TimeUp
        cli = time.monotonic() >= next_cli
        if cli:
            next_cli = time.monotonic() + cli_every
        check_batch(batch, tally, cli=cli, cached=tally.batches % 10 == 0)
        if tally.batches % trip_every == 0:
            check_round_trip(trip, base_root, tally)
            os.chdir(here)

    try:
        fuzz()
    except _TimeUp:
        pass
    finally:
        os.chdir(here)
        shutil.rmtree(base_root.parent, ignore_errors=True)
    return tally


def report(tally: Tally, seconds: float) -> dict[str, Any]:
    return {
        "date": date.today().isoformat(),
        "minutes": round(seconds / 60, 2),
        "batches": tally.batches,
        "cases": tally.cases,
        "cases_per_second": round(tally.cases / seconds, 1),
        "cli_runs": tally.cli_runs,
        "cached_reruns": tally.cache_runs,
        "round_trips": tally.round_trips,
        "validator_checks": tally.validator_checks,
        "by_mutation": {k: dict(sorted(v.items())) for k, v in sorted(tally.by_mutation.items())},
        "undecided": {k: dict(v) for k, v in sorted(tally.undecided.items())},
        "failures": dict(tally.failures.most_common()),
        "examples": dict(tally.examples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("minutes", nargs="?", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "fuzz")
    parser.add_argument("--cli-every", type=float, default=10.0, help="seconds between CLI runs")
    parser.add_argument("--trip-every", type=int, default=1, help="batches per round trip")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    tally = run(args.minutes, args.out, cli_every=args.cli_every, trip_every=args.trip_every)
    seconds = time.monotonic() - started
    figures = report(tally, seconds)
    (args.out / "summary.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(f"wall time       {seconds / 60:.1f} min")
    rate = figures["cases_per_second"]
    print(f"cases tried     {tally.cases} in {tally.batches} data roots ({rate}/s)")
    print(
        f"cli runs        {tally.cli_runs}, cached re-runs {tally.cache_runs}, "
        f"round trips {tally.round_trips}, validator checks {tally.validator_checks}"
    )
    print("by mutation     expected/lofte said: count")
    for mutation, counts in figures["by_mutation"].items():
        print(
            f"  {mutation:14} {sum(counts.values()):6}  "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    print("undecided       (only 'no crash' checked) how lofte answered:")
    for reason, counts in figures["undecided"].items():
        print(f"  {reason}: {counts}")
    print(f"failures        {sum(tally.failures.values())}")
    for kind, count in tally.failures.most_common():
        print(f"  {count:6}  {kind}")
        print(f"          e.g. {tally.examples[kind][0]}")
    if args.json:
        print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
