"""The words on the public pages, in Swedish and English, and dates as a reader of each
language writes them. A text missing in a language falls back to English."""

from __future__ import annotations

from datetime import date

from babel import Locale
from babel.dates import format_date

LANGUAGES = ("sv", "en")
_LOCALES = {"sv": "sv_SE", "en": "en_GB"}  # en_GB writes "14 March 2023", day first as in Swedish

EN: dict[str, str] = {
    "site_title": "Citizen promises",
    "skip_to_content": "Skip to content",
    "pledges": "Pledges",
    "pledge": "Pledge",
    "all_pledges": "All pledges",
    "period": "Period",
    "until_further_notice": "until a new pledge is signed",
    "area": "Area",
    "goal": "Goal",
    "parties": "Parties",
    "party": "Party",
    "signatories": "Signed by",
    "commitments": "Commitments",
    "commitment": "Commitment",
    "promised_by": "Promised by",
    "condition": "Condition",
    "focus": "Focus",
    "status": "Status",
    "done_expected": "Done so far",
    "done_expected_ended": "Done",
    "done_against_target": "{done} (target so far: {expected})",
    "done_against_target_ended": "{done} (target: {expected})",
    "assessment": "Own assessment",
    "assessed_on": "assessed {date}",
    "no_assessment": "not assessed",
    "last_activity": "Last activity",
    "coverage": "Coverage",
    "coverage_line_one": "{percent} % of the promises are kept so far: {met} of {count} "
    "(commitment, party) pair has done what is expected, as of {date}.",
    "coverage_line_other": "{percent} % of the promises are kept so far: {met} of {count} "
    "(commitment, party) pairs have done what is expected, as of {date}.",
    "coverage_line_ended_one": "{percent} % of the promises were kept: {met} of {count} "
    "(commitment, party) pair did what was expected in the period, which ended on {date}.",
    "coverage_line_ended_other": "{percent} % of the promises were kept: {met} of {count} "
    "(commitment, party) pairs did what was expected in the period, which ended on {date}.",
    "coverage_none": "Nothing is expected yet on {date}.",
    "coverage_explained": "Coverage is computed from the activities: a party keeps a "
    "commitment when it has done what is expected so far. The assessment is the parties' "
    "own judgement; they are shown side by side.",
    "indicators": "Indicators",
    "indicator": "Indicator",
    "baseline": "Baseline",
    "target": "Target",
    "latest_value": "Latest value",
    "better_when": "Better when",
    "increase": "higher",
    "decrease": "lower",
    "timeline": "Activities per month",
    "timeline_caption": "Done activities per month and party, {start} – {end}.",
    "timeline_table": "The same figures as a table",
    "timeline_bar": "{party}, {month}: {activities}",
    "month": "Month",
    "total": "Total",
    "activities": "Activities",
    "activity": "Activity",
    "activity_count_one": "{count} activity",
    "activity_count_other": "{count} activities",
    "no_activities": "No activities yet.",
    "date": "Date",
    "title": "Title",
    "by": "By",
    "place": "Place",
    "partners": "Partners",
    "target_groups": "Target groups",
    "participants": "Participants",
    "measures": "Measures",
    "hours": "Person-hours",
    "links": "Links",
    "description": "Description",
    "sources": "Sources",
    "gaps": "Not yet acted on",
    "untouched_sentence": "{commitment}: no party has done anything yet.",
    "idle_sentence": "{party} has done nothing yet on {commitment}.",
    "gaps_ended": "Never acted on",
    "untouched_sentence_ended": "{commitment}: no party did anything in the period.",
    "idle_sentence_ended": "{party} did nothing on {commitment} in the period.",
    "quiet_sentence": "{commitment}: no activity since {date}.",
    "disagreements": "Assessment and activities disagree",
    "disagree_done": "{commitment} is assessed as “{assessment}” but no activity is recorded.",
    "disagree_started_one": "{commitment} is assessed as “{assessment}” although {count} "
    "activity is recorded.",
    "disagree_started_other": "{commitment} is assessed as “{assessment}” although {count} "
    "activities are recorded.",
    "what_promised": "What {party} promised",
    "what_done": "What {party} has done",
    "what_planned": "What {party} has planned",
    "activities_done": "Done",
    "activities_planned": "Planned",
    "activities_overdue": "Planned, not reported as done",
    "activities_cancelled": "Cancelled",
    "activities_other": "Other",
    "kind_police": "Police",
    "kind_municipality": "Municipality",
    "kind_other": "Other party",
    "last_updated": "Last updated",
    "made_with": "Published with lofte from the files in the repository.",
    "back_to_pledge": "Back to the pledge",
    "status_met": "Kept so far",
    "status_partial": "Partly kept",
    "status_untouched": "Not started",
    "status_met_ended": "Kept",
    "status_partial_ended": "Partly kept",
    "status_untouched_ended": "Never started",
    "activity_done": "Done",
    "activity_planned": "Planned",
    "activity_overdue": "Planned, not reported as done",
    "activity_cancelled": "Cancelled",
    "assessment_not-started": "Not started",
    "assessment_ongoing": "Ongoing",
    "assessment_done": "Done",
    "assessment_partly-done": "Partly done",
    "assessment_not-done": "Not done",
    "assessment_not-applicable": "Not applicable",
    "report_title": "Follow-up report",
    "report_span": "Activities from {start} to {end}",
    "report_hours": "Person-hours spent",
    "none": "None",
    "notice": "Notice",
    "subscribe_feed": "Follow new activities (Atom feed)",
    "subscribe_calendar": "Planned activities for your calendar (iCalendar)",
    "history": "Change history",
    "history_first": "first version",
    "history_added": "added {ids}",
    "history_removed": "removed {ids}",
    "history_reworded": "reworded {ids}",
    "history_none": "no commitment changed",
}

