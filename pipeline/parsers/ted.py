"""TED (Tenders Electronic Daily) notices: the TED_EXPORT schema R2.0.9 / R2.0.8 and eForms UBL.

R2.0.9 (forms F01–F25): a notice repeats its form in several languages; the form in the notice's
original language (CODED_DATA_SECTION LG_ORIG) is read, once. The buyer is
CONTRACTING_BODY/ADDRESS_CONTRACTING_BODY (co-buyers of a joint procurement sit in
ADDRESS_CONTRACTING_BODY_ADDITIONAL and are not the lead buyer). Each AWARD_CONTRACT with an
AWARDED_CONTRACT gives one award per contractor; its value is VALUES/VAL_TOTAL, or, when only
VAL_RANGE_TOTAL is published (the lowest and highest tenders considered), amount = LOW with the
range kept in amount_raw. VAL_ESTIMATED_TOTAL is the estimate, never the award. Date =
DATE_CONCLUSION_CONTRACT.

eForms (ContractAwardNotice): the winners are the tenders settled by a contract
(efac:SettledContract -> efac:LotTender -> efac:TenderingParty -> efac:Tenderer -> organisation).
One award per settled contract and tendering party, amount = the sum of its lot tenders'
LegalMonetaryTotal/PayableAmount, date = the contract's IssueDate (conclusion), else the notice
IssueDate. Subcontractors, review bodies and mediators are organisations of the notice but never
winners or buyers; the buyer is cac:ContractingParty/cac:Party.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..decode import looks_binary
from ..records import Award, Document, Notice, ParseError, ParseResult
from ..xmlsafe import local, parse_xml

NAME = "ted"
VERSION = "1.0"
KINDS = ("ted",)

EFORMS_ROOTS = ("ContractAwardNotice", "ContractNotice", "PriorInformationNotice")
_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})")
MAX_AMOUNT = Decimal("1e15")
WINNER_CODES = {"selec-w", ""}  # winner-selection-status: a winner was chosen (or not stated)


def sniff(doc: Document) -> bool:
    head = doc.body[:4096]
    if not head or looks_binary(head):
        return False
    text = head.decode("utf-8", errors="ignore")
    if "<TED_EXPORT" in text or "/resource/schema/ted/" in text:
        return True
    return any(f"<{r}" in text or f":{r}" in text for r in EFORMS_ROOTS) and "ubl" in text.lower()


# -- small readers --------------------------------------------------------------------------------
def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    value = " ".join("".join(el.itertext()).split())
    return value or None


def _name(el: etree._Element | None) -> str | None:
    """A name as written: outer whitespace stripped, inner text kept."""
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    match = _DATE.match(value)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


def _amount(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        amount = Decimal(value.strip().replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and abs(amount) < MAX_AMOUNT else None


def _currency(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    code = el.get("CURRENCY") or el.get("currencyID")
    return code.strip().upper() if code and code.strip() else None


# -- R2.0.9 / R2.0.8 ------------------------------------------------------------------------------
def _original_form(root: etree._Element) -> etree._Element:
    forms = [f for f in root.iterfind("{*}FORM_SECTION/*") if isinstance(f.tag, str)]
    if not forms:
        raise ParseError("TED_EXPORT without a FORM_SECTION form")
    lg_orig = (root.findtext(".//{*}CODED_DATA_SECTION//{*}LG_ORIG") or "").strip().upper()
    for form in forms:
        if lg_orig and (form.get("LG") or "").upper() == lg_orig:
            return form
    for form in forms:
        if (form.get("CATEGORY") or "").upper() == "ORIGINAL":
            return form
    return forms[0]


def _r2_buyer(form: etree._Element) -> str | None:
    for path in ("{*}CONTRACTING_BODY/{*}ADDRESS_CONTRACTING_BODY/{*}OFFICIALNAME",
                 ".//{*}NAME_ADDRESSES_CONTACT_CONTRACT_AWARD//{*}OFFICIALNAME",
                 ".//{*}CONTRACTING_AUTHORITY_INFORMATION//{*}OFFICIALNAME",
                 ".//{*}ADDRESS_CONTRACTING_BODY/{*}OFFICIALNAME"):
        name = _name(form.find(path))
        if name:
            return name
    return None


def _r2_value(awarded: etree._Element) -> tuple[Decimal | None, str | None, str | None, str, float]:
    """(amount, currency, amount_raw, evidence, confidence) of one awarded contract."""
    total = awarded.find(".//{*}VALUES/{*}VAL_TOTAL")
    if total is None:
        total = awarded.find("{*}VAL_TOTAL")
    if total is not None and _amount(total.text) is not None:
        amount, currency = _amount(total.text), _currency(total)
        return amount, currency, f"{total.text.strip()} {currency or ''}".strip(), f"VAL_TOTAL={amount}", 0.95
    rng = awarded.find(".//{*}VAL_RANGE_TOTAL")
    if rng is not None:
        low, high = _amount(rng.findtext("{*}LOW")), _amount(rng.findtext("{*}HIGH"))
        currency = _currency(rng)
        if low is not None or high is not None:
            raw = f"LOW {low} / HIGH {high} {currency or ''}".strip()
            return (low if low is not None else high), currency, raw, f"VAL_RANGE_TOTAL {raw}", 0.7
    # R2.0.8: CONTRACT_VALUE_INFORMATION/COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE/VALUE_COST
    cost = awarded.find(".//{*}CONTRACT_VALUE_INFORMATION//{*}VALUE_COST")
    if cost is not None and _amount(cost.get("FMTVAL") or cost.text) is not None:
        amount = _amount(cost.get("FMTVAL") or cost.text)
        currency = _currency(cost.getparent())
        return amount, currency, f"{amount} {currency or ''}".strip(), f"VALUE_COST={amount}", 0.9
    return None, None, None, "", 0.9


def _r2_contractors(awarded: etree._Element) -> list[str]:
    names = []
    for path in (".//{*}CONTRACTOR/{*}ADDRESS_CONTRACTOR/{*}OFFICIALNAME",
                 ".//{*}ECONOMIC_OPERATOR_NAME_ADDRESS//{*}OFFICIALNAME"):
        for el in awarded.iterfind(path):
            name = _name(el)
            if name and name not in names:
                names.append(name)
        if names:
            break
    return names


def _r2_date(awarded: etree._Element) -> str | None:
    date = _date(awarded.findtext("{*}DATE_CONCLUSION_CONTRACT"))
    if date:
        return date
    legacy = awarded.find(".//{*}CONTRACT_AWARD_DATE")
    if legacy is not None:
        y, m, d = (legacy.findtext(f"{{*}}{p}") for p in ("YEAR", "MONTH", "DAY"))
        if y and m and d and y.strip().isdigit() and m.strip().isdigit() and d.strip().isdigit():
            return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return None


def _r2_awards(form: etree._Element, buyer: str | None) -> list[Award]:
    out = []
    blocks = list(form.iterfind("{*}AWARD_CONTRACT")) or list(form.iterfind(".//{*}AWARD_OF_CONTRACT"))
    for block in blocks:
        awarded = block.find("{*}AWARDED_CONTRACT")
        if awarded is None:
            awarded = block if block.find(".//{*}ECONOMIC_OPERATOR_NAME_ADDRESS") is not None else None
        if awarded is None:
            continue  # NO_AWARDED_CONTRACT: procedure closed without a winner
        item = block.get("ITEM") or ""
        lot = (block.findtext("{*}LOT_NO") or "").strip() or None
        contract_no = (block.findtext("{*}CONTRACT_NO") or block.findtext("{*}CONTRACT_NUMBER") or "").strip()
        amount, currency, raw, value_evidence, confidence = _r2_value(awarded)
        date = _r2_date(awarded)
        for position, vendor in enumerate(_r2_contractors(awarded)):
            share = amount if position == 0 else None  # a group's value is carried once
            evidence = f"AWARD_CONTRACT[ITEM={item}]"
            if contract_no:
                evidence += f"[CONTRACT_NO={contract_no}]"
            evidence += f"/CONTRACTOR/OFFICIALNAME={vendor}"
            if share is not None and value_evidence:
                evidence += f"; {value_evidence}"
            if date:
                evidence += f"; DATE_CONCLUSION_CONTRACT={date}"
            out.append(Award(vendor_raw=vendor, agency_raw=buyer, amount=share,
                             currency=currency if share is not None else None,
                             amount_raw=raw if share is not None else None, date=date, lot=lot,
                             status="active", evidence=evidence, confidence=confidence))
    return out


def parse_r2(root: etree._Element) -> ParseResult:
    form = _original_form(root)
    buyer = _r2_buyer(form)
    number = (root.findtext(".//{*}NOTICE_DATA/{*}NO_DOC_OJS") or root.get("DOC_ID") or "").strip()
    published = _date(root.findtext(".//{*}REF_OJS/{*}DATE_PUB"))
    title = _text(form.find("{*}OBJECT_CONTRACT/{*}TITLE")) or _text(form.find(".//{*}TITLE_CONTRACT"))
    estimate = form.find("{*}OBJECT_CONTRACT/{*}VAL_ESTIMATED_TOTAL")
    awards = _r2_awards(form, buyer)
    doc_type_el = root.find(".//{*}TD_DOCUMENT_TYPE")
    doc_type = doc_type_el.get("CODE", "") if doc_type_el is not None else ""
    country = root.find(".//{*}NOTICE_DATA/{*}ISO_COUNTRY")
    form_name = (form.get("FORM") or local(form.tag)).upper()
    if awards or form_name in ("F03", "F06", "F15", "F25") or doc_type in ("7", "V"):
        kind = "award"
    elif form_name == "F20":
        kind = "modification"
    elif form_name in ("F01", "F02", "F04", "F05", "F07", "F21", "F22", "F24") or doc_type in ("3", "0", "2"):
        kind = "tender"
    else:
        kind = "other"
    notice = Notice(
        notice_key=number or "unknown", notice_type=kind, title=title, project_name=title,
        project_code=(form.findtext("{*}OBJECT_CONTRACT/{*}REFERENCE_NUMBER") or "").strip() or None,
        buyer_raw=buyer, published_at=published,
        region=country.get("VALUE") if country is not None else None,
        budget=_amount(estimate.text) if estimate is not None else None,
        budget_currency=_currency(estimate), awards=awards,
    )
    return ParseResult(parser=NAME, parser_version=VERSION, title=title, published_at=published,
                       language=(form.get("LG") or "").lower() or None, notices=[notice])


# -- eForms ---------------------------------------------------------------------------------------
def _ids(el: etree._Element, path: str) -> list[str]:
    return [t.strip() for t in (x.text for x in el.iterfind(path)) if t and t.strip()]


def _organisations(root: etree._Element) -> dict[str, str]:
    orgs = {}
    for company in root.iterfind(".//{*}Organizations/{*}Organization/{*}Company"):
        org_id = company.findtext("{*}PartyIdentification/{*}ID")
        name = _name(company.find("{*}PartyName/{*}Name"))
        if org_id and name:
            orgs[org_id.strip()] = name
    return orgs


class _Result:
    """The cross-referenced pieces of an efac:NoticeResult."""

    def __init__(self, result: etree._Element):
        self.tenders: dict[str, dict] = {}
        for tender in result.iterfind("{*}LotTender"):
            tid = (tender.findtext("{*}ID") or "").strip()
            payable = tender.find("{*}LegalMonetaryTotal/{*}PayableAmount")
            self.tenders[tid] = {
                "amount": _amount(payable.text) if payable is not None else None,
                "currency": _currency(payable),
                "party": (tender.findtext("{*}TenderingParty/{*}ID") or "").strip(),
                "lot": (tender.findtext("{*}TenderLot/{*}ID") or "").strip() or None,
            }
        self.parties: dict[str, list[tuple[str, bool]]] = {}
        for party in result.iterfind("{*}TenderingParty"):
            pid = (party.findtext("{*}ID") or "").strip()
            self.parties[pid] = [((t.findtext("{*}ID") or "").strip(),
                                  (t.findtext("{*}GroupLeadIndicator") or "").strip().lower() == "true")
                                 for t in party.iterfind("{*}Tenderer")]
        self.contracts: dict[str, dict] = {}
        for contract in result.iterfind("{*}SettledContract"):
            cid = (contract.findtext("{*}ID") or "").strip()
            self.contracts[cid] = {
                "date": _date(contract.findtext("{*}IssueDate")),
                "tenders": _ids(contract, "{*}LotTender/{*}ID"),
                "reference": (contract.findtext("{*}ContractReference/{*}ID") or "").strip() or None,
            }
        self.lost: set[str] = set()
        for lot_result in result.iterfind("{*}LotResult"):
            code = (lot_result.findtext("{*}TenderResultCode") or "").strip().lower()
            tenders = _ids(lot_result, "{*}LotTender/{*}ID")
            for cid in _ids(lot_result, "{*}SettledContract/{*}ID"):
                if cid in self.contracts and not self.contracts[cid]["tenders"] and code in WINNER_CODES:
                    self.contracts[cid]["tenders"] = tenders
            if code not in WINNER_CODES:
                self.lost.update(tenders)

    def winning_groups(self) -> list[tuple[str | None, list[str]]]:
        """(contract id, lot tender ids) per settled contract; unsettled winning tenders alone."""
        groups: list[tuple[str | None, list[str]]] = []
        settled: set[str] = set()
        for cid, contract in self.contracts.items():
            tenders = [t for t in contract["tenders"] if t in self.tenders and t not in self.lost]
            if tenders:
                groups.append((cid, tenders))
                settled.update(tenders)
        if not self.contracts:
            groups.extend((None, [t]) for t in self.tenders if t not in self.lost)
        return groups


def _eforms_awards(root: etree._Element, buyer: str | None, notice_date: str | None) -> list[Award]:
    result_el = root.find(".//{*}NoticeResult")
    if result_el is None:
        return []
    orgs = _organisations(root)
    result = _Result(result_el)
    out: list[Award] = []
    for cid, tender_ids in result.winning_groups():
        contract = result.contracts.get(cid or "", {})
        by_party: dict[str, list[str]] = {}
        for tid in tender_ids:
            by_party.setdefault(result.tenders[tid]["party"], []).append(tid)
        for party, tids in by_party.items():
            amounts = [result.tenders[t]["amount"] for t in tids]
            currencies = {result.tenders[t]["currency"] for t in tids if result.tenders[t]["currency"]}
            amount = sum(amounts, Decimal(0)) if amounts and all(a is not None for a in amounts) \
                and len(currencies) <= 1 else None
            currency = next(iter(currencies)) if amount is not None and currencies else None
            lots = [result.tenders[t]["lot"] for t in tids if result.tenders[t]["lot"]]
            date = contract.get("date") or notice_date
            members = sorted(result.parties.get(party, []), key=lambda m: not m[1])
            names = [orgs[m] for m, _ in members if m in orgs]
            for position, name in enumerate(dict.fromkeys(names)):
                share = amount if position == 0 else None
                evidence = f"SettledContract[{cid}]/LotTender[{','.join(tids)}]/TenderingParty[{party}]/Tenderer={name}" \
                    if cid else f"LotTender[{','.join(tids)}]/TenderingParty[{party}]/Tenderer={name}"
                if share is not None:
                    evidence += f"; LegalMonetaryTotal/PayableAmount={'+'.join(str(a) for a in amounts)}"
                evidence += f"; {'SettledContract/IssueDate' if contract.get('date') else 'IssueDate'}={date}"
                out.append(Award(
                    vendor_raw=name, agency_raw=buyer, amount=share,
                    currency=currency if share is not None else None,
                    amount_raw=" + ".join(f"{a} {currency or ''}".strip() for a in amounts) if share is not None else None,
                    date=date, lot=",".join(lots) or None, status="active", evidence=evidence, confidence=0.95,
                ))
    return out


def parse_eforms(root: etree._Element) -> ParseResult:
    orgs = _organisations(root)
    buyer = None
    for org_id in _ids(root, "{*}ContractingParty/{*}Party/{*}PartyIdentification/{*}ID"):
        if org_id in orgs:
            buyer = orgs[org_id]
            break
    issue_date = _date(root.findtext("{*}IssueDate"))
    published = _date(root.findtext(".//{*}Publication/{*}PublicationDate")) or issue_date
    number = (root.findtext(".//{*}Publication/{*}NoticePublicationID") or "").strip() \
        or (root.findtext("{*}ID") or "").strip()
    project = root.find("{*}ProcurementProject")
    title = _text(project.find("{*}Name")) if project is not None else None
    estimate = project.find("{*}RequestedTenderTotal/{*}EstimatedOverallContractAmount") if project is not None else None
    awards = _eforms_awards(root, buyer, issue_date)
    root_name = local(root.tag)
    kind = "award" if root_name == "ContractAwardNotice" else "tender" if root_name == "ContractNotice" else "other"
    notice = Notice(
        notice_key=number or "unknown", notice_type=kind, title=title, project_name=title,
        project_code=(project.findtext("{*}ID") or "").strip() or None if project is not None else None,
        buyer_raw=buyer, published_at=published,
        budget=_amount(estimate.text) if estimate is not None else None, budget_currency=_currency(estimate),
        awards=awards,
    )
    language = (root.findtext("{*}NoticeLanguageCode") or "").strip().lower() or None
    return ParseResult(parser=NAME, parser_version=VERSION, title=title, published_at=published,
                       language=language, notices=[notice])


def parse(doc: Document) -> ParseResult:
    root = parse_xml(doc.body)
    name = local(root.tag)
    if name == "TED_EXPORT":
        return parse_r2(root)
    if name in EFORMS_ROOTS:
        return parse_eforms(root)
    raise ParseError(f"not a TED notice (root element <{name or '?'}>)")
