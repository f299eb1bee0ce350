"""CSV extracts: Chinese text round-trips; cells a spreadsheet would evaluate are neutralised."""
from __future__ import annotations

import csv

import duckdb

from warehouse.db import migrate
from warehouse.export import export, neutralise
from warehouse.load import load_batch


def test_neutralise_only_touches_formula_like_text():
    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("+1-555") == "'+1-555"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("\tcmd") == "'\tcmd"
    assert neutralise("华为技术有限公司") == "华为技术有限公司"
    assert neutralise(-5.0) == -5.0


def test_csv_round_trips_chinese_and_neutralises_formulas(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    load_batch(con, {
        "documents": [{"doc_id": "d1", "url": "https://www.ccgp.gov.cn/x.htm", "source_id": "s", "status": "parsed"}],
        "organizations": [{"org_id": "v", "name": "=cmd|' /C calc'!A0", "kind": "vendor"},
                          {"org_id": "a", "name": "清镇市麦格苗族布依族乡人民政府", "kind": "agency"}],
        "notices": [{"notice_id": "n1", "doc_id": "d1", "notice_type": "award", "project_name": "太阳能路灯采购"}],
        "awards": [{"award_id": "x1", "notice_id": "n1", "doc_id": "d1", "vendor_org_id": "v", "agency_org_id": "a",
                    "amount": 569800.0, "currency": "CNY", "date": "2025-06-27", "evidence": "中标（成交）金额: 569800.00(元)",
                    "source_url": "https://www.ccgp.gov.cn/x.htm"}],
    })
    written = export(con, tmp_path / "out", ["awards"], "csv")
    path = written["awards"][0]
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["agency"] == "清镇市麦格苗族布依族乡人民政府"
    assert rows[0]["project_name"] == "太阳能路灯采购"
    assert rows[0]["vendor"] == "'=cmd|' /C calc'!A0"
    assert float(rows[0]["amount"]) == 569800.0
    assert rows[0]["source_url"] == "https://www.ccgp.gov.cn/x.htm"
    parquet = export(con, tmp_path / "out", ["awards"], "parquet")["awards"][0]
    assert duckdb.connect().execute(f"SELECT vendor FROM read_parquet('{parquet}')").fetchone()[0] == "=cmd|' /C calc'!A0"


def test_only_one_run_writes_a_warehouse_at_a_time(tmp_path):
    import pytest

    from warehouse.publish import Staging, WarehouseBusy

    first = Staging(tmp_path / "w.duckdb")
    first.open()
    with pytest.raises(WarehouseBusy):
        Staging(tmp_path / "w.duckdb").open()
    first.publish()
    second = Staging(tmp_path / "w.duckdb")  # free again once the first has published
    second.open()
    second.discard()
    assert (tmp_path / "w.duckdb").exists() and not (tmp_path / "w.duckdb.staging").exists()
