"""`procwatch run` / `reparse` as processes, over a synthetic source replayed on 127.0.0.1: one
writer checked first, one-line errors before Prefect starts, whole nights of extracts even when a
kill lands in the export, and self-healing of a damaged warehouse, lost raw bodies and a lost or
garbage raw index."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from benchmarks.sites import make_site
from processes import kill_group

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = 120


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reliability_site")
    make_site("steady_portal", DOCUMENTS, per_page=40, seed=31, goods_rows=40).write(root / "sources", root / "archive")
    return root


class Cli:
    """The command line in its own process group, with the synthetic registry and archive."""

    def __init__(self, site: Path, work: Path):
        self.site, self.work = site, work
        self.warehouse, self.raw, self.out = work / "w.duckdb", work / "raw", work / "extracts"
        self.status = work / "status"

    def env(self, **extra) -> dict:
        return dict(os.environ, PROCWATCH_SOURCES_DIR=str(self.site / "sources"),
                    PROCWATCH_ARCHIVE_DIR=str(self.site / "archive"), PROCWATCH_STATUS_FILE=str(self.status), **extra)

    def args(self, command: str, *extra: str) -> list[str]:
        base = [sys.executable, "-m", "flows.cli", command, "--warehouse", str(self.warehouse)]
        if command in ("run", "reparse"):
            base += ["--raw", str(self.raw), "--quiet"]
        if command == "run":
            base += ["--offline", "--out", str(self.out)]
        return base + list(extra)

    def start(self, command: str, *extra: str, **env) -> subprocess.Popen:
        return subprocess.Popen(self.args(command, *extra), cwd=ROOT, env=self.env(**env), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def __call__(self, command: str, *extra: str, timeout: float = 600, **env) -> subprocess.CompletedProcess:
        return subprocess.run(self.args(command, *extra), cwd=ROOT, env=self.env(**env), capture_output=True,
                              text=True, timeout=timeout)

    def stage(self) -> str:
        try:
            return self.status.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return ""

    def query(self, sql: str, params=()) -> list[tuple]:
        con = duckdb.connect(str(self.warehouse), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    return proc


def data_counts(cli: Cli) -> dict[str, int]:
    return {t: cli.query(f"SELECT count(*) FROM {t}")[0][0]
            for t in ("documents", "notices", "awards", "organizations", "parse_failures")}


@pytest.fixture(scope="module")
def first_night(site, tmp_path_factory):
    """One whole night, copied for each test that damages something."""
    cli = Cli(site, tmp_path_factory.mktemp("first_night"))
    ok(cli("run"))
    counts = data_counts(cli)
    assert counts["documents"] == DOCUMENTS and counts["awards"] == DOCUMENTS
    return cli, counts


def copy_of(first_night, site, tmp_path) -> Cli:
    cli, _ = first_night
    for name in ("w.duckdb", "raw"):
        source = cli.work / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, tmp_path / name)
    return Cli(site, tmp_path)


# -- one writer, checked first -------------------------------------------------------------------

def test_a_second_run_refuses_at_once_with_one_line(site, tmp_path):
    cli = Cli(site, tmp_path)
    first = cli.start("run")
    try:
        deadline = time.monotonic() + 300
        while cli.stage() not in ("start", "crawl"):  # the first run holds the lock and is on record
            assert first.poll() is None and time.monotonic() < deadline, first.stderr.read()[-2000:]
            time.sleep(0.02)
        started = time.monotonic()
        second = cli("run", PREFECT_HOME=str(tmp_path / "second-prefect"))
        refused_in = time.monotonic() - started
        print(f"\nsecond run refused in {refused_in:.2f} s")
        assert second.returncode == 1
        assert second.stderr.startswith(f"procwatch run: another run is writing {cli.warehouse} (pid {first.pid}")
        assert len(second.stderr.splitlines()) == 1 and "Traceback" not in second.stderr
        assert refused_in < 5
        assert not (tmp_path / "second-prefect").exists()  # refused before Prefect started
        out, err = first.communicate(timeout=600)
        assert first.returncode == 0, (out + err)[-2000:]
    finally:
        if first.poll() is None:
            kill_group(first)
    assert [s for (s,) in cli.query("SELECT status FROM runs")] == ["succeeded"]


# -- one-line errors -------------------------------------------------------------------------------

def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a warehouse\n" * 500)


@pytest.mark.parametrize("command, extra, prepare, expected", [
    ("run", ["--source", "no_such_source"], None, "unknown source(s): no_such_source"),
    ("reparse", ["--source", "no_such_source"], None, "unknown source(s): no_such_source"),
    ("run", ["--since", "2024-13-01"], None, "--since '2024-13-01' is not a date"),
    ("run", ["--until", "yesterday"], None, "--until 'yesterday' is not a date"),
    ("run", ["--since", "2024-05-01", "--until", "2024-01-01"], None, "--since 2024-05-01 is after --until 2024-01-01"),
    ("run", ["--out", "{work}/a-file"], "file", "exists and is not a folder"),
    ("sql", ["SELECT 1"], None, "no warehouse at"),
    ("sql", ["SELECT 1"], "garbage", "cannot be opened"),
    ("export", ["--out", "{work}/x"], "garbage", "cannot be opened"),
])
def test_user_facing_errors_are_one_line_before_prefect_starts(site, tmp_path, command, extra, prepare, expected):
    cli = Cli(site, tmp_path)
    if prepare == "file":
        (tmp_path / "a-file").write_text("x")
    if prepare == "garbage":
        _garbage(cli.warehouse)
    prefect_home = tmp_path / "prefect"
    args = [a.format(work=tmp_path) for a in extra]
    proc = cli(command, *args, PREFECT_HOME=str(prefect_home), timeout=120)
    assert proc.returncode != 0
    assert proc.stderr.startswith(f"procwatch {command}: ") and expected in proc.stderr, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not prefect_home.exists()


def test_an_error_inside_the_flow_is_one_line_and_on_record(site, tmp_path):
    cli = Cli(site, tmp_path)
    (tmp_path / "a-file").write_text("x")
    proc = cli("run", "--out", str(tmp_path / "a-file" / "extracts"))  # found only when the export writes
    assert proc.returncode == 1
    assert proc.stderr.startswith("procwatch run: ") and "Not a directory" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr
    assert cli.query("SELECT status, stage FROM runs") == [("failed", "export")]
    assert cli.query("SELECT count(*) FROM documents") == [(0,)]  # the failed night published no data


def test_debug_shows_the_traceback(site, tmp_path):
    proc = Cli(site, tmp_path)("run", "--source", "no_such_source", "--debug", PREFECT_HOME=str(tmp_path / "p"))
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "no_such_source" in proc.stderr


# -- whole nights of extracts --------------------------------------------------------------------

def manifest_matches_files(out: Path) -> dict:
    manifest = json.loads((out / "NIGHT.json").read_text(encoding="utf-8"))
    for entry in manifest["files"].values():
        assert hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    return manifest


def test_a_kill_during_export_leaves_the_previous_whole_set(first_night, site, tmp_path):
    cli = copy_of(first_night, site, tmp_path)
    ok(cli("run"))  # a night of its own, so that the extracts folder is this copy's
    before = manifest_matches_files(cli.out)
    assert cli.query("SELECT status FROM runs WHERE run_id = ?", [before["run_id"]]) == [("succeeded",)]
    proc = cli.start("reparse", "--out", str(cli.out))
    deadline = time.monotonic() + 300
    try:
        while cli.stage() != "export":
            assert proc.poll() is None, f"reparse ended before its export: {proc.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline
            time.sleep(0.001)
    finally:
        kill_group(proc)
    assert cli.stage() == "export"
    after = manifest_matches_files(cli.out)
    assert after["run_id"] == before["run_id"]  # the whole previous night, nothing of the killed one
    killed = [r for (r,) in cli.query("SELECT run_id FROM runs WHERE status = 'running'")]
    assert len(killed) == 1
    ok(cli("reparse", "--out", str(cli.out)))
    assert cli.query("SELECT status, stage FROM runs WHERE run_id = ?", killed) == [("failed", "export")]
    latest = manifest_matches_files(cli.out)
    assert cli.query("SELECT status FROM runs WHERE run_id = ?", [latest["run_id"]]) == [("succeeded",)]
    assert latest["files"]["awards"]["rows"] == DOCUMENTS
    assert cli.out.is_symlink() and len([p for p in cli.out.parent.glob(".extracts.nights/*") if p.is_dir()]) <= 3


# -- self-healing ------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["truncated", "overwritten", "garbage"])
def test_a_damaged_warehouse_is_detected_and_rebuilt_from_the_raw_store(first_night, site, tmp_path, damage):
    _, counts = first_night
    cli = copy_of(first_night, site, tmp_path)
    size = cli.warehouse.stat().st_size
    if damage == "truncated":
        os.truncate(cli.warehouse, size // 2)
    elif damage == "overwritten":
        with open(cli.warehouse, "r+b") as fh:
            fh.seek(size // 2)
            fh.write(os.urandom(8192))
    else:
        _garbage(cli.warehouse)
    # A reader answers from the blocks it can still read, or fails in one line; never a traceback.
    for query in ("SELECT count(*) FROM awards", "SELECT * FROM award_details", "SELECT * FROM documents"):
        read = cli("sql", query, "--format", "csv")
        assert len(read.stderr.splitlines()) <= 1 and "Traceback" not in read.stderr
        assert read.returncode == 0 or read.stderr.startswith("procwatch sql: ")
    proc = ok(cli("reparse"))
    assert "procwatch: the warehouse was damaged (" in proc.stderr and "rebuilt from the raw store" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert data_counts(cli) == counts
    assert len(list(tmp_path.glob("w.duckdb.damaged-*"))) == 1
    message = cli.query("SELECT message FROM runs WHERE status = 'succeeded'")[0][0]
    assert "warehouse was damaged" in message


def _one_detail_body(cli: Cli) -> tuple[str, str]:
    con = sqlite3.connect(cli.raw / "index.sqlite")
    try:
        return con.execute("SELECT url, sha256 FROM fetches WHERE url LIKE '%/cggg/%' ORDER BY url LIMIT 1").fetchone()
    finally:
        con.close()


def test_a_lost_raw_body_is_recorded_reparse_goes_on_and_the_next_crawl_fetches_it(first_night, site, tmp_path):
    _, counts = first_night
    cli = copy_of(first_night, site, tmp_path)
    url, digest = _one_detail_body(cli)
    body = cli.raw / "objects" / digest[:2] / digest
    body.unlink()
    proc = ok(cli("reparse", "--out", str(cli.out)))
    assert "1 raw bodies missing from the raw store" in proc.stdout
    failures = cli.query("SELECT doc_id, parser, error FROM parse_failures")
    assert failures == [(digest, "rawstore", "raw body missing from the raw store: the next crawl fetches it again")]
    assert data_counts(cli)["awards"] == counts["awards"]  # the others reparsed; the lost one keeps its rows
    assert json.loads((cli.out / "NIGHT.json").read_text())["files"]["awards"]["rows"] == DOCUMENTS
    ok(cli("run"))
    assert body.exists() and hashlib.sha256(body.read_bytes()).hexdigest() == digest
    assert cli.query("SELECT bodies_refetched FROM run_sources rs JOIN runs r USING (run_id) "
                     "ORDER BY r.started_at DESC LIMIT 1") == [(1,)]
    assert cli.query("SELECT count(*) FROM parse_failures") == [(0,)]
    assert data_counts(cli) == counts


@pytest.mark.parametrize("damage", ["deleted", "garbage"])
def test_a_lost_or_garbage_raw_index_is_rebuilt_from_the_objects(first_night, site, tmp_path, damage):
    _, counts = first_night
    cli = copy_of(first_night, site, tmp_path)
    index = cli.raw / "index.sqlite"
    con = sqlite3.connect(index)
    held = con.execute("SELECT count(*) FROM fetches").fetchone()[0]
    con.close()
    for leftover in cli.raw.glob("index.sqlite*"):
        leftover.unlink()
    if damage == "garbage":
        index.write_bytes(os.urandom(64 * 1024))
    cli.warehouse.unlink()  # so that reparse has to find every document in the rebuilt index
    proc = ok(cli("reparse"))
    expected = "the raw store index was missing" if damage == "deleted" else "the raw store index was damaged"
    assert expected in proc.stderr and f"{held} fetches of {DOCUMENTS} bodies" in proc.stderr, proc.stderr
    assert data_counts(cli) == counts
    if damage == "garbage":
        assert len(list(cli.raw.glob("index.sqlite.damaged-*"))) == 1
