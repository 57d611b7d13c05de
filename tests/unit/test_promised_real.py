"""L124's reading (lofte_cli.data.promised) of every commitment of 30 real, published
pledges (tests/fixtures/real-pledges.json, from polisen.se and the municipalities' pages),
each classified by hand: the (count, per) a reader would put in `expect`, or None where the
text promises no count or frequency. Then texts written here, one trap each.

How the table was decided (the same choices the rule makes):
- "En trygghetsvandring …", "Ett allmänt informationsmöte …", "Minst en …" without a slice:
  one event in the period. That is what a commitment without `expect` asks already, so it
  is no warning ("en"/"ett" as a number and as an article mean the same here).
- "regelbundet", "kontinuerligt", "återkommande", "trygghetsvandringar" (plural, no
  number): a promise of regularity with no number that `expect` could hold. No warning.
- A plural weekday ("fredagar/lördagar", "varje tisdag") is a weekly frequency: one
  activity does not keep "nattvandringar fredagar/lördagar april–oktober". The count per
  week is not read (the season may be shorter than the period), so per is "week" and the
  count is None: the warning asks for `expect` in words.
- "kvällar och helger" for staff on duty (trygghetsvärdar) says when they work, not how
  many times something is done: no warning.
- Years (2023, "2024 års"), law and paragraph numbers (SoL 14 §, § 3, 2018:1937), roads
  (Lv 315, E45), school years (åk 5, årskurs 6–9), ages (15–25 år), times (kl. 19.00,
  24/7, inom 24 timmar), percentages, dates (15 mars), ordinals and names with a number
  (Polis 3) are not counts.
"""

# The texts are quoted whole, one commitment a line.
# ruff: noqa: E501

from __future__ import annotations

import json

import pytest

from lofte_cli.data.promised import read_promise
from tests.helpers import FIXTURES

Wanted = tuple[int | None, str] | None

