"""`lofte render` pauses Python's cycle collector while it loads the data (a speed matter at
national scale) and always leaves it as it found it: on, with nothing set aside, also
when the render fails."""

from __future__ import annotations

import gc

from tests.helpers import copy_base


def test_the_collector_is_on_and_nothing_frozen_after_a_render(tmp_path, run_cli):
    root = copy_base(tmp_path / "repo")
    assert run_cli("render", "--out", "site", cwd=root).exit_code == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)


def test_also_after_a_render_that_fails(tmp_path, run_cli):
    root = copy_base(tmp_path / "repo")
    (root / "site").mkdir()
    (root / "site/egen.html").write_text("<p>min sida</p>", encoding="utf-8")
    failed = run_cli("render", "--out", "site", cwd=root)
    assert (failed.exit_code, failed.stderr) == (
        1,
        "lofte: site: the folder holds files lofte did not write (it has no .lofte-site.json "
        "from an earlier lofte render); render into a new or empty folder, or empty this one "
        "first\n",
    )
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, 0)
