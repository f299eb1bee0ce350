"""The nightly flow: crawl each source (own process, retried) -> parse -> load -> publish -> export."""
from __future__ import annotations

import json
import os
import time
import uuid
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path

from .prefect_env import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from spiders.rawstore import RawStore  # noqa: E402
from spiders.registry import SOURCES_DIR, load_sources  # noqa: E402
from spiders.replay import ARCHIVE_DIR, Archive, ReplayServer  # noqa: E402
from warehouse.db import DATA_TABLES, row_counts  # noqa: E402
from warehouse.export import export  # noqa: E402
from warehouse.load import load_batch, upsert  # noqa: E402
from warehouse.publish import Staging  # noqa: E402
from warehouse.query import open_read_only  # noqa: E402

from . import progress  # noqa: E402
from .stages import crawl_source, fetch_to_dict, parse_fetches, parser_versions, source_status, tables_for  # noqa: E402

PARSE_BATCH = 50


@task(name="crawl", retries=2, retry_delay_seconds=[5, 30], cache_policy=NO_CACHE)
def crawl(source, raw_dir: str, run_id: str, replay_url: str | None, since: str | None, until: str | None,
          block_backoff: float | None) -> dict:
    report = crawl_source(source, raw_dir, run_id, replay_url, since, until, block_backoff)
    progress.current.advance("crawl")
    return report


@task(name="parse", cache_policy=NO_CACHE)
def parse(fetches: list[dict], raw_dir: str, run_id: str):
    parsed = parse_fetches(fetches, raw_dir, run_id)
    progress.current.advance("parse", len(fetches))
    return parsed


@task(name="load", cache_policy=NO_CACHE)
def load(con, parsed) -> dict[str, int]:
    """One parse batch into the staging copy, in one transaction."""
    return load_batch(con, tables_for(parsed), replace_docs=[p.document["doc_id"] for p in parsed])


@task(name="publish", cache_policy=NO_CACHE)
def publish(staging: Staging) -> None:
    staging.publish()


@task(name="export", cache_policy=NO_CACHE)
def export_extracts(warehouse: str, out_dir: str, export_format: str) -> dict:
    reader = open_read_only(warehouse)
    try:
        return {name: (str(path), n) for name, (path, n) in export(reader, out_dir, fmt=export_format).items()}
    finally:
        reader.close()


def _mark(stage: str) -> None:
    """Where the run is, for monitors: written to $PROCWATCH_STATUS_FILE when set."""
    path = os.environ.get("PROCWATCH_STATUS_FILE")
    if path:
        Path(path).write_text(stage + "\n", encoding="utf-8")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _to_parse(con, raw_dir: str, source_ids: list[str], reparse: bool) -> list[dict]:
    """Raw documents not yet parsed by the current parser version (all of them with reparse)."""
    versions = parser_versions()
    done = dict(con.execute("SELECT doc_id, coalesce(parser, '') || '/' || coalesce(parser_version, '') FROM documents").fetchall())
    store = RawStore(raw_dir)
    try:
        fetches = store.fetches(source_ids=source_ids)
    finally:
        store.close()
    wanted, seen = [], set()
    for fetch in fetches:
        if fetch.sha256 in seen:
            continue
        seen.add(fetch.sha256)
        name, version = versions.get(fetch.kind, ("none", "0"))
        if reparse or done.get(fetch.sha256) != f"{name}/{version}":
            wanted.append(fetch_to_dict(fetch))
    return wanted


