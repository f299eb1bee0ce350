"""TED parser on the real corpus notices (R2.0.9 F03/F06 and eForms CAN): gold fields, traps, bad input."""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import ted
from pipeline.records import Document, ParseError
from corpus_gold import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows, parse_corpus_file

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "ted_can"
KIND = "ted"


def parse_file(name: str):
    return parse_corpus_file(ted, name, KIND)


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


# -- shapes the corpus does not cover: small notices in the real schemas ------------------------
R209 = "http://publications.europa.eu/resource/schema/ted/R2.0.9/publication"
R208 = "http://publications.europa.eu/TED_schema/Export"


def _r209(form: str, body: str, lg: str = "EN") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TED_EXPORT xmlns="{R209}" DOC_ID="123456-2021" EDITION="2021050">
  <CODED_DATA_SECTION>
    <REF_OJS><COLL_OJ>S</COLL_OJ><NO_OJ>50</NO_OJ><DATE_PUB>20210312</DATE_PUB></REF_OJS>
    <NOTICE_DATA><NO_DOC_OJS>2021/S 050-123456</NO_DOC_OJS><LG_ORIG>{lg}</LG_ORIG><ISO_COUNTRY VALUE="IE"/></NOTICE_DATA>
  </CODED_DATA_SECTION>
  <FORM_SECTION>
    <{form}_2014 LG="{lg}" CATEGORY="ORIGINAL" FORM="{form}">
      <CONTRACTING_BODY>
        <ADDRESS_CONTRACTING_BODY><OFFICIALNAME>Example County Council</OFFICIALNAME><COUNTRY VALUE="IE"/></ADDRESS_CONTRACTING_BODY>
      </CONTRACTING_BODY>
      <OBJECT_CONTRACT><TITLE><P>ICT managed services</P></TITLE><REFERENCE_NUMBER>ECC-2021-7</REFERENCE_NUMBER>
        <VAL_ESTIMATED_TOTAL CURRENCY="EUR">900000.00</VAL_ESTIMATED_TOTAL></OBJECT_CONTRACT>
      {body}
    </{form}_2014>
  </FORM_SECTION>
