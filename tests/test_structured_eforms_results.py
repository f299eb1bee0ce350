"""eForms result shapes seen on TED: joint buyers, a lot result that points at a tender filed under another lot,
framework agreements, tenderer groups with registry numbers (facts of the kind TED notices carry; notices ours)."""
from __future__ import annotations

from decimal import Decimal

from pipeline.parsers import ted
from pipeline.records import Document

NS = ('xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2" '
      'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
      'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" '
      'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1" '
      'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1" '
      'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"')


def org(org_id: str, name: str, company_id: str = "") -> str:
    legal = f"<cac:PartyLegalEntity><cbc:CompanyID>{company_id}</cbc:CompanyID></cac:PartyLegalEntity>" if company_id else ""
    return (f"<efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID>{org_id}</cbc:ID></cac:PartyIdentification>"
            f"<cac:PartyName><cbc:Name>{name}</cbc:Name></cac:PartyName>{legal}</efac:Company></efac:Organization>")


def buyer(org_id: str) -> str:
    return (f"<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID>{org_id}</cbc:ID>"
            f"</cac:PartyIdentification></cac:Party></cac:ContractingParty>")


def notice(result: str, orgs: str, buyers: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ContractAwardNotice {NS}><ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
<efac:NoticeResult>{result}</efac:NoticeResult><efac:Organizations>{orgs}</efac:Organizations>
</efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
<cbc:IssueDate>2024-03-28+01:00</cbc:IssueDate><cbc:ContractFolderID>5d1f0b7e-aaaa-4bbb-8ccc-000000000042</cbc:ContractFolderID>
<cbc:NoticeTypeCode>can-standard</cbc:NoticeTypeCode>{buyers}
<cac:ProcurementProject><cbc:ID>ZP/12/2024</cbc:ID><cbc:Name>Dostawa leków</cbc:Name></cac:ProcurementProject>
</ContractAwardNotice>""".encode()


def tender(tid: str, party: str, lot: str, amount: str | None) -> str:
    price = f'<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="PLN">{amount}</cbc:PayableAmount></cac:LegalMonetaryTotal>' if amount else ""
    return (f"<efac:LotTender><cbc:ID>{tid}</cbc:ID>{price}<efac:TenderingParty><cbc:ID>{party}</cbc:ID></efac:TenderingParty>"
            f"<efac:TenderLot><cbc:ID>{lot}</cbc:ID></efac:TenderLot></efac:LotTender>")


def lot_result(lot: str, code: str, tenders: list[str], extra: str = "") -> str:
    refs = "".join(f"<efac:LotTender><cbc:ID>{t}</cbc:ID></efac:LotTender>" for t in tenders)
    return (f"<efac:LotResult>{extra}<cbc:TenderResultCode>{code}</cbc:TenderResultCode>{refs}"
            f"<efac:TenderLot><cbc:ID>{lot}</cbc:ID></efac:TenderLot></efac:LotResult>")


def party(pid: str, *members: tuple[str, bool]) -> str:
    tenderers = "".join(f"<efac:Tenderer><cbc:ID>{m}</cbc:ID><efbc:GroupLeadIndicator>{str(lead).lower()}</efbc:GroupLeadIndicator></efac:Tenderer>"
                        for m, lead in members)
    return f"<efac:TenderingParty><cbc:ID>{pid}</cbc:ID>{tenderers}</efac:TenderingParty>"


ORGS = (org("ORG-0001", "Szpital Wojewódzki w Elblągu") + org("ORG-0002", "Szpital Miejski w Elblągu")
        + org("ORG-0003", "Farmacja Sp. z o.o.", "PL5250001234") + org("ORG-0004", "Hurt Leków S.A.", "PL7770004321"))


def _parse(body: bytes):
    [result] = ted.parse(Document(url="memory:", body=body, kind="ted")).notices
    return result


def test_two_buyers_are_both_linked_and_the_amount_is_carried_once():
    result = (lot_result("LOT-0001", "selec-w", ["TEN-0001"]) + tender("TEN-0001", "TPA-0001", "LOT-0001", "5797.20")
              + party("TPA-0001", ("ORG-0003", True)))
    found = _parse(notice(result, ORGS, buyer("ORG-0001") + buyer("ORG-0002")))
    assert found.buyers == ["Szpital Wojewódzki w Elblągu", "Szpital Miejski w Elblągu"]
    assert [(a.vendor_raw, a.agency_raw, a.amount) for a in found.awards] == [
        ("Farmacja Sp. z o.o.", "Szpital Wojewódzki w Elblągu", Decimal("5797.20")),
        ("Farmacja Sp. z o.o.", "Szpital Miejski w Elblągu", None)]
    assert found.awards[0].identifiers == {"eForms-ORG": "ORG-0003", "CompanyID": "PL5250001234"}
    assert found.procedure_id == "5d1f0b7e-aaaa-4bbb-8ccc-000000000042"


def test_a_lot_result_pointing_at_a_tender_filed_under_another_lot_keeps_its_winner():
    # Lot 2 closed without a winner names the tender that won lot 1; lot 3's result points at that same tender.
    result = (lot_result("LOT-0001", "selec-w", ["TEN-0001"]) + lot_result("LOT-0002", "clos-nw", ["TEN-0001"])
              + lot_result("LOT-0003", "selec-w", ["TEN-0001"])
              + tender("TEN-0001", "TPA-0001", "LOT-0001", "2144443.98") + party("TPA-0001", ("ORG-0003", True)))
    [award] = _parse(notice(result, ORGS, buyer("ORG-0001"))).awards
    assert (award.vendor_raw, award.amount, award.lot) == ("Farmacja Sp. z o.o.", Decimal("2144443.98"), "LOT-0001,LOT-0003")


def test_a_tenderer_group_lists_each_member_and_a_framework_value_is_flagged():
    values = ('<efac:FrameworkAgreementValues><cbc:MaximumValueAmount currencyID="PLN">900000</cbc:MaximumValueAmount>'
              '</efac:FrameworkAgreementValues>')
    result = (lot_result("LOT-0001", "selec-w", ["TEN-0001"], values) + tender("TEN-0001", "TPA-0001", "LOT-0001", None)
              + party("TPA-0001", ("ORG-0004", False), ("ORG-0003", True)))
    awards = _parse(notice(result, ORGS, buyer("ORG-0001"))).awards
    assert [(a.vendor_raw, a.amount) for a in awards] == [("Farmacja Sp. z o.o.", Decimal("900000")), ("Hurt Leków S.A.", None)]
    assert all(a.consortium == ["Farmacja Sp. z o.o.", "Hurt Leków S.A."] and a.flags == ["framework_agreement"] for a in awards)
    assert awards[0].confidence < 0.95


def test_the_lot_result_parts_not_read_are_listed():
    stats = "<efac:ReceivedSubmissionsStatistics><efbc:StatisticsNumeric>3</efbc:StatisticsNumeric></efac:ReceivedSubmissionsStatistics>"
    body = notice(lot_result("LOT-0001", "selec-w", ["TEN-0001"], stats) + tender("TEN-0001", "TPA-0001", "LOT-0001", "10")
                  + party("TPA-0001", ("ORG-0003", True)), ORGS, buyer("ORG-0001"))
    result = ted.parse(Document(url="memory:", body=body, kind="ted"))
    assert result.unread_fields == ["LotResult/ReceivedSubmissionsStatistics"]
