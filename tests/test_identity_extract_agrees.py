"""`procwatch extract` and the warehouse agree on every field, for every corpus document.

Each document is parsed once, printed as `extract` records and loaded into its own real DuckDB
warehouse; every record is then compared field by field with the row the warehouse holds.
"""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from corpus_gold import CORPUS
from pipeline.extract import records
from pipeline.normalise import Normaliser
from pipeline.parse import parse_document
from pipeline.records import Document, ParseError
from warehouse.db import migrate
from warehouse.load import load_batch


def _corpus_files() -> list:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="corpus ../shared/corpus not present"))]
    with open(manifest, encoding="utf-8", newline="") as fh:
        return [pytest.param(r["file"], r["kind"], id=r["file"]) for r in csv.DictReader(fh, delimiter="\t")]


def _plain(value):
    """Warehouse values as `extract` prints them: DECIMAL as a number, DATE as ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


AWARD_SQL = """
SELECT a.award_id, v.name AS vendor, g.name AS agency, a.vendor_raw, a.agency_raw, a.amount, a.currency, a.amount_usd,
       a.fx_source, a.fx_rate_date, a.fx_flag, a.date, a.evidence, a.source_url AS source, a.confidence, a.lot,
       a.document_status AS status, a.decision_date, a.published_at, a.flags, n.notice_type, n.project_code, n.agent_raw,
       coalesce(n.project_name, n.title) AS subject
FROM awards a JOIN notices n USING (notice_id)
LEFT JOIN organizations v ON v.org_id = a.vendor_org_id LEFT JOIN organizations g ON g.org_id = a.agency_org_id"""
RELATIONSHIP_SQL = """
SELECT r.relationship_id, v.name AS vendor, g.name AS agency, r.vendor_raw, r.agency_raw, r.relation, r.date,
       r.evidence, r.source_url AS source, r.confidence, r.method
FROM relationships r JOIN organizations v ON v.org_id = r.vendor_org_id JOIN organizations g ON g.org_id = r.agency_org_id
WHERE NOT r.negated"""
AMOUNT_SQL = """
SELECT m.mention_id, v.name AS vendor, g.name AS agency, m.vendor_raw, m.agency_raw, m.value AS amount, m.currency,
       m.value_usd AS amount_usd, m.fx_source, m.fx_rate_date, m.fx_flag,
       coalesce(CAST(m.date AS TEXT), CAST(m.year AS TEXT)) AS date, m.subject, m.attributed_to, m.evidence,
       m.source_url AS source, m.confidence, m.raw, m.also_written, m.qualifier, m.kind, m.year
FROM amount_mentions m
LEFT JOIN organizations v ON v.org_id = m.vendor_org_id LEFT JOIN organizations g ON g.org_id = m.agency_org_id"""


def _warehouse_rows(con, sql: str) -> list[dict]:
    result = con.execute(sql)
    names = [d[0] for d in result.description]
    return [{k: _plain(v) for k, v in zip(names, row)} for row in result.fetchall()]


def _keyed(rows: list[dict], fields: list[str]) -> list[tuple]:
    return sorted((tuple((f, row.get(f)) for f in fields) for row in rows), key=repr)


@pytest.mark.parametrize("name, kind", _corpus_files())
def test_extract_and_warehouse_agree_on_every_field(name, kind):
    path = CORPUS / name
    doc = Document(url=path.resolve().as_uri(), body=path.read_bytes(), kind=kind, source_id="corpus")
    try:
        result = parse_document(doc)
    except ParseError:
        pytest.skip(f"{name}: a recorded parse failure, no rows either way")
    printed = records(doc, result)
    rows = Normaliser().rows(doc, result)
    con = duckdb.connect(":memory:")
    migrate(con)
    load_batch(con, {
        "documents": [{"doc_id": doc.doc_id, "url": doc.url, "source_id": "corpus", "status": "parsed"}],
        "organizations": list(rows.organizations.values()), "org_aliases": list(rows.org_aliases.values()),
        "notices": rows.notices, "awards": rows.awards, "relationships": rows.relationships,
        "amount_mentions": rows.amount_mentions,
    }, replace_docs=[doc.doc_id])
    for kind_name, sql in (("award", AWARD_SQL), ("relationship", RELATIONSHIP_SQL), ("amount", AMOUNT_SQL)):
        stored = _warehouse_rows(con, sql)
        shown = [r for r in printed if r["type"] == kind_name]
        fields = [f for f in stored[0] if not f.endswith("_id")] if stored else []
        assert len(shown) == len(stored), f"{name}: {len(shown)} {kind_name} records printed, {len(stored)} stored"
        assert _keyed(shown, fields) == _keyed(stored, fields), f"{name}: {kind_name} records differ"
    con.close()
