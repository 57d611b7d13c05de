"""The site's manifest is written one file to a line, sorted, the way it always was."""

from __future__ import annotations

import json

from lofte_cli.publish.output_target import manifest_text

SHA = "ab" * 32


def test_one_file_to_a_line_sorted():
    text = manifest_text({"p/index.html": SHA, "index.html": None, "ö.html": SHA})
    assert text == (
        "{\n"
        ' "generator": "lofte",\n'
        ' "files": {\n'
        '  "index.html": null,\n'
        f'  "p/index.html": "{SHA}",\n'
        f'  "\\u00f6.html": "{SHA}"\n'
        " }\n"
        "}\n"
    )
    assert json.loads(text)["files"]["ö.html"] == SHA


def test_no_files():
    assert manifest_text({}) == '{\n "generator": "lofte",\n "files": {}\n}\n'
