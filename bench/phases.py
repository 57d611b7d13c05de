"""Benchmark: where the time of publishing goes, on a data repository made by
bench/generate.py. Renders into OUT from nothing, changes one activity, renders again, and
prints the wall time of each step of both renders' publishing (those that exist in this
version of lofte; indented steps are part of the step above).

    python bench/phases.py /tmp/spare-data /tmp/spare-site
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import lofte_cli.publish.site as site_module
import lofte_cli.staging as staging
from lofte_cli.data.loader import load_catalog
from lofte_cli.publish.reuse import ReusePlan
from lofte_cli.publish.site import render_site
from lofte_cli.publish.site_model import build_site

TODAY = date(2026, 11, 26)
TIMES: dict[str, float] = {}


def timed(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(step)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            TIMES[name] = TIMES.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def timed_stage(step: Callable[..., Any]) -> Callable[..., Any]:
    """The staged folder's making (or claiming), not the block it wraps."""

    @contextlib.contextmanager
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        start = time.perf_counter()
        with step(*args, **kwargs) as stage:
            TIMES["stage made or claimed"] = time.perf_counter() - start
            yield stage

    return wrapper


def instrument() -> None:
    site_module.staged_folder = timed_stage(site_module.staged_folder)  # type: ignore[assignment]
    steps = ("check_site_folder", "site_file_names", "links_on_the_way", "foreign_files")
    steps += ("plan_reuse", "link_pages", "_write_site", "stale_files", "manifest_text")
    for name in (*steps, "publish"):
        setattr(site_module, name, timed(name, getattr(site_module, name)))
    for name in ("notes", "save"):
        method = getattr(ReusePlan, name)
        setattr(ReusePlan, name, timed(f"ReusePlan.{name}", method))
    for name in ("_carry_over", "_swap"):
        setattr(staging, name, timed(f"  {name}", getattr(staging, name)))
    with contextlib.suppress(ImportError):
        from lofte_cli.publish import spare

        for name in ("keep", "make"):
            setattr(spare.Spare, name, timed(f"spare.{name}", getattr(spare.Spare, name)))
        site_module.open_spare = timed("open_spare", site_module.open_spare)  # type: ignore[attr-defined]


def render(root: Path, out: Path) -> float:
    site = build_site(load_catalog(root).catalog, as_of=TODAY)
    start = time.perf_counter()
    render_site(site, out, formats=("html",), templates=None, jobs=None)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    instrument()
    took = render(args.root, args.out)
    report("first render (into a new folder)", took)
    changed = sorted(args.root.glob("data/pledges/*/activities/*.yaml"))[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: ", "title: Ändrad ", 1), encoding="utf-8")
    took = render(args.root, args.out)
    report("again, one activity changed", took)


def report(title: str, took: float) -> None:
    print(f"{title}: render_site {took:.2f} s")
    for name, seconds in TIMES.items():
        print(f"  {name:<24}{seconds:7.3f} s")
    TIMES.clear()


if __name__ == "__main__":
    main()