# Every commitment of tests/fixtures/real-pledges.json, in the file's order, word for word.
REAL: list[tuple[str, Wanted]] = [
    # 0 Gnosjö 2019–2020
    ("Minst två insatser för att minska droganvändning bland unga, i samverkan med kommunens fältverksamhet.", (2, "period")),
    ("Åtgärder mot beteendebrott och höga hastigheter; prioriterat: Järnvägsgatan och Anderstorpsvägen i centrala Gnosjö samt områden vid skolorna i Gnosjö och Hillerstorp.", None),
    ("En trygghetsvandring i centrala Gnosjö och kring Bäckaskolan.", None),
    # 1 Gnosjö 2018
    ("Nattvandringar fredagar/lördagar april–oktober i centrala Hillerstorp och Gnosjö.", (None, "week")),
    ("Ökad synlighet i centrala Gnosjö (stationsområdet, Bäckadalsparken, centrum) genom fotpatrullering och trafikövervakning.", None),
    ("Ökad rondering på biblioteket i Gnosjö under meröppet-tider.", None),
    ("Riktade insatser mot beteendebrott och hastigheter på Brogatan/Storgatan i Hillerstorp och runt Hillerstorpsskolan, minst två gånger under året.", (2, "year")),
    # 2
    ("Fortsätta utveckla Effektiv samordning för trygghet (EST) med flera aktörer och återkommande kommunicera samlad lägesbild och insatser.", None),
    ("Trygghetsrundor på aktuella platser (hot spots) utifrån lägesbilderna.", None),
    ("Arbeta mot narkotikabrottslighet.", None),
    ("Trafikinsatser där trafikproblem identifierats.", None),
    # 3
    ("Öka tryggheten i centrala Gislaved genom ökad polisiär närvaro och åtgärder i utemiljön.", None),
    ("Utöka EST-konceptet; Citytorget i Gislaved ska ingå.", None),
    ("Trygghetsrundor på hot spots utifrån aktuell lägesbild.", None),
    ("En trygghetsvandring i Reftele.", None),
    ("Fortsätta och utveckla SSPF (skola, socialtjänst, polis, fritid); alltid orosanmälan (SoL 14 §) när anledning finns.", None),
    # 4
    ("Trafikkontroller med inriktning på nykterhet, hastighet och beteenden.", None),
    ("Trafikförbättrande åtgärder samt översyn av hastighetsbegränsningar och trafikregler.", None),
    ("Träffas kontinuerligt i ett trafikråd, dela information och väga in medborgarnas synpunkter.", None),
    # 5
    ("Prioritera närvaro i Laxå för synlighet och trygghet samt genomföra planerade insatser mot brottsaktiva.", None),
    ("Medverka i informationskampanjer, t.ex. om brott mot äldre, stölder och inbrott.", None),
    ("Fortsätta trygghetsvandringar och verka för utökad grannsamverkan.", None),
    ("Verka för att utveckla samverkansformer mellan polisen, kommunens verksamheter, medborgare, föreningar och företagare.", None),
    # 6
    ("Kunskapshöjande insatser till medborgarna mot bedrägeri och bostadsinbrott.", None),
    ("Minst en gemensam tillsyn per år av handel med tobak och alkohol.", (1, "year")),
    ("Minst en gemensam antilangningskampanj per år.", (1, "year")),
    ("Minst ett gemensamt föräldramöte per år om ANDTS.", (1, "year")),
    ("Särskild ungdomsinsats (ANDT och motorburen problematik) vid minst sex tillfällen per år.", (6, "year")),
    ("Bistå med trygghetsvandringar om önskemål uppkommer.", None),
    ("Bistå med grannsamverkan om önskemål uppkommer.", None),
    # 7 Malung-Sälen 2016 (one year: "i januari", "i mars" name the month, not a count)
    ("Utökade fordons- och förarkontroller mot A-traktorer och terrängfordon; kontroller dokumenteras i händelserapporter.", None),
    ("Bidra med särskilt utbildad personal för 'flygande besiktningar' av A-traktorer vid behov.", None),
    ("Initiera kontakter med berörda föreningar och näringsidkare.", None),
    ("Tillhandahålla lokaler för samverkansmöten och dialog-/informationsmöten.", None),
    ("Gemensamma dialog- och informationsmöten om löftet i januari (till alla, särskilt unga förare).", None),
    ("Offentliggöra löftet via hemsidor, sociala medier och Malungbladet.", None),
    ("Gemensamma möten i mars om löftets effekt och polisens arbete.", None),
    # 8 Berg 2017
    ("Minst 17 trafikkontroller torsdagar/söndagar under vintersäsong (jan–apr) på Lv 315, 316, 321 och E45.", (17, "period")),
    ("Minst 52 trafikkontroller på väg och/eller i terräng med geografisk spridning (nykterhet, hastighet, synlighet).", (52, "period")),
    ("Ett allmänt informationsmöte om A-traktorer.", None),
    # 9
    ("Arbeta för tryggare trafikmiljö och ökad trafiksäkerhet.", None),
    ("Arbeta förebyggande med ungdomar och unga vuxna kring ANDT.", None),
    ("Samverka för att förebygga bedrägerier och inbrott.", None),
    # 10 Härjedalen 2017
    ("Minst 17 trafikkontroller tors/sön under vintersäsong (jan–apr) på Lv 315, Lv 514, Rv 84 och E45.", (17, "period")),
    ("Minst 52 trafikkontroller på väg eller i terräng (nykterhet, hastighet, synlighet).", (52, "period")),
    ("Ett allmänt informationsmöte om A-traktorer.", None),
    ("Ta upp trafikmätningar med Trafikverket för att få trafikkameror på utvalda platser.", None),
    ("Två riktade insatser för att minska ungdomars tillgång till narkotika.", (2, "period")),
    ("Bjuda in föräldrar, lärare m.fl. till informationsmöte om narkotika och drogtecken.", None),
    ("Minst 15 besök på skolor och fritidsgårdar för goda relationer med ungdomar.", (15, "period")),
    # 11
    ("Bidra till Purple Flag-certifieringen (trygg kvällsekonomi i stadskärnan).", None),
    ("Fortsätta utveckla EST (effektiv samordning för trygghet) för gemensam lägesbild och resursstyrning.", None),
    ("Trygghetsvandringar inom ramen för EST på utpekade platser.", None),
    # 12
    ("Minst 25 spaningsinsatser mot öppna drogscener.", (25, "period")),
    ("Minst 250 hot spot-patrulleringar (texten trunkerad i källan).", (250, "period")),
    # 13
    ("Stark polisiär närvaro kopplad till lägesbilden, särskilt fokus på barn och unga.", None),
    ("Förebyggande verksamhet för barn och unga.", None),
    ("Förebyggande verksamhet kopplad till den lokala lägesbilden (text trunkerad).", None),
    # 14
    ("Tematräffar med samtliga elever i åk 5 på Holmaskolan, Kroksbäcksskolan och Lorensborgsskolan för att stärka förtroendet.", None),
    ("Stärka samverkan för att tidigare upptäcka barn och unga i riskzon; mål minst 50 SoL 14-anmälningar till socialtjänsten (per period; text trunkerad).", (50, "period")),
    # 15
    ("Hög närvaro vid Uppsala resecentrum.", None),
    ("Samverka för att stödja och utveckla nattvandringar.", None),
    ("Riktade insatser mot narkotika (handel och ungas bruk).", None),
    ("Trafikinsatser med fokus på trafiksäkerhet.", None),
    ("Kontinuerligt kartlägga, ta fram lägesbilder och göra orsaksanalyser av problem kring resecentrum.", None),
    # 16 ("ett lokalt poliskontor under löftesperioden": one, as without `expect`)
    ("Gemensamma åtgärder för trygghet, brottsförebyggande och säkerhetshöjning av platser som upplevs osäkra.", None),
    ("Höja den polisiära närvaron med stadigvarande resurser och etablera ett lokalt poliskontor under löftesperioden.", None),
    # 17 Hjällbo
    ("Patrullering på otrygga platser i Hjällbo; närvaro vid minst 200 tillfällen.", (200, "period")),
    ("Riktade insatser mot narkotikaförsäljning, våldsbrott och ordningsstörningar.", None),
    ("Trygghetsvärdar på plats kvällar och helger i Hjällbo.", None),
    ("Förbättra belysningen i Hjällbo centrum; skadad belysning ersätts/repareras inom 24 timmar.", None),
    ("Skapa förutsättningar för positiva möten och aktiviteter på torget (text trunkerad).", None),
    # 18 Bergsjön
    ("Fotpatrullering i Bergsjöns centrum med omnejd på otrygga platser och tider vid minst 100 tillfällen.", (100, "period")),
    ("Riktade insatser i och kring Bergsjöns centrum mot narkotikabrott.", None),
    ("Kraftsamla med lokala aktörer (Trygg i Östra Göteborg) kring särskilda åtgärder; fokus på personer som missbrukar.", None),
    ("Städning i och kring Bergsjön centrum fem dagar i veckan; klotter bort inom 24 timmar.", (5, "week")),
    # 19
    ("Daglig hot spot-patrullering utifrån läges- och problembild.", (7, "week")),
    ("Information till föräldrar om lägesbild, narkotika och stöd.", None),
    ("Minst 50 riktade narkotikainsatser, i första hand mot ungdomar.", (50, "period")),
    ("Kartläggning av trygghet på utsatta platser med uppföljning, för att hitta förebyggande åtgärder i fysisk miljö.", None),
    # 20
    ("Arbeta mot otrygghet på platser med ordningsstörningar eller hög brottsrisk.", None),
    ("Kommunikationsinsatser om att förebygga inbrott och stölder i bostäder samt bedrägerier mot äldre.", None),
    ("Utveckla samverkan kring ungdomar, minska droganvändning och uppdatera rutiner mot drogtillgång i ungdomsmiljöer.", None),
    # 21
    ("Kontroll mot arbetslivskriminalitet minst en gång per år.", (1, "year")),
    ("Delta vid kontroll; informera och ta initiativ till samverkan med andra kommuner/myndigheter.", None),
    ("Hundsök i skolan två gånger per år.", (2, "year")),
    ("Genomföra och följa upp drogvaneundersökning.", None),
    ("Anordna samverkansmöte mellan kommun, polis och utlämningsställen (narkotika i postförsändelser).", None),
    ("Besök, information och utbildning till ett utlämningsställe per år.", (1, "year")),
    ("Utarbeta koncepten hotellkurage och huskurage (våld i nära relationer).", None),
    # 22
    ("Aktivt förebygga våld, hat och hot, särskilt våld i nära relationer.", None),
    ("(fortsättning trunkerad i källan: fokus på alkohol och droger, trafiksäkerhet)", None),
    # 23 Luleå 2018
    ("Minst en trafikkontroll varje dygn i kommunen.", (7, "week")),
    ("Arbeta trygghetsskapande i kommunens byar.", None),
    ("Minst en trygghetsvandring med unga vuxna som målgrupp och jämställdhet i fokus.", None),
    ("Dialog med ensamkommande flyktingbarn om lagar, regler och polisens roll.", None),
    ("Tillsyn av restauranger och krogar med serveringstillstånd.", None),
    ("Minst två utbildningar i ansvarsfull alkoholservering.", (2, "period")),
    ("Samordning av serveringstillstånd med andra myndigheter vid minst åtta tillfällen.", (8, "period")),
    ("Informationskampanj till åk 3 på gymnasiet mot langning till minderåriga.", None),
    ("Kontroll av gångtunnlar fyra gånger per år; åtgärda trasig belysning och skadegörelse.", (4, "year")),
    # 24
    ("Vid varje möjligt tillfälle arbeta förtroende- och kontaktskapande med medborgarna.", None),
    ("Verka för att fler engagerar sig i Grannsamverkan.", None),
    ("Öka medvetenheten om våld i nära relationer.", None),
    ("Åtgärder mot prostitution och människohandel för sexuella ändamål.", None),
    ("Skydda unga från narkotika: förebyggande arbete, tidig upptäckt, förstärkt stöd.", None),
    ("Minst två trafik-/informationsinsatser per år (vår: trafikregler/cykelhjälm; höst: belysning/reflexer) riktade till cyklister och gångtrafikanter.", (2, "year")),
    ("Minst två särskilda trafikinsatser per år mot trimmade mopeder och A-traktorer.", (2, "year")),
    ("Särskilda trafiksäkerhetskampanjer (text trunkerad).", None),
    ("Tillägg 2023: främja motorburna ungas möjlighet att utöva motorintresset och motverka problem kring det.", None),
    # 25
    ("Trygghetsskapande åtgärder i centrala Sundsvall; riktade insatser mot öppen droghandel och ordningsstörning; förhindra nyrekrytering av unga missbrukare.", None),
    ("Trygghetssamordnare och demokratisamordnare fortsätter arbetet för ungas trygghet i centrala Sundsvall.", None),
    ("Trafikkontroller med inriktning på olämpligt beteende, hastighet och nykterhet.", None),
    # 26
    ("Motverka all form av narkotikabruk, särskilt bland unga.", None),
    ("Motverka alla typer av brott i nära relation.", None),
    ("Ta fram en gemensam lägesbild över bostadsområden i Hudiksvall.", None),
    # 27
    ("Prioritera arbetet mot narkotika, särskilt bland unga.", None),
    ("Samverka kring trygghetsskapande åtgärder inför och under större evenemang.", None),
    ("Fortsätta och utveckla nära samverkan kring barn och unga i riskzon.", None),
    ("Genomföra medborgardialog.", None),
    ("Stärka samverkan i trafiksäkerhetsarbetet.", None),
    # 28
    ("Besöka äldreboenden och andra samlingspunkter för tips och råd till äldre (falska hemtjänstbesök m.m.).", None),
    ("Minst tre gemensamma kontroller av serveringsställen.", (3, "period")),
    ("Minst tre gemensamma kontroller av tobaksförsäljningsställen (försäljning till omyndiga).", (3, "period")),
    # 29
    ("Förebyggande insatser om regler och trafiksäkerhet för ungdomar och vårdnadshavare.", None),
    ("Minst en trafikkontroll per vecka där medborgare klagat på trafiken eller som del av trafiksäkerhetsarbetet.", (1, "week")),
    ("Regelbundna mätningar av trafikmängder och hastigheter (i samarbete med polisen).", None),
]  # fmt: skip

