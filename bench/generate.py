"""A deterministic synthetic national repository: N pledges of police areas with one to
three municipalities (and sometimes a housing company), M activity files with Swedish text,
measures and links, and a follow-up per pledge.

    python bench/generate.py OUT --pledges 300 --activities 100000
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from lofte_cli.places import places
from lofte_cli.slug import slugify

# Real municipalities (SCB code and name), so that the national pages have places to show.
TOWNS = sorted((m.code, m.name) for m in places().municipalities.values())
TITLES = [
    "Föräldrakväll om droger och sociala medier",
    "Trafikkontroll av EPA-traktorer",
    "Trygghetsvandring i centrum",
    "Föreningsträff om trygga idrottsmiljöer",
    "Lektioner om kränkningar på nätet",
    "Samverkansmöte om lokal lägesbild",
    "Kontroll av A-traktorer vid skolstart",
    "Näringslivsfrukost om trygghet",
]
PLACES = ["centrum", "skolgården", "hamnen", "idrottsplatsen", "biblioteket", "torget"]
POLICE = [
    ("Tillsammans med skola, socialtjänst och föreningsliv arbeta brottsförebyggande.", ""),
    (
        "Genomföra trafikkontroller av EPA- och A-traktorer.",
        ", expect: {count: 12, of: trafikkontroller, per: year}",
    ),
    ("Intensifiera arbetet mot droger där unga vistas.", ", expect: {count: 2, per: quarter}"),
    ("Prioritera särskilt utsatta brottsoffer.", ""),
    ("Arbeta utifrån den aktuella lägesbilden.", ", expect: {count: 1, per: tertial}"),
]
MUNICIPAL = [
    (
        "Genomföra insatser mot kränkningar och psykisk ohälsa.",
        ", expect: {count: 1, per: half-year}",
    ),
    ("Genomföra föräldrastärkande insatser.", ", expect: {count: 2, per: year}"),
    ("Arbeta med trygghet i skolmiljö.", ""),
    ("Involvera föreningslivet och näringslivet.", ", expect: {count: 1, per: month}"),
]


def pledge_yaml(
    pid: str, rng: random.Random, start: date, end: date | None
) -> tuple[str, dict[str, list[str]]]:
    """A pledge text, and who may carry out which commitments (for the activities)."""
    # One to three neighbours: municipalities of one county, so of one police region.
    first = rng.choice(TOWNS)
    county = places().municipalities[first[0]].county
    near = [t for t in TOWNS if t != first and places().municipalities[t[0]].county == county]
    chosen = [first, *rng.sample(near, min(len(near), rng.randint(0, 2)))]
    towns = [name for _, name in chosen]
    region = places().municipalities[chosen[0][0]].police_region.name
    parties = {
        "polisen": f"{{name: Lokalpolisområde {towns[0]}, kind: police, police_region: {region}}}"
    }
    municipal = []
    for code, town in chosen:
        key = _slug(town)
        parties[key] = f'{{name: {town} kommun, kind: municipality, code: "{code}"}}'
        municipal.append(key)
    housing = rng.random() < 0.3
    if housing:
        parties["bostader"] = f"{{name: {towns[0]}bostäder, kind: other}}"
    period = f"{{start: {start}" + (f", end: {end}}}" if end else "}")
    lines = [
        f"id: {pid}",
        f"title: Medborgarlöfte {' och '.join(towns)} {start.year}",
        "language: sv",
        f"area: {', '.join(towns)}",
        f"period: {period}",
        "parties:",
        *(f"  {k}: {v}" for k, v in parties.items()),
        "groups:",
        f"  kommunerna: [{', '.join(municipal)}]",
        "goal: Öka tryggheten och minska brottsligheten bland unga.",
        "focus_areas:",
        "  trafik: {label: Trafiksäkerhet, theme: trafik}",
        "  droger: {label: Droger, theme: narkotika}",
        f"  skola: {{label: Skola, theme: {rng.choice(['skola', 'ungdomsbrottslighet'])}}}",
        "commitments:",
    ]
    who: dict[str, list[str]] = {}
    for i, (text, expect) in enumerate(POLICE, start=1):
        lines.append(f"  - {{id: polis-{i}, by: polisen, text: '{text}'{expect}}}")
        who[f"polis-{i}"] = ["polisen"]
    for i, (text, expect) in enumerate(MUNICIPAL, start=1):
        by = "[kommunerna, bostader]" if housing and i == 3 else "kommunerna"
        lines.append(f"  - {{id: kommun-{i}, by: {by}, text: '{text}'{expect}}}")
        who[f"kommun-{i}"] = municipal + (["bostader"] if housing and i == 3 else [])
    lines += [
        "indicators:",
        "  - {id: trygghet, name: Andel som känner sig trygga, unit: '%', direction: increase,"
        f" baseline: {{value: {rng.randint(55, 80)}, date: {start - timedelta(days=90)}}},"
        " target: 85}",
        "sources:",
        f'  - {{title: Medborgarlöftet, url: "https://polisen.se/om-polisen/medborgarloften/{pid}/"}}',
    ]
    return "\n".join(lines) + "\n", who


def activity_yaml(
    rng: random.Random, k: int, day: date, who: dict[str, list[str]], today: date
) -> tuple[str, str]:
    commitment = rng.choice(sorted(who))
    party = rng.choice(who[commitment])
    title = rng.choice(TITLES)
    activity_id = f"{day}-aktivitet-{k:06d}"
    status = "planned" if day > today else rng.choice(["done"] * 12 + ["cancelled"])
    measures = (
        f"measures: {{trafikkontroller: {rng.randint(0, 4)}}}\n" if commitment == "polis-2" else ""
    )
    text = (
        f"id: {activity_id}\n"
        f"date: {day}\n"
        f"status: {status}\n"
        f"by: [{party}]\n"
        f"commitments: [{commitment}]\n"
        f"title: {title} {k}\n"
        "description: |\n"
        f"  {title} vid {rng.choice(PLACES)} tillsammans med skolan och fältgruppen.\n"
        "  Deltagarna fick information om stöd och om hur man anmäler brott.\n"
        f"place: {rng.choice(PLACES).capitalize()}\n"
        "partners: [skola, socialtjänst]\n"
        "target_groups: [vårdnadshavare, unga]\n"
        f"participants: {rng.randint(5, 80)}\n"
        f"{measures}"
        f"hours: {rng.randint(1, 20)}\n"
        "links:\n"
        '  - {title: Nyhet, url: "https://polisen.se/aktuellt/nyheter/"}\n'
    )
    return activity_id, text


def generate(
    root: Path, *, pledges: int, activities: int, seed: int = 1, today: date = date(2026, 11, 26)
) -> list[Path]:
    """Write the repository below `root`; returns the activity files."""
    rng = random.Random(seed)
    plans = []
    for n in range(pledges):
        start = date(2023 + n % 3, 1, 1)
        end = None if n % 10 == 9 else date(start.year + 1, 12, 31)
        pid = f"lofte-{n + 1:03d}-{start.year}"
        text, who = pledge_yaml(pid, rng, start, end)
        folder = root / "data" / "pledges" / pid
        (folder / "activities").mkdir(parents=True)
        (folder / "followups").mkdir()
        (folder / "pledge.yaml").write_text(text, encoding="utf-8")
        followup = date(start.year, 12, 15)
        (folder / "followups" / f"{followup}.yaml").write_text(
            f"date: {followup}\nperiod: '{start.year}'\nassessments:\n"
            "  polis-1: {status: ongoing, comment: Arbetet pågår enligt plan.}\n"
            "  kommun-2: {status: ongoing}\n"
            f"indicators:\n  trygghet: {{value: {rng.randint(55, 85)}, source: Mätning}}\n",
            encoding="utf-8",
        )
        plans.append((pid, start, end or today, who))
    files = []
    for k in range(activities):
        pid, start, end, who = plans[k % len(plans)]
        day = start + timedelta(days=rng.randint(0, (end - start).days))
        activity_id, text = activity_yaml(rng, k, day, who, today)
        path = root / "data" / "pledges" / pid / "activities" / f"{activity_id}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _slug(town: str) -> str:
    return slugify(town)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pledges", type=int, default=300)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = generate(args.out, pledges=args.pledges, activities=args.activities, seed=args.seed)
    print(f"wrote {args.pledges} pledges and {len(files):,} activities below {args.out}")


if __name__ == "__main__":
    main()
