"""A real nightly flow run (Prefect, replay over 127.0.0.1, DuckDB file), twice."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.db import DATA_TABLES, TABLES
from warehouse.query import ReadOnlyError, run_query

ROOT = Path(__file__).resolve().parents[1]


def _table_digest(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        # fetched_at is when we first held the document: the same on both runs by design, but compare data only.
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in DATA_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    from flows.nightly import nightly

    work = tmp_path_factory.mktemp("nightly")
    warehouse, raw, out = work / "w.duckdb", work / "raw", work / "extracts"
    first = nightly(warehouse=str(warehouse), raw_dir=str(raw), out_dir=str(out), offline=True)
    digest_first = _table_digest(warehouse)
    second = nightly(warehouse=str(warehouse), raw_dir=str(raw), out_dir=str(out), offline=True)
    return {"first": first, "second": second, "digest_first": digest_first, "warehouse": warehouse, "out": out}


def test_every_minimum_table_exists_and_holds_real_rows(two_runs):
    con = duckdb.connect(str(two_runs["warehouse"]), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(TABLES) <= tables
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    for table in ("documents", "organizations", "notices", "awards", "relationships", "amount_mentions"):
        assert counts[table] > 0, f"{table} is empty"
    # Every award and relationship traces back to a stored document and its URL.
    orphan = con.execute("SELECT count(*) FROM awards a LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL OR a.source_url IS NULL").fetchone()[0]
    assert orphan == 0
    assert con.execute("SELECT count(*) FROM relationships WHERE evidence IS NULL OR evidence = ''").fetchone()[0] == 0
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM documents").fetchall()}
    assert {"ccgp_notice", "ocds", "press_release"} <= kinds
    con.close()


def test_first_run_fetches_and_second_run_changes_nothing(two_runs):
    first, second = two_runs["first"], two_runs["second"]
    assert first["documents_fetched"] > 0 and first["documents_parsed"] > 0
    assert second["documents_fetched"] < first["documents_fetched"] * 0.5
    assert second["counts"] == first["counts"]
    assert _table_digest(two_runs["warehouse"]) == two_runs["digest_first"]
    runs = run_query(two_runs["warehouse"], "SELECT count(*), count(DISTINCT run_id) FROM runs")[1][0]
    assert runs == (2, 2)


def test_sql_refuses_writes(two_runs):
    warehouse = two_runs["warehouse"]
    for statement in ("DELETE FROM awards", "DROP TABLE awards", "INSERT INTO sources VALUES ('x','x','x','x','x','x')",
                      "UPDATE awards SET amount = 0", "ATTACH 'other.duckdb' AS o", "COPY awards TO 'x.csv'",
                      "SELECT 1; DELETE FROM awards"):
        with pytest.raises(ReadOnlyError):
            run_query(warehouse, statement)
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse), "DELETE FROM awards"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert run_query(warehouse, "SELECT count(*) FROM awards")[1][0][0] > 0


def test_csv_extract_carries_provenance_and_chinese_text(two_runs):
    path = two_runs["out"] / "awards.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows and all(r["source_url"].startswith("http") and r["evidence"] for r in rows)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in (r["vendor"] + r["agency"])) for r in rows)


def test_every_night_writes_its_report_beside_its_extracts(two_runs):
    """The flow itself (as a scheduled night runs it, not only `procwatch run`) writes the report page."""
    report = Path(two_runs["second"]["report"])
    assert report.resolve() == (two_runs["out"] / "report.html").resolve()
    page = report.read_text(encoding="utf-8")
    assert "<svg" in page and "source" in page.lower()
