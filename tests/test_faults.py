"""Nights that go wrong: sources failing in every usual way, in one real nightly flow run.

Seven synthetic sources are replayed over 127.0.0.1 (real Scrapy crawls, real DuckDB file,
real Prefect flow): a healthy one, one answering 500 then 503 then the page, one always 503,
one that times out, one robots.txt forbids, one whose listing layout changed (no links), one
whose detail pages became an empty client-side shell (nothing parses).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from benchmarks.crawl_bench import TimedArchive
from benchmarks.sites import LISTING_HOST, make_site
from spiders.replay import ReplayServer

ROOT = Path(__file__).resolve().parents[1]
SHELL_PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>公告详情</title></head>'
              '<body><div id="app" data-notice="{}"></div><script src="/static/js/app.3f2a91.js"></script></body></html>')
REDESIGNED_LISTING = ('<!doctype html><html><head><meta charset="utf-8"></head><body><section class="result-cards">'
                      '<article data-id="1"><h3>结果公告</h3></article><p>共 5 条结果</p></section></body></html>').encode()


def _sites():
    good = make_site("good_portal", 12, per_page=5, seed=1)
    flaky = make_site("flaky_portal", 6, per_page=5, seed=2, retries=3)
    for url in [flaky.listing_url(1)] + flaky.detail_urls:
        flaky.fail_first(url, 500, 503)
    down = make_site("down_portal", 4, seed=3, retries=2)
    for page in range(1, down.pages + 2):
        down.answer(down.listing_url(page), status=503, file=None)
    slow = make_site("slow_portal", 4, seed=4, timeout=1, retries=1)
    slow.answer(slow.listing_url(1), delay=4)
    forbidden = make_site("forbidden_portal", 4, seed=5)
    forbidden.robots(LISTING_HOST, "User-agent: *\nDisallow: /forbidden_portal/\n")
    changed = make_site("changed_portal", 5, seed=6)
    changed.files["list_1.html"] = REDESIGNED_LISTING
    unparsable = make_site("shell_portal", 6, seed=7)
    for index in range(len(unparsable.notices)):
        unparsable.files[f"detail_{index:06d}.html"] = SHELL_PAGE.format(index).encode()
    return {s.source_id: s for s in (good, flaky, down, slow, forbidden, changed, unparsable)}


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    from flows.nightly import nightly

    work = tmp_path_factory.mktemp("faults")
    sites = _sites()
    for site in sites.values():
        site.write(work / "sources", work / "archive")
    summary = nightly(warehouse=str(work / "w.duckdb"), raw_dir=str(work / "raw"), out_dir=None, offline=True,
                      sources_dir=str(work / "sources"), archive_dir=str(work / "archive"), block_backoff=0.1)
    con = duckdb.connect(str(work / "w.duckdb"), read_only=True)
    rows = {r[0]: dict(zip(("status", "message", "documents_fetched", "documents_parsed", "documents_failed", "errors"), r[1:]))
            for r in con.execute("SELECT source_id, status, message, documents_fetched, documents_parsed, documents_failed, errors "
                                 "FROM run_sources WHERE run_id = ?", [summary["run_id"]]).fetchall()}
    run = con.execute("SELECT status, flags FROM runs WHERE run_id = ?", [summary["run_id"]]).fetchone()
    awards = con.execute("SELECT d.source_id, a.vendor_raw, a.amount, a.currency, a.date FROM awards a "
                         "JOIN documents d USING (doc_id)").fetchall()
    con.close()
    return {"summary": summary, "sites": sites, "sources": rows, "run": run, "awards": awards}


def _awards_of(night, source_id):
    # Compared as values: the warehouse may hold amounts as DECIMAL and dates as DATE.
    return sorted((v, float(a), c, str(d)) for s, v, a, c, d in night["awards"] if s == source_id)


def _expected_awards(site):
    return sorted((n.vendor, float(n.amount), "CNY", n.date) for n in site.notices)


def test_healthy_and_retried_sources_land_whole_while_others_fail(night):
    sources = night["sources"]
    for source_id in ("good_portal", "flaky_portal"):
        assert sources[source_id]["status"] == "ok", sources[source_id]
        assert _awards_of(night, source_id) == _expected_awards(night["sites"][source_id])
    # The flaky source needed two retries of every page, and got everything.
    assert sources["flaky_portal"]["documents_fetched"] == 6


def test_each_failing_source_is_recorded_with_its_reason(night):
    sources = night["sources"]
    assert sources["down_portal"]["status"] == "stopped_early"
    assert '"status": 503' in sources["down_portal"]["errors"]
    assert sources["slow_portal"]["status"] == "stopped_early"
    assert "timeout" in sources["slow_portal"]["message"].lower() or "timeout" in sources["slow_portal"]["errors"].lower()
    assert sources["forbidden_portal"]["status"] != "ok"
    assert "robots" in (sources["forbidden_portal"]["message"] + sources["forbidden_portal"]["errors"]).lower()
    for source_id in ("down_portal", "slow_portal", "forbidden_portal"):
        assert sources[source_id]["documents_fetched"] == 0
        assert _awards_of(night, source_id) == []


def test_layout_changes_are_flagged_below_expectation_not_success(night):
    sources = night["sources"]
    assert sources["changed_portal"]["status"] == "below_expectation"
    assert "0 documents seen" in sources["changed_portal"]["message"]
    assert sources["shell_portal"]["status"] == "below_expectation"
    assert sources["shell_portal"]["documents_fetched"] == 6 and sources["shell_portal"]["documents_failed"] == 6
    assert "parse rate 0/6" in sources["shell_portal"]["message"]


def test_run_is_flagged_and_names_every_failing_source(night):
    status, flags = night["run"]
    flags = json.loads(flags)
    assert status == "flagged" and night["summary"]["status"] == "flagged"
    assert set(flags) == {"down_portal", "slow_portal", "forbidden_portal", "changed_portal", "shell_portal"}
    assert flags["shell_portal"].startswith("below_expectation")


def test_retries_wait_longer_each_time(tmp_path):
    """Exponential backoff between attempts: 0.5 s, then 1 s (base 0.5), measured at the server."""
    site = make_site("backoff_portal", 1, seed=8, retries=3, retry_backoff=0.5)
    url = site.detail_urls[0]
    site.fail_first(url, 503, 500)
    site.write(tmp_path / "sources", tmp_path / "archive")
    archive = TimedArchive([tmp_path / "archive" / site.source_id])
    seen: list[tuple[str, float]] = []
    original = archive.lookup

    def lookup(method, requested, body):
        seen.append((requested, time.perf_counter()))
        return original(method, requested, body)

    archive.lookup = lookup
    with ReplayServer(archive) as server:
        proc = subprocess.run([sys.executable, "-m", "spiders.crawl", "--source", site.source_id, "--raw", str(tmp_path / "raw"),
                               "--report", str(tmp_path / "r.json"), "--replay-url", server.url,
                               "--sources-dir", str(tmp_path / "sources")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["documents_fetched"] == 1 and report["retries"] == 2
    attempts = [t for u, t in seen if u.endswith(url.split("/", 3)[3])]
    assert len(attempts) == 3
    assert attempts[1] - attempts[0] >= 0.5
    assert attempts[2] - attempts[1] >= 1.0


# `procwatch bench --quick` smoke check: only that it runs and its last line carries every key
# (the figures themselves are measurements, never asserted; benchmarks may add keys).
def test_bench_quick_prints_every_figure_as_last_line():
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "bench", "--quick"], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(last) >= {"parse_docs_per_s", "parse_vs_lxml", "load_rows_per_s", "load_vs_native", "crawl_pages_per_s",
                         "crawl_vs_bare", "incremental_fraction", "query_max_s", "peak_rss_mb"}
    assert all(isinstance(v, (int, float)) for v in last.values())