# Written here: how a coordinator might phrase a commitment, with and without a count.
OWN: list[tuple[str, Wanted]] = [
    ("Polis och kommun genomför tre trygghetsvandringar under hösten.", (3, "period")),
    ("Två gånger per termin besöka högstadieskolorna.", (2, "half-year")),
    ("Nattvandringar fredagar och lördagar under sommarlovet.", (None, "week")),
    ("Öppen mottagning på biblioteket varje tisdag.", (1, "week")),
    ("Minst 30 hastighetskontroller på Storgatan per år.", (30, "year")),
    ("Medborgardialog en gång i kvartalet.", (1, "quarter")),
    ("Informationsträff för föräldrar två gånger om året.", (2, "year")),
    ("Tolv fotpatrulleringar i centrum per månad.", (12, "month")),
    ("Gemensamma krogkontroller 4 ggr/år.", (4, "year")),
    ("Halvårsvis uppföljning i styrgruppen.", (1, "half-year")),
    ("Tio skolbesök under läsåret.", (10, "year")),
    ("Hålla 5 informationsmöten om bedrägerier mot äldre.", (5, "period")),
    ("Trygghetsvandring i varje kommundel en gång per år.", (1, "year")),
    ("Sex riktade insatser mot langning.", (6, "period")),
    ("Polisen håller öppet hus på stationen tisdagar och torsdagar.", (None, "week")),
    ("Minst tjugofem besök på fritidsgårdarna.", (25, "period")),
    ("Trafikkontroller på E6 vid minst 8 tillfällen.", (8, "period")),
    ("Föräldramöte två gånger årligen.", (2, "year")),
    ("Genomföra fyra (4) trygghetsvandringar.", (4, "period")),
    ("Trygghetsvandringar varje vår och höst.", (2, "year")),
    ("Tematräff om trafik för årskurs 9 varje höst.", (1, "year")),
    ("Samverkansmöte 1 gång/kvartal.", (1, "quarter")),
    ("Fotpatrullering tre kvällar i veckan.", (3, "week")),
    # no count
    ("En trygghetsvandring i Stenungsunds centrum under 2025.", None),
    ("Trygghetsvandring med start kl. 19.00 vid Torget 3.", None),
    ("Öka andelen trygga i trygghetsmätningen med 10 procent.", None),
    ("Insatser för ungdomar 13–17 år i Kungälv.", None),
    ("Polisen nås dygnet runt, 24/7, på 114 14.", None),
    ("Samverka enligt § 3 i samverkansöverenskommelsen.", None),
    ("Samverka med Polis 3 i Lokalpolisområde Kungälv.", None),
    ("Arbeta mot våld i nära relationer enligt 2024 års handlingsplan.", None),
    ("Uppföljningen redovisas för kommunstyrelsen den 15 mars.", None),
    ("Sommarjobb för ungdomar i åldern 15–25 år.", None),
    ("Den första trygghetsvandringen genomförs i maj.", None),
    ("Ett tryggare Orust för alla som bor här.", None),
    ("Fortsätta med trygghetsvandringar regelbundet.", None),
    ("Minska skadegörelsen i centrum med 20 %.", None),
    ("Polisstationen har öppet vardagar 08–16.", None),
    ("Kontakta polisen på 114 14 eller 112 vid akut läge.", None),
    ("Trafiksäkerhetsarbete på väg 160 och E6.", None),
    ("Vid en allvarlig händelse samlas krisgruppen inom två timmar.", None),
    ("Polisen deltar på föräldramöten i årskurs 7.", None),
    ("Oroligheter vissa fredagar i centrum ska minska.", None),
    ("Lagen (2018:1937) om tillgänglighet till digital offentlig service följs.", None),
    ("Två kommunpoliser finns i kommunen.", None),
    ("Minst två trygghetsvärdar på plats i centrum.", None),
    ("Polisen ska svara inom 3 arbetsdagar.", None),
    ("Trafikkontroll vecka 32 och v. 45.", None),
    ("Öka antalet grannsamverkansområden från 10 till 15.", None),
]  # fmt: skip


