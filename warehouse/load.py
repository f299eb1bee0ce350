"""Idempotent bulk loads: records in, rows upserted on stable keys, one transaction per batch.

Rows travel as Arrow tables (warehouse.arrow_rows; DuckDB reads them without a per-row round
trip). A re-parsed document first loses the rows it produced before, so improved parsers replace,
never pile up. A committed batch is durable in DuckDB's write-ahead log; the table files are
written at the checkpoint that ends a night (sql/load_settings.sql says why).
After the rows land, the same transaction re-decides organisation merges (warehouse.identity)
and the award lifecycle (sql/lifecycle.sql), so totals never see a half-decided batch.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from .arrow_rows import arrow_table, rows_to_arrow, table_columns  # noqa: F401 (arrow_table: loaded from here too)
from .identity import reconcile

LIFECYCLE_SQL = Path(__file__).resolve().parent / "sql" / "lifecycle.sql"
LOAD_SETTINGS_SQL = LIFECYCLE_SQL.with_name("load_settings.sql")

KEYS = {
    "sources": ("source_id",),
    "documents": ("doc_id",),
    "parse_failures": ("doc_id", "parser"),
    "organizations": ("org_id",),
    "org_aliases": ("alias", "org_id"),
    "org_identifiers": ("scheme", "identifier", "org_id"),
    "notices": ("notice_id",),
    "notice_documents": ("notice_id", "doc_id"),
    "awards": ("award_id",),
    "relationships": ("relationship_id",),
    "amount_mentions": ("mention_id",),
    "run_sources": ("run_id", "source_id"),
    "runs": ("run_id",),
}
# Rows a document produces; replaced whole when the document is parsed again.
DERIVED = ("notices", "notice_documents", "awards", "relationships", "amount_mentions", "parse_failures", "org_identifiers")
# Columns an upsert keeps from the first load: when we first saw the document; merge decisions
# (rebuilt by warehouse.identity at the end of the batch).
KEEP_ON_UPDATE = {"documents": ("fetched_at",), "organizations": ("canonical_org_id",), "org_aliases": ()}


def _dedupe(table: str, rows: list[dict]) -> list[dict]:
    keys = KEYS[table]
    unique: dict[tuple, dict] = {}
    for row in rows:
        unique[tuple(row.get(k) for k in keys)] = row
    return list(unique.values())


def _keys_unique(table: str, staged: pa.Table) -> bool:
    keys = list(KEYS[table])
    if len(keys) == 1:
        return pc.count_distinct(staged[keys[0]], mode="all").as_py() == staged.num_rows
    return staged.select(keys).group_by(keys, use_threads=False).aggregate([]).num_rows == staged.num_rows


def _staged(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    """The batch as Arrow, one row per key (the last one given wins, as a re-sent record should)."""
    columns = table_columns(con, table)
    staged = rows_to_arrow(columns, rows)
    if _keys_unique(table, staged):
        return staged
    return rows_to_arrow(columns, _dedupe(table, rows))


def upsert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    if not rows:
        return 0
    staged = _staged(con, table, rows)
    name = f"staged_{table}"
    con.register(name, staged)
    try:
        keys = ", ".join(KEYS[table])
        if table in KEEP_ON_UPDATE:
            keep = set(KEYS[table]) | set(KEEP_ON_UPDATE[table])
            updates = ", ".join(f"{c} = excluded.{c}" for c in staged.column_names if c not in keep)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name} ON CONFLICT ({keys}) DO UPDATE SET {updates}")
        else:
            # Replace whole rows: deleting the staged keys then appending is far cheaper in DuckDB than
            # ON CONFLICT DO UPDATE, and gives the same table.
            match = " AND ".join(f"t.{k} = s.{k}" for k in KEYS[table])
            con.execute(f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM {name} s WHERE {match})")
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        con.unregister(name)
    return staged.num_rows


def _derived_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rows that travel inside others: identifiers inside organisations, documents inside notices."""
    out = dict(tables)
    identifiers = [{"org_id": org["org_id"], **entry} for org in tables.get("organizations", ())
                   for entry in org.get("identifiers") or ()]
    if identifiers:
        out["org_identifiers"] = list(tables.get("org_identifiers", ())) + identifiers
    links = [{"notice_id": n["notice_id"], "doc_id": n["doc_id"], "source_id": n.get("source_id"),
              "source_url": n.get("source_url")} for n in tables.get("notices", ())]
    if links:
        out["notice_documents"] = list(tables.get("notice_documents", ())) + links
    return out


def apply_lifecycle(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(LIFECYCLE_SQL.read_text(encoding="utf-8"))


def load_batch(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]], replace_docs: list[str] = ()) -> dict[str, int]:
    """Load one batch in one transaction. `replace_docs`: documents whose earlier derived rows go first."""
    tables = _derived_tables(tables)
    con.execute(LOAD_SETTINGS_SQL.read_text(encoding="utf-8"))
    con.execute("BEGIN TRANSACTION")
    try:
        if replace_docs:
            con.register("replaced_docs", pa.table({"doc_id": pa.array(list(replace_docs), pa.string())}))
            for table in DERIVED:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM replaced_docs)")
            con.unregister("replaced_docs")
        loaded = {table: upsert(con, table, rows) for table, rows in tables.items()}
        # Also when a run is recorded: an edited gazetteer or lookup file takes effect every night.
        if tables.get("organizations") or tables.get("org_aliases") or tables.get("runs"):
            reconcile(con)
        if tables.get("notices") or replace_docs:
            apply_lifecycle(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return loaded
