"""Live nights against a real HTTP server on 127.0.0.1 (no replay): each night's date window follows
the last successful run of the source, `--since/--until` override it, a source whose newest
document date stops moving is flagged stale, and a body lost from the raw store is fetched again."""
from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from benchmarks.sites import award_page, listing_page, make_notices

PER_PAGE = 5
SOURCE_TOML = """\
id = "live_portal"
name = "Procurement portal served on 127.0.0.1"
kind = "ccgp_notice"
access = "listing"
country = "CN"
base_url = "{base}/"
start_urls = ["{base}/search?searchtype=1&page_index=1"]
newest_first = true

[listing]
item_links = "ul.vT-srch-result-list-bid li > a::attr(href)"
page_param = "page_index"
max_pages = 20
since_param = "start_time"
until_param = "end_time"
date_format = "%Y-%m-%d"

[window]
lookback_days = 10

[politeness]
download_delay = 0
concurrency = 4
timeout = 10
retries = 1

[expect]
min_documents = 1
stale_after_nights = 1
"""


class Portal:
    """Listing pages (newest first) and notices; remembers every request it answered."""

    def __init__(self):
        self.notices = make_notices(12, seed=41)
        self.requests: list[str] = []
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                portal.requests.append(self.path)
                status, body = portal.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, path: str) -> tuple[int, bytes]:
        parts = urlsplit(path)
        if parts.path == "/search":
            page = int(parse_qs(parts.query).get("page_index", ["1"])[0])
            links = [f"{self.base}{self.path_of(n)}" for n in self.notices[(page - 1) * PER_PAGE: page * PER_PAGE]]
            return 200, listing_page(links, len(self.notices))
        for notice in self.notices:
            if parts.path == self.path_of(notice):
                return 200, award_page(notice, 0)
        return 404, b"not found"

    @staticmethod
    def path_of(notice) -> str:
        return f"/notice/{notice.code.encode('utf-8').hex()}.htm"

    def listing_windows(self) -> list[tuple[str, str]]:
        """(start_time, end_time) of the first listing page requested, per night, since the last call."""
        seen = [parse_qs(urlsplit(p).query) for p in self.requests if p.startswith("/search") and "page_index=1" in p]
        self.requests.clear()
        return [(q.get("start_time", [None])[0], q.get("end_time", [None])[0]) for q in seen]

    def notice_requests(self) -> list[str]:
        return [p for p in self.requests if p.startswith("/notice/")]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from flows.nightly import nightly

    work = tmp_path_factory.mktemp("live")
    portal = Portal()
    (work / "sources").mkdir()
    (work / "sources" / "live_portal.toml").write_text(SOURCE_TOML.format(base=portal.base), encoding="utf-8")

    def night(**options):
        return nightly(warehouse=str(work / "w.duckdb"), raw_dir=str(work / "raw"), out_dir=None, offline=False,
                       sources_dir=str(work / "sources"), **options)

    yield portal, night, work
    portal.server.shutdown()


def source_row(work: Path, run_id: str) -> dict:
    con = duckdb.connect(str(work / "w.duckdb"), read_only=True)
    try:
        cursor = con.execute("SELECT * FROM run_sources WHERE run_id = ?", [run_id])
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone()))
    finally:
        con.close()


def test_live_nights_window_staleness_and_refetch(live):
    portal, night, work = live
    today = datetime.now(timezone.utc).date()

    # Night 1, no history: the source's lookback (10 days) up to today.
    first = night()
    assert first["status"] == "succeeded", first["flags"]
    assert portal.listing_windows() == [((today - timedelta(days=10)).isoformat(), today.isoformat())]
    row = source_row(work, first["run_id"])
    assert row["documents_fetched"] == 12 and row["window_since"] == (today - timedelta(days=10)).isoformat()
    assert row["newest_document"] and row["newest_document"].startswith(portal.notices[0].date)

    # Night 2: from the day of the last successful run; nothing new, so the newest date has not moved.
    second = night()
    assert portal.listing_windows() == [(today.isoformat(), today.isoformat())]
    row = source_row(work, second["run_id"])
    assert row["status"] == "stale" and "has not moved for 1 night" in row["message"]
    assert second["status"] == "flagged" and second["flags"]["live_portal"].startswith("stale:")

    # Night 3: a newer notice is published and one held body was lost: both are fetched; not stale.
    newer = replace(portal.notices[0], code="GXCG-NEWER-1", date=(date.fromisoformat(portal.notices[0].date) + timedelta(days=3)).isoformat())
    portal.notices.insert(0, newer)
    # The oldest notice, on the last listing page, which an incremental crawl no longer reaches.
    index = sqlite3.connect(work / "raw" / "index.sqlite")
    lost_url, lost_digest = index.execute("SELECT url, sha256 FROM fetches WHERE url LIKE ?",
                                          [f"%{Portal.path_of(portal.notices[-1])}"]).fetchone()
    index.close()
    (work / "raw" / "objects" / lost_digest[:2] / lost_digest).unlink()
    portal.requests.clear()
    third = night()
    fetched = portal.notice_requests()
    assert sorted(fetched) == sorted([Portal.path_of(newer), urlsplit(lost_url).path])
    row = source_row(work, third["run_id"])
    assert row["status"] == "ok" and row["bodies_refetched"] == 1 and row["newest_document"].startswith(newer.date)
    assert (work / "raw" / "objects" / lost_digest[:2] / lost_digest).exists()

    # --since / --until override the window.
    portal.requests.clear()
    night(since="2024-01-01", until="2024-02-01")
    assert portal.listing_windows() == [("2024-01-01", "2024-02-01")]


def test_the_replay_keeps_the_archives_dates(tmp_path):
    """Offline, sources whose archived requests carry a date window get exactly those dates back."""
    from flows.windows import crawl_windows
    from spiders.registry import load_sources

    sources = load_sources(only=["usaspending_awards", "fpds_atom", "ocds_colombia", "ccgp_national_award"])
    windows = crawl_windows(sources, offline=True, since=None, until=None, last_successes={}, today=date(2030, 1, 1))
    assert windows == {"usaspending_awards": ("2010-10-01", "2016-09-30"), "fpds_atom": ("2013-10-01", "2014-09-30"),
                       "ocds_colombia": ("2016-06-01", "2016-07-31"), "ccgp_national_award": (None, None)}
    live = crawl_windows(sources, offline=False, since=None, until=None,
                         last_successes={"fpds_atom": date(2029, 12, 30)}, today=date(2030, 1, 1))
    assert live["fpds_atom"] == ("2029-12-30", "2030-01-01")
    assert live["usaspending_awards"] == ("2029-12-02", "2030-01-01")  # first live run: 30 days back
    # And the flow's crawl, given those dates, is answered by the archive (every request was recorded).
    from flows.stages import crawl_source
    from spiders.replay import Archive, ReplayServer

    dated = [s for s in sources if s.replay_window != (None, None)]
    with ReplayServer(Archive.for_sources([s.id for s in dated])) as replay:
        for source in dated:
            report = crawl_source(source, str(tmp_path / "raw"), "replay-test", replay.url, *windows[source.id])
            assert report["documents_fetched"] >= 1 and not report["errors"], (source.id, report["errors"])
