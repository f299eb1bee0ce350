"""`procwatch sql` reads and only reads: no writes, no other databases, no files, no extensions,
no settings — whatever the query tries, and whichever door it tries it through."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.db import migrate
from warehouse.load import load_batch
from warehouse.query import ReadOnlyError, run_query

ROOT = Path(__file__).resolve().parents[1]
SECRET = "procwatch-canary-7f3a"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    work = tmp_path_factory.mktemp("sqlsec")
    path = work / "w.duckdb"
    con = duckdb.connect(str(path))
    migrate(con)
    load_batch(con, {
        "documents": [{"doc_id": "d1", "url": "https://www.ccgp.gov.cn/x.htm", "source_id": "s", "status": "parsed"}],
        "organizations": [{"org_id": "v", "name": "江苏新煦光电科技有限公司", "kind": "vendor"},
                          {"org_id": "a", "name": "清镇市麦格苗族布依族乡人民政府", "kind": "agency"}],
        "notices": [{"notice_id": "n1", "doc_id": "d1", "notice_type": "award"}],
        "awards": [{"award_id": "x1", "notice_id": "n1", "doc_id": "d1", "vendor_org_id": "v", "agency_org_id": "a",
                    "amount": 569800.0, "currency": "CNY", "evidence": "中标（成交）金额: 569800.00(元)",
                    "source_url": "https://www.ccgp.gov.cn/x.htm"}],
    })
    con.close()
    (work / "secret.csv").write_text(f"token\n{SECRET}\n", encoding="utf-8")
    other = duckdb.connect(str(work / "other.duckdb"))
    other.execute(f"CREATE TABLE loot AS SELECT '{SECRET}' AS token")
    other.close()
    return path


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


WRITES = [
    "DELETE FROM awards",
    "UPDATE awards SET amount = 0",
    "INSERT INTO sources VALUES ('x', 'x', 'x', 'x', 'x', 'x')",
    "DROP TABLE awards",
    "ALTER TABLE awards ADD COLUMN pwned INTEGER",
    "CREATE TABLE pwned AS SELECT 1",
    "CREATE TEMP TABLE pwned AS SELECT * FROM awards",
    "CREATE VIEW pwned AS SELECT 1",
    "CREATE MACRO pwned(x) AS x",
    "CREATE SECRET pwned (TYPE s3, KEY_ID 'a', SECRET 'b')",
    "TRUNCATE awards",
    "WITH x AS (SELECT 1) DELETE FROM awards",
    "CHECKPOINT",
    "VACUUM",
    "BEGIN TRANSACTION",
    "SELECT 1; DELETE FROM awards",
    "SELECT 1; SET enable_external_access = true",
]
OTHER_DATABASES = [
    "ATTACH '{work}/other.duckdb' AS o",
    "ATTACH '{work}/new.duckdb' AS n",
    "ATTACH ':memory:' AS m",
    "DETACH DATABASE memory",
    "USE memory",
    "EXPORT DATABASE '{work}/dump'",
    "IMPORT DATABASE '{work}/dump'",
]
FILES = [
    "COPY awards TO '{work}/out.csv'",
    "COPY (SELECT * FROM awards) TO '{work}/out.parquet' (FORMAT parquet)",
    "COPY awards FROM '{work}/secret.csv'",
    "SELECT * FROM read_csv('{work}/secret.csv')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM '{work}/secret.csv'",
    "SELECT content FROM read_text('{work}/secret.csv')",
    "SELECT content FROM read_blob('/etc/passwd')",
    "SELECT * FROM glob('{work}/*')",
    "SELECT * FROM read_json_auto('{work}/secret.csv')",
    "SELECT * FROM read_parquet('{work}/*.parquet')",
    "SELECT * FROM sniff_csv('{work}/secret.csv')",
    "SELECT * FROM '{work}/other.duckdb'",
    "SELECT * FROM query_table('{work}/secret.csv')",
    "SELECT * FROM query('SELECT * FROM read_csv(''{work}/secret.csv'')')",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{work}/explained.csv'",
    "EXPLAIN ANALYZE SELECT * FROM read_csv('{work}/secret.csv')",
    "SELECT * FROM read_csv('https://127.0.0.1:9/x.csv')",
]
EXTENSIONS_AND_SETTINGS = [
    "INSTALL httpfs",
    "FORCE INSTALL httpfs",
    "LOAD httpfs",
    "LOAD '{work}/evil.duckdb_extension'",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "RESET enable_external_access",
    "SET GLOBAL enable_external_access = true",
    "PRAGMA enable_external_access",
    "PRAGMA disable_checkpoint_on_shutdown",
    "PRAGMA threads = 1",
    "CALL pragma_version()",
    "SET allowed_directories = ['/']",
]


@pytest.mark.parametrize("statement", WRITES + OTHER_DATABASES + FILES + EXTENSIONS_AND_SETTINGS)
def test_statement_is_refused_and_changes_nothing(warehouse, statement):
    work = warehouse.parent
    sql = statement.format(work=work)
    before = _fingerprint(warehouse)
    files_before = set(os.listdir(work))
    with pytest.raises((ReadOnlyError, duckdb.Error)) as refused:
        run_query(warehouse, sql)
    assert SECRET not in str(refused.value) and "root:x" not in str(refused.value)
    assert _fingerprint(warehouse) == before
    assert set(os.listdir(work)) == files_before
    # The warehouse still answers afterwards, unchanged.
    assert run_query(warehouse, "SELECT count(*), sum(amount) FROM awards")[1] == [(1, 569800.0)]


@pytest.mark.parametrize("statement", [
    "SELECT vendor, agency, amount, currency, evidence FROM award_details",
    "SELECT * FROM vendor_agency_totals",
    "PRAGMA show_tables",
    "PRAGMA table_info('awards')",
    "EXPLAIN SELECT * FROM awards",
    "SELECT current_setting('enable_external_access')",
    "SELECT * FROM duckdb_tables()",
])
def test_reading_statements_still_work(warehouse, statement):
    columns, rows = run_query(warehouse, statement)
    assert columns and rows


def test_external_access_stays_off_inside_the_session(warehouse):
    assert run_query(warehouse, "SELECT current_setting('enable_external_access')")[1] == [(False,)]


@pytest.mark.parametrize("statement", [
    "DELETE FROM awards",
    "ATTACH '{work}/other.duckdb' AS o",
    "SELECT * FROM read_csv('{work}/secret.csv')",
    "INSTALL httpfs",
    "SET enable_external_access = true",
])
def test_cli_refuses_with_one_line_and_no_traceback(warehouse, statement):
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse),
                           statement.format(work=warehouse.parent)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("procwatch sql: ") and len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr and SECRET not in proc.stdout + proc.stderr
