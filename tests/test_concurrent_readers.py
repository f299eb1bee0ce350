"""Analysts query while the night loads: every query succeeds and sees a whole night — the
previous one until publishing, the new one after — never a half-loaded warehouse.

The nightly run is a separate process (DuckDB takes one writing process per file); readers go
through warehouse.query.run_query and the `procwatch sql` command, as analysts do.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.sites import make_site
from warehouse.load import load_batch
from warehouse.publish import Staging
from warehouse.query import open_read_only, run_query

ROOT = Path(__file__).resolve().parents[1]
LAUNCH = (
    "import sys; from flows.cli import build_parser; from flows.commands import _run_flow; "
    "args = build_parser().parse_args(['run', '--offline', '--warehouse', sys.argv[1], '--raw', sys.argv[2], "
    "'--out', sys.argv[3], '--quiet']); "
    "sys.exit(_run_flow(args, out_dir=args.out, offline=True, sources=None, since=None, until=None, "
    "export_format='csv', sources_dir=sys.argv[4], archive_dir=sys.argv[5]))"
)
HELD_SESSION = (
    "import json, sys; from warehouse.query import open_read_only; "
    "con = open_read_only(sys.argv[1]); print(json.dumps(con.execute(sys.argv[2]).fetchone()), flush=True); "
    "sys.stdin.readline(); print(json.dumps(con.execute(sys.argv[2]).fetchone()), flush=True)"
)
STATE = ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM awards), (SELECT count(*) FROM notices), "
         "(SELECT count(*) FROM runs), (SELECT count(*) FROM run_sources)")


def _night(work: Path, sources: Path, archive: Path) -> subprocess.Popen:
    env = dict(os.environ, PROCWATCH_STATUS_FILE=str(work / "status"))
    return subprocess.Popen([sys.executable, "-c", LAUNCH, str(work / "w.duckdb"), str(work / "raw"), str(work / "out"),
                             str(sources), str(archive)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, (out + err)[-3000:]


def _stage(work: Path) -> str:
    try:
        return (work / "status").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    work = tmp_path_factory.mktemp("readers")
    first_sources, all_sources, archive = work / "sources1", work / "sources2", work / "archive"
    make_site("first_portal", 40, seed=31).write(first_sources, archive)
    make_site("first_portal", 40, seed=31).write(all_sources, archive)
    # The second night adds a source big enough that its load takes a while.
    make_site("second_portal", 250, seed=32, goods_rows=60).write(all_sources, archive)

    _finish(_night(work, first_sources, archive))
    warehouse = work / "w.duckdb"
    before = run_query(warehouse, STATE)[1][0]
    # An analyst's session in another process, opened before the night and kept across it.
    held = subprocess.Popen([sys.executable, "-c", HELD_SESSION, str(warehouse), STATE], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert json.loads(held.stdout.readline()) == list(before)

    proc = _night(work, all_sources, archive)
    reads, cli_reads, errors = [], [], []
    next_cli = 0.0
    while proc.poll() is None:
        stage = _stage(work)
        try:
            reads.append((stage, run_query(warehouse, STATE)[1][0]))
        except Exception as exc:  # every failure is a finding: collect, assert below
            errors.append(f"{stage}: {type(exc).__name__}: {exc}")
        if stage in ("parse", "load") and time.monotonic() > next_cli:
            cli = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--warehouse", str(warehouse), "--format", "json",
                                  "SELECT count(*) AS documents FROM documents"], capture_output=True, text=True, cwd=ROOT)
            cli_reads.append((stage, cli.returncode, cli.stdout, cli.stderr))
            next_cli = time.monotonic() + 1.0
        time.sleep(0.02)
    _finish(proc)
    after = run_query(warehouse, STATE)[1][0]
    held_out, held_err = held.communicate("again\n", timeout=60)
    assert held.returncode == 0, held_err
    held_after = tuple(json.loads(held_out.strip().splitlines()[-1]))
    return {"before": before, "after": after, "reads": reads, "cli": cli_reads, "errors": errors, "held_after": held_after}


def test_every_query_during_the_night_succeeds(nights):
    assert nights["errors"] == []
    assert nights["cli"], "no `procwatch sql` call landed during parse/load"
    for stage, code, out, err in nights["cli"]:
        assert code == 0, err
        assert json.loads(out.strip().splitlines()[-1])["documents"] in (nights["before"][0], nights["after"][0])


def test_readers_see_the_previous_or_the_new_night_never_a_half(nights):
    before, after = nights["before"], nights["after"]
    assert before[0] == 40 and after[0] == 290 and before[3] == 1 and after[3] == 2
    # The new night is on record as running from its start: the previous night's data, one more run.
    running = before[:3] + (before[3] + 1,) + before[4:]
    assert {state for _, state in nights["reads"]} <= {before, running, after}
    # While the night was loading, readers were still on the previous night's data.
    assert any(stage == "load" and state == running for stage, state in nights["reads"])


def test_a_session_opened_before_publishing_keeps_its_night(nights):
    assert nights["held_after"] == nights["before"]


def _publish_night(path: Path, night: int) -> None:
    staging = Staging(path)
    con = staging.open()
    load_batch(con, {"documents": [{"doc_id": f"d{night}-{i}", "url": f"https://www.procurement.example/{night}/{i}.htm",
                                    "source_id": "s", "status": "parsed"} for i in range(night * 10)]})
    staging.publish()


def test_sessions_in_one_process_each_see_a_whole_night(tmp_path):
    """A long-lived process (a notebook, a small web app) holding a session while the next night is
    published: the held session keeps its night, a new query in the same process sees the new one."""
    path = tmp_path / "w.duckdb"
    _publish_night(path, 1)
    held = open_read_only(path)
    try:
        assert run_query(path, "SELECT count(*) FROM documents")[1] == [(10,)]  # a second session, same process
        _publish_night(path, 2)
        assert run_query(path, "SELECT count(*) FROM documents")[1] == [(30,)]
        assert held.execute("SELECT count(*) FROM documents").fetchone() == (10,)
    finally:
        held.close()
