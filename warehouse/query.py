"""Read-only SQL for analysts: one query, no writes, no files, no other databases."""
from __future__ import annotations

from pathlib import Path

import duckdb

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
    # A private in-memory instance per session with the warehouse attached read-only. Connecting by
    # path would share the process's one instance for that path: a session opened after a publish
    # would still read the previous night, and settings locked by another session would apply.
    con = duckdb.connect(":memory:")
    quoted = str(Path(path).resolve()).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS warehouse (READ_ONLY)")
    con.execute("USE warehouse")
    # No files, no ATTACH, no extension installs; and the query cannot turn that back on.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
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