def _read(text: str) -> Wanted:
    found = read_promise(text)
    return (found.count, found.per) if found and found.says_more_than_once else None


def test_the_table_holds_every_real_commitment_word_for_word() -> None:
    pledges = json.loads((FIXTURES / "real-pledges.json").read_text(encoding="utf-8"))
    texts = [c["text"] for p in pledges for c in p["commitments"]]
    assert len(pledges) == 30 and len(texts) == 127
    assert [text for text, _ in REAL] == texts


def test_the_real_table_has_both_kinds() -> None:
    assert sum(1 for _, w in REAL if w) == 33
    assert sum(1 for _, w in REAL if w is None) == 94


@pytest.mark.parametrize(("text", "wanted"), REAL, ids=[f"real-{i}" for i in range(len(REAL))])
def test_every_real_commitment_is_read_as_a_person_reads_it(text: str, wanted: Wanted) -> None:
    assert _read(text) == wanted


@pytest.mark.parametrize(("text", "wanted"), OWN, ids=[t[:40] for t, _ in OWN])
def test_own_texts_with_and_without_a_count(text: str, wanted: Wanted) -> None:
    assert _read(text) == wanted


def test_own_texts_are_enough_of_each_kind() -> None:
    assert sum(1 for _, w in OWN if w) >= 10 and sum(1 for _, w in OWN if w is None) >= 10


def test_a_weekly_day_warns_and_asks_for_expect_in_words(tmp_path) -> None:
    from tests.unit.test_rules_promised import warnings_for

    text = "Nattvandringar fredagar/lördagar april–oktober."
    assert warnings_for(tmp_path / "en", text) == [
        (
            8,
            5,
            "commitment polis-1 promises 'fredagar/lördagar' but has no `expect`, so a "
            "single activity meets it; say how many and per which period with `expect`",
        )
    ]
    assert warnings_for(tmp_path / "ok", text, "{count: 2, per: week}") == []


def test_the_weekly_day_warning_in_swedish(tmp_path) -> None:
    from lofte_cli.i18n import speaking
    from tests.unit.test_rules_promised import warnings_for

    with speaking("sv"):
        found = warnings_for(tmp_path, "Öppet hus på stationen tisdagar och torsdagar.")
    assert found == [
        (
            8,
            5,
            "åtagandet polis-1 lovar 'tisdagar och torsdagar' men saknar `expect`, så det räcker "
            "med en enda aktivitet för att det ska hållas; ange med `expect` hur många och per "
            "vilken period",
        )
    ]
