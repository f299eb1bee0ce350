"""`procwatch export --format ftm|ocds|xlsx` over a real offline night, validated."""
from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest
from followthemoney import model

from reports.exchange.ftm import validate_ftm
from reports.exchange.ocds import release_schema, validate_ocds
from reporting import ROOT, demo_night


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    night = demo_night(tmp_path_factory)
    out = tmp_path_factory.mktemp("exchange")
    for fmt in ("ftm", "ocds", "xlsx"):
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--warehouse", str(night["warehouse"]), "--format", fmt,
                               "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def test_ftm_entities_validate_and_carry_their_source(exported):
    result = validate_ftm(exported / "entities.ftm.json")
    assert result["errors"] == []
    assert all(result["schemata"].get(s, 0) >= 5 for s in ("PublicBody", "Company", "Contract", "ContractAward"))
    awards = [model.get_proxy(json.loads(l)) for l in (exported / "entities.ftm.json").read_text(encoding="utf-8").splitlines()]
    awards = [e for e in awards if e.schema.name == "ContractAward"]
    assert all(e.get("sourceUrl") and e.get("supplier") and e.get("contract") for e in awards)
    assert any("2741280000" in "".join(e.get("amount")) and e.get("currency") == ["CNY"] for e in awards)


def test_ftm_validation_catches_a_broken_entity(tmp_path):
    broken = tmp_path / "broken.ftm.json"
    broken.write_text(json.dumps({"id": "x1", "schema": "ContractAward", "properties": {"amount": ["12"], "supplier": ["nobody"]}}) + "\n")
    errors = validate_ftm(broken)["errors"]
    assert any("lacks contract" in e for e in errors) and any("not in the file" in e for e in errors)
    assert any("no sourceUrl" in e for e in errors)


def test_ocds_packages_for_non_ocds_sources_validate(exported):
    result = validate_ocds(exported / "ocds")
    assert result["errors"] == [] and result["releases"] >= 15
    names = {p.name for p in (exported / "ocds").glob("*.json")}
    assert {"ccgp_national_award.release-package.json", "ted_can.release-package.json", "usaspending_awards.release-package.json"} <= names
    assert "ocds_colombia.release-package.json" not in names  # already OCDS at the source
    if release_schema() is None:
        assert "structurally" in result["method"]
    package = json.loads((exported / "ocds" / "ccgp_national_award.release-package.json").read_text(encoding="utf-8"))
    huawei = [(r, a) for r in package["releases"] for a in r["awards"] for s in a["suppliers"] if s["name"].startswith("Huawei Technologies")]
    assert huawei and huawei[0][0]["buyer"]["name"] == "东莞市政务服务数据管理局"
    assert huawei[0][1]["value"] == {"amount": 2741280000.0, "currency": "CNY"}
    assert huawei[0][1]["documents"][0]["url"].startswith("https://www.ccgp.gov.cn/")


def test_ocds_validation_catches_a_release_without_ocid(tmp_path):
    (tmp_path / "x.release-package.json").write_text(json.dumps(
        {"uri": "u", "version": "1.1", "publishedDate": "2020-01-01T00:00:00Z", "publisher": {"name": "p"},
         "releases": [{"id": "1", "date": "2020-01-01T00:00:00Z", "tag": ["award"], "initiationType": "tender",
                       "parties": [], "awards": [{"id": "a", "suppliers": [{"id": "s", "name": "S"}]}]}]}))
    errors = validate_ocds(tmp_path)["errors"]
    assert errors and any("ocid" in e for e in errors)


def test_xlsx_workbook_for_reporters(exported):
    book = openpyxl.load_workbook(exported / "procwatch.xlsx", read_only=True)
    assert {"awards", "relationships", "amount_mentions", "vendor_agency_totals"} <= set(book.sheetnames)
    rows = list(book["awards"].iter_rows(values_only=True))
    header = rows[0]
    assert "source_url" in header and "evidence" in header and len(rows) > 10
    vendor = header.index("vendor_raw")
    assert any(r[vendor] == "华为海洋网络有限公司" for r in rows[1:])
    assert all(not (isinstance(v, str) and v[:1] in "=+-@") for r in rows[1:] for v in r)
