"""TED (Tenders Electronic Daily) notices: the TED_EXPORT schema R2.0.9 / R2.0.8 and eForms UBL.

R2.0.9 (forms F01–F25): a notice repeats its form in several languages; the form in the notice's
original language (CODED_DATA_SECTION LG_ORIG) is read, once. The buyer is
CONTRACTING_BODY/ADDRESS_CONTRACTING_BODY (co-buyers of a joint procurement sit in
ADDRESS_CONTRACTING_BODY_ADDITIONAL and are not the lead buyer). Each AWARD_CONTRACT with an
AWARDED_CONTRACT gives one award per contractor; its value is VALUES/VAL_TOTAL, or, when only
VAL_RANGE_TOTAL is published (the lowest and highest tenders considered), amount = LOW with the
range kept in amount_raw. VAL_ESTIMATED_TOTAL is the estimate, never the award. Date =
DATE_CONCLUSION_CONTRACT. An F20 modification notice adds only its change (VAL_TOTAL_AFTER − VAL_TOTAL_BEFORE),
never the contract's full value again; without both values its award has no amount. The older forms
(R2.0.8, and R2.0.9's defence form F18: AWARD_OF_CONTRACT, ..._DEFENCE, the utilities'
AWARD_CONTRACT_CONTRACT_AWARD_UTILITIES) give the operator in ECONOMIC_OPERATOR_NAME_ADDRESS or
AWARD_AND_CONTRACT_VALUE, the final value in CONTRACT_VALUE_INFORMATION (never the
INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT beside it) and the award decision date in day/month/year.

eForms (ContractAwardNotice): the winners are the tenders settled by a contract
(efac:SettledContract -> efac:LotTender -> efac:TenderingParty -> efac:Tenderer -> organisation).
One award per settled contract and tendering party, amount = the sum of its lot tenders'
LegalMonetaryTotal/PayableAmount, date = the contract's IssueDate (conclusion), else the notice
IssueDate. Subcontractors, review bodies and mediators are organisations of the notice but never
winners or buyers; the buyers are each cac:ContractingParty/cac:Party (a joint procurement links every
buyer to the winner, the amount carried once). A tender that wins one lot is never lost to another lot's
result that names it, and keeps every lot it won. Lots closed without a winner
(TenderResultCode other than selec-w) give no award; without settled contracts, tenders ranked below
first are runners-up. When no tender is priced, the notice's TotalAmount is the single winner's
amount, or, with several winners, an amount of the notice attributed to the buyer only.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..decode import looks_binary
from ..records import AmountMention, Award, Document, Notice, ParseError, ParseResult
from ..xmlsafe import local, parse_xml
from .audit import merged, unread
from .joint import for_each_buyer
from .plausibility import flag_against_budget
from .ocds import number_text

NAME = "ted"
VERSION = "1.1"
KINDS = ("ted",)

EFORMS_ROOTS = ("ContractAwardNotice", "ContractNotice", "PriorInformationNotice")
_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})")
MAX_AMOUNT = Decimal("1e15")
WINNER_CODES = {"selec-w", ""}  # winner-selection-status: a winner was chosen (or not stated)


def sniff(doc: Document) -> bool:
    head = doc.body[:4096]
    if not head or looks_binary(head):
        return False
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not text.startswith("<"):  # JSON or prose that merely links to TED
        return False
    if "<TED_EXPORT" in text or ":TED_EXPORT" in text or "/resource/schema/ted/" in text:
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
    """'148917509.73', '2 654 755,07', '1.234.567,89' -> Decimal; None for text and placeholders."""
    if not value or not value.strip():
        return None
    try:
        amount = Decimal(number_text(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and abs(amount) < MAX_AMOUNT else None


def _currency(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    code = el.get("CURRENCY") or el.get("currencyID")
    return code.strip().upper() if code and code.strip() else None


# -- R2.0.9 / R2.0.8 ------------------------------------------------------------------------------
# Award sections: R2.0.9 forms (F03, F06, F15, F20, F21-F23, F25), then the R2.0.8 forms, which
# R2.0.9 still uses for defence (F18): standard, utilities and defence spellings.
AWARD_BLOCKS = ("AWARD_CONTRACT", "AWARD_OF_CONTRACT", "AWARD_OF_CONTRACT_DEFENCE",
                "AWARD_CONTRACT_CONTRACT_AWARD_UTILITIES")
# The contracting body's address in each form family; co-buyers (..._ADDITIONAL) come after it.
BUYER_PATHS = ("{*}CONTRACTING_BODY/{*}ADDRESS_CONTRACTING_BODY/{*}OFFICIALNAME",
               ".//{*}NAME_ADDRESSES_CONTACT_CONTRACT_AWARD//{*}OFFICIALNAME",
               ".//{*}NAME_ADDRESSES_CONTACT_CONTRACT_AWARD_UTILITIES//{*}OFFICIALNAME",
               ".//{*}CONTRACTING_AUTHORITY_INFORMATION_CONTRACT_AWARD_DEFENCE//{*}OFFICIALNAME",
               ".//{*}CONTRACTING_AUTHORITY_INFORMATION//{*}OFFICIALNAME",
               ".//{*}CONTRACTING_ENTITY_CONTRACT_AWARD_UTILITIES//{*}OFFICIALNAME",
               ".//{*}ADDRESS_CONTRACTING_BODY/{*}OFFICIALNAME")


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


def _r2_co_buyers(form: etree._Element) -> list[str]:
    """Co-buyers of a joint procurement (ADDRESS_CONTRACTING_BODY_ADDITIONAL): listed on the notice; the award
    is the lead buyer's."""
    names = [_name(el) for el in form.iterfind("{*}CONTRACTING_BODY/{*}ADDRESS_CONTRACTING_BODY_ADDITIONAL/{*}OFFICIALNAME")]
    return [n for n in dict.fromkeys(names) if n]


