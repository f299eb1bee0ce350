"""The report's queries, each in its own .sql file, run through the read-only warehouse attach."""
from __future__ import annotations

from pathlib import Path

from warehouse.query import run_query

SQL_DIR = Path(__file__).resolve().parent / "sql"


def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def rows(warehouse: str | Path, name: str) -> list[dict]:
    """The named query's rows as dicts (column -> value)."""
    columns, data = run_query(warehouse, sql_text(name))
    return [dict(zip(columns, row)) for row in data]
