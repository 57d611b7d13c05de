"""Personal data in public text: a corpus of true and false cases."""

from __future__ import annotations

import pytest

from lofte_cli.data.privacy import find_personal_data, is_contact_point, is_personnummer


def luhn_digit(nine: str) -> str:
    """The check digit of nine digits, computed here independently of lofte."""
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 - i % 2)
        total += n // 10 + n % 10
    return str((10 - total % 10) % 10)


VALID_PNR = "811218" + "987" + luhn_digit("811218987")  # 811218-9876
VALID_SNR = "811278" + "987" + luhn_digit("811278987")  # day 18 + 60
WRONG_CHECK = VALID_PNR[:-1] + str((int(VALID_PNR[-1]) + 1) % 10)

PERSONAL = [
    (f"Samtal om {VALID_PNR[:6]}-{VALID_PNR[6:]} i dag", "L301"),
    (f"född 19{VALID_PNR[:6]}-{VALID_PNR[6:]}", "L301"),
    (f"nr 19{VALID_PNR}", "L301"),
    (f"nr {VALID_PNR}.", "L301"),
    (f"{VALID_PNR[:6]}+{VALID_PNR[6:]} (över hundra år)", "L301"),
    (f"samordningsnummer {VALID_SNR[:6]}-{VALID_SNR[6:]}", "L301"),
    (f"(19{VALID_SNR})", "L301"),
    ("Skriv till anna.svensson@gmail.com", "L302"),
    ("Mejl: Kalle_K+tips@example.se.", "L302"),
    ("Ring 070-123 45 67", "L303"),
    ("Ring 0701234567", "L303"),
    ("Ring +46 70 123 45 67", "L303"),
    ("Ring +46 (0)70-123 45 67", "L303"),
    ("ring 0046701234567", "L303"),
    ("tel. 08-123 456 78", "L303"),
    ("tel 031-12 34 56", "L303"),
    ("tel 0303-73 00 00", "L303"),
    ("Ring 070\u00a0123\u00a045\u00a067", "L303"),  # no-break spaces from a web page
    ("Ring 0303\u202f73\u202f00\u202f00", "L303"),
    ("Tel:070-123 45 67", "L303"),
    ("tfn.070-123 45 67", "L303"),
    ("Ring 070–123 45 67", "L303"),  # an en dash
    ("Ring 070/123 45 67", "L303"),
    ("Ring 070.123.45.67", "L303"),
    ("Ring 070-123 45 67 (24 h)", "L303"),
    ("Ring 070-123 45 67 2 gånger", "L303"),
    ("Samtal 0701011231 i dag", "L301"),  # born 2007-01-01: a personnummer as well
]

NOT_PERSONAL = [
    "Öppet kl. 08.00-17.00 och 09.30–12.00",
    "Perioden 2023-03-12–2024-02-01 och 2019/03/12-2020",
    f"Ärende 0{WRONG_CHECK[1:6]}-{WRONG_CHECK[6:]}",  # the shape of a personnummer, not valid
    f"Ärende {WRONG_CHECK[:6]}-{WRONG_CHECK[6:]}",  # fails the check digit
    "Datum 2023-03-14 och 2024-12-31",
    "Perioden 2023–2024, kl. 18.00–20.00, 08:00-17:00",
    "Dnr KS 2023/123 och ärende 5000-K123456-23",
    "Organisationsnummer 212000-1355",  # month 20: not a birth date
    "Postnummer 444 30 Stenungsund, 12 deltagare, 25 kontroller",
    "Trygghetsmätning 2022: 68 %",
    "Länk https://polisen.se/aktuellt/nyheter/2023/mars/20230314123456/",
    "Ungefär 0,5 procent och 0 anmälningar",
    "19811232-1234 är inget datum",
    "Mötet hölls 20230314 kl 1800",
]


@pytest.mark.parametrize(("text", "code"), PERSONAL)
def test_personal_data_is_found(text, code):
    assert [f.code for f in find_personal_data(text)] == [code]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_lookalikes_are_not_flagged(text):
    assert find_personal_data(text) == []


def test_listed_contacts_are_allowed():
    contacts = ["Trygghet@Stenungsund.se", "0303-73 00 00", "+46 70 111 22 33"]
    text = "Kontakt: trygghet@stenungsund.se, 0303-730000 eller 070-111 22 33."
    assert find_personal_data(text, contacts) == []
    assert [f.code for f in find_personal_data(text + " Privat: 070-999 88 77", contacts)] == [
        "L303"
    ]


def test_two_numbers_in_a_row_are_two_findings():
    found = find_personal_data("Ring 070-123 45 67 070-765 43 21")
    assert [(f.code, f.text) for f in found] == [
        ("L303", "070-123 45 67"),
        ("L303", "070-765 43 21"),
    ]


def test_a_listed_number_that_also_looks_like_a_personnummer_is_allowed():
    assert find_personal_data("Ring växeln 0311234561", ["0311234561"]) == []
    assert find_personal_data("Ring växeln 031-123 45 61", ["0311234561"]) == []


def test_decomposed_letters_in_an_address_are_read_whole():
    import unicodedata

    address = unicodedata.normalize("NFD", "anna.öberg@kommun.se")
    (finding,) = find_personal_data(f"Skriv till {address}")
    assert finding.text == "anna.öberg@kommun.se"
    assert find_personal_data(f"Skriv till {address}", ["anna.öberg@kommun.se"]) == []


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("trygghet@kommun.se", True),
        ("0303-73 00 00", True),
        ("+46 70 123 45 67", True),
        ("Anna Svensson", False),
        ("811218-9876", False),
        ("ring 0303-73 00 00", False),
    ],
)
def test_contact_points(text, ok):
    assert is_contact_point(text) is ok


def test_samordningsnummer_is_named():
    (finding,) = find_personal_data(f"nr {VALID_SNR[:6]}-{VALID_SNR[6:]}")
    assert finding.kind == "samordningsnummer"


@pytest.mark.parametrize(
    ("digits", "century", "valid"),
    [
        (VALID_PNR, False, True),
        ("19" + VALID_PNR, True, True),
        ("17" + VALID_PNR, True, False),  # no such century
        (WRONG_CHECK, False, False),
        ("0002290000", False, False),  # 29 Feb exists (2000) but the check digit fails
        ("8102300000", False, False),  # 30 Feb never exists
    ],
)
def test_is_personnummer(digits, century, valid):
    assert is_personnummer(digits, century_given=century) is valid