def _r2_buyer(form: etree._Element) -> str | None:
    for path in BUYER_PATHS:
        name = _name(form.find(path))
        if name:
            return name
    return None


def _fmt_amount(el: etree._Element | None) -> Decimal | None:
    """R2.0.8 values carry the machine-readable figure in FMTVAL, the text as written."""
    if el is None:
        return None
    return _amount(el.get("FMTVAL")) if el.get("FMTVAL") else _amount(el.text)


def _r2_value(awarded: etree._Element, form: etree._Element) -> tuple[Decimal | None, str | None, str | None, str, float]:
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
    # R2.0.8: the final value is CONTRACT_VALUE_INFORMATION/COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE;
    # INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT beside it is the estimate.
    for costs in awarded.iterfind(".//{*}COSTS_RANGE_AND_CURRENCY_WITH_VAT_RATE"):
        parent = costs.getparent()
        if parent is None or local(parent.tag) == "INITIAL_ESTIMATED_TOTAL_VALUE_CONTRACT":
            continue
        currency = _currency(costs)
        cost = _fmt_amount(costs.find("{*}VALUE_COST"))
        if cost is not None:
            return cost, currency, f"{cost} {currency or ''}".strip(), f"VALUE_COST={cost}", 0.9
        low = _fmt_amount(costs.find("{*}RANGE_VALUE_COST/{*}LOW_VALUE"))
        high = _fmt_amount(costs.find("{*}RANGE_VALUE_COST/{*}HIGH_VALUE"))
        if low is not None or high is not None:
            raw = f"LOW {low} / HIGH {high} {currency or ''}".strip()
            return (low if low is not None else high), currency, raw, f"RANGE_VALUE_COST {raw}", 0.7
    # F20: a contract published only through its modification gives the value after it.
    for path, label in (("{*}MODIFICATIONS_CONTRACT/{*}DESCRIPTION_PROCUREMENT/{*}VALUES/{*}VAL_TOTAL", "VAL_TOTAL"),
                        ("{*}MODIFICATIONS_CONTRACT/{*}INFO_MODIFICATIONS/{*}VALUES/{*}VAL_TOTAL_AFTER", "VAL_TOTAL_AFTER")):
        el = form.find(path)
        if el is not None and _amount(el.text) is not None:
            amount, currency = _amount(el.text), _currency(el)
            return amount, currency, f"{el.text.strip()} {currency or ''}".strip(), \
                f"MODIFICATIONS_CONTRACT/{label}={amount}", 0.85
    return None, None, None, "", 0.9


def _is_modification(form: etree._Element) -> bool:
    return (form.get("FORM") or local(form.tag)).upper().startswith("F20")