</TED_EXPORT>""".encode()


def _contractor(name: str) -> str:
    return f"<CONTRACTOR><ADDRESS_CONTRACTOR><OFFICIALNAME>{name}</OFFICIALNAME><COUNTRY VALUE=\"IE\"/></ADDRESS_CONTRACTOR></CONTRACTOR>"


def _parse(body: bytes):
    return ted.parse(Document(url="memory:", body=body, kind=KIND))


def test_r209_f15_voluntary_ex_ante_group_award():
    body = f"""<AWARD_CONTRACT ITEM="1"><CONTRACT_NO>C-1</CONTRACT_NO><LOT_NO>1</LOT_NO>
      <AWARDED_CONTRACT><DATE_CONCLUSION_CONTRACT>2021-02-26</DATE_CONCLUSION_CONTRACT>
        <CONTRACTORS><AWARDED_TO_GROUP/>{_contractor("Celtic Networks Ltd")}{_contractor("Shannon Cloud DAC")}</CONTRACTORS>
        <VALUES><VAL_ESTIMATED_TOTAL CURRENCY="EUR">800000.00</VAL_ESTIMATED_TOTAL><VAL_TOTAL CURRENCY="EUR">745000.00</VAL_TOTAL></VALUES>
      </AWARDED_CONTRACT></AWARD_CONTRACT>"""
    result = _parse(_r209("F15", body))
    assert detect_kind(Document(url="memory:", body=_r209("F15", body))) == KIND
    [notice] = result.notices
    assert notice.notice_type == "award" and notice.buyer_raw == "Example County Council"
    assert [(a.vendor_raw, a.amount, a.currency, a.date, a.lot) for a in notice.awards] == [
        ("Celtic Networks Ltd", Decimal("745000.00"), "EUR", "2021-02-26", "1"),
        ("Shannon Cloud DAC", None, None, "2021-02-26", "1")]


def test_r209_f20_modification_is_a_change_never_a_second_full_value():
    body = f"""<AWARD_CONTRACT><AWARDED_CONTRACT><DATE_CONCLUSION_CONTRACT>2019-07-12</DATE_CONCLUSION_CONTRACT>
        <CONTRACTORS>{_contractor("Liffey Software Ltd")}</CONTRACTORS>
        <VALUES><VAL_TOTAL CURRENCY="EUR">2821075.49</VAL_TOTAL></VALUES></AWARDED_CONTRACT></AWARD_CONTRACT>
      <MODIFICATIONS_CONTRACT><DESCRIPTION_PROCUREMENT><VALUES><VAL_TOTAL CURRENCY="EUR">2925919.96</VAL_TOTAL></VALUES>
        <CONTRACTORS>{_contractor("Liffey Software Ltd")}</CONTRACTORS></DESCRIPTION_PROCUREMENT>
        <INFO_MODIFICATIONS><VALUES><VAL_TOTAL_BEFORE CURRENCY="EUR">2821075.49</VAL_TOTAL_BEFORE>
          <VAL_TOTAL_AFTER CURRENCY="EUR">2925919.96</VAL_TOTAL_AFTER></VALUES></INFO_MODIFICATIONS></MODIFICATIONS_CONTRACT>"""
    [notice] = _parse(_r209("F20", body)).notices
    assert notice.notice_type == "modification"
    # The contract was counted when it was concluded: the modification adds after − before.
    assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in notice.awards] == [
        ("Liffey Software Ltd", Decimal("104844.47"), "EUR", "2019-07-12")]
    assert "VAL_TOTAL_AFTER 2925919.96 - VAL_TOTAL_BEFORE 2821075.49" in notice.awards[0].evidence
    # Without the values before and after, the change is unknown: no amount, the published value in the evidence.
    unpriced = body[: body.index("<INFO_MODIFICATIONS>")] + "</MODIFICATIONS_CONTRACT>"
    [notice] = _parse(_r209("F20", unpriced)).notices
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("Liffey Software Ltd", None)]
    assert "MODIFICATIONS_CONTRACT/VAL_TOTAL=2925919.96" in notice.awards[0].evidence




def test_r209_f25_concession_award_and_a_lot_without_award():
    body = f"""<AWARD_CONTRACT ITEM="1"><LOT_NO>1</LOT_NO><AWARDED_CONTRACT>
        <DATE_CONCLUSION_CONTRACT>2021-01-15</DATE_CONCLUSION_CONTRACT><CONTRACTORS>{_contractor("Parking Operators SA")}</CONTRACTORS>
        <VALUES><VAL_ESTIMATED_TOTAL CURRENCY="EUR">5000000</VAL_ESTIMATED_TOTAL><VAL_TOTAL CURRENCY="EUR">4 750 000,00</VAL_TOTAL>
        <VAL_REVENUE CURRENCY="EUR">4000000</VAL_REVENUE></VALUES></AWARDED_CONTRACT></AWARD_CONTRACT>
      <AWARD_CONTRACT ITEM="2"><LOT_NO>2</LOT_NO><NO_AWARDED_CONTRACT><PROCUREMENT_UNSUCCESSFUL/></NO_AWARDED_CONTRACT></AWARD_CONTRACT>"""
    [notice] = _parse(_r209("F25", body)).notices
    assert notice.notice_type == "award"
    assert [(a.vendor_raw, a.amount, a.lot) for a in notice.awards] == [("Parking Operators SA", Decimal("4750000.00"), "1")]


def _r208(forms: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TED_EXPORT xmlns="{R208}" DOC_ID="012345-2014" VERSION="R2.0.8.S02.E01">
  <CODED_DATA_SECTION><REF_OJS><DATE_PUB>20140115</DATE_PUB></REF_OJS>
    <NOTICE_DATA><NO_DOC_OJS>2014/S 010-012345</NO_DOC_OJS><LG_ORIG>DE</LG_ORIG><ISO_COUNTRY VALUE="DE"/></NOTICE_DATA>
  </CODED_DATA_SECTION>
  <FORM_SECTION>{forms}</FORM_SECTION>
</TED_EXPORT>""".encode()


