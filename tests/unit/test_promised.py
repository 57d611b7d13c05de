"""Reading the numbers a commitment's text promises (lofte_cli.data.promised): a table of
texts written by hand, each with what a reader of the text would put in `expect`, or
nothing when the text promises no count. Real texts are quoted word for word from
published pledges (polisen.se and the municipalities' pages, gathered in
/work/shared/real-pledges.json); the rest are made up to try one thing each."""

from __future__ import annotations

import pytest

from lofte_cli.data.promised import Promise, number_value, read_promise

# text → (count, per) that the rule warns about; None: no warning.
FIRES: list[tuple[str, tuple[int, str]]] = [
    # real commitments
    (
        "Minst två insatser för att minska droganvändning bland unga, i samverkan med "
        "kommunens fältverksamhet.",
        (2, "period"),
    ),
    (
        "Riktade insatser mot beteendebrott och hastigheter på Brogatan/Storgatan i Hillerstorp "
        "och runt Hillerstorpsskolan, minst två gånger under året.",
        (2, "year"),
    ),
    ("Minst en gemensam tillsyn per år av handel med tobak och alkohol.", (1, "year")),
    ("Minst ett gemensamt föräldramöte per år om ANDTS.", (1, "year")),
    (
        "Särskild ungdomsinsats (ANDT och motorburen problematik) vid minst sex tillfällen per år.",
        (6, "year"),
    ),
    (
        "Minst 17 trafikkontroller torsdagar/söndagar under vintersäsong (jan–apr) på Lv 315, "
        "316, 321 och E45.",
        (17, "period"),
    ),
    (
        "Minst 52 trafikkontroller på väg eller i terräng (nykterhet, hastighet, synlighet).",
        (52, "period"),
    ),
    ("Två riktade insatser för att minska ungdomars tillgång till narkotika.", (2, "period")),
    (
        "Minst 15 besök på skolor och fritidsgårdar för goda relationer med ungdomar.",
        (15, "period"),
    ),
    ("Minst 250 hot spot-patrulleringar (texten trunkerad i källan).", (250, "period")),
    (
        "Stärka samverkan för att tidigare upptäcka barn och unga i riskzon; mål minst 50 SoL "
        "14-anmälningar till socialtjänsten (per period; text trunkerad).",
        (50, "period"),
    ),
    (
        "Patrullering på otrygga platser i Hjällbo; närvaro vid minst 200 tillfällen.",
        (200, "period"),
    ),
    (
        "Städning i och kring Bergsjön centrum fem dagar i veckan; klotter bort inom 24 timmar.",
        (5, "week"),
    ),
    ("Daglig hot spot-patrullering utifrån läges- och problembild.", (7, "week")),
    ("Kontroll mot arbetslivskriminalitet minst en gång per år.", (1, "year")),
    ("Hundsök i skolan två gånger per år.", (2, "year")),
    ("Besök, information och utbildning till ett utlämningsställe per år.", (1, "year")),
    ("Minst en trafikkontroll varje dygn i kommunen.", (7, "week")),
    (
        "Samordning av serveringstillstånd med andra myndigheter vid minst åtta tillfällen.",
        (8, "period"),
    ),
    (
        "Kontroll av gångtunnlar fyra gånger per år; åtgärda trasig belysning och skadegörelse.",
        (4, "year"),
    ),
    (
        "Minst två trafik-/informationsinsatser per år (vår: trafikregler/cykelhjälm; höst: "
        "belysning/reflexer) riktade till cyklister och gångtrafikanter.",
        (2, "year"),
    ),
    (
        "Minst tre gemensamma kontroller av tobaksförsäljningsställen (försäljning till omyndiga).",
        (3, "period"),
    ),
    (
        "Minst en trafikkontroll per vecka där medborgare klagat på trafiken eller som del av "
        "trafiksäkerhetsarbetet.",
        (1, "week"),
    ),
    (
        "Minst tjugo trafikkontroller med fokus på hastighet, störande mopedåkning och "
        "epatraktorkörning vid platser och tider som invånarna föreslår.",
        (20, "period"),
    ),
    (
        "Att polisstationen i Kungälv ska öppnas och vara tillgänglig för invånarna fem dagar i "
        "veckan.",
        (5, "week"),
    ),
    # made up, one way of saying it each
    ("Genomföra fyra trygghetsvandringar.", (4, "period")),
    ("Fyra trygghetsvandringar per år.", (4, "year")),
    ("Genomföra trygghetsvandringar fyra gånger per år.", (4, "year")),
    ("Patrullera i centrum varje vecka.", (1, "week")),
    ("Hålla samverkansmöte en gång i månaden.", (1, "month")),
    ("Bjuda in till dialog två gånger per år.", (2, "year")),
    ("Årligen genomföra en trygghetsmätning.", (1, "year")),
    ("Stämma av läget kvartalsvis i styrgruppen.", (1, "quarter")),
    ("Nattvandra varannan vecka under sommaren.", (2, "month")),
    ("Föräldramöte om droger en gång per termin.", (1, "half-year")),
    ("Utbildning i ansvarsfull alkoholservering vid 10 tillfällen.", (10, "period")),
    ("Genomföra minst 12 trafikkontroller per år.", (12, "year")),
    ("Minst 12 trafikkontroller.", (12, "period")),
    ("Redovisa läget för styrgruppen var tredje månad.", (1, "quarter")),
    ("Genomföra 2–3 insatser per termin.", (2, "half-year")),
    ("Besöka tjugofem skolor.", (25, "period")),
    ("Nattvandra varje fredagskväll.", (1, "week")),
    ("Veckovisa möten med fältgruppen.", (1, "week")),
    ("Trafikkontroller 4 ggr/år.", (4, "year")),
]

