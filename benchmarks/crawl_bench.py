"""Crawl speed and incremental cost, over a synthetic listing site replayed from 127.0.0.1.

1. A real Scrapy crawl (`python -m spiders.crawl`, its own process) of N small detail pages
   plus their listing pages, at concurrency 16, into a fresh raw store.
2. The same crawl again over the unchanged site: the nightly's incremental case.
3. A bare asyncio HTTP/1.0 loop (its own process) fetching the same pages from the same server.

Pages per second count the pages the server answered between the crawl's first and last
request (start-up is shown apart: it is paid once per source per night, not per page).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from spiders.replay import Archive, ReplayServer, to_replay_url

from .shapes import ROOT
from .sites import make_site

CONCURRENCY = 16


class TimedArchive(Archive):
    """An Archive that notes when it served each answer."""

    def __init__(self, folders):
        super().__init__(folders)
        self.times: list[float] = []
        self._times_lock = threading.Lock()

    def lookup(self, method, url, body):
        entry = super().lookup(method, url, body)
        with self._times_lock:
            self.times.append(time.perf_counter())
        return entry

    def window(self) -> tuple[int, float]:
        with self._times_lock:
            times, self.times = self.times, []
        return len(times), (times[-1] - times[0]) if len(times) > 1 else 0.0


@dataclass
class CrawlFigures:
    pages: int  # answers served during the first crawl
    seconds: float  # first to last request of the first crawl
    wall_seconds: float  # the whole crawl process, start-up included
    bare_pages: int
    bare_seconds: float
    first_requests: int
    second_requests: int
    second_seconds: float
    documents: int

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def vs_bare(self) -> float:
        """How many times longer the crawl takes per page than the bare loop."""
        bare_rate = self.bare_pages / self.bare_seconds if self.bare_seconds else 0.0
        return bare_rate / self.pages_per_s if self.pages_per_s else float("inf")

    @property
    def incremental_fraction(self) -> float:
        return self.second_requests / self.first_requests if self.first_requests else float("inf")

    @property
    def incremental_time_fraction(self) -> float:
        return self.second_seconds / self.wall_seconds if self.wall_seconds else float("inf")


def crawl(work: Path, source_id: str, replay_url: str, report: str) -> tuple[dict, float]:
    cmd = [sys.executable, "-m", "spiders.crawl", "--source", source_id, "--raw", str(work / "raw"),
           "--report", str(work / report), "--replay-url", replay_url, "--sources-dir", str(work / "sources")]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=900)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark crawl failed: {proc.stderr.strip()[-500:]}")
    return json.loads((work / report).read_text(encoding="utf-8")), wall


def bare(work: Path, urls: list[str]) -> dict:
    url_file = work / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bare_fetch", str(url_file), str(CONCURRENCY)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"bare fetch loop failed: {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(documents: int) -> CrawlFigures:
    with tempfile.TemporaryDirectory(prefix="procwatch-bench-crawl-") as tmp:
        work = Path(tmp)
        site = make_site("bench_listing", documents, per_page=100).write(work / "sources", work / "archive")
        archive = TimedArchive([work / "archive" / site.source_id])
        with ReplayServer(archive) as server:
            first, wall = crawl(work, site.source_id, server.url, "first.json")
            pages, seconds = archive.window()
            second, second_wall = crawl(work, site.source_id, server.url, "second.json")
            archive.window()
            urls = [to_replay_url(server.url, site.listing_url(p)) for p in range(1, site.pages + 2)]
            urls += [to_replay_url(server.url, u) for u in site.detail_urls]
            floor = bare(work, urls)
    if first["documents_fetched"] != documents:
        raise RuntimeError(f"benchmark crawl fetched {first['documents_fetched']} of {documents} pages: {first['errors'][:3]}")
    return CrawlFigures(pages, seconds, wall, floor["pages"], floor["seconds"], first["requests"], second["requests"],
                        second_wall, first["documents_fetched"])