def _r2_change(form: etree._Element) -> tuple[Decimal | None, str | None, str | None, str, float]:
    """F20: the modification's own amount (value after − value before), never the contract's full value again;
    without both values the change is unknown: no amount, the values kept in the evidence."""
    values = form.find("{*}MODIFICATIONS_CONTRACT/{*}INFO_MODIFICATIONS/{*}VALUES")
    before = values.find("{*}VAL_TOTAL_BEFORE") if values is not None else None
    after = values.find("{*}VAL_TOTAL_AFTER") if values is not None else None
    low, high = (_amount(before.text) if before is not None else None), (_amount(after.text) if after is not None else None)
    currency = _currency(after) or _currency(before)
    if low is not None and high is not None and (_currency(after) or currency) == (_currency(before) or currency):
        delta = high - low
        return delta, currency, f"{delta} {currency or ''}".strip(), \
            f"INFO_MODIFICATIONS/VAL_TOTAL_AFTER {high} - VAL_TOTAL_BEFORE {low}", 0.9
    total = form.find("{*}MODIFICATIONS_CONTRACT/{*}DESCRIPTION_PROCUREMENT/{*}VALUES/{*}VAL_TOTAL")
    stated = f"MODIFICATIONS_CONTRACT/VAL_TOTAL={total.text.strip()}" if total is not None and total.text else \
        "no value before and after the modification"
    return None, None, None, stated, 0.9


def _r2_contractors(awarded: etree._Element, form: etree._Element) -> list[str]:
    names: list[str] = []
    for scope, path in ((awarded, ".//{*}CONTRACTOR/{*}ADDRESS_CONTRACTOR/{*}OFFICIALNAME"),
                        (awarded, ".//{*}ECONOMIC_OPERATOR_NAME_ADDRESS//{*}OFFICIALNAME"),
                        (awarded, ".//{*}ECONOMIC_OPERATOR_NAME_ADDRESS//{*}ORGANISATION"),
                        (awarded, ".//{*}AWARD_AND_CONTRACT_VALUE//{*}OFFICIALNAME"),
                        (form, "{*}MODIFICATIONS_CONTRACT/{*}DESCRIPTION_PROCUREMENT//{*}CONTRACTOR/{*}ADDRESS_CONTRACTOR/{*}OFFICIALNAME")):
        for el in scope.iterfind(path):
            name = _name(el) if local(el.tag) == "OFFICIALNAME" else _name_without_children(el)
            if name and name not in names:
                names.append(name)
        if names:
            break
    return names


def _name_without_children(el: etree._Element) -> str | None:
    """An old ORGANISATION element written as plain text (no OFFICIALNAME child)."""
    if len(el):
        return None
    return _name(el)


