"""Connections and the versioned schema (warehouse/sql/NNN_name.sql, applied once each, in order)."""
from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent / "sql"


def migrations() -> list[Path]:
    return sorted(SQL_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the schema files not yet applied; returns their names."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)")
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for path in migrations():
        if path.name in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [path.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.name)
    return applied


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=read_only)


TABLES = ("sources", "runs", "run_sources", "documents", "parse_failures", "organizations", "org_aliases",
          "notices", "awards", "relationships", "amount_mentions")
DATA_TABLES = ("documents", "parse_failures", "organizations", "org_aliases", "notices", "awards",
               "relationships", "amount_mentions")


def row_counts(con: duckdb.DuckDBPyConnection, tables=TABLES) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
