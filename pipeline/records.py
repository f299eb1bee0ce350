"""Record types that parsers produce and loaders consume.

Parsers fill the *_raw fields with names exactly as written; normalisation
(`pipeline.normalise`) adds canonical organisation keys, ISO currencies and USD values.
Every record carries `evidence`: the sentence, or the field path and value, it came from.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Document:
    """One fetched document as a parser sees it."""

    url: str
    body: bytes
    kind: str | None = None  # source kind hint: ccgp_notice, ocds, ted, fpds, usaspending, news, press_release
    content_type: str | None = None
    declared_encoding: str | None = None
    source_id: str | None = None
    fetched_at: str | None = None

    @property
    def doc_id(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass
class Award:
    """One winning supplier's award (or contract line) in a notice."""

    vendor_raw: str | None
    agency_raw: str | None
    amount: Decimal | None = None  # whole currency units
    currency: str | None = None  # ISO 4217
    amount_raw: str | None = None  # as written
    date: str | None = None  # ISO 8601 date: award / contract date
    lot: str | None = None
    status: str | None = None  # e.g. active, unsuccessful, candidate
    evidence: str = ""  # field path and value, or sentence
    confidence: float = 1.0
    flags: list[str] = field(default_factory=list)  # plausibility: unit_mismatch_1e4, above_10x_budget, daxie_mismatch …
    decision_date: str | None = None  # ISO date of the award decision, where the notice states one
    identifiers: dict[str, str] = field(default_factory=dict)  # the supplier's ids: scheme -> id (CN-USCC, UEI, OCDS party id)
    consortium: list[str] = field(default_factory=list)  # every member of a joint winner (联合体, tenderer group), lead first
    rate: str | None = None  # a rate offer as written (下浮率 40%): an award priced by rate has no amount
    component: str | None = None  # the part of a price written in components (设计费, 建安工程费)
    buyer_link_only: bool = False  # another buyer's link to this winner; the amount is carried by the first buyer's award


@dataclass
class Notice:
    """A procurement notice (tender, award, contract) with its awards."""

    notice_key: str  # stable within the source: ocid/release id, project code, notice number, url
    notice_type: str  # award, tender, contract, modification, other
    title: str | None = None
    project_name: str | None = None
    project_code: str | None = None
    buyer_raw: str | None = None
    agent_raw: str | None = None  # procurement agent: never the buyer
    published_at: str | None = None
    region: str | None = None
    budget: Decimal | None = None
    budget_currency: str | None = None
    awards: list[Award] = field(default_factory=list)
    buyer_identifiers: dict[str, str] = field(default_factory=dict)  # scheme -> id
    procedure_id: str | None = None  # links tender, award and correction notices of one procedure
    buyers: list[str] = field(default_factory=list)  # every buyer when a notice names several (joint procurement)


@dataclass
class Relationship:
    """A vendor–agency link stated in prose."""

    vendor_raw: str
    agency_raw: str
    relation: str  # supplies, contract, cooperation, project, investment, ...
    evidence: str  # the sentence
    confidence: float
    method: str  # which rule or pattern found it
    negated: bool = False  # a denial ("does not do business with ...")
    date: str | None = None


@dataclass
class AmountMention:
    """A money figure in prose."""

    raw: str  # as written, e.g. "more than US$7.5-billion"
    value: Decimal | None
    currency: str | None
    evidence: str
    qualifier: str | None = None  # more than, almost, about, up to, ...
    subject: str | None = None  # what is spent or contracted
    attributed_to: str | None = None  # whose figure
    year: int | None = None
    kind: str = "other"  # contract, estimate, budget, revenue, other
    vendor_raw: str | None = None
    agency_raw: str | None = None
    date: str | None = None
    confidence: float = 0.5


@dataclass
class ParseResult:
    """Everything one parser found in one document."""

    parser: str
    parser_version: str
    title: str | None = None
    published_at: str | None = None
    language: str | None = None
    text: str | None = None  # main text, for prose documents
    notices: list[Notice] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    amounts: list[AmountMention] = field(default_factory=list)
    unread_fields: list[str] = field(default_factory=list)  # fields the parser saw but did not read (paths or labels)


class ParseError(Exception):
    """A document that this parser cannot read; becomes a parse_failures row."""
