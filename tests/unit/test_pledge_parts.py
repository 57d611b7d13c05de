"""What `lofte new-pledge` proposes from a party's name and from who promises a commitment,
and how a --signatory is read: expected values written by hand."""

from __future__ import annotations

import pytest

from lofte_cli.edit.pledge_parts import (
    SignatoryDraft,
    guess_kind,
    parse_signatory,
    propose_commitment_id,
    propose_party_id,
)


@pytest.mark.parametrize(
    ("name", "kind", "party_id"),
    [
        ("Lokalpolisområde Södra Fyrbodal", "police", "polisen"),
        ("Polisen", "police", "polisen"),
        ("Stenungsunds kommun", "municipality", "stenungsund"),
        ("Tjörns kommun", "municipality", "tjorn"),
        ("Orust kommun", "municipality", "orust"),
        ("Lysekils kommun", "municipality", "lysekil"),
        ("Göteborgs Stad", "municipality", "goteborg"),
        ("Borås Stad", "municipality", "boras"),
        ("Orustbostäder", "other", "orustbostader"),
        ("Räddningstjänsten Storgöteborg", "other", "raddningstjansten-storgoteborg"),
    ],
)
def test_kind_and_id_proposed_from_the_name(name: str, kind: str, party_id: str) -> None:
    assert guess_kind(name) == kind
    assert propose_party_id(name, kind, ()) == party_id


def test_a_taken_id_gets_a_number() -> None:
    assert propose_party_id("Polisen Kungälv", "police", ["polisen"]) == "polisen-2"
    assert propose_party_id("Orust kommun", "municipality", ["orust", "orust-2"]) == "orust-3"


KINDS = {
    "polisen": "police",
    "orust": "municipality",
    "tjorn": "municipality",
    "kommunerna": "municipality",
    "bostader": "other",
}


@pytest.mark.parametrize(
    ("by", "taken", "proposed"),
    [
        (("polisen",), (), "polis-1"),
        (("polisen",), ("polis-1", "kommun-1"), "polis-2"),
        (("orust",), ("polis-1",), "kommun-1"),
        (("orust", "tjorn"), ("kommun-1",), "kommun-2"),
        (("kommunerna",), (), "kommun-1"),
        (("bostader",), (), "bostader-1"),
        (("polisen", "orust"), (), "gemensamt-1"),
        (("polisen", "bostader"), ("gemensamt-1",), "gemensamt-2"),
    ],
)
def test_a_commitment_id_from_who_promises_it(
    by: tuple[str, ...], taken: tuple[str, ...], proposed: str
) -> None:
    assert propose_commitment_id(by, KINDS, taken) == proposed


@pytest.mark.parametrize(
    ("text", "signatory"),
    [
        ("Kicki Nordberg", SignatoryDraft("Kicki Nordberg")),
        ("Kicki Nordberg, Kommundirektör", SignatoryDraft("Kicki Nordberg", "Kommundirektör")),
        (
            "Kicki Nordberg, Kommundirektör, stenungsund",
            SignatoryDraft("Kicki Nordberg", "Kommundirektör", "stenungsund"),
        ),
        (
            "Susanne Arvidsson, Lokalpolisområdeschef, Södra Fyrbodal, polisen",
            SignatoryDraft("Susanne Arvidsson", "Lokalpolisområdeschef, Södra Fyrbodal", "polisen"),
        ),
    ],
)
def test_a_signatory_is_name_role_party(text: str, signatory: SignatoryDraft) -> None:
    assert parse_signatory(text) == signatory
