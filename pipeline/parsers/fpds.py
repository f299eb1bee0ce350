"""FPDS-NG ATOM feeds (https://www.fpds.gov/ezsearch/FEEDS/ATOM): one Notice per entry.

Each entry's content is one contract action: an award (definitive contract, purchase order,
delivery/task order), an IDV, or an other transaction. Field semantics:
- buyer: from purchaserInformation/contractingOfficeAgencyID: the award's agency is @name (the agency
  that made it), the notice's buyer is @departmentName; each stands for the other when one is missing,
  and both are listed in Notice.buyers.
- vendor: vendor/vendorHeader/vendorName, else the UEI (or DUNS) legal business name, else
  contractorName — the entry title's "awarded to ," is empty when only the UEI block names it.
- amount: dollarValues/obligatedAmount — the money obligated by THIS action (a modification's
  own amount, not the contract's running total in totalDollarValues).
- date: relevantContractDates/signedDate.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..decode import looks_binary
from .audit import unread
from .joint import for_each_buyer
from ..records import Award, Document, Notice, ParseError, ParseResult
from ..xmlsafe import local, parse_xml

NAME = "fpds"
VERSION = "1.1"
KINDS = ("fpds",)

ACTION_ELEMENTS = ("award", "IDV", "OtherTransactionAward", "OtherTransactionIDV")
_DATE = re.compile(r"^\s*(\d{4})[-/](\d{2})[-/](\d{2})")
MAX_AMOUNT = Decimal("1e15")


_ROOT = re.compile(r"<(?:[\w.-]+:)?(feed|entry)[\s>/]")


def sniff(doc: Document) -> bool:
    """An ATOM feed or entry from FPDS-NG: a feed/entry root and the FPDS namespace or title."""
    head = doc.body[:4096]
    if not head or looks_binary(head):
        return False
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not text.startswith("<") or not _ROOT.search(text):
        return False
    return "fpds.gov/FPDS" in text or "FPDS-NG" in text


def _date(value: str | None) -> str | None:
    match = _DATE.match(value or "")
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


def _amount(value: str | None) -> Decimal | None:
    if not value or not value.strip():
        return None
    try:
        amount = Decimal(value.strip().replace(",", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and abs(amount) < MAX_AMOUNT else None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _first_text(el: etree._Element, *paths: str) -> tuple[str | None, str]:
    for path in paths:
        value = _clean(el.findtext(path))
        if value:
            return value, path.replace("{*}", "").lstrip("./")
    return None, ""


def _agency(action: etree._Element) -> tuple[str | None, str | None]:
    """(department, agency) of the contracting office; the funding agency, then the award id's agency, when the
    contracting office is not named (other transactions, older records). The agency made the award; the
    department is the notice's buyer."""
    for path in ("{*}purchaserInformation/{*}contractingOfficeAgencyID", ".//{*}contractingOfficeAgencyID",
                 "{*}purchaserInformation/{*}fundingRequestingAgencyID", ".//{*}fundingRequestingAgencyID"):
        office = action.find(path)
        if office is None:
            continue
        department, agency = _clean(office.get("departmentName")), _clean(office.get("name"))
        if agency or department:
            return department or agency, agency or department
    agency_id = action.find(".//{*}agencyID")
    name = _clean(agency_id.get("name")) if agency_id is not None else None
    return name, name


def _vendor(action: etree._Element) -> tuple[str | None, str]:
    return _first_text(
        action,
        "{*}vendor/{*}vendorHeader/{*}vendorName",
        ".//{*}vendorUEIInformation/{*}UEILegalBusinessName",
        ".//{*}vendorDUNSInformation/{*}vendorLegalOrganizationName",
        ".//{*}vendorLegalOrganizationName",
        "{*}vendor/{*}contractorName",
        ".//{*}vendorAlternateName",
    )


