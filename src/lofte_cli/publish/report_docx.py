"""The follow-up report as a Word document (.docx), ready to paste into the council's
papers: headings, the commitment table, the activities of the period and the indicators.
With a reference document the report takes the municipality's own styles, as pandoc's
reference doc works: the reference is opened, its body cleared (its page setup, headers
and footers kept) and the report written into it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.shared import Cm, Emu, Pt

from lofte_cli.errors import LofteError, system_reason
from lofte_cli.i18n import _
from lofte_cli.publish.i18n import page_translations

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

# The core property `category` of every report lofte writes: how the next report knows
# the file is its own to replace (see `output_target.is_docx_report`).
DOCX_MARK = "lofte report"
# The language Word checks the spelling in, by the report's language.
_WORD_LANGUAGE = {"sv": "sv-SE", "en": "en-GB"}


def report_docx(context: dict[str, Any], *, reference: Path | None, written: date) -> bytes:
    """The report of `context` (see `report.report_context`) as the bytes of a .docx,
    in the styles of `reference` when given, its properties dated `written`."""
    document = open_reference(reference)
    _Writer(document, context).write()
    _set_properties(document, context, written)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def open_reference(reference: Path | None) -> Document:
    """A new document in python-docx's default styles, or `reference` with its body
    cleared: its styles, page size, margins, headers and footers stay."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    if reference is None:
        return docx.Document()
    try:
        document = docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
        # TRANSLATORS: {reason} is python-docx's own words, in English.
        message = _(
            "{path}: not a Word document lofte can take styles from (save it as .docx in "
            "Word): {reason}"
        )
        raise LofteError(message.format(path=reference, reason=exc)) from None
    except OSError as exc:
        message = _("{path}: cannot read it: {reason}")
        raise LofteError(message.format(path=reference, reason=system_reason(exc))) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


