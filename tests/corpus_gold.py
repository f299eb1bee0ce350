"""Shared by the parser tests: the development corpus rows of a kind and checks against their gold."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.evaluate import dates_match, gold_amounts, gold_names, names_match
from pipeline.records import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def parse_corpus_file(parser, name: str, kind: str):
    """Parse one corpus document with `parser` (a pipeline.parsers module); skip when the corpus is absent."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus ../shared/corpus not present")
    return parser.parse(Document(url=path.as_uri(), body=path.read_bytes(), kind=kind))


def corpus_rows(kind: str, date_conflicts: set[str] = frozenset()) -> list:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason="corpus ../shared/corpus not present"))]
    with open(manifest, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["kind"] == kind]
    return [pytest.param(r, id=r["file"], marks=[pytest.mark.xfail(strict=True, reason="gold date conflict")]
                         if r["file"] in date_conflicts else []) for r in rows]


def all_awards(result):
    return [(notice, award) for notice in result.notices for award in notice.awards]


def _matches_some(value: str, gold: list[list[str]]) -> bool:
    return any(names_match(value, alt) for g in gold for alt in g)


def assert_gold_fields(row: dict, result) -> None:
    pairs = all_awards(result)
    vendors = {a.vendor_raw for _, a in pairs if a.vendor_raw}
    agencies = {a.agency_raw or n.buyer_raw for n, a in pairs} | {n.buyer_raw for n in result.notices if n.buyer_raw}
    agencies.discard(None)
    gold_vendors, gold_buyers = gold_names(row["gold_vendors"]), gold_names(row["gold_buyers"])
    for g in gold_vendors:
        assert any(names_match(v, alt) for v in vendors for alt in g), f"gold vendor {g[0]!r} not in {vendors}"
    for v in vendors:
        assert _matches_some(v, gold_vendors), f"reported vendor {v!r} is not a gold winner"
    for g in gold_buyers:
        assert any(names_match(b, alt) for b in agencies for alt in g), f"gold buyer {g[0]!r} not in {agencies}"
    for b in agencies:
        assert _matches_some(b, gold_buyers), f"reported buyer {b!r} is not a gold buyer"
    amounts = [float(a.amount) for _, a in pairs if a.amount is not None]
    figures = gold_amounts(row["gold_amount_as_written"])
    if not figures:
        assert amounts == [], "no award value is published, none may be reported"
    for figure in figures:
        assert any(abs(p - g) <= 0.005 * g for p in amounts for g in figure), f"gold amount {figure} not in {amounts}"
    for p in amounts:
        assert any(abs(p - g) <= 0.005 * g for f in figures for g in f), f"reported amount {p} is not a gold amount"
    currency = row["gold_currency"].strip().upper()
    if currency:
        assert {a.currency for _, a in pairs if a.amount is not None} == {currency}


def assert_gold_dates(row: dict, result) -> None:
    gold = row["gold_iso_date"].strip()
    dates = {a.date or n.published_at or result.published_at for n, a in all_awards(result)}
    assert dates, "no award, no date"
    assert all(d and dates_match(d, gold) for d in dates), f"dates {dates} != gold {gold}"
