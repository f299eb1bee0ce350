"""Idempotent bulk loads: records in, rows upserted on stable keys, one transaction per batch.

Rows travel as Arrow tables (DuckDB reads them without a per-row round trip). A re-parsed
document first loses the rows it produced before, so improved parsers replace, never pile up.
"""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb
import pyarrow as pa

KEYS = {
    "sources": ("source_id",),
    "documents": ("doc_id",),
    "parse_failures": ("doc_id", "parser"),
    "organizations": ("org_id",),
    "org_aliases": ("alias", "org_id"),
    "notices": ("notice_id",),
    "awards": ("award_id",),
    "relationships": ("relationship_id",),
    "amount_mentions": ("mention_id",),
    "run_sources": ("run_id", "source_id"),
    "runs": ("run_id",),
}
# Rows a document produces; replaced whole when the document is parsed again.
DERIVED = ("notices", "awards", "relationships", "amount_mentions", "parse_failures")
# Organisations are shared across documents: the first spelling wins, later loads never rename them.
INSERT_ONLY = ("organizations", "org_aliases")
# Columns an upsert keeps from the first load (when we first saw the document).
KEEP_ON_UPDATE = {"documents": ("fetched_at",)}

_TYPES = {"TIMESTAMP": pa.timestamp("us"), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "JSON": pa.string(), "VARCHAR": pa.string()}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


def _coerce(value, data_type: str):
    if value is None:
        return None
    if data_type == "TIMESTAMP" and isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
    return value


def arrow_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    columns = _columns(con, table)
    schema = pa.schema([(name, _TYPES.get(dtype, pa.string())) for name, dtype in columns])
    data = {}
    for name, dtype in columns:
        values = [row.get(name) for row in rows]
        if dtype == "TIMESTAMP":  # only timestamps arrive as text; everything else is already its type
            values = [_coerce(v, dtype) for v in values]
        data[name] = values
    return pa.table(data, schema=schema)


def _dedupe(table: str, rows: list[dict]) -> list[dict]:
    keys = KEYS[table]
    unique: dict[tuple, dict] = {}
    for row in rows:
        unique[tuple(row.get(k) for k in keys)] = row
    return list(unique.values())


def upsert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> int:
    if not rows:
        return 0
    rows = _dedupe(table, rows)
    staged = arrow_table(con, table, rows)
    name = f"staged_{table}"
    con.register(name, staged)
    try:
        keys = ", ".join(KEYS[table])
        if table in INSERT_ONLY:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name} ON CONFLICT ({keys}) DO NOTHING")
        elif table in KEEP_ON_UPDATE:
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
    return len(rows)


def load_batch(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]], replace_docs: list[str] = ()) -> dict[str, int]:
    """Load one batch in one transaction. `replace_docs`: documents whose earlier derived rows go first."""
    con.execute("BEGIN TRANSACTION")
    try:
        if replace_docs:
            con.register("replaced_docs", pa.table({"doc_id": pa.array(list(replace_docs), pa.string())}))
            for table in DERIVED:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM replaced_docs)")
            con.unregister("replaced_docs")
        loaded = {table: upsert(con, table, rows) for table, rows in tables.items()}
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return loaded