class _Writer:
    """Writes the parts of the report, each in the style of that name when the document
    has it (a reference may lack "Table Grid" or "Heading 2"), else in its default."""

    def __init__(self, document: Document, context: dict[str, Any]) -> None:
        self.document = document
        self.c = context
        self._ = page_translations(context["lang"]).gettext
        self.day: Callable[[date | None], str] = context["day"]
        self.number: Callable[[float], str] = context["number"]
        # Activities name their commitments as the pages do ("Polisens åtagande 4").
        self.labels = {view["id"]: view["label"] for view in context["commitments"]}

    def write(self) -> None:
        _ = self._
        c = self.c
        self.heading(_("Follow-up report") + ": " + c["pledge_title"], 1)
        span = {"start": self.day(c["span_start"]), "end": self.day(c["span_end"])}
        self.paragraph(_("Activities from %(start)s to %(end)s") % span + ".")
        if c["coverage"].coverage_percent is not None or c["no_records"]:
            self.paragraph(c["coverage_text"])
        if c["coverage_note"]:
            self.paragraph(c["coverage_note"])
        hours = self.number(c["hours"])
        self.paragraph(
            f"{_('Activities')}: {c['activity_count']} · {_('Person-hours spent')}: {hours}"
        )
        self.heading(_("Commitments"), 2)
        self.commitments()
        self.heading(_("Activities"), 2)
        self.activities()
        if c["indicators"]:
            self.heading(_("Indicators"), 2)
            self.indicators()

    # --- the parts ----------------------------------------------------------------------

    def commitments(self) -> None:
        _ = self._
        header = [
            _("Commitment"),
            _("Promised by"),
            self.c["done_heading"],
            _("Status"),
            _("Own assessment"),
        ]
        rows = []
        for view in self.c["commitments"]:
            done = [f"{p['party']}: {p['text']}" for p in view["pairs"]]
            if view["measure"]:
                done.insert(0, f"({view['measure_label'] or view['measure']})")
            rows.append(
                [
                    [view["label"], view["text"]],
                    [", ".join(p["name"] for p in view["by"])],
                    done,
                    [
                        view["status_text"],
                        *([view["progress_text"]] if view["progress_text"] else []),
                    ],
                    [self.assessment(view["assessment"])],
                ]
            )
        self.table(header, rows, widths=(28, 17, 21, 14, 20), bold_first=True)

    def assessment(self, assessment: dict[str, Any] | None) -> str:
        if assessment is None:
            return self._("not assessed")
        comment = f" — {assessment['comment']}" if assessment["comment"] else ""
        return f"{assessment['status']}{comment} ({self.day(assessment['date'])})"

    def activities(self) -> None:
        _ = self._
        activities = self.c["span_activities"]
        if not activities:
            self.paragraph(_("No activities in this period."))
            return
        header = [_("Date"), _("Activity"), _("By"), _("Commitments"), _("Measures")]
        header.append(_("Person-hours"))
        rows = []
        for a in activities:
            title = a["title"] if a["status"] == "done" else f"{a['title']} ({a['status_text']})"
            measures = ", ".join(f"{name}: {value}" for name, value in a["measures"])
            hours = self.number(a["hours"]) if a["hours"] is not None else ""
            by = ", ".join(p["name"] for p in a["by"])
            named = ", ".join(self.labels.get(i, i) for i in a["commitments"])
            cells = [self.day(a["date"]), title, by, named, measures, hours]
            rows.append([[cell] for cell in cells])
        self.table(header, rows, widths=(15, 27, 18, 13, 17, 10))

    def indicators(self) -> None:
        _ = self._
        header = [_("Indicator"), _("Baseline"), _("Latest value"), _("Target")]
        rows = []
        for i in self.c["indicators"]:
            unit = f" {i['unit']}" if i["unit"] else ""
            baseline = f"{self.number(i['baseline'].value)}{unit}" if i["baseline"] else "—"
            latest = (
                f"{self.number(i['latest'])}{unit} ({self.day(i['latest_date'])})"
                if i["latest"] is not None
                else "—"
            )
            target = f"{self.number(i['target'])}{unit}" if i["target"] is not None else "—"
            rows.append([[i["name"]], [baseline], [latest], [target]])
        self.table(header, rows, widths=(43, 17, 25, 15))

    # --- the pieces ---------------------------------------------------------------------

    def style(self, name: str) -> str | None:
        """`name` when the document has a style of that name, else None (its default)."""
        try:
            self.document.styles[name]
        except KeyError:
            return None
        return name

    def heading(self, text: str, level: int) -> None:
        style = self.style(f"Heading {level}")
        paragraph = self.document.add_paragraph(style=style)
        run = paragraph.add_run(text)
        if style is None:
            run.bold = True

    def paragraph(self, text: str) -> None:
        self.document.add_paragraph(text, style=self.style("Normal"))

    def table(
        self,
        header: list[str],
        rows: list[list[list[str]]],
        *,
        widths: tuple[int, ...],
        bold_first: bool = False,
    ) -> None:
        """A table with `header` as its first row (repeated on each page, in bold), then
        `rows`: each cell its lines, one paragraph each; the columns `widths` per cent of
        the text width; with `bold_first`, the first line of the first column in bold (the
        commitment's name above its text)."""
        table = self.document.add_table(rows=1, cols=len(header))
        if style := self.style("Table Grid"):
            table.style = style
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.font.size = True, TABLE_TEXT
        _repeat_as_header(table)
        for row in rows:
            cells = table.add_row().cells
            for n, (cell, lines) in enumerate(zip(cells, row, strict=True)):
                bold = bold_first and n == 0
                _fill(cell.paragraphs[0], cell.add_paragraph, lines, bold_first=bold)
        text_width = self.text_width()
        for column, share in zip(table.columns, widths, strict=True):
            column.width = Emu(text_width * share // 100)  # the grid, which LibreOffice reads
            for cell in column.cells:
                cell.width = column.width  # each cell's own, which Word reads

    def text_width(self) -> int:
        """The width between the margins of the last section, in EMU (A4 with 2.5 cm
        margins where the document does not say)."""
        section = self.document.sections[-1]
        page = section.page_width or Cm(21)
        margins = (section.left_margin or Cm(2.5)) + (section.right_margin or Cm(2.5))
        return int(page - margins)


# The size of the text in the tables: six columns on a portrait page need it smaller.
TABLE_TEXT = Pt(9)


def _fill(first: Any, add: Callable[[], Any], lines: Sequence[str], *, bold_first: bool) -> None:
    """Write `lines` into a cell: the first into its own empty paragraph, the rest into
    new ones."""
    for n, line in enumerate(lines):
        paragraph = first if n == 0 else add()
        run = paragraph.add_run(line)
        run.bold = bold_first and n == 0 and len(lines) > 1
        run.font.size = TABLE_TEXT


def _repeat_as_header(table: Table) -> None:
    """Mark the first row as the table's header: Word repeats it on every page and
    screen readers read it as the column names."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    row = table.rows[0]._tr
    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _set_properties(document: Document, context: dict[str, Any], written: date) -> None:
    """The document's properties: its title, language and date, the mark that lofte wrote
    it, and no one's name (a reference document's author is not carried over)."""
    properties = document.core_properties
    lang = context["lang"]
    gettext = page_translations(lang).gettext
    properties.title = gettext("Follow-up report") + ": " + context["pledge_title"]
    properties.subject = context["pledge_title"]
    properties.category = DOCX_MARK
    properties.language = _WORD_LANGUAGE.get(lang, lang)
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1
    moment = datetime.combine(written, time(), tzinfo=UTC)
    properties.created = properties.modified = moment
    _set_text_language(document, _WORD_LANGUAGE.get(lang, lang))


def _set_text_language(document: Document, tag: str) -> None:
    """The language of the text by default (what Word checks the spelling in)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    parent = styles
    for name in ("w:docDefaults", "w:rPrDefault", "w:rPr"):
        found = parent.find(qn(name))
        if found is None:
            found = OxmlElement(name)
            parent.insert(0, found)
        parent = found
    language = parent.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        parent.append(language)
    language.set(qn("w:val"), tag)