def _r208_award(lg: str, category: str, operator: str) -> str:
    return f"""<CONTRACT_AWARD LG="{lg}" CATEGORY="{category}" FORM="3"><FD_CONTRACT_AWARD CTYPE="SERVICES">
      <CONTRACTING_AUTHORITY_INFORMATION><NAME_ADDRESSES_CONTACT_CONTRACT_AWARD><CA_CE_CONCESSIONAIRE_PROFILE>
        <ORGANISATION><OFFICIALNAME>Stadt Beispielstadt</OFFICIALNAME></ORGANISATION></CA_CE_CONCESSIONAIRE_PROFILE>
      </NAME_ADDRESSES_CONTACT_CONTRACT_AWARD></CONTRACTING_AUTHORITY_INFORMATION>
      <OBJECT_CONTRACT_INFORMATION_CONTRACT_AWARD_NOTICE><DESCRIPTION_AWARD_NOTICE_INFORMATION>
        <TITLE_CONTRACT><P>Rechenzentrumsbetrieb</P></TITLE_CONTRACT></DESCRIPTION_AWARD_NOTICE_INFORMATION>
      </OBJECT_CONTRACT_INFORMATION_CONTRACT_AWARD_NOTICE>
      <AWARD_OF_CONTRACT ITEM="1"><CONTRACT_NUMBER>1</CONTRACT_NUMBER><LOT_NUMBER>1</LOT_NUMBER>
        <CONTRACT_AWARD_DATE><DAY>19</DAY><MONTH>12</MONTH><YEAR>2013</YEAR></CONTRACT_AWARD_DATE>
        <ECONOMIC_OPERATOR_NAME_ADDRESS><CONTACT_DATA_WITHOUT_RESPONSIBLE_NAME><ORGANISATION>
          <OFFICIALNAME>{operator}</OFFICIALNAME></ORGANISATION></CONTACT_DATA_WITHOUT_RESPONSIBLE_NAME></ECONOMIC_OPERATOR_NAME_ADDRESS>
        <CONTRACT_VALUE_INFORMATION>
          <INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT><COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE CURRENCY="EUR">
            <VALUE_COST FMTVAL="1500000.00">1 500 000,00</VALUE_COST></COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE></INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT>
          <COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE CURRENCY="EUR"><VALUE_COST FMTVAL="1234567.89">1 234 567,89</VALUE_COST>
            <EXCLUDING_VAT/></COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE>
        </CONTRACT_VALUE_INFORMATION></AWARD_OF_CONTRACT>
    </FD_CONTRACT_AWARD></CONTRACT_AWARD>"""


def test_r208_award_reads_the_original_language_final_value_and_award_date():
    body = _r208(_r208_award("EN", "TRANSLATION", "Example Data Centre GmbH (EN)") + _r208_award("DE", "ORIGINAL", "Beispiel Rechenzentrum GmbH"))
    assert detect_kind(Document(url="memory:", body=body)) == KIND
    result = _parse(body)
    [notice] = result.notices
    assert result.language == "de" and notice.notice_key == "2014/S 010-012345" and notice.published_at == "2014-01-15"
    assert notice.buyer_raw == "Stadt Beispielstadt" and notice.title == "Rechenzentrumsbetrieb"
    assert [(a.vendor_raw, a.amount, a.currency, a.date, a.lot) for a in notice.awards] == [
        ("Beispiel Rechenzentrum GmbH", Decimal("1234567.89"), "EUR", "2013-12-19", "1")]  # not the 1.5m estimate


def test_r208_utilities_award_with_a_value_range():
    form = """<CONTRACT_AWARD_UTILITIES LG="DE" CATEGORY="ORIGINAL" FORM="6"><FD_CONTRACT_AWARD_UTILITIES>
      <CONTRACTING_ENTITY_CONTRACT_AWARD_UTILITIES><NAME_ADDRESSES_CONTACT_CONTRACT_AWARD_UTILITIES><CA_CE_CONCESSIONAIRE_PROFILE>
        <ORGANISATION><OFFICIALNAME>Stadtwerke Beispiel GmbH</OFFICIALNAME></ORGANISATION></CA_CE_CONCESSIONAIRE_PROFILE>
      </NAME_ADDRESSES_CONTACT_CONTRACT_AWARD_UTILITIES></CONTRACTING_ENTITY_CONTRACT_AWARD_UTILITIES>
      <AWARD_CONTRACT_CONTRACT_AWARD_UTILITIES>
        <DATE_OF_CONTRACT_AWARD><DAY>3</DAY><MONTH>2</MONTH><YEAR>2014</YEAR></DATE_OF_CONTRACT_AWARD>
        <AWARD_AND_CONTRACT_VALUE><CONTACT_DATA_WITHOUT_RESPONSIBLE_NAME_CHP><ORGANISATION>
          <OFFICIALNAME>Zähler Technik AG</OFFICIALNAME></ORGANISATION></CONTACT_DATA_WITHOUT_RESPONSIBLE_NAME_CHP>
          <CONTRACT_VALUE_INFORMATION><COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE CURRENCY="EUR"><RANGE_VALUE_COST>
            <LOW_VALUE FMTVAL="410000.00">410 000</LOW_VALUE><HIGH_VALUE FMTVAL="455000.00">455 000</HIGH_VALUE>
          </RANGE_VALUE_COST></COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE></CONTRACT_VALUE_INFORMATION>
        </AWARD_AND_CONTRACT_VALUE></AWARD_CONTRACT_CONTRACT_AWARD_UTILITIES>
    </FD_CONTRACT_AWARD_UTILITIES></CONTRACT_AWARD_UTILITIES>"""
    [notice] = _parse(_r208(form)).notices
    assert notice.buyer_raw == "Stadtwerke Beispiel GmbH"
    [award] = notice.awards
    assert (award.vendor_raw, award.amount, award.currency, award.date) == (
        "Zähler Technik AG", Decimal("410000.00"), "EUR", "2014-02-03")
    assert "HIGH 455000.00" in award.amount_raw and award.confidence == 0.7


