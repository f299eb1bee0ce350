"""`procwatch run` killed with SIGKILL during crawl, parse and load, then run again: the warehouse
ends identical to an uninterrupted run's — no duplicate, no lost row — a killed night publishes
no data, only its `running` record, which the next run marks `failed` with the stage it reached.

Each run is its own process group (like a service under a supervisor); the kill takes the
whole group, crawl subprocess and Prefect's temporary server included, as a crash would.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from benchmarks.sites import make_site
from processes import kill_group
from warehouse.db import DATA_TABLES

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = 300
# The same path `procwatch run --offline` takes (flows.commands), with the test's own registry and archive.
LAUNCH = (
    "import sys; from flows.cli import build_parser; from flows.commands import _run_flow; "
    "args = build_parser().parse_args(['run', '--offline', '--warehouse', sys.argv[1], '--raw', sys.argv[2], "
    "'--out', sys.argv[3], '--quiet']); "
    "sys.exit(_run_flow(args, out_dir=args.out, offline=True, sources=None, since=None, until=None, "
    "export_format='csv', sources_dir=sys.argv[4], archive_dir=sys.argv[5]))"
)
VOLATILE = {"fetched_at", "run_id"}  # when and in which run a row was written, not what it says


@pytest.fixture(scope="module")
def site_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill_site")
    # Pages with long goods tables, so that parsing and loading each last long enough to be hit.
    make_site("kill_portal", DOCUMENTS, per_page=50, seed=21, goods_rows=80).write(root / "sources", root / "archive")
    return root


class Night:
    def __init__(self, site_root: Path, work: Path):
        self.site_root, self.work = site_root, work
        self.warehouse, self.raw, self.out = work / "w.duckdb", work / "raw", work / "extracts"
        self.status = work / "status"

    def start(self) -> subprocess.Popen:
        env = dict(os.environ, PROCWATCH_STATUS_FILE=str(self.status))
        return subprocess.Popen([sys.executable, "-c", LAUNCH, str(self.warehouse), str(self.raw), str(self.out),
                                 str(self.site_root / "sources"), str(self.site_root / "archive")],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)

    def run(self) -> None:
        proc = self.start()
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, (out + err)[-3000:]

    def stage(self) -> str:
        try:
            return self.status.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    def stored(self) -> int:
        index = self.raw / "index.sqlite"
        if not index.exists():
            return 0
        try:
            con = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=1)
            try:
                return con.execute("SELECT count(*) FROM fetches").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return 0

    def kill_when(self, ready, stage: str) -> str:
        """Start a run, SIGKILL its process group once `ready()`; returns the stage it died in."""
        proc = self.start()
        deadline = time.monotonic() + 300
        try:
            while not ready():
                assert proc.poll() is None, f"run ended before reaching the {stage} kill point: {proc.stderr.read()[-2000:]}"
                assert time.monotonic() < deadline, f"{stage} kill point never reached"
                time.sleep(0.005)
        finally:
            kill_group(proc)
        return self.stage()


def data_digest(path: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        digest = {}
        for table in DATA_TABLES:
            columns = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                                  "ORDER BY ordinal_position", [table]).fetchall() if c not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            digest[table] = sorted(map(repr, rows))
        return digest
    finally:
        con.close()


def raw_store_is_whole(raw: Path) -> None:
    """Every indexed fetch has its body, and every body is what its name says."""
    con = sqlite3.connect(raw / "index.sqlite")
    try:
        digests = [d for (d,) in con.execute("SELECT DISTINCT sha256 FROM fetches")]
    finally:
        con.close()
    for digest in digests:
        body = (raw / "objects" / digest[:2] / digest).read_bytes()
        assert hashlib.sha256(body).hexdigest() == digest


@pytest.fixture(scope="module")
def baseline(site_dirs, tmp_path_factory):
    night = Night(site_dirs, tmp_path_factory.mktemp("uninterrupted"))
    night.run()
    digest = data_digest(night.warehouse)
    assert len(digest["documents"]) == DOCUMENTS
    assert len(digest["awards"]) == DOCUMENTS  # one winner per synthetic notice: the parser read them all
    return digest


def _kill_and_resume(site_dirs, work: Path, ready_for, stage: str, baseline) -> None:
    night = Night(site_dirs, work)
    died_in = night.kill_when(ready_for(night), stage)
    assert died_in == stage
    # A killed first night publishes no data: only the record that it was running.
    assert all(rows == [] for rows in data_digest(night.warehouse).values())
    assert _runs(night.warehouse) == [("running", "start")]
    night.run()
    raw_store_is_whole(night.raw)
    assert data_digest(night.warehouse) == baseline
    # The killed night is on record as failed, with the stage it reached; the resumed one succeeded.
    assert _runs(night.warehouse) == [("failed", stage), ("succeeded", "done")]


def _runs(warehouse: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("SELECT status, stage FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()


def test_killed_during_crawl_then_rerun_matches_uninterrupted(site_dirs, baseline, tmp_path):
    def ready(night):
        return lambda: night.stage() == "crawl" and night.stored() >= DOCUMENTS // 3

    _kill_and_resume(site_dirs, tmp_path, ready, "crawl", baseline)


def test_killed_during_parse_then_rerun_matches_uninterrupted(site_dirs, baseline, tmp_path):
    def ready(night):
        return lambda: night.stage() == "parse"

    _kill_and_resume(site_dirs, tmp_path, ready, "parse", baseline)


def test_killed_during_load_then_rerun_matches_uninterrupted(site_dirs, baseline, tmp_path):
    def ready(night):
        seen = []

        def check():
            # A little after the first batch is being loaded: batches are committed into staging by now.
            if night.stage() == "load":
                seen.append(time.monotonic())
            return bool(seen) and time.monotonic() - seen[0] > 0.3

        return check

    _kill_and_resume(site_dirs, tmp_path, ready, "load", baseline)