NO_COUNT: list[str] = [
    # real commitments
    "Åtgärder mot beteendebrott och höga hastigheter; prioriterat: Järnvägsgatan och "
    "Anderstorpsvägen i centrala Gnosjö samt områden vid skolorna i Gnosjö och Hillerstorp.",
    "Fortsätta och utveckla SSPF (skola, socialtjänst, polis, fritid); alltid orosanmälan "
    "(SoL 14 §) när anledning finns.",
    "Träffas kontinuerligt i ett trafikråd, dela information och väga in medborgarnas synpunkter.",
    "Utökade fordons- och förarkontroller mot A-traktorer och terrängfordon; kontroller "
    "dokumenteras i händelserapporter.",
    "Gemensamma dialog- och informationsmöten om löftet i januari (till alla, särskilt unga "
    "förare).",
    "Tematräffar med samtliga elever i åk 5 på Holmaskolan, Kroksbäcksskolan och "
    "Lorensborgsskolan för att stärka förtroendet.",
    "Förbättra belysningen i Hjällbo centrum; skadad belysning ersätts/repareras inom 24 timmar.",
    "Vid varje möjligt tillfälle arbeta förtroende- och kontaktskapande med medborgarna.",
    "Informationskampanj till åk 3 på gymnasiet mot langning till minderåriga.",
    "Tillägg 2023: främja motorburna ungas möjlighet att utöva motorintresset och motverka "
    "problem kring det.",
    "Regelbundna mätningar av trafikmängder och hastigheter (i samarbete med polisen).",
    "I största möjligaste mån arbeta utifrån den aktuella lägesbilden i våra tre kommuner.",
    "Genomföra insatser för att öka trafiksäkerheten och minska buskörningen, speciella "
    "insatser riktade mot A-traktorer och EPA-traktorer.",
    "Utskick av brev om narkotikaproblematik till föräldrar till ungdomar mellan 12 och 18 år.",
    "Utskick av brev om laglig och säker mopedåkning till föräldrar med ungdomar som fyller 15 år.",
    "Att föräldrar till ungdomar i skolår 8 bjuds in till möte på respektive skola.",
    "Erbjuda ett föräldrastärkande program till föräldrar med barn i årskurs 6–9.",
    "Besöka skolorna i årskurs 5 och prata om brand, skadegörelse och eget ansvar.",
    "En trygghetsvandring i centrala Gnosjö och kring Bäckaskolan.",
    "Ett allmänt informationsmöte om A-traktorer.",
    # made up: numbers that are not promises
    "Genomföra trygghetsvandringar under 2024.",
    "Genomföra trygghetsvandringar 2023–2024.",
    "Arbeta enligt åtagande 3 och stödja polis-1.",
    "Fritidsaktiviteter för barn 10–15 år.",
    "Stöd till unga under 18 år.",
    "Följa lag 2018:1937 och § 3 i ordningslagen.",
    "Nattvandring kl. 18.00–20.00 från Storgatan 12.",
    "Andelen som känner sig trygga ska öka till 75 %.",
    "Använda den årliga trygghetsmätningen.",
    "Kommunens årliga trygghetsmätning följs upp.",
    "Hålla receptionen öppen 24 timmar om dygnet.",
    "Insatser enligt 14 kap. 1 § socialtjänstlagen.",
    "Minst 50 % av eleverna ska nås av informationen.",
    "Svara på felanmälningar inom två veckor.",
    "Kommunen har tre skolor med högstadium.",
    "Trygghetsvandringar på hot spots utifrån aktuell lägesbild.",
    "Repair street lighting in the harbour area within two weeks of a report from a resident.",
]


