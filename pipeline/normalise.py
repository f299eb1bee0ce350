"""Parse results -> warehouse-ready rows: canonical organisations, ISO money + USD, stable keys.

This is the one normalisation path: `procwatch extract` prints these rows (pipeline.extract), the
warehouse loads them, so both give a notice the same names, dates, amounts and USD.

Keys are hashes of what identifies a fact, never of when or where it was seen: a notice published
by two portals (same project code, buyer, type and day) is one notice, and its awards one award each.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from .fx import Conversion, convert, parse_partial_date
from .orgs import Organization, OrgResolver, clean_display, default_resolver, fold, is_generic, name_key
from .records import AmountMention, Award, Document, Notice, ParseResult

# Parsers whose modification notices add to an award's obligations (US federal data) rather than restate it;
# TED modifications carry only the change (F20 value after − before), never the contract's full value again.
ADDITIVE_MODIFICATIONS = {"fpds", "usaspending", "ted"}


def stable_id(prefix: str, *parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}"


def iso_day(text: str | None) -> str | None:
    """A full ISO day ('2024-03-29'), or None for partial or unreadable dates."""
    day = parse_partial_date(text)
    return day.isoformat() if day and text and len(str(text).strip()) >= 10 else None


def procedure_code(text: str | None) -> str | None:
    """A project code as a key: width, case and spacing folded ('ＬＫＺＸ2025－CG013' = 'LKZX2025-CG013')."""
    if not text:
        return None
    key = "".join(fold(text).split()).upper()
    return key or None


_AMOUNT_QUANTUM = Decimal("0.0001")  # the warehouse's DECIMAL(38, 4)


def stored_amount(amount: Decimal | None) -> Decimal | None:
    """An amount as the warehouse stores it (four decimals), so `extract` prints the same figure."""
    if amount is None:
        return None
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    return value.quantize(_AMOUNT_QUANTUM, rounding=ROUND_HALF_UP) if value.is_finite() else None


@dataclass(frozen=True)
class Money:
    """An amount with its USD value and where the rate came from."""

    amount: Decimal | None
    currency: str | None
    usd: Decimal | None
    fx_source: str | None
    fx_rate_date: str | None
    fx_flag: str | None

    @classmethod
    def of(cls, amount: Decimal | None, currency: str | None, on: str | None) -> "Money":
        """USD at the rate of `on`. A document that states no date gets no USD (flag `fx_no_date`):
        the day it happened to be fetched says nothing about the rate of the deal."""
        conversion: Conversion = convert(amount, currency, on)
        flag = conversion.flag
        if conversion.usd is None and amount is not None and currency:
            flag = "fx_no_date" if on is None else "fx_no_rate"
        return cls(stored_amount(amount), currency.upper() if currency else None, conversion.usd, conversion.source,
                   conversion.rate_date.isoformat() if conversion.rate_date else None, flag)


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

    def org_name(self, org_id: str | None) -> str | None:
        return self.organizations[org_id]["name"] if org_id in self.organizations else None


def _identifiers(obj: object, name: str) -> dict[str, str]:
    value = getattr(obj, name, None)
    return dict(value) if isinstance(value, dict) else {}


def award_day(award: Award, published: str | None) -> str | None:
    """The date an award counts on: its decision date where the notice states one, else its own
    date, else the notice's publication date."""
    return iso_day(getattr(award, "decision_date", None)) or iso_day(award.date) or iso_day(published)


_STATUSES = {"active": "active", "pending": "pending", "cancelled": "cancelled", "canceled": "cancelled",
             "unsuccessful": "cancelled", "candidate": "candidate", "superseded": "superseded"}


def base_status(award: Award, notice: Notice) -> str:
    """The status one document gives an award; the warehouse may later mark it superseded."""
    if notice.notice_type == "candidate":
        return "candidate"
    return _STATUSES.get((award.status or "active").strip().lower(), "active")


_ATTRIBUTION = ("vendor_raw", "agency_raw", "subject", "attributed_to", "qualifier", "year", "date")


