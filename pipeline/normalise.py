"""Parse results -> warehouse-ready rows: canonical organisations, ISO money + USD, stable keys.

Keys are hashes of what identifies a fact (source, notice key, lot, vendor, evidence), never of
when it was seen, so the same document parsed twice gives identical rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from .fx import to_usd
from urllib.parse import urlsplit

from .orgs import Organization, OrgResolver, clean_display, default_resolver, is_generic, name_key
from .records import Document, ParseResult


def stable_id(prefix: str, *parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}"


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class Rows:
    """Rows for each warehouse table, as plain dicts."""

    organizations: dict[str, dict] = field(default_factory=dict)
    org_aliases: dict[tuple[str, str], dict] = field(default_factory=dict)
    notices: list[dict] = field(default_factory=list)
    awards: list[dict] = field(default_factory=list)
    relationships: list[dict] = field(default_factory=list)
    amount_mentions: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in ("organizations", "org_aliases", "notices", "awards", "relationships", "amount_mentions")}


class Normaliser:
    def __init__(self, resolver: OrgResolver | None = None):
        self.resolver = resolver or default_resolver()

    def org(self, rows: Rows, raw: str | None, kind: str, scope: str = "") -> Organization | None:
        if not raw or not clean_display(raw):
            return None
        if is_generic(raw):
            # "the city" of one article is not "the city" of another: one organisation per document.
            host = urlsplit(scope).netloc or scope
            org = Organization(stable_id("org", name_key(raw), scope), f"{clean_display(raw)} ({host})", kind)
        else:
            org = self.resolver.resolve(raw, kind)
        rows.organizations.setdefault(org.org_id, {
            "org_id": org.org_id, "name": org.name, "name_zh": org.name_zh, "kind": org.kind,
            "country": org.country, "region": org.region,
        })
        alias = clean_display(raw)
        rows.org_aliases.setdefault((alias, org.org_id), {"alias": alias, "org_id": org.org_id})
        return org

    def rows(self, doc: Document, result: ParseResult) -> Rows:
        rows = Rows()
        doc_id = doc.doc_id
        for notice in result.notices:
            notice_id = stable_id("notice", doc.source_id or doc.url, notice.notice_key)
            buyer = self.org(rows, notice.buyer_raw, "agency")
            agent = self.org(rows, notice.agent_raw, "agent")
            published = notice.published_at or result.published_at
            rows.notices.append({
                "notice_id": notice_id, "doc_id": doc_id, "source_id": doc.source_id, "notice_type": notice.notice_type,
                "title": notice.title or result.title, "project_name": notice.project_name, "project_code": notice.project_code,
                "buyer_org_id": buyer.org_id if buyer else None, "buyer_raw": notice.buyer_raw,
                "agent_org_id": agent.org_id if agent else None, "agent_raw": notice.agent_raw,
                "published_at": published, "region": notice.region, "budget": _num(notice.budget),
                "budget_currency": notice.budget_currency, "source_url": doc.url,
            })
            for index, award in enumerate(notice.awards):
                vendor = self.org(rows, award.vendor_raw, "vendor", doc.url)
                agency_raw = award.agency_raw or notice.buyer_raw
                agency = self.org(rows, agency_raw, "agency", doc.url)
                when = award.date or published
                usd, rate_date = to_usd(award.amount, award.currency, when or doc.fetched_at)
                rows.awards.append({
                    "award_id": stable_id("award", notice_id, award.lot, award.vendor_raw, award.amount, index),
                    "notice_id": notice_id, "doc_id": doc_id,
                    "vendor_org_id": vendor.org_id if vendor else None, "agency_org_id": agency.org_id if agency else None,
                    "vendor_raw": award.vendor_raw, "agency_raw": agency_raw,
                    "amount": _num(award.amount), "currency": award.currency, "amount_raw": award.amount_raw,
                    "amount_usd": usd, "fx_rate_date": rate_date, "date": when, "lot": award.lot, "status": award.status,
                    "evidence": award.evidence, "confidence": award.confidence, "source_url": doc.url,
                })
        for rel in result.relationships:
            vendor = self.org(rows, rel.vendor_raw, "vendor", doc.url)
            agency = self.org(rows, rel.agency_raw, "agency", doc.url)
            if not (vendor and agency):
                continue
            relation = "denial" if rel.negated else rel.relation
            rows.relationships.append({
                "relationship_id": stable_id("rel", doc_id, vendor.org_id, agency.org_id, relation, rel.evidence),
                "vendor_org_id": vendor.org_id, "agency_org_id": agency.org_id, "vendor_raw": rel.vendor_raw,
                "agency_raw": rel.agency_raw, "relation": relation, "negated": rel.negated, "doc_id": doc_id,
                "evidence": rel.evidence, "confidence": rel.confidence, "method": rel.method,
                "date": rel.date or result.published_at, "source_url": doc.url,
            })
        for index, mention in enumerate(result.amounts):
            vendor = self.org(rows, mention.vendor_raw, "vendor", doc.url)
            agency = self.org(rows, mention.agency_raw, "agency", doc.url)
            when = mention.date or result.published_at or (str(mention.year) if mention.year else None)
            usd, rate_date = to_usd(mention.value, mention.currency, when or doc.fetched_at)
            rows.amount_mentions.append({
                "mention_id": stable_id("amount", doc_id, mention.raw, mention.evidence, index),
                "doc_id": doc_id, "raw": mention.raw, "value": _num(mention.value), "currency": mention.currency,
                "value_usd": usd, "fx_rate_date": rate_date, "qualifier": mention.qualifier, "subject": mention.subject,
                "attributed_to": mention.attributed_to, "year": mention.year, "kind": mention.kind,
                "vendor_org_id": vendor.org_id if vendor else None, "agency_org_id": agency.org_id if agency else None,
                "evidence": mention.evidence, "confidence": mention.confidence, "source_url": doc.url,
            })
        return rows
