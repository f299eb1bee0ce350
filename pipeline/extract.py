"""Parse results -> the `procwatch extract` JSON Lines records (contract in DESIGN.md).

Records are the warehouse rows of `pipeline.normalise` printed as JSON, so `extract` and the
warehouse always agree on names, dates, amounts and USD.
"""
from __future__ import annotations

from .normalise import Normaliser, Rows, as_number
from .orgs import OrgResolver
from .records import Document, ParseResult


def _money(row: dict, amount: str, usd: str) -> dict:
    return {"amount": as_number(row[amount]), "currency": row["currency"], "amount_usd": as_number(row[usd]),
            "fx_source": row["fx_source"], "fx_rate_date": row["fx_rate_date"], "fx_flag": row["fx_flag"]}


def _award(rows: Rows, row: dict, notice: dict) -> dict:
    return {
        "type": "award", "vendor": rows.org_name(row["vendor_org_id"]), "agency": rows.org_name(row["agency_org_id"]),
        "vendor_raw": row["vendor_raw"], "agency_raw": row["agency_raw"], "relation": "contract",
        **_money(row, "amount", "amount_usd"), "date": row["date"],
        "subject": notice["project_name"] or notice["title"], "attributed_to": None,
        "evidence": row["evidence"], "source": row["source_url"], "confidence": row["confidence"],
        "lot": row["lot"], "status": row["document_status"], "decision_date": row["decision_date"],
        "published_at": row["published_at"], "flags": row["flags"], "notice_type": notice["notice_type"],
        "project_code": notice["project_code"], "agent_raw": notice["agent_raw"],
    }


def _relationship(rows: Rows, row: dict) -> dict:
    return {
        "type": "relationship", "vendor": rows.org_name(row["vendor_org_id"]), "agency": rows.org_name(row["agency_org_id"]),
        "vendor_raw": row["vendor_raw"], "agency_raw": row["agency_raw"], "relation": row["relation"],
        "amount": None, "currency": None, "amount_usd": None, "date": row["date"],
        "subject": None, "attributed_to": None, "evidence": row["evidence"], "source": row["source_url"],
        "confidence": row["confidence"], "method": row["method"],
    }


def _amount(rows: Rows, row: dict) -> dict:
    money = _money({**row, "amount": row["value"]}, "amount", "value_usd")
    return {
        "type": "amount", "vendor": rows.org_name(row["vendor_org_id"]), "agency": rows.org_name(row["agency_org_id"]),
        "vendor_raw": row["vendor_raw"], "agency_raw": row["agency_raw"], "relation": None,
        **money, "date": row["date"] or (str(row["year"]) if row["year"] else None),
        "subject": row["subject"], "attributed_to": row["attributed_to"], "evidence": row["evidence"],
        "source": row["source_url"], "confidence": row["confidence"], "raw": row["raw"],
        "also_written": row["also_written"], "qualifier": row["qualifier"], "kind": row["kind"], "year": row["year"],
    }


def records(doc: Document, result: ParseResult, resolver: OrgResolver | None = None) -> list[dict]:
    rows = Normaliser(resolver).rows(doc, result)
    notices = {n["notice_id"]: n for n in rows.notices}
    out = [_award(rows, row, notices[row["notice_id"]]) for row in rows.awards]
    # Denials stay in the warehouse (relation 'denial'); they are never printed as links.
    out += [_relationship(rows, row) for row in rows.relationships if not row["negated"]]
    out += [_amount(rows, row) for row in rows.amount_mentions]
    return out