SV: dict[str, str] = {
    "site_title": "Medborgarlöften",
    "skip_to_content": "Hoppa till innehållet",
    "pledges": "Medborgarlöften",
    "pledge": "Medborgarlöfte",
    "all_pledges": "Alla medborgarlöften",
    "period": "Period",
    "until_further_notice": "tills ett nytt löfte skrivs under",
    "area": "Område",
    "goal": "Mål",
    "parties": "Parter",
    "party": "Part",
    "signatories": "Undertecknat av",
    "commitments": "Åtaganden",
    "commitment": "Åtagande",
    "promised_by": "Lovat av",
    "condition": "Villkor",
    "focus": "Fokus",
    "status": "Läge",
    "done_expected": "Gjort hittills",
    "done_expected_ended": "Gjort",
    "done_against_target": "{done} (mål hittills: {expected})",
    "done_against_target_ended": "{done} (mål: {expected})",
    "assessment": "Egen bedömning",
    "assessed_on": "bedömt {date}",
    "no_assessment": "inte bedömt",
    "last_activity": "Senaste aktivitet",
    "coverage": "Täckning",
    "coverage_line_one": "{percent} % av löftena hålls hittills: {met} av {count} par "
    "(åtagande, part) har gjort det som väntas, den {date}.",
    "coverage_line_other": "{percent} % av löftena hålls hittills: {met} av {count} par "
    "(åtagande, part) har gjort det som väntas, den {date}.",
    "coverage_line_ended_one": "{percent} % av löftena hölls: {met} av {count} par "
    "(åtagande, part) gjorde det som väntades under perioden, som slutade den {date}.",
    "coverage_line_ended_other": "{percent} % av löftena hölls: {met} av {count} par "
    "(åtagande, part) gjorde det som väntades under perioden, som slutade den {date}.",
    "coverage_none": "Inget väntas ännu den {date}.",
    "coverage_explained": "Täckningen räknas fram ur aktiviteterna: en part håller ett "
    "åtagande när den har gjort det som väntas hittills. Bedömningen är parternas egen; de "
    "visas sida vid sida.",
    "indicators": "Indikatorer",
    "indicator": "Indikator",
    "baseline": "Utgångsläge",
    "target": "Mål",
    "latest_value": "Senaste värde",
    "better_when": "Bättre när värdet är",
    "increase": "högre",
    "decrease": "lägre",
    "timeline": "Aktiviteter per månad",
    "timeline_caption": "Genomförda aktiviteter per månad och part, {start} – {end}.",
    "timeline_table": "Samma siffror som tabell",
    "timeline_bar": "{party}, {month}: {activities}",
    "month": "Månad",
    "total": "Totalt",
    "activities": "Aktiviteter",
    "activity": "Aktivitet",
    "activity_count_one": "{count} aktivitet",
    "activity_count_other": "{count} aktiviteter",
    "no_activities": "Inga aktiviteter ännu.",
    "date": "Datum",
    "title": "Rubrik",
    "by": "Av",
    "place": "Plats",
    "partners": "Samarbetspartner",
    "target_groups": "Målgrupper",
    "participants": "Deltagare",
    "measures": "Prestationer",
    "hours": "Arbetstimmar",
    "links": "Länkar",
    "description": "Beskrivning",
    "sources": "Källor",
    "gaps": "Ännu inte påbörjat",
    "untouched_sentence": "{commitment}: ingen part har gjort något ännu.",
    "idle_sentence": "{party} har inte gjort något ännu på {commitment}.",
    "gaps_ended": "Påbörjades aldrig",
    "untouched_sentence_ended": "{commitment}: ingen part gjorde något under perioden.",
    "idle_sentence_ended": "{party} gjorde inget på {commitment} under perioden.",
    "quiet_sentence": "{commitment}: ingen aktivitet sedan {date}.",
    "disagreements": "Bedömning och aktiviteter går isär",
    "disagree_done": "{commitment} är bedömt som ”{assessment}” men ingen aktivitet finns.",
    "disagree_started_one": "{commitment} är bedömt som ”{assessment}” fast {count} aktivitet "
    "finns.",
    "disagree_started_other": "{commitment} är bedömt som ”{assessment}” fast {count} "
    "aktiviteter finns.",
    "what_promised": "Det här har {party} lovat",
    "what_done": "Det här har {party} gjort",
    "what_planned": "Det här har {party} planerat",
    "activities_done": "Genomförda",
    "activities_planned": "Planerade",
    "activities_overdue": "Planerade, inte rapporterade som genomförda",
    "activities_cancelled": "Inställda",
    "activities_other": "Övriga",
    "kind_police": "Polis",
    "kind_municipality": "Kommun",
    "kind_other": "Annan part",
    "last_updated": "Senast uppdaterad",
    "made_with": "Publicerat med lofte ur filerna i förrådet.",
    "back_to_pledge": "Tillbaka till löftet",
    "status_met": "Hålls hittills",
    "status_partial": "Hålls delvis",
    "status_untouched": "Inte påbörjat",
    "status_met_ended": "Hölls",
    "status_partial_ended": "Hölls delvis",
    "status_untouched_ended": "Påbörjades aldrig",
    "activity_done": "Genomförd",
    "activity_planned": "Planerad",
    "activity_overdue": "Planerad, inte rapporterad som genomförd",
    "activity_cancelled": "Inställd",
    "assessment_not-started": "Ej påbörjat",
    "assessment_ongoing": "Pågår",
    "assessment_done": "Genomfört",
    "assessment_partly-done": "Delvis genomfört",
    "assessment_not-done": "Ej genomfört",
    "assessment_not-applicable": "Ej aktuellt",
    "report_title": "Uppföljningsrapport",
    "report_span": "Aktiviteter från {start} till {end}",
    "report_hours": "Arbetstimmar",
    "none": "Inga",
    "notice": "Observera",
    "subscribe_feed": "Följ nya aktiviteter (Atom-flöde)",
    "subscribe_calendar": "Planerade aktiviteter till din kalender (iCalendar)",
    "history": "Ändringshistorik",
    "history_first": "första versionen",
    "history_added": "tillagt {ids}",
    "history_removed": "borttaget {ids}",
    "history_reworded": "omformulerat {ids}",
    "history_none": "inga åtaganden ändrade",
}