@pytest.mark.parametrize(("text", "wanted"), FIRES, ids=[t[:40] for t, _ in FIRES])
def test_a_promised_count_is_read(text: str, wanted: tuple[int, str]) -> None:
    found = read_promise(text)
    assert found is not None and found.says_more_than_once
    assert (found.count, found.per) == wanted


@pytest.mark.parametrize("text", NO_COUNT, ids=[t[:40] for t in NO_COUNT])
def test_a_text_without_a_promised_count_is_left_alone(text: str) -> None:
    assert read_promise(text) is None


def test_the_table_is_large_and_balanced() -> None:
    assert len(FIRES) + len(NO_COUNT) >= 40
    assert len(NO_COUNT) >= 20 and len(FIRES) >= 20


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Kontroll av gångtunnlar fyra gånger per år; åtgärda trasig belysning.",
            "fyra gånger per år",
        ),
        (
            "Minst 50 riktade narkotikainsatser, i första hand mot ungdomar.",
            "Minst 50 riktade narkotikainsatser",
        ),
        ("Genomföra fyra trygghetsvandringar i Reftele.", "fyra trygghetsvandringar"),
        (
            "Minst 17 trafikkontroller tors/sön under vintersäsong.",
            "Minst 17 trafikkontroller tors/sön",
        ),
        ("Träffas varje vecka.", "varje vecka"),
        ("Kvartalsvis avstämning.", "Kvartalsvis"),
    ],
)
def test_the_phrase_is_quoted_as_written(text: str, phrase: str) -> None:
    found = read_promise(text)
    assert found is not None and found.phrase == phrase


@pytest.mark.parametrize(
    "text",
    [
        "Minst en trygghetsvandring med unga vuxna som målgrupp och jämställdhet i fokus.",
        "Etablera ett lokalt poliskontor under löftesperioden.",
    ],
)
def test_one_in_the_period_is_read_but_is_what_lofte_assumes(text: str) -> None:
    found = read_promise(text)
    assert found is not None and (found.count, found.per) == (1, "period")
    assert not found.says_more_than_once


def test_a_frequency_without_a_count_lofte_can_write_still_asks_for_expect() -> None:
    assert read_promise("Samråd varannat år.") == Promise("varannat år", None, None)
    assert Promise("varannat år", None, None).says_more_than_once


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("en", 1),
        ("ett", 1),
        ("tolv", 12),
        ("tjugo", 20),
        ("tjugofem", 25),
        ("nittionio", 99),
        ("hundra", 100),
        ("etthundra", 100),
        ("tvåhundrafemtio", 250),
        ("52", 52),
        ("hundraen", 101),
    ],
)
def test_numbers_in_words_and_digits(word: str, value: int) -> None:
    assert number_value(word) == value


def test_what_is_not_a_number_word() -> None:
    assert number_value("kommun") is None
    assert number_value("femhundrakommun") is None
