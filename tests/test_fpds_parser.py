"""FPDS-NG ATOM parser on the real corpus feeds: gold fields, one notice per entry, bad input."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import fpds
from pipeline.records import Document, ParseError
from corpus_gold import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows, parse_corpus_file

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "fpds_atom"
KIND = "fpds"


def priced(notice) -> list:
    """The notice's awards without the links of its other buyers (those carry no amount)."""
    return [a for a in notice.awards if not a.buyer_link_only]


def parse_file(name: str):
    return parse_corpus_file(fpds, name, KIND)


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
    [award] = priced(notice)
    assert award.vendor_raw == "MC ALLEN CITY OF"
    assert award.amount == Decimal("8392.90") and award.currency == "USD"  # not totalObligatedAmount 127900.70
    assert notice.notice_type == "modification" and notice.notice_key == "4740:1B3G02670:PA09:0"
    assert award.agency_raw == "PUBLIC BUILDINGS SERVICE"  # the agency that made the award
    assert notice.buyer_raw == "GENERAL SERVICES ADMINISTRATION"
    assert notice.buyers == ["GENERAL SERVICES ADMINISTRATION", "PUBLIC BUILDINGS SERVICE"]


def test_one_notice_per_entry():
    result = parse_file("fpds_atom_gsa_pbs_10_entries.xml")
    assert len(result.notices) == 10
    assert len({n.notice_key for n in result.notices}) == 10
    assert all(len(priced(n)) == 1 and priced(n)[0].vendor_raw for n in result.notices)
    first_order = result.notices[7]
    assert first_order.notice_type == "award" and priced(first_order)[0].amount == Decimal("55768.89")
    assert priced(first_order)[0].date == "2002-06-15"


def test_replay_archive_pages():
    if not ARCHIVE.exists():
        pytest.skip("replay archive not present")
    vendors = []
    for path in sorted(ARCHIVE.glob("feed_page*.xml")):
        vendors += [a.vendor_raw for n in fpds.parse(Document(url="memory:", body=path.read_bytes(), kind=KIND)).notices
                    for a in priced(n)]
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


# -- shapes the corpus does not cover: entries in the FPDS-NG ATOM schema -----------------------
def _feed(*entries: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ns1="https://www.fpds.gov/FPDS">'
            "<title>FPDS-NG search results for: VENDOR_NAME:\"EXAMPLE\"</title>" + "".join(entries) + "</feed>").encode()


def _purchaser(agency: str, code: str, department: str) -> str:
    return (f'<ns1:purchaserInformation><ns1:contractingOfficeAgencyID name="{agency}" departmentID="9700" '
            f'departmentName="{department}">{code}</ns1:contractingOfficeAgencyID>'
            f'<ns1:fundingRequestingAgencyID name="{agency}" departmentID="9700" departmentName="{department}">{code}'
            "</ns1:fundingRequestingAgencyID></ns1:purchaserInformation>")


IDV_ENTRY = f"""<entry><title>New IDV W52P1J19D0042 awarded to EXAMPLE ANALYTICS LLC for the amount of $0</title>
  <content type="application/xml"><ns1:IDV version="1.5">
    <ns1:contractID><ns1:IDVID><ns1:agencyID name="DEPT OF THE ARMY">2100</ns1:agencyID><ns1:PIID>W52P1J19D0042</ns1:PIID>
      <ns1:modNumber>0</ns1:modNumber></ns1:IDVID></ns1:contractID>
    <ns1:relevantContractDates><ns1:signedDate>2019-03-14 00:00:00</ns1:signedDate>
      <ns1:lastDateToOrder>2024-03-13 00:00:00</ns1:lastDateToOrder></ns1:relevantContractDates>
    <ns1:dollarValues><ns1:obligatedAmount>0.00</ns1:obligatedAmount>
      <ns1:baseAndAllOptionsValue>49000000.00</ns1:baseAndAllOptionsValue></ns1:dollarValues>
    {_purchaser("DEPT OF THE ARMY", "2100", "DEPT OF DEFENSE")}
    <ns1:contractData><ns1:descriptionOfContractRequirement>DATA ANALYTICS SUPPORT</ns1:descriptionOfContractRequirement></ns1:contractData>
    <ns1:vendor><ns1:vendorHeader><ns1:vendorName>EXAMPLE ANALYTICS LLC</ns1:vendorName></ns1:vendorHeader>
      <ns1:vendorSiteDetails><ns1:vendorLocation><ns1:city>HUNTSVILLE</ns1:city><ns1:state>AL</ns1:state></ns1:vendorLocation>
      </ns1:vendorSiteDetails></ns1:vendor>
  </ns1:IDV></content></entry>"""