def _key(action: etree._Element) -> tuple[str, str | None, str]:
    """(notice key, PIID, modification number) from awardID / contractID."""
    ident = None
    for path in ("{*}awardID/{*}awardContractID", "{*}contractID/{*}IDVID", "{*}OtherTransactionAwardID",
                 "{*}OtherTransactionIDVID", ".//{*}awardContractID", ".//{*}IDVID"):
        ident = action.find(path)
        if ident is not None:
            break
    if ident is None:
        return "unknown", None, "0"
    agency = _clean(ident.findtext("{*}agencyID")) or ""
    piid = _clean(ident.findtext("{*}PIID"))
    mod = _clean(ident.findtext("{*}modNumber")) or "0"
    txn = _clean(ident.findtext("{*}transactionNumber")) or "0"
    parent = action.find("{*}awardID/{*}referencedIDVID/{*}PIID")
    parts = [agency, piid or "", mod, txn]
    if parent is not None and _clean(parent.text):
        parts.insert(1, _clean(parent.text))
    return ":".join(parts), piid, mod


def entry_notice(entry: etree._Element, index: int) -> Notice | None:
    content = entry.find("{*}content")
    holder = content if content is not None else entry
    action = next((el for el in holder.iter() if local(el.tag) in ACTION_ELEMENTS), None)
    if action is None:
        return None
    key, piid, mod = _key(action)
    department, agency = _agency(action)
    vendor, vendor_path = _vendor(action)
    # This action's own obligation, sign kept: a negative amount is a deobligation.
    amount_text = _clean(action.findtext("{*}dollarValues/{*}obligatedAmount")) \
        or _clean(action.findtext(".//{*}dollarValues/{*}obligatedAmount"))
    amount = _amount(amount_text)
    signed = _date(action.findtext("{*}relevantContractDates/{*}signedDate")) \
        or _date(action.findtext(".//{*}relevantContractDates/{*}signedDate"))
    title = _clean(entry.findtext("{*}title"))
    description = _clean(action.findtext("{*}contractData/{*}descriptionOfContractRequirement"))
    notice_type = "modification" if mod not in ("0", "") else ("contract" if local(action.tag) == "IDV" else "award")
    awards = []
    if vendor:
        evidence = f"entry[{index}]/{vendor_path}={vendor}"
        if amount is not None:
            evidence += f"; dollarValues/obligatedAmount={amount_text}"
        if signed:
            evidence += f"; relevantContractDates/signedDate={signed}"
        awards.append(Award(vendor_raw=vendor, agency_raw=agency, amount=amount,
                            currency="USD" if amount is not None else None, amount_raw=amount_text,
                            date=signed, status="modification" if notice_type == "modification" else "active",
                            evidence=evidence, confidence=0.95))
    buyers = [name for name in dict.fromkeys((department, agency)) if name]
    return Notice(notice_key=key, notice_type=notice_type, title=title, project_name=description,
                  project_code=piid, buyer_raw=department, published_at=signed,
                  awards=for_each_buyer(awards, buyers), buyers=buyers)


def parse(doc: Document) -> ParseResult:
    root = parse_xml(doc.body)
    if local(root.tag) == "entry":
        entries = [root]
    elif local(root.tag) == "feed":
        entries = list(root.iterfind("{*}entry"))
    else:
        raise ParseError(f"not an FPDS ATOM feed (root element <{local(root.tag) or '?'}>)")
    notices = [n for n in (entry_notice(e, i) for i, e in enumerate(entries)) if n is not None]
    if entries and not notices:
        raise ParseError("ATOM feed entries carry no FPDS award, IDV or other-transaction content")
    actions = [el for e in entries for el in e.iter() if isinstance(el.tag, str) and local(el.tag) in ACTION_ELEMENTS]
    return ParseResult(parser=NAME, parser_version=VERSION, title=_clean(root.findtext("{*}title")),
                       published_at=notices[0].published_at if notices else None, language="en", notices=notices,
                       unread_fields=unread((local(c.tag) for a in actions for c in a if isinstance(c.tag, str)),
                                            READ_ACTION_PARTS))


# The parts of a contract action the parser reads; totalDollarValues (the running total) is left on purpose.
READ_ACTION_PARTS = {"awardID", "contractID", "OtherTransactionAwardID", "OtherTransactionIDVID", "relevantContractDates",
                     "dollarValues", "purchaserInformation", "contractData", "vendor"}
