"""Idempotent bulk loads: records in, rows upserted on stable keys, one transaction per batch.

Rows travel as Arrow tables (DuckDB reads them without a per-row round trip). A re-parsed
document first loses the rows it produced before, so improved parsers replace, never pile up.
After the rows land, the same transaction re-decides organisation merges (warehouse.identity)
and the award lifecycle (sql/lifecycle.sql), so totals never see a half-decided batch.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from .identity import reconcile

LIFECYCLE_SQL = Path(__file__).resolve().parent / "sql" / "lifecycle.sql"

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

_TYPES = {"TIMESTAMP": pa.timestamp("us"), "DOUBLE": pa.float64(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "BOOLEAN": pa.bool_(), "JSON": pa.string(), "VARCHAR": pa.string(), "DATE": pa.date32()}
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]


_TEXT_DEFAULT = re.compile(r"'([^']*)'")


def _text_defaults(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Columns with a text default ('active'): a row that does not carry the column gets it, not NULL."""
    rows = con.execute("SELECT column_name, column_default FROM information_schema.columns WHERE table_name = ?",
                       [table]).fetchall()
    return {name: m.group(1) for name, default in rows if default and (m := _TEXT_DEFAULT.fullmatch(default))}


def _arrow_type(data_type: str) -> pa.DataType:
    decimal = _DECIMAL.fullmatch(data_type)
    if decimal:
        return pa.decimal128(int(decimal.group(1)), int(decimal.group(2)))
    return _TYPES.get(data_type, pa.string())


def _timestamp(value):
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
    return value


def _date(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None  # a partial date ('2018') is no day
    return value.date() if isinstance(value, datetime) else value


def _decimal(scale: int):
    quantum = Decimal(1).scaleb(-scale)

    def convert(value):
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            return number.quantize(quantum, rounding=ROUND_HALF_UP) if number.is_finite() else None
        except (InvalidOperation, ValueError):
            return None
    return convert


def _coercer(arrow_type: pa.DataType):
    if pa.types.is_timestamp(arrow_type):
        return _timestamp
    if pa.types.is_date(arrow_type):
        return _date
    if pa.types.is_decimal(arrow_type):
        return _decimal(arrow_type.scale)
    return None


def arrow_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    columns = _columns(con, table)
    defaults = _text_defaults(con, table)
    types = [(name, _arrow_type(dtype)) for name, dtype in columns]
    data = {}
    for name, arrow_type in types:
        data[name] = _column([row.get(name, defaults.get(name)) for row in rows], arrow_type)
    return pa.table(data, schema=pa.schema(types))


def _column(values: list, arrow_type: pa.DataType):
    """Arrow converts whole columns when it can (ISO days, Decimals, floats); Python row by row otherwise."""
    coerce = _coercer(arrow_type)
    if coerce is None:
        return values
    try:
        if pa.types.is_date(arrow_type):
            return pc.cast(pa.array(values, pa.string()), arrow_type)
        if pa.types.is_decimal(arrow_type):
            try:
                return pa.array(values, arrow_type)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                return pc.cast(pa.array(values, pa.float64()), arrow_type, safe=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass  # partial dates ('2018'), mixed types: one value at a time
    return [None if v is None else coerce(v) for v in values]


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
    return len(rows)


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
