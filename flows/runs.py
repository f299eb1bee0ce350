"""Runs on record while they run.

A run publishes its `runs` row as `running` before it crawls, and writes the stage it is in to
`<warehouse>.run` (a small file beside the warehouse) as it goes. Holding the writer lock, the next
run knows that every other `running` row is dead (killed, crashed, power lost) and marks it
`failed` with the stage it had reached.
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from warehouse.load import load_batch
from warehouse.publish import Staging, WriterLock


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def stage_file(warehouse: str | Path) -> Path:
    path = Path(warehouse)
    return path.with_name(path.name + ".run")


def write_stage(warehouse: str | Path, run_id: str, stage: str) -> None:
    """Where the run is: beside the warehouse, and in $PROCWATCH_STATUS_FILE for monitors when set."""
    target = stage_file(warehouse)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps({"run_id": run_id, "stage": stage, "pid": os.getpid()}), encoding="utf-8")
    os.replace(tmp, target)
    status = os.environ.get("PROCWATCH_STATUS_FILE")
    if status:
        Path(status).write_text(stage + "\n", encoding="utf-8")


def _last_stage(warehouse: str | Path) -> dict:
    try:
        return json.loads(stage_file(warehouse).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def mark_dead_runs(con: duckdb.DuckDBPyConnection, warehouse: str | Path, by_run: str) -> list[tuple[str, str]]:
    """Every `running` row but ours belongs to a run that died: mark it failed, with its stage."""
    last = _last_stage(warehouse)
    dead = con.execute("SELECT run_id, coalesce(stage, 'start') FROM runs WHERE status = 'running' AND run_id <> ?",
                       [by_run]).fetchall()
    marked = []
    for run_id, stage in dead:
        stage = last.get("stage", stage) if last.get("run_id") == run_id else stage
        con.execute("UPDATE runs SET status = 'failed', stage = ?, finished_at = coalesce(finished_at, ?), message = ? "
                    "WHERE run_id = ?", [stage, now(), f"the run stopped during {stage} (killed or crashed); "
                                                       f"found by run {by_run}", run_id])
        marked.append((run_id, stage))
    return marked


def last_successes(con: duckdb.DuckDBPyConnection, mode: str) -> dict[str, date]:
    """source_id -> the day the last run in this mode that crawled it successfully started."""
    rows = con.execute("SELECT rs.source_id, max(r.started_at) FROM run_sources rs JOIN runs r USING (run_id) "
                       "WHERE r.mode = ? AND rs.status IN ('ok', 'stale') GROUP BY rs.source_id", [mode]).fetchall()
    return {source_id: started.date() for source_id, started in rows if started is not None}


def newest_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = con.execute("SELECT source_id, max(published_at) FROM documents WHERE status = 'parsed' "
                       "AND published_at IS NOT NULL GROUP BY source_id").fetchall()
    return {source_id: str(newest) for source_id, newest in rows if newest}


def newest_history(con: duckdb.DuckDBPyConnection, source_id: str, mode: str, nights: int) -> list[str | None]:
    """The newest document date recorded for this source by its last `nights` runs in this mode."""
    rows = con.execute("SELECT rs.newest_document FROM run_sources rs JOIN runs r USING (run_id) "
                       "WHERE rs.source_id = ? AND r.mode = ? AND r.status IN ('succeeded', 'flagged') "
                       "ORDER BY r.started_at DESC LIMIT ?", [source_id, mode, nights]).fetchall()
    return [newest for (newest,) in rows]


def last_out_dir(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT out_dir FROM runs WHERE out_dir IS NOT NULL AND status IN ('succeeded', 'flagged') "
                      "ORDER BY started_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def start_run(warehouse: str, lock: WriterLock, run_id: str, started_at: datetime, mode: str) -> dict:
    """Publish this run as `running`, after marking dead runs failed. Returns what the run needs from
    the history: the dead runs found, each source's last success, the last extracts folder."""
    staging = Staging(warehouse, lock)
    con = staging.open()
    try:
        dead = mark_dead_runs(con, warehouse, run_id)
        history = {"dead": dead, "last_successes": last_successes(con, mode), "last_out_dir": last_out_dir(con)}
        load_batch(con, {"runs": [{"run_id": run_id, "started_at": started_at, "status": "running", "mode": mode,
                                   "stage": "start"}]})
        staging.publish()
    except BaseException:
        staging.discard()
        raise
    write_stage(warehouse, run_id, "start")
    return history


def record_failure(warehouse: str, lock: WriterLock, run_id: str, stage: str, error: BaseException) -> None:
    """Best effort: the published warehouse says the night failed, and where (its data stays as it was)."""
    staging = Staging(warehouse, lock)
    try:
        con = staging.open()
        message = (str(error).strip().splitlines() or [type(error).__name__])[0][:500]
        con.execute("UPDATE runs SET status = 'failed', stage = ?, finished_at = ?, message = ? WHERE run_id = ?",
                    [stage, now(), message, run_id])
        staging.publish()
    except Exception:
        staging.discard()