CATALOGS = {"en": EN, "sv": SV}


def page_language(language: str) -> str:
    """The interface language for a pledge's `language` (sv-SE → sv; unknown → en)."""
    base = language.split("-")[0].lower()
    return base if base in CATALOGS else "en"


class Translator:
    """The words of one language: `t(key, **values)`, falling back to English key by key,
    and `t.plural(key, count, **values)`, which picks `key_one` or `key_other` by the
    language's plural rule (CLDR, through Babel): "1 aktivitet", "2 aktiviteter"."""

    def __init__(self, language: str) -> None:
        self.language = page_language(language)
        self._catalog = CATALOGS[self.language]
        self._locale = Locale.parse(_LOCALES[self.language])

    def __call__(self, key: str, **values: object) -> str:
        text = self._catalog.get(key) or EN.get(key) or key
        return text.format(**values) if values else text

    def plural(self, key: str, count: float, **values: object) -> str:
        """The form of `key` for `count`; `{count}` in it is written as the language
        writes numbers ("1,5" in Swedish)."""
        form = self._locale.plural_form(count)
        chosen = f"{key}_{form}" if f"{key}_{form}" in self._catalog else f"{key}_other"
        return self(chosen, count=format_number(count, self.language), **values)


def translator(language: str) -> Translator:
    """The words of `language` (sv-SE → sv; an unknown language → English)."""
    return Translator(language)


def format_day(day: date, language: str) -> str:
    """ "14 mars 2023" / "14 March 2023"."""
    return format_date(day, "long", locale=_LOCALES[page_language(language)])


def format_month(day: date, language: str) -> str:
    """ "mars 2023" / "March 2023"."""
    return format_date(day, "LLLL y", locale=_LOCALES[page_language(language)])


def format_number(value: float, language: str) -> str:
    """71.5 → "71,5" in Swedish; whole numbers without decimals."""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if page_language(language) == "sv" else text


def check_language(language: str | None) -> None:
    """A language every page can be written in (None: each pledge's own)."""
    if language is not None and language not in LANGUAGES:
        from lofte_cli.errors import UsageError

        raise UsageError(f"--lang {language!r}: choose {', '.join(LANGUAGES)}")
