"""Read-only SQL for analysts: one query, no writes, no files, no other databases, no paths shown,
bounded memory and time, rows streamed."""
from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

# Statement types that only read. MULTI is what DuckDB makes of a PIVOT (checked below).
_READ_TYPES = {"SELECT", "EXPLAIN", "PRAGMA", "MULTI"}
_READ_PRAGMAS = ("show_tables", "table_info", "show", "database_size", "storage_info")
_EXPLAIN = re.compile(r"^\s*explain\s+(analyze\s+|\(\s*[^)]*\)\s*)?", re.I)
_READING_START = re.compile(r"^[\s(]*(pivot|unpivot|select|from|with|values)\b", re.I)
# Functions that show this machine's paths (settings, attached files, secret and extension folders)
# or run SQL built from strings, which no check on the text could see.
_PATH_REVEALING = ("duckdb_settings", "duckdb_databases", "duckdb_secrets", "which_secret", "duckdb_extensions",
                   "duckdb_temporary_files", "pragma_database_list", "database_list", "getenv")
_DYNAMIC_SQL = re.compile(r"\bquery(_table)?\s*\(", re.I)
_CURRENT_SETTING = re.compile(r"\bcurrent_setting\s*\(\s*('(?:[^']|'')*')?\s*\)?", re.I)
_PATH_SETTINGS = ("directory", "directories", "path", "paths", "file", "repository", "home")
_QUOTED_PATH = re.compile(r"""(["'])/[^"']*\1""")

DEFAULT_MEMORY_LIMIT = "1GB"
DEFAULT_TIMEOUT_S = 120.0


class ReadOnlyError(ValueError):
    pass


class QueryTimeout(RuntimeError):
    pass


class WarehouseDamaged(RuntimeError):
    pass


def memory_limit_setting(value: str | None = None) -> str:
    limit = value or os.environ.get("PROCWATCH_SQL_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT
    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*", limit, re.I):
        raise ValueError(f"memory limit '{limit}' is not a size such as 512MB or 2GB")
    return limit.strip()


def timeout_setting(value: float | None = None) -> float:
    if value is None:
        text = os.environ.get("PROCWATCH_SQL_TIMEOUT")
        try:
            value = float(text) if text else DEFAULT_TIMEOUT_S
        except ValueError:
            raise ValueError(f"PROCWATCH_SQL_TIMEOUT '{text}' is not a number of seconds") from None
    if value < 0:
        raise ValueError("the timeout cannot be negative (0 means none)")
    return value


def _refuse_path_revealing(sql: str) -> None:
    lowered = sql.lower()
    for name in _PATH_REVEALING:
        if name in lowered:
            raise ReadOnlyError(f"{name} is not available here: it shows this machine's paths")
    if _DYNAMIC_SQL.search(sql):
        raise ReadOnlyError("query() and query_table() are not available here: write the query itself")
    for match in _CURRENT_SETTING.finditer(sql):
        name = (match.group(1) or "").strip("'").lower()
        if not name or any(part in name for part in _PATH_SETTINGS):
            raise ReadOnlyError("current_setting() is available for settings that name no path, given as a literal")


def _check(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise ReadOnlyError(f"cannot parse the query: {scrub(str(exc).splitlines()[0])}") from None
    if not statements:
        raise ReadOnlyError("empty query")
    for statement in statements:
        kind = statement.type.name
        if kind not in _READ_TYPES:
            raise ReadOnlyError(f"only reading queries are allowed here ({kind} refused); the warehouse is read-only")
        if kind == "PRAGMA" and not statement.query.strip().lower().removeprefix("pragma").strip().startswith(_READ_PRAGMAS):
            raise ReadOnlyError("only informational PRAGMAs are allowed")
        if kind == "MULTI" and not _READING_START.match(statement.query):
            raise ReadOnlyError("only reading queries are allowed here; the warehouse is read-only")
        if kind == "EXPLAIN":
            # EXPLAIN ANALYZE runs its statement: what it explains must itself be a reading query.
            inner = _EXPLAIN.sub("", statement.query, count=1)
            if inner.strip() == statement.query.strip():
                raise ReadOnlyError("cannot read this EXPLAIN")
            _check(con, inner)
    _refuse_path_revealing(sql)


def scrub(message: str) -> str:
    """DuckDB's errors can quote file paths (secret and extension folders): never show them."""
    return _QUOTED_PATH.sub(r"\1<path>\1", message)


def open_read_only(path: str | Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `procwatch run` first")
    # A private in-memory instance per session with the warehouse attached read-only. Connecting by
    # path would share the process's one instance for that path: a session opened after a publish
    # would still read the previous night, and settings locked by another session would apply.
    con = duckdb.connect(":memory:")
    quoted = str(Path(path).resolve()).replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS warehouse (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        raise WarehouseDamaged(f"the warehouse {path} cannot be opened ({_first_line(exc)}); "
                               "`procwatch run` or `procwatch reparse` rebuilds it from the raw store") from None
    con.execute("USE warehouse")
    con.execute(f"SET memory_limit = '{memory_limit_setting(memory_limit)}'")
    con.execute("SET temp_directory = ''")  # no spilling to disk: the memory limit is the limit
    # No files, no ATTACH, no extension installs; and the query cannot turn that back on.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _first_line(exc: Exception) -> str:
    return scrub(str(exc).strip().splitlines()[0]) if str(exc).strip() else type(exc).__name__


@contextmanager
def stream_query(path: str | Path, sql: str, memory_limit: str | None = None, timeout: float | None = None,
                 batch_rows: int = 2048) -> Iterator[tuple[list[str], Iterator[list[tuple]]]]:
    """(columns, batches of rows) for one checked query; interrupted after `timeout` seconds (0: never)."""
    seconds = timeout_setting(timeout)
    con = open_read_only(path, memory_limit)
    timer = threading.Timer(seconds, con.interrupt) if seconds else None
    try:
        _check(con, sql)
        if timer:
            timer.daemon = True
            timer.start()
        try:
            result = con.execute(sql)
        except duckdb.Error as exc:
            raise _translated(exc, seconds) from None
        columns = [d[0] for d in result.description] if result.description else []

        def batches():
            try:
                while batch := result.fetchmany(batch_rows):
                    yield batch
            except duckdb.Error as exc:
                raise _translated(exc, seconds) from None

        yield columns, batches()
    finally:
        if timer:
            timer.cancel()
        con.close()


def _translated(exc: duckdb.Error, seconds: float) -> Exception:
    if isinstance(exc, duckdb.InterruptException):
        return QueryTimeout(f"query stopped after {seconds:g} s (--timeout or PROCWATCH_SQL_TIMEOUT; 0 means none)")
    if isinstance(exc, duckdb.OutOfMemoryException):
        return MemoryError(f"query needs more memory than allowed ({_first_line(exc)}); "
                           "raise --memory-limit or PROCWATCH_SQL_MEMORY_LIMIT, or aggregate first")
    return type(exc)(_first_line(exc))


def run_query(path: str | Path, sql: str, memory_limit: str | None = None, timeout: float | None = None
              ) -> tuple[list[str], list[tuple]]:
    """The whole answer at once: for small results (tests, benchmarks, scripts)."""
    with stream_query(path, sql, memory_limit, timeout) as (columns, batches):
        return columns, [row for batch in batches for row in batch]
