"""Plain-text copies of EU result notices in several languages (the standard form's labels; facts of the kind
TED award notices carry, text ours)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind, parse_document
from pipeline.records import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"

ENGLISH = """Contract award notice
Results of the procurement procedure
Section I: Contracting authority
I.1) Name and addresses
Official name: Dublin City Council
Postal address: Civic Offices, Wood Quay
Section V: Award of contract
Contract No: 1
Lot No: 1
Title: Network services
V.2.1) Date of conclusion of the contract
12/02/2021
V.2.3) Name and address of the contractor
Official name: Celtic Networks Ltd
Postal address: 4 Harbour Road
V.2.4) Information on value of the contract/lot (excluding VAT)
Initial estimated total value of the contract/lot: 800 000.00 EUR
Total value of the contract/lot: 745 000.00 EUR
"""

HUNGARIAN = """Tájékoztató az eljárás eredményéről
I. szakasz: Ajánlatkérő
I.1) Név és címek
Hivatalos név: Budapest Főváros Önkormányzata
V. szakasz: Az eljárás eredménye
Rész száma: 2
V.2.1) A szerződés megkötésének dátuma: 2021.03.15
V.2.3) A nyertes ajánlattevő neve és címe
Hivatalos név: Városi Informatika Kft.
V.2.4) A szerződés/rész végleges összértéke: 12.500.000 HUF
"""

FRENCH_PORTUGUESE_GERMAN = [
    ("""Avis d'attribution de marché
I.1) Nom et adresses
Nom officiel: Ville de Lyon
Section V : Attribution du marché
V.2.1) Date de conclusion du marché: 2020-11-30
V.2.3) Nom et adresse du titulaire
Nom officiel: Rhône Réseaux SAS
V.2.4) Valeur totale du marché/du lot: 1 234 567,89 EUR
""", "Ville de Lyon", "Rhône Réseaux SAS", Decimal("1234567.89"), "2020-11-30"),
    ("""Anúncio de adjudicação
I.1) Nome e endereços
Designação oficial: Câmara Municipal do Porto
Secção V: Adjudicação
V.2.3) Nome e endereço do adjudicatário
Designação oficial: Norte Sistemas, S.A.
V.2.4) Valor total do contrato/lote: 98.765,00 EUR
""", "Câmara Municipal do Porto", "Norte Sistemas, S.A.", Decimal("98765.00"), None),
    ("""Bekanntmachung vergebener Aufträge
I.1) Name und Adressen
Offizielle Bezeichnung: Stadt Köln
Abschnitt V: Auftragsvergabe
V.2.3) Name und Anschrift des Wirtschaftsteilnehmers, zu dessen Gunsten der Zuschlag erteilt wurde
Offizielle Bezeichnung: Rhein IT GmbH
V.2.4) Gesamtwert des Auftrags/Loses: 250.000,00 EUR
""", "Stadt Köln", "Rhein IT GmbH", Decimal("250000.00"), None),
]


def _notice(text: str):
    doc = Document(url="memory:notice.txt", body=text.encode())
    assert detect_kind(doc) == "ted_text"
    [notice] = parse_document(doc).notices
    return notice


def test_an_english_excerpt_gives_buyer_winner_value_lot_and_date():
    notice = _notice(ENGLISH.replace("Official name: Celtic Networks Ltd\n", "Official name: Celtic Networks Ltd\nNational registration number: IE6388047V\n")
                     .replace("Official name: Dublin City Council\n", "Official name: Dublin City Council\nNational registration number: IE0000001\n"))
    assert notice.awards[0].identifiers == {"national-registration": "IE6388047V"}
    assert notice.buyer_identifiers == {"national-registration": "IE0000001"}
    assert [(a.vendor_raw, a.agency_raw, a.amount, a.currency, a.lot, a.date) for a in notice.awards] == [
        ("Celtic Networks Ltd", "Dublin City Council", Decimal("745000.00"), "EUR", "1", "2021-02-12")]
    assert notice.awards[0].confidence < 0.9  # read from labels, not from XML elements


def test_a_hungarian_excerpt():
    [award] = _notice(HUNGARIAN).awards
    assert (award.vendor_raw, award.agency_raw, award.amount, award.currency, award.lot, award.date) == (
        "Városi Informatika Kft.", "Budapest Főváros Önkormányzata", Decimal("12500000"), "HUF", "2", "2021-03-15")


@pytest.mark.parametrize("text,buyer,vendor,amount,date", FRENCH_PORTUGUESE_GERMAN)
def test_french_portuguese_and_german_excerpts(text, buyer, vendor, amount, date):
    [award] = _notice(text).awards
    assert (award.agency_raw, award.vendor_raw, award.amount, award.date) == (buyer, vendor, amount, date)


def test_a_news_story_naming_a_contractor_is_not_a_notice():
    story = ("The council said the contractor, Celtic Networks, would start work in March.\n"
             "Contractor: Celtic Networks Ltd was chosen after a tender, a spokesman said.\n")
    assert detect_kind(Document(url="memory:story.txt", body=story.encode())) != "ted_text"


def test_no_corpus_news_or_press_release_is_taken_for_a_notice():
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("corpus ../shared/corpus not present")
    import csv
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["kind"] in ("news", "press_release")]
    taken = [r["file"] for r in rows if detect_kind(Document(url="memory:", body=(CORPUS / r["file"]).read_bytes())) == "ted_text"]
    assert taken == []


def test_the_notice_as_a_web_page_is_read_the_same_way():
    rows = "".join(f"<p>{line}</p>" for line in ENGLISH.splitlines())
    page = f"<html><head><title>TED notice</title><script>var x = 1;</script></head><body><div>{rows}</div></body></html>"
    [award] = _notice(page).awards
    assert (award.vendor_raw, award.agency_raw, award.amount) == ("Celtic Networks Ltd", "Dublin City Council", Decimal("745000.00"))


def test_a_group_of_contractors_shares_one_value_and_each_contract_keeps_its_own():
    group = ENGLISH.replace("Official name: Celtic Networks Ltd\nPostal address: 4 Harbour Road\n",
                            "Official name: Celtic Networks Ltd\nPostal address: 4 Harbour Road\n"
                            "V.2.3) Name and address of the contractor\nOfficial name: Shannon Cloud DAC\n")
    second = ("Section V: Award of contract\nContract No: 2\nLot No: 2\nV.2.1) Date of conclusion of the contract\n15/02/2021\n"
              "V.2.3) Name and address of the contractor\nOfficial name: Liffey Wireless Ltd\n"
              "V.2.4) Information on value of the contract/lot (excluding VAT)\nTotal value of the contract/lot: 355 000.00 EUR\n"
              "Section VI: Complementary information\nVI.4.1) Review body\nOfficial name: The High Court\n")
    awards = _notice(group + second).awards
    assert [(a.vendor_raw, a.amount, a.lot, a.date) for a in awards] == [
        ("Celtic Networks Ltd", Decimal("745000.00"), "1", "2021-02-12"), ("Shannon Cloud DAC", None, "1", "2021-02-12"),
        ("Liffey Wireless Ltd", Decimal("355000.00"), "2", "2021-02-15")]
    assert awards[0].consortium == ["Celtic Networks Ltd", "Shannon Cloud DAC"] and awards[2].consortium == []
