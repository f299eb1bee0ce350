"""USAspending parser on the real corpus award detail and the replay archive: gold fields, bad input."""
from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import usaspending
from pipeline.records import Document, ParseError
from corpus_gold import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows, parse_corpus_file

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "usaspending_awards"
KIND = "usaspending"


def priced(notice) -> list:
    """The notice's awards without the links of its other buyers (those carry no amount)."""
    return [a for a in notice.awards if not a.buyer_link_only]


def parse_file(name: str):
    return parse_corpus_file(usaspending, name, KIND)


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_gold_vendors_buyers_amounts_currency(row):
    assert_gold_fields(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_gold_dates(row):
    assert_gold_dates(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_sniffed_as_usaspending(row):
    path = CORPUS / row["file"]
    doc = Document(url=path.as_uri(), body=path.read_bytes())
    assert usaspending.sniff(doc) and detect_kind(doc) == KIND


def test_award_detail_fields():
    notice = parse_file("usaspending_award_CONT_AWD_H907_9700_SPE2DX16D1500_9700.json").notices[0]
    assert notice.notice_key == "CONT_AWD_H907_9700_SPE2DX16D1500_9700"
    assert notice.buyer_raw == "Department of Defense"
    assert notice.buyers == ["Department of Defense", "Defense Logistics Agency"]
    assert {a.agency_raw for a in priced(notice)} == {"Defense Logistics Agency"}
    [award] = priced(notice)
    assert (award.vendor_raw, award.amount, award.currency, award.date) == (
        "MCKESSON CORPORATION", Decimal("61241.34"), "USD", "2016-06-24")
    assert "total_obligation=61241.34" in award.evidence


def test_replay_archive_search_page_and_details():
    if not ARCHIVE.exists():
        pytest.skip("replay archive not present")
    search = usaspending.parse(Document(url="memory:", body=(ARCHIVE / "search_page1.json").read_bytes(), kind=KIND))
    assert [(n.notice_key, priced(n)[0].vendor_raw) for n in search.notices] == [
        ("CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001", "LEIDOS, INC."),
        ("CONT_AWD_H907_9700_SPE2DX16D1500_9700", "MCKESSON CORPORATION")]
    assert search.notices[0].buyer_raw == "Department of Homeland Security"
    assert priced(search.notices[0])[0].agency_raw == "U.S. Citizenship and Immigration Services"
    detail = usaspending.parse(Document(url="memory:", body=(ARCHIVE / "award_leidos_HSSCCG10J00265.json").read_bytes(), kind=KIND))
    assert priced(detail.notices[0])[0].date == "2010-09-20"


@pytest.mark.parametrize("body", [
    b"",
    b'{"id": 22834500, "generated_unique_award_id": "CONT_AWD_H907", "recipient": {"recipient_name": "MCK',
    b'{"detail": "Not found."}',
    b"[1, 2, 3]",
    bytes(range(256)) * 8,
    b"{" * 50000,
])
def test_bad_input_raises_parse_error_quickly(body):
    start = time.perf_counter()
    with pytest.raises(ParseError):
        usaspending.parse(Document(url="memory:", body=body, kind=KIND))
    assert time.perf_counter() - start < 1.0


# -- shapes the corpus does not cover: answers in the documented API shapes --------------------
def _parse(data: dict):
    return usaspending.parse(Document(url="memory:", body=json.dumps(data).encode(), kind=KIND))


def _agency(top: str, sub: str) -> dict:
    return {"id": 1, "has_agency_page": True, "toptier_agency": {"name": top, "code": "075"},
            "subtier_agency": {"name": sub, "code": "7529"}, "office_agency_name": None}


GRANT = {
    "id": 91000001, "generated_unique_award_id": "ASST_NON_R01CA000001_7529", "fain": "R01CA000001", "uri": None,
    "category": "grant", "type": "04", "type_description": "PROJECT GRANT (B)", "description": "TUMOR IMAGING RESEARCH",
    "total_obligation": 612345.0, "date_signed": "2022-08-15", "base_and_all_options": None, "total_funding": 612345.0,
    "awarding_agency": _agency("Department of Health and Human Services", "National Institutes of Health"),
    "funding_agency": _agency("Department of Health and Human Services", "National Institutes of Health"),
    "recipient": {"recipient_hash": "0000", "recipient_name": "EXAMPLE STATE UNIVERSITY", "recipient_unique_id": None},
    "period_of_performance": {"start_date": "2022-09-01", "end_date": "2027-08-31"},
    "cfda_info": [{"cfda_number": "93.393", "cfda_title": "Cancer Cause and Prevention Research",
                   "federal_action_obligation_amount": 612345.0}],
}


def test_grant_award_detail():
    body = json.dumps(GRANT).encode()
    assert detect_kind(Document(url="memory:", body=body)) == KIND
    [notice] = _parse(GRANT).notices
    assert notice.notice_key == "ASST_NON_R01CA000001_7529" and notice.project_code == "R01CA000001"
    assert notice.buyer_raw == "Department of Health and Human Services"
    assert notice.buyers == ["Department of Health and Human Services", "National Institutes of Health"]
    assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in priced(notice)] == [
        ("EXAMPLE STATE UNIVERSITY", Decimal("612345.0"), "USD", "2022-08-15")]


def test_redacted_recipient_is_not_a_vendor_but_the_award_stays():
    payment = dict(GRANT, category="direct payment", total_obligation=479.0, date_signed="2017-10-04",
                   recipient={"recipient_name": "REDACTED DUE TO PII", "recipient_unique_id": None})
    [award] = priced(_parse(payment).notices[0])
    assert (award.vendor_raw, award.amount, award.date) == (None, Decimal("479.0"), "2017-10-04")
    assert "REDACTED DUE TO PII" in award.evidence


def test_loan_detail_without_obligation_gives_its_face_value():
    loan = dict(GRANT, category="loans", total_obligation=None, total_funding=None, total_loan_value=150000.0)
    assert [a.amount for a in priced(_parse(loan).notices[0])] == [Decimal("150000.0")]


def test_spending_by_transaction_page():
    page = {"limit": 10, "page_metadata": {"page": 1, "hasNext": False, "hasPrevious": False, "next": None, "previous": None},
            "results": [
                {"Awarding Sub Agency": "U.S. Citizenship and Immigration Services", "Award ID": "HSSCCG10J00265",
                 "Awarding Agency": "Department of Homeland Security", "Action Date": "2012-06-20", "internal_id": "24261000",
                 "Mod": "P00011", "Recipient Name": "LEIDOS, INC.", "Transaction Amount": "15639242.36",
                 "generated_internal_id": "CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001", "Award Type": "DELIVERY ORDER"},
                {"Awarding Sub Agency": "U.S. Citizenship and Immigration Services", "Award ID": "HSSCCG10J00265",
                 "Awarding Agency": "Department of Homeland Security", "Action Date": "2014-03-02", "internal_id": "24261000",
                 "Mod": "P00023", "Recipient Name": "LEIDOS, INC.", "Transaction Amount": "-20450.00",
                 "generated_internal_id": "CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001", "Award Type": "DELIVERY ORDER"}]}
    assert detect_kind(Document(url="memory:", body=json.dumps(page).encode())) == KIND
    notices = _parse(page).notices
    assert [n.notice_key for n in notices] == ["CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001:P00011",
                                               "CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001:P00023"]
    assert [(a.vendor_raw, a.amount, a.date) for n in notices for a in priced(n)] == [
        ("LEIDOS, INC.", Decimal("15639242.36"), "2012-06-20"), ("LEIDOS, INC.", Decimal("-20450.00"), "2014-03-02")]
    assert {n.notice_type for n in notices} == {"modification"}


def test_spending_by_award_loan_row():
    page = {"limit": 1, "results": [{"internal_id": 1, "Award ID": "1234567890", "Recipient Name": "EXAMPLE FARMS LLC",
                                     "Loan Value": 250000.0, "Subsidy Cost": 1200.0, "Issued Date": "2020-05-04",
                                     "Awarding Agency": "Small Business Administration",
                                     "Awarding Sub Agency": "Small Business Administration",
                                     "generated_internal_id": "ASST_NON_1234567890_7300"}],
            "page_metadata": {"page": 1, "hasNext": False}}
    [notice] = _parse(page).notices
    assert notice.buyer_raw == "Small Business Administration"
    assert [(a.vendor_raw, a.amount, a.date) for a in priced(notice)] == [("EXAMPLE FARMS LLC", Decimal("250000.0"), "2020-05-04")]


@pytest.mark.parametrize("body", [
    b'{"ocid": "ocds-x-1", "releases": [], "recipient_name": "x", "page_metadata": {}}',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>FPDS-NG</title></feed>',
])
def test_sniff_rejects_other_kinds(body):
    assert not usaspending.sniff(Document(url="memory:", body=body))


def test_both_agency_levels_are_linked_to_the_winner_and_the_amount_is_carried_once():
    [notice] = _parse(GRANT).notices
    links = {(a.vendor_raw, a.agency_raw): a.amount for a in notice.awards}
    agencies = {agency for _, agency in links}
    assert agencies == {"Department of Health and Human Services", "National Institutes of Health"}
    assert sum(1 for amount in links.values() if amount is not None) == 1
    assert [a.agency_raw for a in notice.awards if a.buyer_link_only] == ["Department of Health and Human Services"]
