"""USAspending parser on the real corpus award detail and the replay archive: gold fields, bad input."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import usaspending
from pipeline.records import Document, ParseError
from test_ocds_parser import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "usaspending_awards"
KIND = "usaspending"


def parse_file(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus ../shared/corpus not present")
    return usaspending.parse(Document(url=path.as_uri(), body=path.read_bytes(), kind=KIND))


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
    assert notice.buyer_raw == "Department of Defense / Defense Logistics Agency"
    [award] = notice.awards
    assert (award.vendor_raw, award.amount, award.currency, award.date) == (
        "MCKESSON CORPORATION", Decimal("61241.34"), "USD", "2016-06-24")
    assert "total_obligation=61241.34" in award.evidence


def test_replay_archive_search_page_and_details():
    if not ARCHIVE.exists():
        pytest.skip("replay archive not present")
    search = usaspending.parse(Document(url="memory:", body=(ARCHIVE / "search_page1.json").read_bytes(), kind=KIND))
    assert [(n.notice_key, n.awards[0].vendor_raw) for n in search.notices] == [
        ("CONT_AWD_HSSCCG10J00265_7003_HSHQDC06D00026_7001", "LEIDOS, INC."),
        ("CONT_AWD_H907_9700_SPE2DX16D1500_9700", "MCKESSON CORPORATION")]
    assert search.notices[0].buyer_raw == "Department of Homeland Security / U.S. Citizenship and Immigration Services"
    detail = usaspending.parse(Document(url="memory:", body=(ARCHIVE / "award_leidos_HSSCCG10J00265.json").read_bytes(), kind=KIND))
    assert detail.notices[0].awards[0].date == "2010-09-20"


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