EFORMS_NS = ('xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2" '
             'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
             'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
             'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" '
             'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1" '
             'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1" '
             'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"')


def _org(org_id: str, *names: tuple[str, str], company_id: str = "") -> str:
    party_names = "".join(f'<cac:PartyName><cbc:Name languageID="{lg}">{n}</cbc:Name></cac:PartyName>' for lg, n in names)
    legal = f"<cac:PartyLegalEntity><cbc:CompanyID>{company_id}</cbc:CompanyID></cac:PartyLegalEntity>" if company_id else ""
    return (f'<efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID schemeName="organization">{org_id}</cbc:ID>'
            f"</cac:PartyIdentification>{party_names}{legal}</efac:Company></efac:Organization>")


def _party(pid: str, *members: tuple[str, bool]) -> str:
    """A tendering party: its tenderers, each (organisation id, group lead?)."""
    tenderers = "".join(f"<efac:Tenderer><cbc:ID>{m}</cbc:ID><efbc:GroupLeadIndicator>{str(lead).lower()}</efbc:GroupLeadIndicator>"
                        "</efac:Tenderer>" for m, lead in members)
    return f"<efac:TenderingParty><cbc:ID>{pid}</cbc:ID>{tenderers}</efac:TenderingParty>"


def _tender(tid: str, party: str, lot: str, amount: str | None = None, rank: str | None = None) -> str:
    price = f'<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">{amount}</cbc:PayableAmount></cac:LegalMonetaryTotal>' if amount else ""
    ranking = f"<efbc:TenderRankCode>{rank}</efbc:TenderRankCode>" if rank else ""
    return (f'<efac:LotTender><cbc:ID schemeName="tender">{tid}</cbc:ID>{ranking}{price}'
            f'<efac:TenderingParty><cbc:ID schemeName="tendering-party">{party}</cbc:ID></efac:TenderingParty>'
            f'<efac:TenderLot><cbc:ID schemeName="Lot">{lot}</cbc:ID></efac:TenderLot></efac:LotTender>')


def _lot_result(rid: str, code: str, lot: str, tenders: list[str], contracts: list[str], extra: str = "") -> str:
    refs = "".join(f'<efac:LotTender><cbc:ID schemeName="tender">{t}</cbc:ID></efac:LotTender>' for t in tenders)
    settled = "".join(f'<efac:SettledContract><cbc:ID schemeName="contract">{c}</cbc:ID></efac:SettledContract>' for c in contracts)
    return (f'<efac:LotResult><cbc:ID schemeName="result">{rid}</cbc:ID>{extra}'
            f'<cbc:TenderResultCode listName="winner-selection-status">{code}</cbc:TenderResultCode>{refs}{settled}'
            f'<efac:TenderLot><cbc:ID schemeName="Lot">{lot}</cbc:ID></efac:TenderLot></efac:LotResult>')


def _eforms(result: str, orgs: str, notice_type: str = "can-standard", buyers: tuple[str, ...] = ("ORG-0001",)) -> bytes:
    contracting = "".join(f'<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">{b}</cbc:ID>'
                          f"</cac:PartyIdentification></cac:Party></cac:ContractingParty>" for b in buyers[1:])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ContractAwardNotice {EFORMS_NS}><ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
  <efac:NoticeResult>{result}</efac:NoticeResult>
  <efac:Organizations>{orgs}</efac:Organizations>
  <efac:Publication><efbc:NoticePublicationID schemeName="ojs-notice-id">00654321-2024</efbc:NoticePublicationID>
    <efbc:PublicationDate>2024-06-07+02:00</efbc:PublicationDate></efac:Publication>
</efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
<cbc:ID schemeName="notice-id">1b2c3d4e-0000-4000-8000-000000000001</cbc:ID>
<cbc:IssueDate>2024-06-03+02:00</cbc:IssueDate><cbc:ContractFolderID>5d1f0b7e-aaaa-4bbb-8ccc-000000000042</cbc:ContractFolderID>
<cbc:NoticeTypeCode listName="result">{notice_type}</cbc:NoticeTypeCode>
<cbc:NoticeLanguageCode>FIN</cbc:NoticeLanguageCode>
<cac:AdditionalNoticeLanguage><cbc:ID>SWE</cbc:ID></cac:AdditionalNoticeLanguage>
<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0001</cbc:ID></cac:PartyIdentification>
  <cac:ServiceProviderParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0009</cbc:ID></cac:PartyIdentification></cac:Party></cac:ServiceProviderParty>
</cac:Party></cac:ContractingParty>{contracting}
<cac:ProcurementProject><cbc:ID>HANK-42</cbc:ID><cbc:Name languageID="FIN">Tietoverkkopalvelut</cbc:Name>
  <cbc:Name languageID="SWE">Datanätstjänster</cbc:Name></cac:ProcurementProject>
</ContractAwardNotice>""".encode()


EFORMS_ORGS = (_org("ORG-0001", ("FIN", "Esimerkkikaupunki"), ("SWE", "Exempelstad"))
               + _org("ORG-0002", ("FIN", "Verkko Oy"), ("SWE", "Nätverk Ab"))
               + _org("ORG-0003", ("FIN", "Kaapeli Oy"))
               + _org("ORG-0004", ("FIN", "Alihankinta Oy"))
               + _org("ORG-0005", ("FIN", "Pilvi Oy"))
               + _org("ORG-0006", ("FIN", "Markkinaoikeus"))
               + _org("ORG-0009", ("FIN", "Hilma eSender")))


def test_eforms_consortium_several_winners_and_a_lot_without_winner():
    result = (
        '<cbc:TotalAmount currencyID="EUR">530000</cbc:TotalAmount>'
        + _lot_result("RES-0001", "selec-w", "LOT-0001", ["TEN-0001"], ["CON-0001"])
        + _lot_result("RES-0002", "clos-nw", "LOT-0002", [], [])
        + _lot_result("RES-0003", "selec-w", "LOT-0003", ["TEN-0003"], ["CON-0002"])
        + _tender("TEN-0001", "TPA-0001", "LOT-0001", "400000") + _tender("TEN-0003", "TPA-0002", "LOT-0003", "130000")
        + '<efac:SettledContract><cbc:ID schemeName="contract">CON-0001</cbc:ID><cbc:IssueDate>2024-05-20+02:00</cbc:IssueDate>'
          '<efac:LotTender><cbc:ID schemeName="tender">TEN-0001</cbc:ID></efac:LotTender></efac:SettledContract>'
        + '<efac:SettledContract><cbc:ID schemeName="contract">CON-0002</cbc:ID><cbc:IssueDate>2024-05-22+02:00</cbc:IssueDate>'
          '<efac:LotTender><cbc:ID schemeName="tender">TEN-0003</cbc:ID></efac:LotTender></efac:SettledContract>'
        # A consortium: the group leader is listed second; its subcontractor is no winner.
        + '<efac:TenderingParty><cbc:ID schemeName="tendering-party">TPA-0001</cbc:ID>'
          '<efac:Tenderer><cbc:ID schemeName="organization">ORG-0003</cbc:ID></efac:Tenderer>'
          '<efac:Tenderer><cbc:ID schemeName="organization">ORG-0002</cbc:ID><efbc:GroupLeadIndicator>true</efbc:GroupLeadIndicator></efac:Tenderer>'
          '<efac:SubContractor><cbc:ID schemeName="organization">ORG-0004</cbc:ID><efac:MainContractor>'
          '<cbc:ID schemeName="organization">ORG-0002</cbc:ID></efac:MainContractor></efac:SubContractor></efac:TenderingParty>'
        + '<efac:TenderingParty><cbc:ID schemeName="tendering-party">TPA-0002</cbc:ID>'
          '<efac:Tenderer><cbc:ID schemeName="organization">ORG-0005</cbc:ID></efac:Tenderer></efac:TenderingParty>')
    parsed = _parse(_eforms(result, EFORMS_ORGS))
    [notice] = parsed.notices
    assert notice.buyer_raw == "Esimerkkikaupunki" and notice.title == "Tietoverkkopalvelut" and parsed.language == "fin"
    assert [(a.vendor_raw, a.amount, a.date, a.lot) for a in notice.awards] == [
        ("Verkko Oy", Decimal("400000"), "2024-05-20", "LOT-0001"),
        ("Kaapeli Oy", None, "2024-05-20", "LOT-0001"),
        ("Pilvi Oy", Decimal("130000"), "2024-05-22", "LOT-0003")]
    assert parsed.amounts == []  # the awards carry the money; the notice total would count it twice


def test_eforms_total_amount_without_tender_prices():
    tenders = _tender("TEN-0001", "TPA-0001", "LOT-0001") + _tender("TEN-0002", "TPA-0002", "LOT-0002")
    parties = ('<efac:TenderingParty><cbc:ID>TPA-0001</cbc:ID><efac:Tenderer><cbc:ID>ORG-0002</cbc:ID></efac:Tenderer></efac:TenderingParty>'
               '<efac:TenderingParty><cbc:ID>TPA-0002</cbc:ID><efac:Tenderer><cbc:ID>ORG-0005</cbc:ID></efac:Tenderer></efac:TenderingParty>')
    total = '<cbc:TotalAmount currencyID="EUR">2100000</cbc:TotalAmount>'
    two_winners = (total + _lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], [])
                   + _lot_result("RES-2", "selec-w", "LOT-0002", ["TEN-0002"], []) + tenders + parties)
    parsed = _parse(_eforms(two_winners, EFORMS_ORGS))
    assert [(a.vendor_raw, a.amount, a.date) for a in parsed.notices[0].awards] == [
        ("Verkko Oy", None, "2024-06-03"), ("Pilvi Oy", None, "2024-06-03")]
    [mention] = parsed.amounts  # the notice's value, no single winner's
    assert (mention.value, mention.currency, mention.agency_raw, mention.vendor_raw) == (
        Decimal("2100000"), "EUR", "Esimerkkikaupunki", None)
    one_winner = total + _lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], []) + _tender("TEN-0001", "TPA-0001", "LOT-0001") + parties
    parsed = _parse(_eforms(one_winner, EFORMS_ORGS))
    assert [(a.vendor_raw, a.amount, a.currency) for a in parsed.notices[0].awards] == [("Verkko Oy", Decimal("2100000"), "EUR")]
    assert parsed.amounts == []


def test_eforms_ranked_runner_up_and_lowest_tender_range():
    extra = ('<cbc:HigherTenderAmount currencyID="EUR">99000</cbc:HigherTenderAmount>'
             '<cbc:LowerTenderAmount currencyID="EUR">87000</cbc:LowerTenderAmount>')
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001", "TEN-0002"], [], extra)
              + _tender("TEN-0001", "TPA-0001", "LOT-0001", rank="1") + _tender("TEN-0002", "TPA-0002", "LOT-0001", rank="2")
              + '<efac:TenderingParty><cbc:ID>TPA-0001</cbc:ID><efac:Tenderer><cbc:ID>ORG-0002</cbc:ID></efac:Tenderer></efac:TenderingParty>'
              + '<efac:TenderingParty><cbc:ID>TPA-0002</cbc:ID><efac:Tenderer><cbc:ID>ORG-0005</cbc:ID></efac:Tenderer></efac:TenderingParty>')
    [award] = _parse(_eforms(result, EFORMS_ORGS)).notices[0].awards
    assert (award.vendor_raw, award.amount, award.confidence) == ("Verkko Oy", Decimal("87000"), 0.7)


def test_eforms_modification_notice_type():
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], []) + _tender("TEN-0001", "TPA-0001", "LOT-0001", "1000")
              + '<efac:TenderingParty><cbc:ID>TPA-0001</cbc:ID><efac:Tenderer><cbc:ID>ORG-0005</cbc:ID></efac:Tenderer></efac:TenderingParty>')
    [notice] = _parse(_eforms(result, EFORMS_ORGS, notice_type="can-modif")).notices
    assert notice.notice_type == "modification" and [(a.vendor_raw, a.amount) for a in notice.awards] == [("Pilvi Oy", None)]
    assert "value after modification 1000 EUR" in notice.awards[0].evidence  # the full value, never counted again


@pytest.mark.parametrize("body", [
    b'{"ocid": "ocds-x-1", "tender": {"documents": [{"url": "http://publications.europa.eu/resource/schema/ted/R2.0.9"}]}}',
    b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ns1="https://www.fpds.gov/FPDS"><title>FPDS-NG</title></feed>',
    b"<html><body><p>Notice published on TED under TED_EXPORT R2.0.9</p></body></html>",
])
def test_sniff_rejects_other_kinds(body):
    assert not ted.sniff(Document(url="memory:", body=body))


# Joint buyers, a lot result pointing at a tender filed under another lot, framework agreements and tenderer
# groups with registry numbers (shapes TED result notices take).
JOINT_ORGS = (EFORMS_ORGS + _org("ORG-0007", ("FIN", "Naapurikunta"))
              + _org("ORG-0008", ("FIN", "Lääke Oy"), company_id="FI2345678-9"))


def test_eforms_two_buyers_are_both_linked_and_the_amount_is_carried_once():
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], []) + _tender("TEN-0001", "TPA-0001", "LOT-0001", "5797.20")
              + _party("TPA-0001", ("ORG-0008", True)))
    [notice] = _parse(_eforms(result, JOINT_ORGS, buyers=("ORG-0001", "ORG-0007"))).notices
    assert notice.buyers == ["Esimerkkikaupunki", "Naapurikunta"]
    assert [(a.vendor_raw, a.agency_raw, a.amount) for a in notice.awards] == [
        ("Lääke Oy", "Esimerkkikaupunki", Decimal("5797.20")), ("Lääke Oy", "Naapurikunta", None)]
    assert notice.awards[0].identifiers == {"eForms-ORG": "ORG-0008", "CompanyID": "FI2345678-9"}
    assert notice.procedure_id == "5d1f0b7e-aaaa-4bbb-8ccc-000000000042"


def test_eforms_lot_result_pointing_at_a_tender_filed_under_another_lot_keeps_its_winner():
    # Lot 2 closed without a winner names the tender that won lot 1; lot 3's result points at that same tender.
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], []) + _lot_result("RES-2", "clos-nw", "LOT-0002", ["TEN-0001"], [])
              + _lot_result("RES-3", "selec-w", "LOT-0003", ["TEN-0001"], [])
              + _tender("TEN-0001", "TPA-0001", "LOT-0001", "2144443.98") + _party("TPA-0001", ("ORG-0008", True)))
    [award] = _parse(_eforms(result, JOINT_ORGS)).notices[0].awards
    assert (award.vendor_raw, award.amount, award.lot) == ("Lääke Oy", Decimal("2144443.98"), "LOT-0001,LOT-0003")


def test_eforms_tenderer_group_lists_each_member_and_a_framework_value_is_flagged():
    values = ('<efac:FrameworkAgreementValues><cbc:MaximumValueAmount currencyID="EUR">900000</cbc:MaximumValueAmount>'
              '</efac:FrameworkAgreementValues>')
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], [], values) + _tender("TEN-0001", "TPA-0001", "LOT-0001")
              + _party("TPA-0001", ("ORG-0005", False), ("ORG-0008", True)))
    awards = _parse(_eforms(result, JOINT_ORGS)).notices[0].awards
    assert [(a.vendor_raw, a.amount) for a in awards] == [("Lääke Oy", Decimal("900000")), ("Pilvi Oy", None)]
    assert all(a.consortium == ["Lääke Oy", "Pilvi Oy"] and a.flags == ["framework_agreement"] for a in awards)
    assert awards[0].confidence < 0.95


def test_eforms_lot_result_parts_not_read_are_listed():
    stats = "<efac:ReceivedSubmissionsStatistics><efbc:StatisticsNumeric>3</efbc:StatisticsNumeric></efac:ReceivedSubmissionsStatistics>"
    result = (_lot_result("RES-1", "selec-w", "LOT-0001", ["TEN-0001"], [], stats) + _tender("TEN-0001", "TPA-0001", "LOT-0001", "10")
              + _party("TPA-0001", ("ORG-0008", True)))
    assert _parse(_eforms(result, JOINT_ORGS)).unread_fields == ["LotResult/ReceivedSubmissionsStatistics"]