def same_figure(mentions: list[AmountMention]) -> list[tuple[AmountMention, list[str]]]:
    """One mention per figure: a document that states the same value in the same currency and role
    twice (headline and body, English and Chinese) states one figure. The kept mention takes the
    attribution (vendor, agency, subject, ...) any restatement adds. Returns (mention, other spellings)."""
    kept: dict[tuple, tuple[AmountMention, list[str]]] = {}
    for index, mention in enumerate(mentions):
        key = ((mention.value, (mention.currency or "").upper(), mention.kind) if mention.value is not None
               else ("unread", index))
        if key not in kept:
            kept[key] = (replace(mention), [])
            continue
        first, spellings = kept[key]
        if mention.raw != first.raw and mention.raw not in spellings:
            spellings.append(mention.raw)
        for name in _ATTRIBUTION:
            if getattr(first, name) is None and getattr(mention, name) is not None:
                setattr(first, name, getattr(mention, name))
        first.confidence = max(first.confidence, mention.confidence)
    return list(kept.values())


class Normaliser:
    def __init__(self, resolver: OrgResolver | None = None):
        self.resolver = resolver or default_resolver()

    def org(self, rows: Rows, raw: str | None, kind: str, scope: str = "", identifiers: dict[str, str] | None = None,
            doc_id: str | None = None) -> Organization | None:
        if not raw or not clean_display(raw):
            return None
        if is_generic(raw):
            # "the city" of one article is not "the city" of another: one organisation per document.
            host = urlsplit(scope).netloc or scope
            key = name_key(raw)
            org = Organization(stable_id("org", key, scope), f"{clean_display(raw)} ({host})", kind, key=f"{key} ({host})")
            reason, score = "generic_in_document", 1.0
        else:
            resolution = self.resolver.resolution(raw, kind, identifiers)
            org, reason, score = resolution.org, resolution.reason, resolution.score
        row = rows.organizations.setdefault(org.org_id, {
            "org_id": org.org_id, "name": org.name, "name_zh": org.name_zh, "kind": org.kind,
            "country": org.country, "region": org.region, "name_key": org.key, "known": org.known,
            "identifiers": [],
        })
        for scheme, value in org.identifiers:
            entry = {"scheme": scheme, "identifier": value, "doc_id": doc_id}
            if entry not in row["identifiers"]:
                row["identifiers"].append(entry)
        alias = clean_display(raw)
        rows.org_aliases.setdefault((alias, org.org_id), {"alias": alias, "org_id": org.org_id, "reason": reason,
                                                          "score": score, "via": "resolved"})
        return org

    def rows(self, doc: Document, result: ParseResult) -> Rows:
        rows = Rows()
        for notice in result.notices:
            self._notice(rows, doc, result, notice)
        seen_relationships: set[str] = set()
        for rel in result.relationships:
            vendor = self.org(rows, rel.vendor_raw, "vendor", doc.url, doc_id=doc.doc_id)
            agency = self.org(rows, rel.agency_raw, "agency", doc.url, doc_id=doc.doc_id)
            if not (vendor and agency):
                continue
            relation = "denial" if rel.negated else rel.relation
            # Two spellings of one vendor in one sentence ("Axon, formerly Taser") keep a row each: the
            # spelling is the evidence; the views name the one canonical vendor.
            relationship_id = stable_id("rel", doc.doc_id, vendor.org_id, agency.org_id, relation, rel.evidence,
                                        clean_display(rel.vendor_raw), clean_display(rel.agency_raw))
            if relationship_id in seen_relationships:
                continue
            seen_relationships.add(relationship_id)
            rows.relationships.append({
                "relationship_id": relationship_id,
                "vendor_org_id": vendor.org_id, "agency_org_id": agency.org_id, "vendor_raw": rel.vendor_raw,
                "agency_raw": rel.agency_raw, "relation": relation, "negated": rel.negated, "doc_id": doc.doc_id,
                "evidence": rel.evidence, "confidence": rel.confidence, "method": rel.method,
                "date": iso_day(rel.date or result.published_at), "source_url": doc.url,
            })
        for mention, also in same_figure(result.amounts):
            vendor = self.org(rows, mention.vendor_raw, "vendor", doc.url, doc_id=doc.doc_id)
            agency = self.org(rows, mention.agency_raw, "agency", doc.url, doc_id=doc.doc_id)
            day = iso_day(mention.date) or iso_day(result.published_at)
            money = Money.of(mention.value, mention.currency, day or (str(mention.year) if mention.year else None))
            rows.amount_mentions.append({
                "mention_id": stable_id("amount", doc.doc_id, mention.value, mention.currency, mention.kind, mention.raw),
                "doc_id": doc.doc_id, "raw": mention.raw, "also_written": " | ".join(also) or None,
                "value": money.amount, "currency": money.currency, "value_usd": money.usd, "fx_source": money.fx_source,
                "fx_rate_date": money.fx_rate_date, "fx_flag": money.fx_flag, "date": day,
                "qualifier": mention.qualifier, "subject": mention.subject, "attributed_to": mention.attributed_to,
                "year": mention.year, "kind": mention.kind,
                "vendor_org_id": vendor.org_id if vendor else None, "agency_org_id": agency.org_id if agency else None,
                "vendor_raw": mention.vendor_raw, "agency_raw": mention.agency_raw,
                "evidence": mention.evidence, "confidence": mention.confidence, "source_url": doc.url,
            })
        return rows

    def _notice(self, rows: Rows, doc: Document, result: ParseResult, notice: Notice) -> None:
        buyer = self.org(rows, notice.buyer_raw, "agency", identifiers=_identifiers(notice, "buyer_identifiers"),
                         doc_id=doc.doc_id)
        agent = self.org(rows, notice.agent_raw, "agent", doc_id=doc.doc_id)
        published = iso_day(notice.published_at) or iso_day(result.published_at)
        procedure = procedure_code(getattr(notice, "procedure_id", None) or notice.project_code)
        if procedure and buyer:
            # The same notice on two portals: same procedure, buyer, type and day.
            notice_id = stable_id("notice", procedure, buyer.org_id, notice.notice_type, published)
        else:
            notice_id = stable_id("notice", doc.source_id or doc.url, notice.notice_key)
        budget = Money.of(notice.budget, notice.budget_currency, published)
        rows.notices.append({
            "notice_id": notice_id, "doc_id": doc.doc_id, "source_id": doc.source_id, "notice_type": notice.notice_type,
            "title": notice.title or result.title, "project_name": notice.project_name, "project_code": notice.project_code,
            "procedure_code": procedure, "notice_key": notice.notice_key,
            "buyer_org_id": buyer.org_id if buyer else None, "buyer_raw": notice.buyer_raw,
            "agent_org_id": agent.org_id if agent else None, "agent_raw": notice.agent_raw,
            "published_at": published, "region": notice.region, "budget": budget.amount,
            "budget_currency": budget.currency, "budget_usd": budget.usd,
            "additive": notice.notice_type == "modification" and result.parser in ADDITIVE_MODIFICATIONS,
            "source_url": doc.url,
        })
        seen: dict[tuple, int] = {}
        for award in notice.awards:
            agency_raw = award.agency_raw or notice.buyer_raw
            vendor = self.org(rows, award.vendor_raw, "vendor", doc.url, _identifiers(award, "identifiers"), doc.doc_id)
            agency = self.org(rows, agency_raw, "agency", doc.url,
                              None if award.agency_raw else _identifiers(notice, "buyer_identifiers"), doc.doc_id)
            day = award_day(award, published)
            link_only = bool(getattr(award, "buyer_link_only", False))
            # A joint buyer's link to the winner: the amount is counted once, on the first buyer's award.
            money = Money.of(None if link_only else award.amount, award.currency, day)
            identity = (award.lot, vendor.org_id if vendor else award.vendor_raw, award.amount, agency.org_id if agency else None)
            seen[identity] = seen.get(identity, -1) + 1
            status = base_status(award, notice)
            flags = list(getattr(award, "flags", None) or []) + (["buyer_link_only"] if link_only else [])
            if money.fx_flag:
                flags.append(money.fx_flag)
            rows.awards.append({
                "award_id": stable_id("award", notice_id, *identity, seen[identity]),
                "notice_id": notice_id, "doc_id": doc.doc_id,
                "vendor_org_id": vendor.org_id if vendor else None, "agency_org_id": agency.org_id if agency else None,
                "vendor_raw": award.vendor_raw, "agency_raw": agency_raw,
                "amount": money.amount, "currency": money.currency, "amount_raw": award.amount_raw,
                "amount_usd": money.usd, "fx_source": money.fx_source, "fx_rate_date": money.fx_rate_date,
                "fx_flag": money.fx_flag, "date": day, "decision_date": iso_day(getattr(award, "decision_date", None)),
                "published_at": published, "lot": award.lot, "status": award.status,
                "document_status": status, "award_status": status,
                "flags": ",".join(flags) or None, "evidence": award.evidence, "confidence": award.confidence,
                "source_url": doc.url,
            })


def as_number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
