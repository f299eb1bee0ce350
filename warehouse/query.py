"""Read-only SQL for analysts: one query, no writes, no files, no other databases."""
from __future__ import annotations

from pathlib import Path

import duckdb

from .db import connect

# Statement types that only read.
_READ_TYPES = {"SELECT", "EXPLAIN", "PRAGMA"}
_READ_PRAGMAS = ("show_tables", "table_info", "show", "database_size", "storage_info")


class ReadOnlyError(ValueError):
    pass


def _check(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise ReadOnlyError(f"cannot parse the query: {str(exc).splitlines()[0]}") from None
    if not statements:
        raise ReadOnlyError("empty query")
    for statement in statements:
        kind = statement.type.name
        if kind not in _READ_TYPES:
            raise ReadOnlyError(f"only reading queries are allowed here ({kind} refused); the warehouse is read-only")
        if kind == "PRAGMA" and not statement.query.strip().lower().removeprefix("pragma").strip().startswith(_READ_PRAGMAS):
            raise ReadOnlyError("only informational PRAGMAs are allowed")


def open_read_only(path: str | Path) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `procwatch run` first")
    con = connect(path, read_only=True)
    # No files, no ATTACH, no extension installs; and the query cannot turn that back on.
    # Connections to one file in one process share settings: an earlier reader may have locked them.
    setting = lambda name: con.execute(f"SELECT current_setting('{name}')").fetchone()[0]  # noqa: E731
    if not setting("lock_configuration"):
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    elif setting("enable_external_access"):
        con.close()
        raise ReadOnlyError("this process holds the warehouse open with file access enabled and its settings locked")
    return con


def run_query(path: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    con = open_read_only(path)
    try:
        _check(con, sql)
        result = con.execute(sql)
        columns = [d[0] for d in result.description] if result.description else []
        return columns, result.fetchall()
    finally:
        con.close()
