"""FPDS-NG ATOM parser on the real corpus feeds: gold fields, one notice per entry, bad input."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import fpds
from pipeline.records import Document, ParseError
from test_ocds_parser import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "fpds_atom"
KIND = "fpds"


def parse_file(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus ../shared/corpus not present")
    return fpds.parse(Document(url=path.as_uri(), body=path.read_bytes(), kind=KIND))


def gold_rows() -> list:
    return [r for r in corpus_rows(KIND) if r.values[0] is None or r.values[0]["gold_vendors"]]


@pytest.mark.parametrize("row", gold_rows())
def test_gold_vendors_buyers_amounts_currency(row):
    assert_gold_fields(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", gold_rows())
def test_gold_dates(row):
    assert_gold_dates(row, parse_file(row["file"]))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_sniffed_as_fpds(row):
    path = CORPUS / row["file"]
    doc = Document(url=path.as_uri(), body=path.read_bytes())
    assert fpds.sniff(doc) and detect_kind(doc) == KIND


def test_vendor_only_in_uei_block_and_action_amount_not_running_total():
    notice = parse_file("fpds_atom_gsa_pbs_single_entry.xml").notices[0]
    [award] = notice.awards
    assert award.vendor_raw == "MC ALLEN CITY OF"
    assert award.amount == Decimal("8392.90") and award.currency == "USD"  # not totalObligatedAmount 127900.70
    assert notice.notice_type == "modification" and notice.notice_key == "4740:1B3G02670:PA09:0"
    assert award.agency_raw == "GENERAL SERVICES ADMINISTRATION / PUBLIC BUILDINGS SERVICE"


def test_one_notice_per_entry():
    result = parse_file("fpds_atom_gsa_pbs_10_entries.xml")
    assert len(result.notices) == 10
    assert len({n.notice_key for n in result.notices}) == 10
    assert all(len(n.awards) == 1 and n.awards[0].vendor_raw for n in result.notices)
    first_order = result.notices[7]
    assert first_order.notice_type == "award" and first_order.awards[0].amount == Decimal("55768.89")
    assert first_order.awards[0].date == "2002-06-15"


def test_replay_archive_pages():
    if not ARCHIVE.exists():
        pytest.skip("replay archive not present")
    vendors = []
    for path in sorted(ARCHIVE.glob("feed_page*.xml")):
        vendors += [a.vendor_raw for n in fpds.parse(Document(url="memory:", body=path.read_bytes(), kind=KIND)).notices
                    for a in n.awards]
    assert vendors == ["MC ALLEN CITY OF", "FORT HANCOCK WATER CONTROL AND IMPROVEMENT", "CREATIVE SIGN SERVICE, INC"]


def test_empty_last_page_is_not_a_failure():
    body = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>FPDS-NG search results</title></feed>'
    assert fpds.parse(Document(url="memory:", body=body, kind=KIND)).notices == []


@pytest.mark.parametrize("body", [
    b"",
    b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "http://169.254.169.254/latest/meta-data/">]><feed>&x;</feed>',
    b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><feed>&b;</feed>',
    b'<ns0:feed xmlns:ns0="http://www.w3.org/2005/Atom"><ns0:entry><ns0:content><ns1:award',
    b'<rss version="2.0"><channel><title>news</title></channel></rss>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content>plain</content></entry></feed>',
    bytes(range(256)) * 8,
])
def test_bad_input_raises_parse_error_quickly(body):
    start = time.perf_counter()
    with pytest.raises(ParseError):
        fpds.parse(Document(url="memory:", body=body, kind=KIND))
    assert time.perf_counter() - start < 1.0
