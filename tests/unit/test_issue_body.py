"""Issue 16: an issue body as GitHub writes it from a form, read back field by field."""

from __future__ import annotations

from pathlib import Path

from lofte_cli.edit.from_issue import IssueOutcome, markdown_comment
from lofte_cli.edit.issue_body import read_body, ticked

LABELS = ["Datum", "Vem", "Beskrivning", "Plats"]


def test_each_field_is_read_by_its_label() -> None:
    body = (
        "### Datum\r\n\r\n2024-03-14\r\n\r\n### Vem\r\n\r\n- [X] Orust kommun\r\n- [ ] Tjörns "
        "kommun\r\n- [x] Polisen\r\n\r\n### Beskrivning\r\n\r\nFörsta raden.\r\n\r\n### Inte ett "
        "fält\r\nAndra raden.\r\n\r\n### Plats\r\n\r\n_No response_"
    )
    answers = read_body(body, LABELS)
    assert answers.problems == ()
    assert answers.values == {
        "Datum": "2024-03-14",
        "Vem": "- [X] Orust kommun\n- [ ] Tjörns kommun\n- [x] Polisen",
        "Beskrivning": "Första raden.\n\n### Inte ett fält\nAndra raden.",
        "Plats": None,
    }
    assert ticked(answers.values["Vem"], "Vem") == (["Orust kommun", "Polisen"], [])


def test_a_body_without_the_forms_fields_is_a_problem() -> None:
    answers = read_body("Hej! Vi hade en träff i tisdags.", LABELS)
    assert answers.values == {}
    assert answers.problems == ("the issue text has none of the form's fields; use the form",)


def test_a_body_over_the_limit_is_not_read() -> None:
    answers = read_body("### Datum\n\n" + "a" * 65_536, LABELS)
    assert answers.problems == (
        "the issue text is 65547 characters long; lofte reads at most 65536",
    )


def test_a_line_that_is_no_box_is_named() -> None:
    assert ticked("- [X] Orust\n* Tjörn\n- [?] Polisen", "Vem") == (
        ["Orust"],
        ["Vem: '* Tjörn' is not a box of the form (- [X] …)",
         "Vem: '- [?] Polisen' is not a box of the form (- [X] …)"],
    )  # fmt: skip


def test_the_comment_escapes_what_was_typed(tmp_path: Path) -> None:
    outcome = IssueOutcome(None, ("Vem: '<img src=x onerror=alert(1)> @admin [a](b) `x` *y*'",))
    assert markdown_comment(outcome, tmp_path) == (
        "lofte wrote no file. Edit the issue to fix this:\n\n"
        "- Vem\\: '&lt;img src=x onerror=alert(1)&gt; \\@admin \\[a\\](b) \\`x\\` \\*y\\*'\n"
    )
    written = IssueOutcome(tmp_path / "data/pledges/p/activities/a.yaml", ())
    assert markdown_comment(written, tmp_path) == (
        "lofte wrote `data/pledges/p/activities/a.yaml`; a pull request follows.\n"
    )
