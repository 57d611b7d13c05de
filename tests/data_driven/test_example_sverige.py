"""examples/sverige: 26 real pledges made by scripts/example_sverige.py from the facts in
real-pledges.json (a copy in tests/fixtures/). The expected values are read off the facts by
hand, not computed by the script."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from datetime import date
from types import ModuleType

import pytest

from lofte_cli.data.loader import load_catalog
from lofte_cli.places import places
from tests.helpers import FIXTURES, REPO

EXAMPLE = REPO / "examples" / "sverige"
FACTS = FIXTURES / "real-pledges.json"

PLEDGE_IDS = [
    "angelholm-2019",
    "berg-2017",
    "berg-2021-2022",
    "gislaved-2021",
    "gnosjo-2018",
    "gnosjo-2019-2020",
    "gnosjo-2022",
    "goteborg-ostra-goteborg-2018",
    "harjedalen-2017",
    "harnosand-2020-2021",
    "hudiksvall-2023-2025",
    "kiruna-2024-2027",
    "kungsbacka-2019-2020",
    "laxa-2018-2020",
    "lulea-2018",
    "mala-2024",
    "malmo-holma-kroksback-2019-2020",
    "malmo-mollevangen-2021-2022",
    "malmo-rosengard-2024-2025",
    "malung-salen-2016",
    "ostersund-2023-2024",
    "stockholm-ostermalm-2019",
    "trosa-2018-2019",
    "umea-2023-2024",
    "uppsala-gottsunda-2019-2020",
    "uppsala-resecentrum-2020-2023",
]

NOTHING_RECORDED = (
    "Inga aktiviteter är registrerade här. Det betyder inte att inget har gjorts, "
    "bara att uppföljningen inte finns med i det här exemplet."
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "example_sverige", REPO / "scripts" / "example_sverige.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pledges():
    loaded = load_catalog(EXAMPLE)
    assert loaded.problems == []
    return loaded.catalog.pledges


def test_validates_with_exit_0_and_four_warnings(run_cli):
    result = run_cli("--data", str(EXAMPLE), "validate")
    assert result.exit_code == 0
    root = "examples/sverige/data/pledges"
    problems = [line for line in result.stdout.splitlines() if " warning " in line]
    assert [line.split(str(REPO) + "/")[-1] for line in problems] == [
        f"{root}/gnosjo-2018/pledge.yaml:40:5: warning L124 commitment gemensamt-1 promises "
        "'fredagar/lördagar' but has no `expect`, so a single activity meets it; say how many "
        "and per which period with `expect`",
        f"{root}/gnosjo-2019-2020/pledge.yaml:41:5: warning L124 commitment gemensamt-1 "
        "promises 'Minst två insatser' but has no `expect`, so a single activity meets it; "
        "add `expect: {count: 2, per: period}`",
        f"{root}/malmo-holma-kroksback-2019-2020/pledge.yaml:40:5: warning L124 commitment "
        "polis-2 promises 'minst 50 SoL 14-anmälningar' but has no `expect`, so a single "
        "activity meets it; add `expect: {count: 50, per: period}`",
        f"{root}/malmo-rosengard-2024-2025/pledge.yaml:43:5: warning L124 commitment polis-2 "
        "promises 'Minst 250 hot spot-patrulleringar' but has no `expect`, so a single "
        "activity meets it; add `expect: {count: 250, per: period}`",
    ]
    assert "26 files checked: 0 errors, 4 warnings" in result.stdout


def test_the_script_reproduces_the_committed_files(tmp_path):
    load_script().main([str(FACTS), "--out", str(tmp_path)])
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(EXAMPLE) for p in (EXAMPLE / "data").rglob("*") if p.is_file())
    assert made == committed
    assert len(made) == 26
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (EXAMPLE / rel).read_bytes(), rel


def test_without_places_the_script_writes_no_codes_regions_or_themes(tmp_path):
    load_script().main([str(FACTS), "--out", str(tmp_path), "--without-places"])
    text = (tmp_path / "data/pledges/gnosjo-2019-2020/pledge.yaml").read_text(encoding="utf-8")
    assert "code:" not in text and "police_region:" not in text and "theme:" not in text
    assert '  narkotika: "Narkotika"\n' in text
    assert '    name: "Gnosjö kommun"\n    kind: municipality\n' in text


def test_the_26_pledges_and_the_four_left_out(pledges):
    assert sorted(pledges) == PLEDGE_IDS
    # No start date in the source: Angered, Askim-Frölunda-Högsbo (Göteborg: only Östra
    # Göteborg is here), Älvsbyn, Sundsvall.
    municipalities = sorted(
        {
            party.name
            for d in pledges.values()
            for party in d.pledge.parties.values()
            if party.kind == "municipality"
        }
    )
    assert municipalities == [
        "Bergs kommun", "Gislaveds kommun", "Gnosjö kommun", "Göteborgs Stad",
        "Hudiksvalls kommun", "Härjedalens kommun", "Härnösands kommun", "Kiruna kommun",
        "Kungsbacka kommun", "Laxå kommun", "Luleå kommun", "Malmö stad",
        "Malung-Sälens kommun", "Malå kommun", "Stockholms stad", "Trosa kommun",
        "Umeå kommun", "Uppsala kommun", "Ängelholms kommun", "Östersunds kommun",
    ]  # fmt: skip
    assert [pid for pid in pledges if pid.startswith("goteborg")] == [
        "goteborg-ostra-goteborg-2018"
    ]


def test_every_pledge_has_a_notice_and_no_activities(pledges):
    for pid, data in pledges.items():
        assert data.pledge.notice and data.pledge.notice.endswith(NOTHING_RECORDED), pid
        assert len(data.activities) == 0 and len(data.followups) == 0, pid
        assert not (EXAMPLE / "data" / "pledges" / pid / "activities").exists()
        assert data.pledge.language == "sv"


def test_gnosjo_2019_2020(pledges):
    pledge = pledges["gnosjo-2019-2020"].pledge
    assert (pledge.start, pledge.end) == (date(2019, 1, 1), date(2020, 12, 31))
    police, gnosjo = pledge.parties["polisen"], pledge.parties["gnosjo"]
    assert (police.name, police.kind, police.police_region, police.police_area) == (
        "Lokalpolisområde Värnamo",
        "police",
        "Öst",
        "Värnamo",
    )
    assert (gnosjo.name, gnosjo.kind, gnosjo.code) == ("Gnosjö kommun", "municipality", "0617")
    assert pledge.groups == {"parterna": ("polisen", "gnosjo")}
    assert [(c.id, c.by) for c in pledge.commitments] == [
        ("gemensamt-1", ("parterna",)),
        ("gemensamt-2", ("parterna",)),
        ("gemensamt-3", ("parterna",)),
    ]
    assert pledge.commitments[2].text == (
        "En trygghetsvandring i centrala Gnosjö och kring Bäckaskolan."
    )
    assert [(s.name, s.role, s.party) for s in pledge.signatories] == [
        ("Håkan Boberg", "lokalpolisområdeschef Värnamo", "polisen"),
        ("Kristine Hästmark", "kommunstyrelsens ordförande", "gnosjo"),
    ]
    assert pledge.sources[0].url == "https://polisen.se/om-polisen/medborgarloften/gnosjo/"
    assert len(pledge.sources) == 2
    assert pledge.notice == (
        "Åtagandena är återgivna ordagrant efter källan. Källan anger perioden i hela år, "
        "så datumen är årets första och sista dag. " + NOTHING_RECORDED
    )


def test_malmo_mollevangen_with_a_third_party_and_a_text_cut_short(pledges):
    pledge = pledges["malmo-mollevangen-2021-2022"].pledge
    assert (pledge.start, pledge.end) == (date(2021, 4, 1), date(2022, 4, 30))
    assert pledge.area == "Möllevången–Rådmansvången, Malmö stad"
    assert {p: (v.name, v.kind) for p, v in pledge.parties.items()} == {
        "polisen": ("Lokalpolisområde Malmö norr", "police"),
        "malmo": ("Malmö stad", "municipality"),
        "bid-mollevangen": ("Fastighetsägare BID Möllevången", "other"),
    }
    assert [(c.id, c.by) for c in pledge.commitments] == [
        ("polis-1", ("polisen",)),
        ("kommun-1", ("malmo",)),
        ("bid-mollevangen-1", ("bid-mollevangen",)),
    ]
    # The gatherer's "(text trunkerad)" is said in the notice, not left in the text.
    assert (
        pledge.commitments[2].text == "Förebyggande verksamhet kopplad till den lokala lägesbilden."
    )
    assert pledge.notice == (
        "Åtagandena är återgivna i korthet efter källan, inte ordagrant; hela texten finns i "
        "källan. Texten i åtagande 1 är avkortad i källan. Källan anger perioden i hela "
        "månader, så datumen är månadens första och sista dag. " + NOTHING_RECORDED
    )
    assert [s.url for s in pledge.sources] == [
        "https://polisen.se/om-polisen/medborgarloften-och-lokal-samverkan/medborgarloften/malmo-norr/"
    ]


def test_harnosand_with_four_parties_in_one_commitment(pledges):
    pledge = pledges["harnosand-2020-2021"].pledge
    assert (pledge.start, pledge.end) == (date(2020, 1, 1), date(2021, 12, 31))
    # The source names no police area: the party is the police, placed by the region.
    police = pledge.parties["polisen"]
    assert (police.name, police.police_region, police.police_area) == ("Polisen", "Nord", None)
    assert pledge.parties["harnosand"].code == "2280"
    assert pledge.parties["hemab"].name == "Hemab (kommunalt energibolag)"
    assert [c.id for c in pledge.commitments] == [
        "polis-1",
        "gemensamt-1",
        "gemensamt-2",
        "gemensamt-3",
        "gemensamt-4",
    ]
    assert pledge.commitments[1].by == ("polisen", "harnosand", "raddningstjansten", "hemab")
    assert pledge.commitments[3].text == "Genomföra medborgardialog."
    assert pledge.sources[0].url == (
        "https://harnosand.se/kommun--styrning/framtidens-harnosand/ett-tryggare-harnosand/"
        "medborgarloften.html"
    )


def test_uppsala_resecentrum_starts_on_the_day_it_was_signed(pledges):
    pledge = pledges["uppsala-resecentrum-2020-2023"].pledge
    assert (pledge.start, pledge.end) == (date(2020, 6, 10), date(2023, 12, 31))
    assert pledge.parties["polisen"].name == "Lokalpolisområde Uppsala/Knivsta"
    assert pledge.parties["polisen"].police_region == "Mitt"
    assert (pledge.parties["uppsala"].name, pledge.parties["uppsala"].code) == (
        "Uppsala kommun",
        "0380",
    )
    assert len(pledge.commitments) == 5
    assert pledge.commitments[0].text == "Hög närvaro vid Uppsala resecentrum."
    assert len(pledge.sources) == 3
    assert pledge.notice == (
        "Åtagandena är återgivna i korthet efter källan, inte ordagrant; hela texten finns i "
        "källan. Perioden börjar den dag löftet undertecknades; som slut anger källan bara "
        "året, så slutdatumet är årets sista dag. Inga aktiviteter är registrerade här. Det "
        "betyder inte att inget har gjorts, bara att uppföljningen inte finns med i det här "
        "exemplet."
    )


def test_stockholm_ostermalm(pledges):
    pledge = pledges["stockholm-ostermalm-2019"].pledge
    assert (pledge.start, pledge.end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert pledge.parties["stockholm"].name == "Stockholms stad"
    assert pledge.parties["stockholm"].code == "0180"
    assert pledge.parties["polisen"].police_region == "Stockholm"
    assert [c.id for c in pledge.commitments] == ["polis-1", "gemensamt-1", "gemensamt-2"]
    assert pledge.commitments[1].text == (
        "Kommunikationsinsatser om att förebygga inbrott och stölder i bostäder samt "
        "bedrägerier mot äldre."
    )
    assert [(s.name, s.role, s.party) for s in pledge.signatories] == [
        ("Peter Ågren", "chef lokalpolisområde Norrmalm", "polisen")
    ]
    assert (
        pledge.sources[0].url
        == "https://polisen.se/om-polisen/medborgarloften/stockholm-ostermalm/"
    )


def test_lulea_counts_only_what_the_text_states(pledges):
    pledge = pledges["lulea-2018"].pledge
    assert (pledge.start, pledge.end) == (date(2018, 1, 1), date(2018, 12, 31))
    assert pledge.parties["lulea"].name == "Luleå kommun"
    assert [c.id for c in pledge.commitments] == [
        "polis-1",
        "polis-2",
        "kommun-1",
        "polis-3",
        "polis-4",
        "kommun-2",
        "kommun-3",
        "gemensamt-1",
        "kommun-4",
    ]
    expects = {
        c.id: (c.expect.count, c.expect.per) for c in pledge.commitments if c.expect is not None
    }
    # "varje dygn", "Minst två utbildningar", "minst åtta tillfällen", "fyra gånger per år";
    # "Minst en trygghetsvandring" is what lofte assumes without `expect`.
    assert expects == {
        "polis-1": (7, "week"),
        "kommun-2": (2, "period"),
        "kommun-3": (8, "period"),
        "kommun-4": (4, "year"),
    }
    assert pledge.commitments[8].text == (
        "Kontroll av gångtunnlar fyra gånger per år; åtgärda trasig belysning och skadegörelse."
    )


def test_kiruna_says_what_its_source_leaves_out(pledges):
    pledge = pledges["kiruna-2024-2027"].pledge
    assert [c.text for c in pledge.commitments] == [
        "Aktivt förebygga våld, hat och hot, särskilt våld i nära relationer."
    ]
    assert "Källan är avkortad: den fortsätter med åtaganden om alkohol och droger och om " in (
        pledge.notice or ""
    )
    assert pledge.themes == {"vald-i-nara-relationer": "vald-i-nara-relationer"}


def test_the_scb_codes_are_those_of_lofte_place_data():
    codes = load_script().SCB_CODES
    assert len(codes) == 22
    assert {code: places().municipalities[code].name for code in codes.values()} == {
        code: name for name, code in codes.items()
    }
    # The four in the brief's examples, by hand.
    assert (codes["Gnosjö"], codes["Stockholm"], codes["Göteborg"], codes["Malmö"]) == (
        "0617",
        "0180",
        "1480",
        "1280",
    )


def test_the_pages_render_and_say_nothing_is_recorded(run_cli, tmp_path):
    out = tmp_path / "site-sverige"
    result = run_cli("--data", str(EXAMPLE), "render", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    for pid in PLEDGE_IDS:
        page = (out / pid / "index.html").read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
        assert (
            "Här finns inga aktiviteter registrerade för löftet, så det finns inga siffror om "
            "hur det hålls. Det betyder inte att inget har gjorts." in text
        ), pid
        assert "Inget registrerat" in text, pid
        assert NOTHING_RECORDED in text, pid


def test_every_commitment_and_goal_is_the_facts_text(pledges):
    """No text is reworded: each commitment is the facts' text, but for the gatherer's notes
    that the source was cut short (said in the notice instead)."""
    facts = json.loads(FACTS.read_text(encoding="utf-8"))
    written = [f for f in facts if f["period_start"]]
    assert len(written) == 26
    edited = {
        "Minst 250 hot spot-patrulleringar (texten trunkerad i källan).": (
            "Minst 250 hot spot-patrulleringar."
        ),
        "Förebyggande verksamhet kopplad till den lokala lägesbilden (text trunkerad).": (
            "Förebyggande verksamhet kopplad till den lokala lägesbilden."
        ),
        "Stärka samverkan för att tidigare upptäcka barn och unga i riskzon; mål minst 50 SoL "
        "14-anmälningar till socialtjänsten (per period; text trunkerad).": (
            "Stärka samverkan för att tidigare upptäcka barn och unga i riskzon; mål minst 50 "
            "SoL 14-anmälningar till socialtjänsten (per period)."
        ),
        "Särskilda trafiksäkerhetskampanjer (text trunkerad).": (
            "Särskilda trafiksäkerhetskampanjer."
        ),
        "(fortsättning trunkerad i källan: fokus på alkohol och droger, trafiksäkerhet)": None,
    }
    expected = [edited.get(c["text"], c["text"]) for f in written for c in f["commitments"]]
    texts = [c.text for d in pledges.values() for c in d.pledge.commitments]
    assert sorted(texts) == sorted(t for t in expected if t is not None)
    assert len(texts) == 107
    assert sorted(d.pledge.goal for d in pledges.values()) == sorted(f["goal"] for f in written)


def test_the_national_pages_of_the_example(run_cli, tmp_path):
    out = tmp_path / "site"
    assert run_cli("--data", str(EXAMPLE), "render", "--out", str(out)).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<path") == 290
    assert sorted(p.name for p in (out / "kommun").iterdir()) == [
        "0180-stockholm.html",
        "0380-uppsala.html",
        "0488-trosa.html",
        "0617-gnosjo.html",
        "0662-gislaved.html",
        "1280-malmo.html",
        "1292-angelholm.html",
        "1384-kungsbacka.html",
        "1480-goteborg.html",
        "1860-laxa.html",
        "2023-malung-salen.html",
        "2184-hudiksvall.html",
        "2280-harnosand.html",
        "2326-berg.html",
        "2361-harjedalen.html",
        "2380-ostersund.html",
        "2418-mala.html",
        "2480-umea.html",
        "2580-lulea.html",
        "2584-kiruna.html",
    ]
    # 14 counties; all seven police regions (Örebro län is Bergslagen, Dalarna too).
    assert len(list((out / "lan").iterdir())) == 14
    assert sorted(p.stem for p in (out / "polisregion").iterdir()) == [
        "bergslagen",
        "mitt",
        "nord",
        "ost",
        "stockholm",
        "syd",
        "vast",
    ]
    assert len(list((out / "tema").iterdir())) == 12
    assert (out / "statistik.html").is_file()
    gnosjo = (out / "kommun" / "0617-gnosjo.html").read_text(encoding="utf-8")
    assert gnosjo.count("Medborgarlöfte Gnosjö 20") == 3
