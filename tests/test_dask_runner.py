"""The nightly flow on a local Dask cluster (prefect-dask) gives the same rows as on threads:
swapping the task runner is configuration, not code."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from benchmarks.sites import make_site
from warehouse.db import DATA_TABLES

VOLATILE = {"fetched_at", "run_id"}


def _digest(path: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in DATA_TABLES:
            columns = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                                  "ORDER BY ordinal_position", [table]).fetchall() if c not in VOLATILE]
            out[table] = sorted(map(repr, con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()))
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask_site")
    # Enough documents for several parse batches, so parse tasks really spread over the workers.
    make_site("dask_portal", 120, per_page=40, seed=61).write(root / "sources", root / "archive")
    return root


def _night(runner_name: str, site: Path, work: Path) -> dict:
    from flows.nightly import nightly, task_runner

    flow = nightly.with_options(task_runner=task_runner(runner_name))
    return flow(warehouse=str(work / "w.duckdb"), raw_dir=str(work / "raw"), out_dir=str(work / "out"), offline=True,
                sources_dir=str(site / "sources"), archive_dir=str(site / "archive"))


def test_task_runner_dask_is_a_local_dask_cluster():
    from prefect_dask import DaskTaskRunner

    from flows.nightly import task_runner

    runner = task_runner("dask")
    assert isinstance(runner, DaskTaskRunner)
    assert runner.cluster_kwargs.get("processes") is True and runner.cluster_kwargs.get("n_workers", 0) >= 1
    assert runner.address is None  # no scheduler address configured: a local cluster is started


def test_dask_run_gives_the_same_rows_as_the_thread_run(site, tmp_path):
    threads = _night("threads", site, tmp_path / "threads")
    dask = _night("dask", site, tmp_path / "dask")
    assert dask["status"] == threads["status"] == "succeeded"
    assert dask["documents_parsed"] == threads["documents_parsed"] == 120
    assert dask["counts"] == threads["counts"] and dask["counts"]["awards"] == 120
    assert _digest(tmp_path / "dask" / "w.duckdb") == _digest(tmp_path / "threads" / "w.duckdb")
    # The award extract (ordered by date and key) matches byte for byte.
    for name in ("awards",):
        assert (tmp_path / "dask" / "out" / f"{name}.csv").read_bytes() == (tmp_path / "threads" / "out" / f"{name}.csv").read_bytes()
