"""The Atom feed of done activities and the iCalendar file of planned ones, per pledge."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lofte_cli.data.model import PledgeData
from lofte_cli.publish.contexts import activity_group, language, newest_first
from lofte_cli.publish.site_model import Site
from lofte_cli.publish.words import translator

# --- feeds ----------------------------------------------------------------------------------


def feed_context(site: Site, data: PledgeData) -> dict[str, Any]:
    """An Atom feed of the done activities, newest first, for residents and journalists."""
    pledge = data.pledge
    done = sorted((a for a in data.activities if a.status == "done"), key=newest_first)
    lang = language(site, pledge)

    def stamp(day: date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    return {
        "lang": lang,
        "t": translator(lang),
        "pledge": pledge,
        "feed_id": f"tag:lofte,{pledge.start.isoformat()}:{pledge.id}/activities",
        "updated": stamp(done[0].date if done else pledge.start),
        "authors": ", ".join(p.name for p in pledge.parties.values()),
        "entries": [
            {
                "id": f"tag:lofte,{a.date.isoformat()}:{pledge.id}/{a.id}",
                "title": a.title,
                "updated": stamp(a.date),
                "url": f"activities/{a.id}.html",
                "summary": a.description,
            }
            for a in done
        ],
    }


def planned_calendar(data: PledgeData, as_of: date) -> str:
    """The planned activities still ahead on `as_of` (or under way) as an iCalendar file
    (RFC 5545), one all-day event each. A planned activity whose day has passed is left
    out: a calendar of what is planned is no place for it, and it was not reported done."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//lofte//medborgarloften//SV",
        f"X-WR-CALNAME:{_ics_text(data.pledge.title)}",
    ]
    for a in sorted(data.activities, key=lambda a: (a.date, a.id)):
        if activity_group(a, as_of) != "planned":
            continue
        end = (a.end_date or a.date) + timedelta(days=1)  # DTEND of an all-day event: next day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{a.id}@{data.pledge.id}.lofte",
            f"DTSTAMP:{a.date.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{a.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(a.title)}",
            f"DESCRIPTION:{_ics_text(a.description)}",
            *([f"LOCATION:{_ics_text(a.place)}"] if a.place else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_ics_fold(line) + "\r\n" for line in lines)


def _ics_text(text: str) -> str:
    """RFC 5545 text: backslash, comma, semicolon and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """Lines longer than 75 octets are folded: CRLF and a space (RFC 5545, 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " "
        current += char
    return "\r\n".join([*out, current])
