"""TED parser on the real corpus notices (R2.0.9 F03/F06 and eForms CAN): gold fields, traps, bad input."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import ted
from pipeline.records import Document, ParseError
from test_ocds_parser import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "ted_can"
KIND = "ted"


def parse_file(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus ../shared/corpus not present")
    return ted.parse(Document(url=path.as_uri(), body=path.read_bytes(), kind=KIND))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_gold_vendors_buyers_amounts_currency(row):
    assert_gold_fields(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_gold_dates(row):
    assert_gold_dates(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_sniffed_as_ted(row):
    path = CORPUS / row["file"]
    doc = Document(url=path.as_uri(), body=path.read_bytes())
    assert ted.sniff(doc) and detect_kind(doc) == KIND


def test_estimate_is_not_the_award():
    notice = parse_file("ted_r209_F03_000163-2021_PT_hospital_acciona.xml").notices[0]
    assert [a.amount for a in notice.awards] == [Decimal("148917509.73")]
    assert notice.notice_key == "2021/S 001-000163" and notice.published_at == "2021-01-04"


def test_value_range_reports_low_and_keeps_the_range():
    result = parse_file("ted_r209_F03_002705-2021_PL_electricity.xml")
    notice = result.notices[0]
    assert notice.buyer_raw == "Województwo Małopolskie – Urząd Marszałkowski Województwa Małopolskiego"
    [award] = notice.awards
    assert award.amount == Decimal("9164708.23") and award.currency == "PLN"
    assert "HIGH 9202657.34" in award.amount_raw
    assert award.agency_raw == notice.buyer_raw  # co-buyers of the joint procurement are not the lead buyer


def test_repeated_language_forms_are_read_once():
    result = parse_file("ted_r209_F06_008298-2021_FR_telt_audit.xml")
    assert result.language == "fr"
    assert [a.vendor_raw for a in result.notices[0].awards] == [
        "Deloitte & Associés", "Pricewaterhousecoopers Audit SAS", "Ernst & Young Audit"]


def test_no_published_value_gives_no_amount():
    awards = parse_file("ted_r209_F06_008247-2021_DE_enbw_security_guard.xml").notices[0].awards
    assert [(a.lot, a.amount, a.date) for a in awards] == [("1", None, "2020-01-01"), ("2", None, "2020-01-01")]


def test_eforms_settled_contract_sums_its_lots_and_skips_subcontractor_and_review_body():
    notice = parse_file("ted_eforms_can_2024-OJS072-00215550_PL_elblag_astrazeneca.xml").notices[0]
    assert notice.buyer_raw == "Wojewódzki Szpital Zespolony w Elblągu"
    [award] = notice.awards
    assert award.vendor_raw == "Astrazeneca Kft."
    assert award.amount == Decimal("14543415.48") and award.date == "2024-01-30"
    assert award.lot.count("LOT-") == 6
    assert notice.budget == Decimal("167733600")
    names = {a.vendor_raw for a in notice.awards} | {notice.buyer_raw}
    assert "NEUCA S.A." not in names and "Krajowa Izba Odwoławcza" not in names


def test_eforms_without_contract_date_uses_the_notice_issue_date():
    notice = parse_file("ted_eforms_can_2024-OJS065-00191536_NL_waterschap_hegeman.xml").notices[0]
    assert notice.buyer_raw == "Waterschap Rivierenland"
    assert [(a.vendor_raw, a.amount, a.date) for a in notice.awards] == [
        ("Hegeman Bouw & Infra B.V.", Decimal("3887000.00"), "2024-03-29")]


def test_replay_archive_notices():
    if not ARCHIVE.exists():
        pytest.skip("replay archive not present")
    found = {}
    for path in sorted(ARCHIVE.glob("notice_*.xml")):
        for notice in ted.parse(Document(url=path.as_uri(), body=path.read_bytes(), kind=KIND)).notices:
            found[notice.notice_key] = [(a.vendor_raw, a.amount) for a in notice.awards]
    assert found["2021/S 001-000163"] == [("Acciona Construcción, S. A.", Decimal("148917509.73"))]
    assert found["00191536-2024"] == [("Hegeman Bouw & Infra B.V.", Decimal("3887000.00"))]
    assert len(found["2021/S 005-008298"]) == 3


@pytest.mark.parametrize("body", [
    b"",
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><TED_EXPORT>&x;</TED_EXPORT>',
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><TED_EXPORT>&d;</TED_EXPORT>',
    b'<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication"><FORM_SECTION><F03_2014',
    b'<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication"></TED_EXPORT>',
    b"<html><body>Notice not found</body></html>",
    bytes(range(256)) * 8,
])
def test_bad_input_raises_parse_error_quickly(body):
    start = time.perf_counter()
    with pytest.raises(ParseError):
        ted.parse(Document(url="memory:", body=body, kind=KIND))
    assert time.perf_counter() - start < 1.0