@flow(name="nightly", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=False, validate_parameters=False)
def nightly(warehouse: str, raw_dir: str, out_dir: str | None = None, offline: bool = True,
            sources: list[str] | None = None, since: str | None = None, until: str | None = None,
            reparse: bool = False, crawl_sources: bool = True, export_format: str = "csv",
            sources_dir: str | None = None, archive_dir: str | None = None, block_backoff: float | None = None) -> dict:
    started_clock = time.monotonic()
    run_id = _now().strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    started_at = _now()
    selected = load_sources(Path(sources_dir) if sources_dir else SOURCES_DIR, only=sources)
    source_ids = [s.id for s in selected]
    Path(raw_dir).mkdir(parents=True, exist_ok=True)

    # -- crawl ----------------------------------------------------------------------
    reports: dict[str, dict] = {}
    crawl_errors: dict[str, str] = {}
    if crawl_sources:
        _mark("crawl")
        progress.current.stage("crawl", len(selected))
        server = ReplayServer(Archive.for_sources(source_ids, root=Path(archive_dir) if archive_dir else ARCHIVE_DIR)) if offline else nullcontext()
        with server as replay:
            replay_url = replay.url if offline else None
            futures = {s.id: crawl.submit(s, raw_dir, run_id, replay_url, since, until, block_backoff) for s in selected}
            for source_id, future in futures.items():
                try:
                    reports[source_id] = future.result()
                except Exception as exc:  # retries exhausted: record and go on with the other sources
                    crawl_errors[source_id] = str(exc)[:500]
        progress.current.done("crawl")

    staging = Staging(warehouse)
    con = staging.open()
    try:
        # -- parse ----------------------------------------------------------------------
        _mark("parse")
        candidates = _to_parse(con, raw_dir, source_ids, reparse)
        progress.current.stage("parse", len(candidates))
        batches = [candidates[i:i + PARSE_BATCH] for i in range(0, len(candidates), PARSE_BATCH)]
        futures = [parse.submit(batch, raw_dir, run_id) for batch in batches]

        # -- load: one transaction per batch ---------------------------------------------
        progress.current.stage("load", len(batches))
        upsert(con, "sources", [{"source_id": s.id, "kind": s.kind, "name": s.name, "base_url": s.base_url,
                                 "access": s.access, "country": s.country} for s in selected])
        per_source: dict[str, list[int]] = {sid: [0, 0] for sid in source_ids}
        for future in futures:
            parsed = future.result()
            _mark("load")
            load(con, parsed)
            for item in parsed:
                counts = per_source.setdefault(item.document["source_id"], [0, 0])
                counts[1 if item.failure else 0] += 1
            progress.current.advance("load")
        progress.current.done("parse")
        progress.current.done("load")

        # -- judge each source, record the run ----------------------------------------------
        source_rows, flags = [], {}
        for source in selected:
            report = reports.get(source.id)
            if not crawl_sources:
                report = {"documents_fetched": 0, "skipped_known": source.min_documents}
            parsed_ok, failed = per_source.get(source.id, [0, 0])
            status, message = source_status(source, report, parsed_ok, failed, crawl_errors.get(source.id))
            if status != "ok":
                flags[source.id] = f"{status}: {message}"
            report = report or {}
            source_rows.append({
                "run_id": run_id, "source_id": source.id, "status": status, "expected_total": report.get("expected_total"),
                "items_listed": report.get("items_listed"), "documents_fetched": report.get("documents_fetched"),
                "documents_new": report.get("documents_new"), "skipped_known": report.get("skipped_known"),
                "documents_parsed": parsed_ok, "documents_failed": failed, "requests": report.get("requests"),
                "errors": json.dumps(report.get("errors", []), ensure_ascii=False), "message": message,
            })
        counts = row_counts(con, DATA_TABLES)
        fetched = sum(r.get("documents_fetched", 0) for r in reports.values())
        parsed_total = sum(v[0] for v in per_source.values())
        failed_total = sum(v[1] for v in per_source.values())
        status = "flagged" if flags else "succeeded"
        load_batch(con, {
            "run_sources": source_rows,
            "runs": [{"run_id": run_id, "started_at": started_at, "finished_at": _now(), "status": status,
                      "mode": "offline" if offline else "live", "documents_fetched": fetched,
                      "documents_parsed": parsed_total, "documents_failed": failed_total,
                      "counts": json.dumps(counts), "flags": json.dumps(flags, ensure_ascii=False)}],
        })
        # -- publish ----------------------------------------------------------------------
        _mark("publish")
        publish(staging)
    except BaseException:
        staging.discard()
        _record_failed_run(warehouse, run_id, started_at, offline)
        raise

    # -- export ---------------------------------------------------------------------------
    written = {}
    _mark("export")
    if out_dir:
        written = export_extracts(warehouse, out_dir, export_format)
    _mark("done")
    return {
        "run_id": run_id, "status": status, "flags": flags, "warehouse": str(Path(warehouse).resolve()),
        "raw_dir": str(Path(raw_dir).resolve()), "out_dir": str(Path(out_dir).resolve()) if out_dir else None,
        "documents_fetched": fetched, "documents_parsed": parsed_total, "documents_failed": failed_total,
        "counts": counts, "sources": source_rows, "extracts": written,
        "seconds": round(time.monotonic() - started_clock, 1),
    }


def _record_failed_run(warehouse: str, run_id: str, started_at: datetime, offline: bool) -> None:
    """Best effort: the published warehouse says the night failed (its data stays as it was)."""
    staging = Staging(warehouse)
    try:
        con = staging.open()
        load_batch(con, {"runs": [{"run_id": run_id, "started_at": started_at, "finished_at": _now(), "status": "failed",
                                   "mode": "offline" if offline else "live"}]})
        staging.publish()
    except Exception:
        staging.discard()


def task_runner(name: str):
    if name == "dask":
        from prefect_dask import DaskTaskRunner

        workers = int(os.environ.get("PROCWATCH_DASK_WORKERS", "2"))
        address = os.environ.get("PROCWATCH_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=4)
