"""USAspending.gov API answers: award detail (/api/v2/awards/<id>/), spending_by_award and
spending_by_transaction results.

One Notice per award. Field semantics (award detail):
- buyer: the notice's buyer is the top-tier awarding agency (e.g. "Department of Defense"), the award's
  agency the sub-tier one that made it ("Defense Logistics Agency"); both are listed in Notice.buyers.
- vendor: recipient.recipient_name.
  Placeholders standing for no named recipient ("REDACTED DUE TO PII", "MULTIPLE RECIPIENTS")
  are not vendors: the award keeps its agency, amount and date without one.
- amount: total_obligation — what the government has obligated on the award (for a delivery
  order or definitive contract, its base and exercised options once funded; for a grant or
  other assistance, the federal obligation); a loan without it gives its face value.
- date: date_signed, else period_of_performance.start_date.
A spending_by_award page gives the same per result: "Recipient Name", "Award Amount" (loans:
"Loan Value"), "Awarding Agency" / "Awarding Sub Agency", and a date column when requested. A
spending_by_transaction page gives one action per result: "Transaction Amount" (sign kept: a
negative action is a deobligation) and "Action Date"; its notice key adds the modification.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..decode import looks_binary
from .audit import unread
from .joint import for_each_buyer
from ..records import Award, Document, Notice, ParseError, ParseResult
from .ocds import clean_name, iso_date, load_json, to_amount

NAME = "usaspending"
VERSION = "1.1"
KINDS = ("usaspending",)

_SNIFF_MARKERS = ('"generated_unique_award_id"', '"generated_internal_id"', '"recipient_name"', '"Recipient Name"',
                  '"awarding_agency"', '"page_metadata"')
_SEARCH_DATE_FIELDS = ("Action Date", "Base Obligation Date", "Start Date", "Period of Performance Start Date",
                       "Issued Date")
_SEARCH_AMOUNT_FIELDS = ("Transaction Amount", "Award Amount", "Loan Value")
_NO_RECIPIENT = re.compile(r"^(redacted\b.*|multiple recipients?|miscellaneous foreign awardees|"
                           r"individual recipients?|private individual|unknown|n/?a)$", re.I)


def sniff(doc: Document) -> bool:
    head = doc.body[:8192]
    if not head or looks_binary(head):
        return False
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not text.startswith(("{", "[")) or '"ocid"' in text:
        return False
    return sum(1 for m in _SNIFF_MARKERS if m in text) >= 2


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def agency_names(toptier: str | None, subtier: str | None) -> tuple[str | None, str | None]:
    """(buyer, awarding agency): the notice's buyer is the top-tier agency, the award's the sub-tier agency that
    made it; each stands for the other when one is missing."""
    return toptier or subtier, subtier or toptier


def _listed(*names: str | None) -> list[str]:
    return [name for name in dict.fromkeys(names) if name]


def recipient_name(value: Any) -> str | None:
    """A recipient as written; None for the placeholders that stand for no named recipient."""
    name = clean_name(value)
    return None if name and _NO_RECIPIENT.match(name) else name


def _award_amount(detail: dict) -> tuple[Decimal | None, str]:
    for field in ("total_obligation", "base_exercised_options", "total_funding", "base_and_all_options",
                  "total_loan_value"):
        amount = to_amount(detail.get(field))
        if amount is not None:
            return amount, field
    return None, ""


def detail_notice(detail: dict) -> Notice:
    awarding = _dict(detail.get("awarding_agency"))
    buyer, agency = agency_names(clean_name(_dict(awarding.get("toptier_agency")).get("name")),
                                 clean_name(_dict(awarding.get("subtier_agency")).get("name")))
    recipient = _dict(detail.get("recipient"))
    vendor = recipient_name(recipient.get("recipient_name"))
    amount, amount_field = _award_amount(detail)
    period = _dict(detail.get("period_of_performance"))
    date = iso_date(detail.get("date_signed"))
    date_field = "date_signed"
    if not date:
        date, date_field = iso_date(period.get("start_date")), "period_of_performance.start_date"
    key = clean_name(str(detail.get("generated_unique_award_id") or "")) or str(detail.get("id") or "unknown")
    awards = []
    if vendor or clean_name(recipient.get("recipient_name")):
        awards.append(_usd_award(vendor, agency, f"recipient.recipient_name={clean_name(recipient.get('recipient_name'))}",
                                 amount, amount_field, date, date_field, confidence=0.95))
    category = str(detail.get("category") or "").lower()
    return Notice(
        notice_key=key, notice_type="contract" if category in ("idv", "contract") else "award",
        title=clean_name(detail.get("description")), project_name=clean_name(detail.get("description")),
        project_code=clean_name(str(detail.get("piid") or detail.get("fain") or detail.get("uri") or "")),
        buyer_raw=buyer, published_at=date, awards=for_each_buyer(awards, _listed(buyer, agency)),
        buyers=_listed(buyer, agency),
    )


def _usd_award(vendor, agency, vendor_evidence: str, amount, amount_field, date, date_field, confidence: float) -> Award:
    """An award in USD whose evidence names each field it was read from."""
    evidence = vendor_evidence
    if amount is not None:
        evidence += f"; {amount_field}={amount}"
    if date:
        evidence += f"; {date_field}={date}"
    return Award(vendor_raw=vendor, agency_raw=agency, amount=amount, currency="USD" if amount is not None else None,
                 amount_raw=str(amount) if amount is not None else None, date=date, status="active",
                 evidence=evidence, confidence=confidence)


def search_notice(row: dict, index: int) -> Notice | None:
    written = clean_name(row.get("Recipient Name"))
    vendor = recipient_name(written)
    buyer, agency = agency_names(clean_name(row.get("Awarding Agency")), clean_name(row.get("Awarding Sub Agency")))
    amount_field = next((f for f in _SEARCH_AMOUNT_FIELDS if to_amount(row.get(f)) is not None), None)
    amount = to_amount(row.get(amount_field)) if amount_field else None
    date_field = next((f for f in _SEARCH_DATE_FIELDS if iso_date(row.get(f))), None)
    date = iso_date(row.get(date_field)) if date_field else None
    key = clean_name(str(row.get("generated_internal_id") or "")) or clean_name(str(row.get("Award ID") or ""))
    if not key and not written:
        return None
    modification = clean_name(str(row["Mod"])) if row.get("Mod") not in (None, "") else None
    if key and modification is not None:  # a transaction: one of several actions on the award
        key = f"{key}:{modification}"
    awards = []
    if written:
        awards.append(_usd_award(vendor, agency, f"results[{index}].Recipient Name={written}",
                                 amount, amount_field, date, date_field, confidence=0.9))
    notice_type = "modification" if modification not in (None, "0") else "award"
    return Notice(notice_key=key or f"result-{index}", notice_type=notice_type,
                  title=clean_name(row.get("Description")), project_name=clean_name(row.get("Description")),
                  project_code=clean_name(str(row.get("Award ID") or "")), buyer_raw=buyer, buyers=_listed(buyer, agency),
                  published_at=date, awards=for_each_buyer(awards, _listed(buyer, agency)))


def parse(doc: Document) -> ParseResult:
    data = load_json(doc.body, doc.declared_encoding)
    if isinstance(data, dict) and ("recipient" in data or "generated_unique_award_id" in data):
        notices = [detail_notice(data)]
        seen = unread(data, READ_DETAIL)
    elif isinstance(data, dict) and isinstance(data.get("results"), list):
        rows = [r for r in data["results"] if isinstance(r, dict)]
        notices = [n for n in (search_notice(r, i) for i, r in enumerate(data["results"]) if isinstance(r, dict))
                   if n is not None]
        seen = unread((k for r in rows for k in r), READ_SEARCH, "results[].")
    else:
        raise ParseError("JSON is neither a USAspending award detail nor a spending_by_award results page")
    return ParseResult(parser=NAME, parser_version=VERSION, title=notices[0].title if notices else None,
                       published_at=notices[0].published_at if notices else None, language="en", notices=notices,
                       unread_fields=seen)


# What the parser reads; the rest of what it sees is reported as unread.
READ_DETAIL = {"id", "generated_unique_award_id", "category", "description", "piid", "fain", "uri", "awarding_agency",
               "recipient", "period_of_performance", "date_signed", "total_obligation", "base_exercised_options",
               "total_funding", "base_and_all_options", "total_loan_value"}
READ_SEARCH = {"internal_id", "generated_internal_id", "Award ID", "Mod", "Recipient Name", "Awarding Agency",
               "Awarding Sub Agency", "Description", *_SEARCH_DATE_FIELDS, *_SEARCH_AMOUNT_FIELDS}