DEOBLIGATION_ENTRY = f"""<entry><title>DELIVERY ORDER 0003 (P00004) awarded to EXAMPLE ANALYTICS LLC, was modified for the amount of -$12,500.75</title>
  <content type="application/xml"><ns1:award version="1.5">
    <ns1:awardID><ns1:awardContractID><ns1:agencyID name="DEPT OF THE ARMY">2100</ns1:agencyID><ns1:PIID>0003</ns1:PIID>
      <ns1:modNumber>P00004</ns1:modNumber><ns1:transactionNumber>0</ns1:transactionNumber></ns1:awardContractID>
      <ns1:referencedIDVID><ns1:agencyID name="DEPT OF THE ARMY">2100</ns1:agencyID><ns1:PIID>W52P1J19D0042</ns1:PIID>
      <ns1:modNumber>0</ns1:modNumber></ns1:referencedIDVID></ns1:awardID>
    <ns1:relevantContractDates><ns1:signedDate>2021-09-28 00:00:00</ns1:signedDate></ns1:relevantContractDates>
    <ns1:dollarValues><ns1:obligatedAmount>-12500.75</ns1:obligatedAmount></ns1:dollarValues>
    <ns1:totalDollarValues><ns1:totalObligatedAmount>310000.00</ns1:totalObligatedAmount></ns1:totalDollarValues>
    {_purchaser("DEPT OF THE ARMY", "2100", "DEPT OF DEFENSE")}
    <ns1:vendor><ns1:vendorHeader><ns1:vendorName>EXAMPLE ANALYTICS LLC</ns1:vendorName></ns1:vendorHeader></ns1:vendor>
  </ns1:award></content></entry>"""

FUNDING_ONLY_ENTRY = """<entry><title>PURCHASE ORDER 70RSAT21P00000123 awarded to CYBER EXAMPLE INC</title>
  <content type="application/xml"><ns1:award version="1.5">
    <ns1:awardID><ns1:awardContractID><ns1:agencyID name="CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY">7022</ns1:agencyID>
      <ns1:PIID>70RSAT21P00000123</ns1:PIID><ns1:modNumber>0</ns1:modNumber><ns1:transactionNumber>0</ns1:transactionNumber>
    </ns1:awardContractID></ns1:awardID>
    <ns1:relevantContractDates><ns1:signedDate>2021-06-01 00:00:00</ns1:signedDate></ns1:relevantContractDates>
    <ns1:dollarValues><ns1:obligatedAmount>74,990.00</ns1:obligatedAmount></ns1:dollarValues>
    <ns1:purchaserInformation><ns1:fundingRequestingAgencyID name="CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY"
      departmentName="HOMELAND SECURITY, DEPARTMENT OF">7022</ns1:fundingRequestingAgencyID></ns1:purchaserInformation>
    <ns1:vendor><ns1:vendorHeader><ns1:vendorName>CYBER EXAMPLE INC</ns1:vendorName></ns1:vendorHeader></ns1:vendor>
  </ns1:award></content></entry>"""


def test_idv_deobligation_and_funding_agency_entries():
    body = _feed(IDV_ENTRY, DEOBLIGATION_ENTRY, FUNDING_ONLY_ENTRY)
    assert detect_kind(Document(url="memory:", body=body)) == KIND
    idv, mod, order = fpds.parse(Document(url="memory:", body=body, kind=KIND)).notices
    assert (idv.notice_type, idv.notice_key, idv.project_name) == ("contract", "2100:W52P1J19D0042:0:0", "DATA ANALYTICS SUPPORT")
    assert [(a.vendor_raw, a.agency_raw, a.amount, a.date) for a in priced(idv)] == [
        ("EXAMPLE ANALYTICS LLC", "DEPT OF THE ARMY", Decimal("0.00"), "2019-03-14")]
    assert mod.notice_type == "modification" and mod.notice_key == "2100:W52P1J19D0042:0003:P00004:0"
    assert [(a.amount, a.currency, a.date) for a in priced(mod)] == [(Decimal("-12500.75"), "USD", "2021-09-28")]  # sign kept
    assert [(a.vendor_raw, a.agency_raw, a.amount) for a in priced(order)] == [
        ("CYBER EXAMPLE INC", "CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY", Decimal("74990.00"))]


@pytest.mark.parametrize("body", [
    b"<html><head><title>FPDS-NG data shows record IT spending</title></head><body><p>FPDS-NG ...</p></body></html>",
    b'{"releases": [{"ocid": "ocds-x", "tag": ["award"], "description": "see FPDS-NG"}]}',
    b'<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication"><FORM_SECTION/></TED_EXPORT>',
])
def test_sniff_rejects_other_kinds(body):
    assert not fpds.sniff(Document(url="memory:", body=body))
