"""Parse results -> the `procwatch extract` JSON Lines records (contract in DESIGN.md)."""
from __future__ import annotations

from .fx import to_usd
from .normalise import _num
from .orgs import OrgResolver, default_resolver
from .records import Document, ParseResult


def _canonical(resolver: OrgResolver, raw: str | None, kind: str) -> str | None:
    return resolver.resolve(raw, kind).name if raw and raw.strip() else None


def records(doc: Document, result: ParseResult, resolver: OrgResolver | None = None) -> list[dict]:
    resolver = resolver or default_resolver()
    out: list[dict] = []
    for notice in result.notices:
        published = notice.published_at or result.published_at
        for award in notice.awards:
            agency_raw = award.agency_raw or notice.buyer_raw
            when = award.date or published
            usd, _ = to_usd(award.amount, award.currency, when)
            out.append({
                "type": "award",
                "vendor": _canonical(resolver, award.vendor_raw, "vendor"),
                "agency": _canonical(resolver, agency_raw, "agency"),
                "vendor_raw": award.vendor_raw, "agency_raw": agency_raw, "relation": "contract",
                "amount": _num(award.amount), "currency": award.currency, "amount_usd": usd, "date": when,
                "subject": notice.project_name or notice.title, "attributed_to": None,
                "evidence": award.evidence, "source": doc.url, "confidence": award.confidence,
                "lot": award.lot, "notice_type": notice.notice_type, "project_code": notice.project_code,
                "agent_raw": notice.agent_raw,
            })
    for rel in result.relationships:
        if rel.negated:
            continue  # denials are kept in the warehouse (relation 'denial'), never printed as links
        out.append({
            "type": "relationship",
            "vendor": _canonical(resolver, rel.vendor_raw, "vendor"),
            "agency": _canonical(resolver, rel.agency_raw, "agency"),
            "vendor_raw": rel.vendor_raw, "agency_raw": rel.agency_raw, "relation": rel.relation,
            "amount": None, "currency": None, "amount_usd": None, "date": rel.date or result.published_at,
            "subject": None, "attributed_to": None, "evidence": rel.evidence, "source": doc.url,
            "confidence": rel.confidence, "method": rel.method,
        })
    for mention in result.amounts:
        when = mention.date or result.published_at or (str(mention.year) if mention.year else None)
        usd, _ = to_usd(mention.value, mention.currency, when)
        out.append({
            "type": "amount",
            "vendor": _canonical(resolver, mention.vendor_raw, "vendor"),
            "agency": _canonical(resolver, mention.agency_raw, "agency"),
            "vendor_raw": mention.vendor_raw, "agency_raw": mention.agency_raw, "relation": None,
            "amount": _num(mention.value), "currency": mention.currency, "amount_usd": usd, "date": when,
            "subject": mention.subject, "attributed_to": mention.attributed_to, "evidence": mention.evidence,
            "source": doc.url, "confidence": mention.confidence, "raw": mention.raw, "qualifier": mention.qualifier,
            "kind": mention.kind, "year": mention.year,
        })
    return out
