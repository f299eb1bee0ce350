"""Real Scrapy crawls of replayed pages through a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spiders.rawstore import RawStore
from spiders.replay import Archive, ReplayServer

ROOT = Path(__file__).resolve().parents[1]

LISTING_TOML = """
id = "{id}"
name = "Test listing"
kind = "ccgp_notice"
access = "listing"
base_url = "https://www.example.gov.cn/"
start_urls = ["https://search.example.gov.cn/bxsearch?searchtype=1&page_index=1"]
[listing]
item_links = "ul.result li a::attr(href)"
page_param = "page_index"
total_regex = '共找到\\s*(\\d+)\\s*条'
block_markers = ["访问过于频繁"]
[politeness]
timeout = {timeout}
retries = 2
[expect]
min_documents = 1
"""


def _page(links: list[str], total: int) -> bytes:
    items = "".join(f'<li><a href="{u}">notice</a></li>' for u in links)
    return f"<html><body><p>共找到 {total} 条内容</p><ul class='result'>{items}</ul></body></html>".encode()


def _write(archive: Path, entries: list[dict], files: dict[str, bytes]) -> None:
    archive.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (archive / name).write_bytes(body)
    with open(archive / "responses.jsonl", "w") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _crawl(tmp_path: Path, source_id: str, replay_url: str, report: str) -> dict:
    cmd = [sys.executable, "-m", "spiders.crawl", "--source", source_id, "--raw", str(tmp_path / "raw"),
           "--report", str(tmp_path / report), "--replay-url", replay_url, "--sources-dir", str(tmp_path / "sources"),
           "--block-backoff", "0.1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((tmp_path / report).read_text())


@pytest.fixture
def listing_site(tmp_path):
    sid = "test_listing"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{sid}.toml").write_text(LISTING_TOML.format(id=sid, timeout=2), encoding="utf-8")
    base = "https://www.example.gov.cn/cggg/"
    gbk_body = "<html><head><meta charset='gbk'></head><body>采购人：测试县公安局</body></html>".encode("gbk")
    files = {
        "p1.html": _page([base + "a.htm", base + "b.htm", base + "gone.htm"], 5),
        "p2.html": _page([base + "slow.htm", base + "secret/c.htm"], 5),
        "p3.html": _page([], 5),
        "a.html": "<html><body>采购人：甲</body></html>".encode(),
        "b.html": gbk_body,
        "robots.txt": b"User-agent: *\nDisallow: /cggg/secret/\n",
    }
    html = {"Content-Type": "text/html; charset=utf-8"}
    entries = [
        {"url": "https://www.example.gov.cn/robots.txt", "status": 200, "headers": {"Content-Type": "text/plain"}, "file": "robots.txt"},
        {"url": "https://search.example.gov.cn/bxsearch?searchtype=1&page_index=1", "status": 200, "headers": html, "file": "p1.html"},
        {"url": "https://search.example.gov.cn/bxsearch?searchtype=1&page_index=2", "status": 200, "headers": html, "file": "p2.html"},
        {"url": "https://search.example.gov.cn/bxsearch?searchtype=1&page_index=3", "status": 200, "headers": html, "file": "p3.html"},
        {"url": base + "a.htm", "status": 500, "headers": {}, "file": None},
        {"url": base + "a.htm", "status": 200, "headers": html, "file": "a.html"},
        {"url": base + "b.htm", "status": 200, "headers": {"Content-Type": "text/html; charset=GBK"}, "file": "b.html"},
        {"url": base + "slow.htm", "status": 200, "headers": html, "file": "a.html", "delay": 4},
    ]
    _write(tmp_path / "archive" / sid, entries, files)
    return sid


def test_listing_crawl_pagination_errors_and_incremental(tmp_path, listing_site):
    archive = Archive.for_sources([listing_site], root=tmp_path / "archive")
    with ReplayServer(archive) as server:
        started = time.monotonic()
        first = _crawl(tmp_path, listing_site, server.url, "r1.json")
        elapsed = time.monotonic() - started
        second = _crawl(tmp_path, listing_site, server.url, "r2.json")

    assert first["listing_pages"] == 2 and first["expected_total"] == 5  # all 5 listed: no third page asked for and first["items_listed"] == 5
    assert first["documents_fetched"] == 2  # a.htm after its 500, and the GBK page
    assert first["retries"] >= 1
    assert first["robots_forbidden"] == 1  # /cggg/secret/ is disallowed
    statuses = {e["url"].rsplit("/", 1)[-1]: e.get("status") or e.get("error") for e in first["errors"]}
    assert statuses["gone.htm"] == 404
    assert "TimeoutError" in statuses["slow.htm"] or "timeout" in statuses["slow.htm"].lower()
    assert elapsed < 60

    store = RawStore(tmp_path / "raw")
    fetches = {f.url.rsplit("/", 1)[-1]: f for f in store.fetches()}
    assert set(fetches) == {"a.htm", "b.htm"}
    gbk = store.read(fetches["b.htm"].sha256)
    assert gbk.decode("gbk").endswith("测试县公安局</body></html>")
    assert fetches["b.htm"].declared_encoding == "gbk"

    # Second night: the first listing page holds only known or failing items... nothing new is fetched.
    assert second["documents_fetched"] == 0
    assert second["skipped_known"] >= 2
    assert second["requests"] < first["requests"]


def test_rate_limit_page_stops_the_crawl_and_is_never_stored(tmp_path):
    sid = "blocked_listing"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / f"{sid}.toml").write_text(LISTING_TOML.format(id=sid, timeout=5), encoding="utf-8")
    block = "<html><body>您的访问过于频繁，请稍后再试</body></html>".encode()
    entries = [{"url": "https://search.example.gov.cn/bxsearch?searchtype=1&page_index=1", "status": 200,
                "headers": {"Content-Type": "text/html; charset=utf-8"}, "file": "block.html"}]
    _write(tmp_path / "archive" / sid, entries, {"block.html": block})
    with ReplayServer(Archive.for_sources([sid], root=tmp_path / "archive")) as server:
        report = _crawl(tmp_path, sid, server.url, "r.json")
    assert report["blocked"] is True
    assert report["stopped_early"] is True
    assert report["close_reason"] == "blocked"
    assert RawStore(tmp_path / "raw").fetches() == []


def test_since_until_bound_the_listing_query(tmp_path):
    sid = "bounded_listing"
    (tmp_path / "sources").mkdir()
    toml = LISTING_TOML.format(id=sid, timeout=5)
    toml = toml.replace('block_markers = ["访问过于频繁"]', 'block_markers = ["访问过于频繁"]\nsince_param = "start_time"\n'
                        'until_param = "end_time"\ndate_format = "%Y:%m:%d"\nbounded_query = { timeType = "6" }')
    (tmp_path / "sources" / f"{sid}.toml").write_text(toml, encoding="utf-8")
    bounded = ("https://search.example.gov.cn/bxsearch?searchtype=1&page_index=1&timeType=6"
               "&start_time=2025:06:01&end_time=2025:06:30")
    entries = [
        {"url": bounded, "status": 200, "headers": {"Content-Type": "text/html"}, "file": "p1.html"},
        {"url": "https://www.example.gov.cn/cggg/june.htm", "status": 200, "headers": {"Content-Type": "text/html"}, "file": "d.html"},
    ]
    _write(tmp_path / "archive" / sid, entries, {"p1.html": _page(["https://www.example.gov.cn/cggg/june.htm"], 1),
                                                 "d.html": "<html><body>采购人：乙</body></html>".encode()})
    with ReplayServer(Archive.for_sources([sid], root=tmp_path / "archive")) as server:
        cmd = [sys.executable, "-m", "spiders.crawl", "--source", sid, "--raw", str(tmp_path / "raw"), "--report",
               str(tmp_path / "r.json"), "--replay-url", server.url, "--sources-dir", str(tmp_path / "sources"),
               "--since", "2025-06-01", "--until", "2025-06-30"]
        assert subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["errors"] == [] and report["documents_fetched"] == 1