def _day_month_year(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    y, m, d = ((el.findtext(f"{{*}}{p}") or "").strip() for p in ("YEAR", "MONTH", "DAY"))
    if y.isdigit() and m.isdigit() and d.isdigit() and 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return None


def _r2_date(awarded: etree._Element) -> tuple[str | None, str]:
    """The contract's conclusion date (R2.0.9), else the award decision date (R2.0.8)."""
    date = _date(awarded.findtext(".//{*}DATE_CONCLUSION_CONTRACT"))
    if date:
        return date, "DATE_CONCLUSION_CONTRACT"
    for tag in ("CONTRACT_AWARD_DATE", "DATE_OF_CONTRACT_AWARD"):
        date = _day_month_year(awarded.find(f".//{{*}}{tag}"))
        if date:
            return date, tag
    return None, ""


def _award_blocks(form: etree._Element) -> list[etree._Element]:
    blocks = list(form.iterfind("{*}AWARD_CONTRACT"))  # R2.0.9: section V, one per contract or lot
    for tag in AWARD_BLOCKS[1:]:
        blocks = blocks or list(form.iterfind(f".//{{*}}{tag}"))
    return blocks


def _r2_awards(form: etree._Element, buyer: str | None) -> list[Award]:
    out = []
    for block in _award_blocks(form):
        awarded = block.find("{*}AWARDED_CONTRACT")
        if awarded is None and block.find("{*}NO_AWARDED_CONTRACT") is None and local(block.tag) != "AWARD_CONTRACT":
            awarded = block  # R2.0.8: the award section itself holds operator, value and date
        if awarded is None:
            continue  # NO_AWARDED_CONTRACT: procedure closed without a winner
        item = block.get("ITEM") or ""
        lot = (block.findtext("{*}LOT_NO") or block.findtext("{*}LOT_NUMBER") or "").strip() or None
        contract_no = (block.findtext("{*}CONTRACT_NO") or block.findtext("{*}CONTRACT_NUMBER") or "").strip()
        amount, currency, raw, value_evidence, confidence = _r2_value(awarded, form)
        change = _r2_change(form) if _is_modification(form) else None
        if change is not None:  # F20: the award was counted when concluded; this notice adds only the change
            amount, currency, raw, value_evidence, confidence = change
        date, date_tag = _r2_date(awarded)
        for position, vendor in enumerate(_r2_contractors(awarded, form)):
            share = amount if position == 0 else None  # a group's value is carried once
            evidence = f"{local(block.tag)}[ITEM={item}]"
            if contract_no:
                evidence += f"[CONTRACT_NO={contract_no}]"
            evidence += f"/CONTRACTOR/OFFICIALNAME={vendor}"
            if position == 0 and value_evidence:
                evidence += f"; {value_evidence}"
            if date:
                evidence += f"; {date_tag}={date}"
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
    if estimate is not None and _currency(estimate) in (None, *{a.currency for a in awards}):
        flag_against_budget(awards, _amount(estimate.text))
    doc_type_el = root.find(".//{*}TD_DOCUMENT_TYPE")
    doc_type = doc_type_el.get("CODE", "") if doc_type_el is not None else ""
    country = root.find(".//{*}NOTICE_DATA/{*}ISO_COUNTRY")
    form_name = (form.get("FORM") or local(form.tag)).upper()
    if form_name == "F20" or local(form.tag).startswith("F20"):
        kind = "modification"
    elif awards or form_name in ("F03", "F06", "F15", "F18", "F25") or doc_type in ("7", "V"):
        kind = "award"
    elif form_name in ("F01", "F02", "F04", "F05", "F07", "F21", "F22", "F24") or doc_type in ("3", "0", "2"):
        kind = "tender"
    else:
        kind = "other"
    notice = Notice(
        notice_key=number or "unknown", notice_type=kind, title=title, project_name=title,
        project_code=(form.findtext("{*}OBJECT_CONTRACT/{*}REFERENCE_NUMBER") or "").strip() or None,
        buyer_raw=buyer, published_at=published, buyers=[b for b in [buyer, *_r2_co_buyers(form)] if b],
        procedure_id=(form.findtext("{*}OBJECT_CONTRACT/{*}REFERENCE_NUMBER") or "").strip() or None,
        region=country.get("VALUE") if country is not None else None,
        budget=_amount(estimate.text) if estimate is not None else None,
        budget_currency=_currency(estimate), awards=awards,
    )
    return ParseResult(parser=NAME, parser_version=VERSION, title=title, published_at=published,
                       language=(form.get("LG") or "").lower() or None, notices=[notice],
                       unread_fields=unread((local(c.tag) for a in form.iter("{*}AWARDED_CONTRACT") for c in a
                                             if isinstance(c.tag, str)), READ_AWARDED, "AWARDED_CONTRACT/"))


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


def _company_ids(root: etree._Element) -> dict[str, dict[str, str]]:
    """organisation id -> its identifiers (the registry number in PartyLegalEntity/CompanyID, the eForms id)."""
    out: dict[str, dict[str, str]] = {}
    for company in root.iterfind(".//{*}Organizations/{*}Organization/{*}Company"):
        org_id = (company.findtext("{*}PartyIdentification/{*}ID") or "").strip()
        if not org_id:
            continue
        ids = {"eForms-ORG": org_id}
        company_id = (company.findtext("{*}PartyLegalEntity/{*}CompanyID") or "").strip()
        if company_id:
            ids["CompanyID"] = company_id
        out[org_id] = ids
    return out


class _Result:
    """The cross-referenced pieces of an efac:NoticeResult."""

    def __init__(self, result: etree._Element):
        self.tenders: dict[str, dict] = {}
        for tender in result.iterfind("{*}LotTender"):
            tid = (tender.findtext("{*}ID") or "").strip()
            payable = tender.find("{*}LegalMonetaryTotal/{*}PayableAmount")
            rank = (tender.findtext("{*}TenderRankCode") or "").strip()
            self.tenders[tid] = {
                "amount": _amount(payable.text) if payable is not None else None,
                "currency": _currency(payable),
                "source": "LegalMonetaryTotal/PayableAmount",
                "party": (tender.findtext("{*}TenderingParty/{*}ID") or "").strip(),
                "lot": (tender.findtext("{*}TenderLot/{*}ID") or "").strip() or None,
                "ranked_below_first": rank.isdigit() and int(rank) > 1,
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
            # IssueDate is the contract's conclusion; AwardDate (the winner decision) is not the
            # date money is committed, so a contract without IssueDate takes the notice's date.
            self.contracts[cid] = {
                "date": _date(contract.findtext("{*}IssueDate")),
                "date_source": "SettledContract/IssueDate",
                "tenders": _ids(contract, "{*}LotTender/{*}ID"),
                "reference": (contract.findtext("{*}ContractReference/{*}ID") or "").strip() or None,
            }
        self.lost: set[str] = set()
        won: set[str] = set()
        self.framework: set[str] = set()  # tenders whose lot result is a framework agreement
        for lot_result in result.iterfind("{*}LotResult"):
            code = (lot_result.findtext("{*}TenderResultCode") or "").strip().lower()
            tenders = _ids(lot_result, "{*}LotTender/{*}ID")
            result_lot = (lot_result.findtext("{*}TenderLot/{*}ID") or "").strip() or None
            for cid in _ids(lot_result, "{*}SettledContract/{*}ID"):
                if cid in self.contracts and not self.contracts[cid]["tenders"] and code in WINNER_CODES:
                    self.contracts[cid]["tenders"] = tenders
            if code in WINNER_CODES:
                won.update(tenders)
                for tid in tenders:  # the lot this result is for, even when the tender it points at was filed under another
                    if tid in self.tenders and result_lot:
                        self.tenders[tid].setdefault("won_lots", []).append(result_lot)
            else:
                self.lost.update(tenders)
            if lot_result.find("{*}FrameworkAgreementValues") is not None:
                self.framework.update(tenders)
                self._framework_value(lot_result, tenders)
            self._range_for_unpriced(lot_result, tenders)
        self.lost -= won  # a tender that wins one lot is a winner, whatever another lot's result says

    def _framework_value(self, lot_result: etree._Element, tenders: list[str]) -> None:
        """A framework agreement's re-estimated (else maximum) value, for a winning tender with no price of its own:
        a ceiling on call-offs, kept at lower confidence."""
        values = lot_result.find("{*}FrameworkAgreementValues")
        for path in ("{*}ReestimatedValueAmount", "{*}MaximumValueAmount"):
            el = values.find(path)
            if el is None or _amount(el.text) is None:
                continue
            for tid in tenders:
                tender = self.tenders.get(tid)
                if tender is not None and tender["amount"] is None:
                    tender.update(amount=_amount(el.text), currency=_currency(el),
                                  source=f"LotResult/FrameworkAgreementValues/{local(el.tag)}")
            return

    def _range_for_unpriced(self, lot_result: etree._Element, tenders: list[str]) -> None:
        """A lot result publishing only its lowest and highest tender values (like R2's
        VAL_RANGE_TOTAL): the winning tender without its own price gets the lowest, marked a range."""
        low_el, high_el = lot_result.find("{*}LowerTenderAmount"), lot_result.find("{*}HigherTenderAmount")
        low = _amount(low_el.text) if low_el is not None else None
        high = _amount(high_el.text) if high_el is not None else None
        if low is None and high is None:
            return
        for tid in tenders:
            tender = self.tenders.get(tid)
            if tender is not None and tender["amount"] is None:
                tender.update(amount=low if low is not None else high, currency=_currency(low_el) or _currency(high_el),
                              source=f"LotResult LowerTenderAmount {low} / HigherTenderAmount {high}")

    def winning_groups(self) -> list[tuple[str | None, list[str]]]:
        """(contract id, lot tender ids) per settled contract; unsettled winning tenders alone."""
        groups: list[tuple[str | None, list[str]]] = []
        for cid, contract in self.contracts.items():
            tenders = [t for t in contract["tenders"] if t in self.tenders and t not in self.lost]
            if tenders:
                groups.append((cid, tenders))
        if not self.contracts:  # no contract published: the winning tenders stand alone
            groups.extend((None, [t]) for t, tender in self.tenders.items()
                          if t not in self.lost and not tender["ranked_below_first"])
        return groups


def _total_amount(result_el: etree._Element) -> tuple[Decimal | None, str | None]:
    total = result_el.find("{*}TotalAmount")
    return (_amount(total.text), _currency(total)) if total is not None else (None, None)


def _eforms_awards(root: etree._Element, buyer: str | None, notice_date: str | None) -> list[Award]:
    result_el = root.find(".//{*}NoticeResult")
    if result_el is None:
        return []
    orgs = _organisations(root)
    company_ids = _company_ids(root)
    result = _Result(result_el)
    out: list[Award] = []
    winning_parties: set[str] = set()
    for cid, tender_ids in result.winning_groups():
        contract = result.contracts.get(cid or "", {})
        by_party: dict[str, list[str]] = {}
        for tid in tender_ids:
            by_party.setdefault(result.tenders[tid]["party"], []).append(tid)
        for party, tids in by_party.items():
            winning_parties.add(party)
            amounts = [result.tenders[t]["amount"] for t in tids]
            currencies = {result.tenders[t]["currency"] for t in tids if result.tenders[t]["currency"]}
            amount = sum(amounts, Decimal(0)) if amounts and all(a is not None for a in amounts) \
                and len(currencies) <= 1 else None
            currency = next(iter(currencies)) if amount is not None and currencies else None
            ranged = any(result.tenders[t]["source"].startswith("LotResult") for t in tids)
            lots = list(dict.fromkeys(lot for t in tids for lot in
                                      (result.tenders[t].get("won_lots") or [result.tenders[t]["lot"]]) if lot))
            framework = any(t in result.framework for t in tids)
            date = contract.get("date") or notice_date
            date_source = contract.get("date_source") if contract.get("date") else "IssueDate"
            members = sorted(result.parties.get(party, []), key=lambda m: not m[1])
            names = list(dict.fromkeys(orgs[m] for m, _ in members if m in orgs))
            ids_by_name = {orgs[m]: company_ids.get(m, {}) for m, _ in members if m in orgs}
            for position, name in enumerate(names):
                share = amount if position == 0 else None  # a consortium's price is carried once
                evidence = f"SettledContract[{cid}]/LotTender[{','.join(tids)}]/TenderingParty[{party}]/Tenderer={name}" \
                    if cid else f"LotTender[{','.join(tids)}]/TenderingParty[{party}]/Tenderer={name}"
                if share is not None:
                    sources = sorted({result.tenders[t]["source"] for t in tids})
                    evidence += f"; {' & '.join(sources)}={'+'.join(str(a) for a in amounts)}"
                evidence += f"; {date_source}={date}"
                out.append(Award(
                    vendor_raw=name, agency_raw=buyer, amount=share,
                    currency=currency if share is not None else None,
                    amount_raw=" + ".join(f"{a} {currency or ''}".strip() for a in amounts) if share is not None else None,
                    date=date, lot=",".join(lots) or None, status="active", evidence=evidence,
                    confidence=0.7 if ranged else 0.95, identifiers=dict(ids_by_name.get(name, {})),
                    consortium=names if len(names) > 1 else [],
                    flags=["framework_agreement"] if framework else [],
                ))
    _apply_notice_total(result_el, out, winning_parties)
    return out


def _apply_notice_total(result_el: etree._Element, awards: list[Award], parties: set[str]) -> None:
    """No tender priced, one winning party: the notice's TotalAmount (value of all contracts awarded
    in the notice) is that party's. With several winners it is nobody's alone (see notice_total)."""
    total, currency = _total_amount(result_el)
    if total is None or not awards or len(parties) != 1 or any(a.amount is not None for a in awards):
        return
    first = awards[0]
    first.amount, first.currency, first.amount_raw = total, currency, f"{total} {currency or ''}".strip()
    first.evidence += f"; NoticeResult/TotalAmount={total}"


def notice_total(root: etree._Element, awards: list[Award], buyer: str | None, date: str | None) -> list[AmountMention]:
    """The notice's TotalAmount as an amount of the procurement when no award carries a price."""
    result_el = root.find(".//{*}NoticeResult")
    if result_el is None or not awards or any(a.amount is not None for a in awards):
        return []
    total, currency = _total_amount(result_el)
    if total is None:
        return []
    return [AmountMention(raw=f"{total} {currency or ''}".strip(), value=total, currency=currency,
                          evidence=f"NoticeResult/TotalAmount={total}", subject="value of all contracts awarded in the notice",
                          kind="contract", agency_raw=buyer, date=date, confidence=0.9)]


def parse_eforms(root: etree._Element) -> ParseResult:
    orgs = _organisations(root)
    buyer_ids = [i for i in _ids(root, "{*}ContractingParty/{*}Party/{*}PartyIdentification/{*}ID") if i in orgs]
    buyers = list(dict.fromkeys(orgs[i] for i in buyer_ids))  # a joint procurement names each buyer
    buyer = buyers[0] if buyers else None
    issue_date = _date(root.findtext("{*}IssueDate"))
    published = _date(root.findtext(".//{*}Publication/{*}PublicationDate")) or issue_date
    number = (root.findtext(".//{*}Publication/{*}NoticePublicationID") or "").strip() \
        or (root.findtext("{*}ID") or "").strip()
    project = root.find("{*}ProcurementProject")
    title = _text(project.find("{*}Name")) if project is not None else None
    estimate = project.find("{*}RequestedTenderTotal/{*}EstimatedOverallContractAmount") if project is not None else None
    awards = for_each_buyer(_eforms_awards(root, buyer, issue_date), buyers)
    if estimate is not None:
        flag_against_budget([a for a in awards if a.currency in (None, _currency(estimate))], _amount(estimate.text))
    root_name = local(root.tag)
    notice_type_code = (root.findtext("{*}NoticeTypeCode") or "").strip().lower()
    if notice_type_code == "can-modif":
        kind = "modification"
        # A modification notice republishes the contract's value after the change, not the change: the award
        # was counted when concluded, so the value stays in the evidence and adds nothing to totals.
        for award in awards:
            if award.amount is not None:
                award.evidence += f"; value after modification {award.amount_raw} (not a change)"
                award.amount = award.currency = award.amount_raw = None
    else:
        kind = "award" if root_name == "ContractAwardNotice" else "tender" if root_name == "ContractNotice" else "other"
    notice = Notice(
        notice_key=number or "unknown", notice_type=kind, title=title, project_name=title,
        project_code=(project.findtext("{*}ID") or "").strip() or None if project is not None else None,
        buyer_raw=buyer, published_at=published, buyers=buyers,
        buyer_identifiers=_company_ids(root).get(buyer_ids[0], {}) if buyer_ids else {},
        procedure_id=(root.findtext("{*}ContractFolderID") or "").strip() or None,
        budget=_amount(estimate.text) if estimate is not None else None, budget_currency=_currency(estimate),
        awards=awards,
    )
    language = (root.findtext("{*}NoticeLanguageCode") or "").strip().lower() or None
    return ParseResult(parser=NAME, parser_version=VERSION, title=title, published_at=published,
                       language=language, notices=[notice],
                       amounts=notice_total(root, awards, buyer, published),
                       unread_fields=_eforms_unread(root))


# What the parser reads of the result sections; what else it sees there is reported as unread.
READ_AWARDED = {"DATE_CONCLUSION_CONTRACT", "CONTRACTORS", "CONTRACTOR", "VALUES", "VAL_TOTAL", "VAL_RANGE_TOTAL"}
READ_RESULT = {"TotalAmount", "LotResult", "LotTender", "TenderingParty", "SettledContract"}
READ_LOT_RESULT = {"ID", "TenderResultCode", "LotTender", "SettledContract", "TenderLot", "LowerTenderAmount",
                   "HigherTenderAmount", "FrameworkAgreementValues"}


def _eforms_unread(root: etree._Element) -> list[str]:
    result = root.find(".//{*}NoticeResult")
    if result is None:
        return []
    children = [local(c.tag) for c in result if isinstance(c.tag, str)]
    lot_parts = [local(c.tag) for lr in result.iterfind("{*}LotResult") for c in lr if isinstance(c.tag, str)]
    return merged(unread(children, READ_RESULT, "NoticeResult/"), unread(lot_parts, READ_LOT_RESULT, "LotResult/"))


def parse(doc: Document) -> ParseResult:
    root = parse_xml(doc.body)
    name = local(root.tag)
    if name == "TED_EXPORT":
        return parse_r2(root)
    if name in EFORMS_ROOTS:
        return parse_eforms(root)
    raise ParseError(f"not a TED notice (root element <{name or '?'}>)")
