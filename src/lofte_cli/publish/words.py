"""The words of the pages by the names templates used before the gettext catalog
(`{{ t("coverage") }}`, `{{ t.plural("activity_count", n) }}`), so that templates written
for them (`lofte render --templates`) keep working. Each name stands for an English text
of the catalog, translated by the catalog of the page's language; lofte's own templates
say `{{ _("Coverage") }}` instead. A name not listed here is shown as it is."""

from __future__ import annotations

from lofte_cli.i18n import N_, N_plural
from lofte_cli.publish.i18n import format_number, page_language, page_translations, plural_count

# Name → the English text (its msgid). Texts with `%(name)s` are those of the templates
# (Jinja's way); those with `{name}` are made in Python.
NAMED: dict[str, str] = {
    "site_title": N_("Citizen promises"),
    "skip_to_content": N_("Skip to content"),
    "pledges": N_("Pledges"),
    "pledge": N_("Pledge"),
    "all_pledges": N_("All pledges"),
    "period": N_("Period"),
    "until_further_notice": N_("until a new pledge is signed"),
    "area": N_("Area"),
    "goal": N_("Goal"),
    "parties": N_("Parties"),
    "party": N_("Party"),
    "signatories": N_("Signed by"),
    "commitments": N_("Commitments"),
    "commitment": N_("Commitment"),
    "promised_by": N_("Promised by"),
    "condition": N_("Condition"),
    "focus": N_("Focus"),
    "done_expected": N_("Done so far"),
    "done_against_target": N_("{done} (target so far: {expected})"),
    "done_against_target_ended": N_("{done} (target: {expected})"),
    "assessment": N_("Own assessment"),
    "assessed_on": N_("assessed %(date)s"),
    "no_assessment": N_("not assessed"),
    "last_activity": N_("Last activity"),
    "coverage": N_("Coverage"),
    "coverage_none": N_("Nothing is expected yet on {date}."),
    "coverage_explained": N_(
        "Coverage is computed from the activities: a party keeps a commitment when it has "
        "done what is expected so far. The assessment is the parties' own judgement; they "
        "are shown side by side."
    ),
    "indicators": N_("Indicators"),
    "indicator": N_("Indicator"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "latest_value": N_("Latest value"),
    "better_when": N_("Better when"),
    "increase": N_("higher"),
    "decrease": N_("lower"),
    "timeline": N_("Activities per month"),
    "timeline_caption": N_("Done activities per month and party, %(start)s – %(end)s."),
    "timeline_table": N_("The same figures as a table"),
    "timeline_bar": N_("{party}, {month}: {activities}"),
    "month": N_("Month"),
    "total": N_("Total"),
    "activities": N_("Activities"),
    "activity": N_("Activity"),
    "no_activities": N_("No activities yet."),
    "date": N_("Date"),
    "title": N_("Title"),
    "by": N_("By"),
    "place": N_("Place"),
    "partners": N_("Partners"),
    "target_groups": N_("Target groups"),
    "participants": N_("Participants"),
    "measures": N_("Measures"),
    "hours": N_("Person-hours"),
    "links": N_("Links"),
    "sources": N_("Sources"),
    "gaps": N_("Not yet acted on"),
    "untouched_sentence": N_("{commitment}: no party has done anything yet."),
    "idle_sentence": N_("{party} has done nothing yet on {commitment}."),
    "gaps_ended": N_("Never acted on"),
    "untouched_sentence_ended": N_("{commitment}: no party did anything in the period."),
    "idle_sentence_ended": N_("{party} did nothing on {commitment} in the period."),
    "disagreements": N_("Assessment and activities disagree"),
    "disagree_done": N_("{commitment} is assessed as “{assessment}” but no activity is recorded."),
    "what_promised": N_("What %(party)s promised"),
    "what_done": N_("What {party} has done"),
    "what_planned": N_("What {party} has planned"),
    "kind_police": N_("Police"),
    "kind_municipality": N_("Municipality"),
    "kind_other": N_("Other party"),
    "last_updated": N_("Last updated"),
    "made_with": N_("Published with lofte from the files in the repository."),
    "back_to_pledge": N_("Back to the pledge"),
    "report_title": N_("Follow-up report"),
    "report_span": N_("Activities from %(start)s to %(end)s"),
    "report_hours": N_("Person-hours spent"),
    "notice": N_("Notice"),
    "subscribe_feed": N_("Follow new activities (Atom feed)"),
    "subscribe_calendar": N_("Planned activities for your calendar (iCalendar)"),
    "history": N_("Change history"),
    "history_first": N_("first version"),
    "history_added": N_("added {ids}"),
    "history_removed": N_("removed {ids}"),
    "history_reworded": N_("reworded {ids}"),
    "history_none": N_("no commitment changed"),
}

# Name → (context, English text): one English word that Swedish says in several ways
# ("Done": genomförd, genomförda, genomfört, gjort). The texts are taken into the catalog
# from the `pgettext` calls in publish/sentences.py and the templates.
IN_CONTEXT: dict[str, tuple[str, str]] = {
    "status": ("coverage status column", "Status"),
    "done_expected_ended": ("done in a period that is over", "Done"),
    "status_met": ("coverage status", "Kept so far"),
    "status_partial": ("coverage status", "Partly kept"),
    "status_untouched": ("coverage status", "Not started"),
    "status_met_ended": ("coverage status, period over", "Kept"),
    "status_partial_ended": ("coverage status, period over", "Partly kept"),
    "status_untouched_ended": ("coverage status, period over", "Never started"),
    "activity_done": ("activity status", "Done"),
    "activity_planned": ("activity status", "Planned"),
    "activity_overdue": ("activity status", "Planned, not reported as done"),
    "activity_cancelled": ("activity status", "Cancelled"),
    "activities_done": ("activity group", "Done"),
    "activities_planned": ("activity group", "Planned"),
    "activities_overdue": ("activity group", "Planned, not reported as done"),
    "activities_cancelled": ("activity group", "Cancelled"),
    "activities_other": ("activity group", "Other"),
    "assessment_not-started": ("assessment status", "Not started"),
    "assessment_ongoing": ("assessment status", "Ongoing"),
    "assessment_done": ("assessment status", "Done"),
    "assessment_partly-done": ("assessment status", "Partly done"),
    "assessment_not-done": ("assessment status", "Not done"),
    "assessment_not-applicable": ("assessment status", "Not applicable"),
}

# Name → (singular, plural) of a counted text, as the `ngettext` calls in publish/i18n.py,
# publish/sentences.py and publish/coverage_text.py write them; by the old names NAME_one
# and NAME_other too.
COUNTED: dict[str, tuple[str, str]] = {
    "activity_count": ("{count} activity", "{count} activities"),
    # The pages' headline before it led with the progress; only templates of one's own
    # use these now, so they are marked here to stay in the catalog.
    "coverage_line": N_plural(
        "So far the parties keep {met} of their {count} commitment ({percent}).",
        "So far the parties keep {met} of their {count} commitments ({percent}).",
    ),
    "coverage_line_ended": N_plural(
        "The parties kept {met} of their {count} commitment ({percent}).",
        "The parties kept {met} of their {count} commitments ({percent}).",
    ),
    "disagree_started": (
        "{commitment} is assessed as “{assessment}” although {count} activity is recorded.",
        "{commitment} is assessed as “{assessment}” although {count} activities are recorded.",
    ),
}
_FORMS = {"_one": 1, "_other": 2}  # a count that takes each form, in English and Swedish


class Translator:
    """The words of one page's language by name: `t(name, **values)`, and
    `t.plural(name, count, **values)`, the form for `count` ("1 aktivitet", "2
    aktiviteter"), with `{count}` written as the language writes numbers."""

    def __init__(self, language: str) -> None:
        self.language = page_language(language)
        self._catalog = page_translations(self.language)

    def __call__(self, name: str, **values: object) -> str:
        counted = _counted(name)
        if counted is not None:
            text = self._form(*counted)  # one form by its old name, as it is written
            return text.format(**values) if values else text
        if name in NAMED:
            msgid = NAMED[name]
            text = self._catalog.gettext(msgid)
        elif name in IN_CONTEXT:
            msgid = IN_CONTEXT[name][1]
            text = self._catalog.pgettext(*IN_CONTEXT[name])
        else:
            return name
        if not values:
            return text
        return text % values if "%(" in msgid else text.format(**values)

    def plural(self, name: str, count: float, **values: object) -> str:
        """The form of `name` for `count`; `{count}` in it is written as the language
        writes numbers ("1,5" in Swedish)."""
        written = format_number(count, self.language)
        return self._form(name, count).format(count=written, **values)

    def _form(self, name: str, count: float) -> str:
        singular, plural = COUNTED[name]
        return self._catalog.ngettext(singular, plural, plural_count(count))


def _counted(name: str) -> tuple[str, int] | None:
    """ "activity_count_one" → ("activity_count", 1): an old name of one form."""
    for suffix, count in _FORMS.items():
        if name.endswith(suffix) and name.removesuffix(suffix) in COUNTED:
            return name.removesuffix(suffix), count
    return None


def translator(language: str) -> Translator:
    """The words of `language` by name (sv-SE → sv; an unknown language → English)."""
    return Translator(language)


def words(language: str) -> dict[str, str]:
    """Every named word of `language` as the catalog has it, a counted one as NAME_one and
    NAME_other, unformatted (`{count}` and the other placeholders left in)."""
    t = translator(language)
    found = {name: t(name) for name in (*NAMED, *IN_CONTEXT)}
    for name in COUNTED:
        for suffix in _FORMS:
            found[name + suffix] = t(name + suffix)
    return found
