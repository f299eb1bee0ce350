"""`procwatch sql` as a process: data printed verbatim, rows streamed, memory and time bounded,
long queries from a file or stdin, reading statements accepted, paths never shown."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ["[/caption] 监控摄像机采购", "[red]x[/red]", "\x1b[31mred\x1b[0m", "\x9b2J", "a\nb", "\u202eevil"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlout") / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE evidence (id INTEGER, text TEXT)")
    con.executemany("INSERT INTO evidence VALUES (?, ?)", list(enumerate(HOSTILE)))
    con.execute("CREATE TABLE sales AS SELECT * FROM (VALUES ('Hikvision', 2024, 10.0), ('Hikvision', 2025, 5.0), "
                "('Dahua', 2024, 7.0)) v(vendor, year, amount)")
    con.close()
    return path


def sql(warehouse: Path, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse), *args],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_markup_in_data_is_printed_verbatim_and_controls_escaped(warehouse):
    proc = sql(warehouse, "SELECT id, text FROM evidence ORDER BY id")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "[/caption] 监控摄像机采购" in out and "[red]x[/red]" in out
    assert "\\x1b[31mred\\x1b[0m" in out and "\\x9b2J" in out and "a\\nb" in out and "\\u202eevil" in out
    assert not any(ch in out for ch in "\x1b\x9b\u202e")
    assert out.rstrip().endswith("(6 rows)")


def test_json_and_csv_to_a_pipe_carry_the_data_unchanged(warehouse):
    lines = sql(warehouse, "SELECT text FROM evidence ORDER BY id", "--format", "json").stdout.splitlines()
    assert [json.loads(line)["text"] for line in lines] == HOSTILE
    assert "\x1b" not in "".join(lines)  # json writes controls as \u001b
    out = sql(warehouse, "SELECT text FROM evidence ORDER BY id", "--format", "csv").stdout
    assert "\x1b[31mred\x1b[0m" in out  # a file gets the bytes the warehouse holds


def test_csv_on_a_terminal_escapes_controls(warehouse):
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse),
                             "SELECT text FROM evidence ORDER BY id", "--format", "csv"],
                            stdout=follower, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    out = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0
    assert "\\x1b[31mred" in out and "\x1b" not in out and "[red]x[/red]" in out


def test_table_output_is_capped_with_a_note_and_limit_changes_it(warehouse):
    proc = sql(warehouse, "SELECT * FROM range(5000)")
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 + 1000 + 1 and "1,000 rows shown; more rows exist" in lines[-1]
    lines = sql(warehouse, "SELECT * FROM range(5000)", "--limit", "10").stdout.splitlines()
    assert len(lines) == 2 + 10 + 1 and "10 rows shown" in lines[-1]
    assert sql(warehouse, "SELECT * FROM range(5000)", "--limit", "0").stdout.splitlines()[-1] == "(5,000 rows)"


# A small launcher reports its child's peak memory: a child forked straight from this (large) test
# process would count the test process's pages in its peak until it execs.
PEAK_OF_CHILD = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)")


def _measure(warehouse: Path, fmt: str) -> dict:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", PEAK_OF_CHILD, sys.executable, "-m", "flows.cli", "sql",
                             "--warehouse", str(warehouse), "SELECT * FROM range(10000000)", "--format", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.readline()
    proc.stdout.readline()
    first_row = time.monotonic() - started
    lines = 2 + sum(1 for _ in proc.stdout)
    peak_kb = int(proc.stderr.read().strip().splitlines()[-1])
    return {"first_row_s": round(first_row, 2), "total_s": round(time.monotonic() - started, 1), "lines": lines,
            "peak_rss_mb": peak_kb // 1024, "status": proc.wait()}


def test_ten_million_rows_stream_in_bounded_memory(warehouse):
    table, csv_out = _measure(warehouse, "table"), _measure(warehouse, "csv")
    print(f"\n10M-row query: table {table}; csv {csv_out}")
    assert table["status"] == 0 and csv_out["status"] == 0
    assert table["lines"] == 2 + 1000 + 1
    assert csv_out["lines"] == 1 + 10_000_000  # header + every row
    for figures in (table, csv_out):
        assert figures["peak_rss_mb"] < 400, figures
        assert figures["first_row_s"] < 10, figures


def test_an_endless_query_is_stopped_by_the_timeout(warehouse):
    started = time.monotonic()
    proc = sql(warehouse, "SELECT count(*) FROM range(1000000000000)", "--timeout", "2", timeout=60)
    took = time.monotonic() - started
    print(f"\ncount(*) FROM range(1e12) stopped after {took:.1f} s (timeout 2 s)")
    assert proc.returncode == 1 and took < 20
    assert proc.stderr.startswith("procwatch sql: query stopped after 2 s") and len(proc.stderr.splitlines()) == 1
    env_proc = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse),
                               "SELECT count(*) FROM range(1000000000000)"], capture_output=True, text=True, cwd=ROOT,
                              timeout=60, env=dict(os.environ, PROCWATCH_SQL_TIMEOUT="1"))
    assert "query stopped after 1 s" in env_proc.stderr


def test_the_memory_limit_stops_a_greedy_query_with_one_line(warehouse):
    proc = sql(warehouse, "SELECT count(DISTINCT range::VARCHAR || 'x') FROM range(30000000)", "--memory-limit", "64MB")
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.startswith("procwatch sql: query needs more memory than allowed") and len(proc.stderr.splitlines()) == 1
    assert sql(warehouse, "SELECT 1", "--memory-limit", "lots").stderr.startswith("procwatch sql: memory limit 'lots'")


def test_long_queries_come_from_a_file_or_stdin(warehouse, tmp_path):
    query = "-- vendors by year\nSELECT vendor, sum(amount) AS total\nFROM sales\nGROUP BY vendor\nORDER BY total DESC\n"
    (tmp_path / "q.sql").write_text(query, encoding="utf-8")
    from_file = sql(warehouse, "--file", str(tmp_path / "q.sql"), "--format", "json").stdout.splitlines()
    from_stdin = sql(warehouse, "--format", "json", stdin=query).stdout.splitlines()
    assert [json.loads(x) for x in from_file] == [{"vendor": "Hikvision", "total": 15.0}, {"vendor": "Dahua", "total": 7.0}]
    assert from_stdin == from_file
    missing = sql(warehouse, "--file", str(tmp_path / "absent.sql"))
    assert missing.returncode == 2 or missing.stderr.startswith("procwatch sql: cannot read the query file")


@pytest.mark.parametrize("statement", [
    "PIVOT sales ON year USING sum(amount)",
    "SELECT * FROM (PIVOT sales ON year USING sum(amount)) ORDER BY vendor",
    "UNPIVOT (SELECT 1 AS a, 2 AS b) ON a, b",
    "DESCRIBE sales",
    "SUMMARIZE sales",
    "FROM sales LIMIT 1",
    "SHOW TABLES",
    "EXPLAIN ANALYZE SELECT count(*) FROM sales",
    "SELECT current_setting('threads')",
])
def test_reading_statements_are_accepted(warehouse, statement):
    proc = sql(warehouse, statement)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


@pytest.mark.parametrize("statement", [
    "EXPLAIN ANALYZE CREATE TABLE memory.main.x AS SELECT 1",
    "EXPLAIN ANALYZE CREATE TEMP TABLE x AS SELECT 1",
    "EXPLAIN ANALYZE INSERT INTO sales VALUES ('x', 1, 1)",
    "EXPLAIN ANALYZE DELETE FROM sales",
    "EXPLAIN CREATE TABLE memory.main.x AS SELECT 1",
])
def test_explain_analyze_never_runs_a_write(warehouse, statement):
    proc = sql(warehouse, statement)
    assert proc.returncode == 1 and "only reading queries" in proc.stderr
    assert sql(warehouse, "SELECT count(*) FROM sales", "--format", "csv").stdout.splitlines()[1] == "3"


@pytest.mark.parametrize("statement", [
    "SELECT * FROM duckdb_settings()",
    "SELECT value FROM duckdb_settings() WHERE name = 'allowed_paths'",
    "SELECT current_setting('allowed_paths')",
    "SELECT current_setting('secret_directory')",
    "SELECT current_setting('temp_directory')",
    "SELECT current_setting(name) FROM (SELECT 'allowed_paths' AS name)",
    "SELECT * FROM duckdb_databases()",
    "SELECT path FROM duckdb_databases",
    "SELECT * FROM duckdb_secrets()",
    "SELECT * FROM which_secret('s3://bucket/x', 's3')",
    "SELECT * FROM duckdb_extensions()",
    "SELECT * FROM query('SELECT * FROM duckdb_' || 'databases()')",
    "SELECT * FROM query_table('sales')",
    "PRAGMA database_list",
    "CALL duckdb_settings()",
])
def test_settings_and_secrets_never_show_paths(warehouse, statement):
    proc = sql(warehouse, statement, "--format", "csv")
    shown = proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stdout
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in shown
    for secret in (str(warehouse.parent), str(Path.home()), ".duckdb"):
        assert secret not in shown
