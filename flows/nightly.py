"""The nightly flow: lock -> record the run -> crawl each source (own process, retried) -> parse -> load -> export -> publish."""
from __future__ import annotations

import json
import os
import sys
import time
import uuid
from contextlib import nullcontext
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
from warehouse.export import publish_night, switch_night  # noqa: E402
from warehouse.load import load_batch, upsert  # noqa: E402
from warehouse.publish import Staging, WriterLock, integrity_problem, quarantine  # noqa: E402

from . import progress  # noqa: E402
from .runs import newest_documents, newest_history, now, record_failure, start_run, write_stage  # noqa: E402
from .stages import (MISSING_BODY, crawl_source, fetch_to_dict, parse_fetches, parser_versions, source_audit, source_status,  # noqa: E402
                     staleness, tables_for)
from .windows import check_bounds, crawl_windows  # noqa: E402

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
    return load_batch(con, tables_for(parsed), replace_docs=[p.document["doc_id"] for p in parsed if not p.missing])


@task(name="publish", cache_policy=NO_CACHE)
def publish(staging: Staging) -> None:
    staging.publish()


@task(name="export", cache_policy=NO_CACHE)
def export_extracts(con, out_dir: str, run_id: str, export_format: str) -> dict:
    """The night's whole set of extracts, from the staging copy, into a folder of its own."""
    return {name: (str(path), n) for name, (path, n) in publish_night(con, out_dir, run_id, export_format).items()}


def _to_parse(con, raw_dir: str, source_ids: list[str], reparse: bool) -> list[dict]:
    """Raw documents not yet parsed by the current parser version (all of them with reparse), and
    those whose body had gone missing (fetched again since, or still missing: recorded again)."""
    versions = parser_versions()
    done = dict(con.execute("SELECT doc_id, coalesce(parser, '') || '/' || coalesce(parser_version, '') FROM documents").fetchall())
    lost = {d for (d,) in con.execute("SELECT doc_id FROM parse_failures WHERE parser = ?", [MISSING_BODY]).fetchall()}
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
        if reparse or fetch.sha256 in lost or done.get(fetch.sha256) != f"{name}/{version}":
            wanted.append(fetch_to_dict(fetch))
    return wanted


def _heal(warehouse: str, raw_dir: str) -> list[str]:
    """A damaged warehouse is moved aside and rebuilt from the raw store; a lost or garbage raw
    index is rebuilt from the objects. Returns what was done, for the run's record and its output."""
    notes = []
    raw_note = RawStore.heal(raw_dir)
    if raw_note:
        notes.append(raw_note)
    problem = integrity_problem(warehouse)
    if problem:
        moved = quarantine(warehouse)
        notes.append(f"the warehouse was damaged ({problem}); moved aside to {moved.name} and rebuilt from the raw store "
                     "(earlier run records stay in the damaged copy)")
    for note in notes:
        print(f"procwatch: {note}", file=sys.stderr)
    return notes


@flow(name="nightly", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=False, validate_parameters=False)
def nightly(warehouse: str, raw_dir: str, out_dir: str | None = None, offline: bool = True,
            sources: list[str] | None = None, since: str | None = None, until: str | None = None,
            reparse: bool = False, crawl_sources: bool = True, export_format: str = "csv",
            sources_dir: str | None = None, archive_dir: str | None = None, block_backoff: float | None = None) -> dict:
    started_clock = time.monotonic()
    run_id = now().strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]
    started_at = now()
    selected = load_sources(Path(sources_dir) if sources_dir else SOURCES_DIR, only=sources)
    check_bounds(since, until)
    # One writer per warehouse, taken before anything is crawled (the command line took it already).
    lock = WriterLock.shared(warehouse).acquire()
    try:
        Path(raw_dir).mkdir(parents=True, exist_ok=True)
        notes = _heal(warehouse, raw_dir)
        history = start_run(warehouse, lock, run_id, started_at, "offline" if offline else "live")
        notes += [f"run {dead_id} had stopped during {stage}: marked failed" for dead_id, stage in history["dead"]]
        if reparse and out_dir is None:
            out_dir = history["last_out_dir"]  # reparse rewrites the extracts where the last night put them
        night = Night(warehouse, run_id, lock)
        try:
            summary = night.run(raw_dir, out_dir, offline, selected, since, until, reparse, crawl_sources,
                                export_format, archive_dir, block_backoff, started_at, history, notes)
        except BaseException as exc:
            record_failure(warehouse, lock, run_id, night.stage, exc)
            raise
    finally:
        lock.release()
    summary["seconds"] = round(time.monotonic() - started_clock, 1)
    return summary


class Night:
    """One run's work once it is on record: crawl, parse, load, judge, export, publish."""

    def __init__(self, warehouse: str, run_id: str, lock: WriterLock):
        self.warehouse, self.run_id, self.lock = warehouse, run_id, lock
        self.stage = "start"

    def mark(self, stage: str) -> None:
        self.stage = stage
        write_stage(self.warehouse, self.run_id, stage)

    def run(self, raw_dir, out_dir, offline, selected, since, until, reparse, crawl_sources, export_format,
            archive_dir, block_backoff, started_at, history, notes) -> dict:
        warehouse, run_id = self.warehouse, self.run_id
        source_ids = [s.id for s in selected]
        mode = "offline" if offline else "live"
        windows = crawl_windows(selected, offline, since, until, history["last_successes"], now().date())
        # -- crawl ----------------------------------------------------------------------
        reports: dict[str, dict] = {}
        crawl_errors: dict[str, str] = {}
        if crawl_sources:
            self.mark("crawl")
            progress.current.stage("crawl", len(selected))
            server = ReplayServer(Archive.for_sources(source_ids, root=Path(archive_dir) if archive_dir else ARCHIVE_DIR)) if offline else nullcontext()
            with server as replay:
                replay_url = replay.url if offline else None
                futures = {s.id: crawl.submit(s, raw_dir, run_id, replay_url, *windows[s.id], block_backoff) for s in selected}
                for source_id, future in futures.items():
                    try:
                        reports[source_id] = future.result()
                    except Exception as exc:  # retries exhausted: record and go on with the other sources
                        crawl_errors[source_id] = str(exc)[:500]
            progress.current.done("crawl")

        staging = Staging(warehouse, self.lock)
        con = staging.open()
        try:
            # -- parse ----------------------------------------------------------------------
            self.mark("parse")
            candidates = _to_parse(con, raw_dir, source_ids, reparse)
            progress.current.stage("parse", len(candidates))
            batches = [candidates[i:i + PARSE_BATCH] for i in range(0, len(candidates), PARSE_BATCH)]
            futures = [parse.submit(batch, raw_dir, run_id) for batch in batches]

            # -- load: one transaction per batch ---------------------------------------------
            progress.current.stage("load", len(batches))
            upsert(con, "sources", [{"source_id": s.id, "kind": s.kind, "name": s.name, "base_url": s.base_url,
                                     "access": s.access, "country": s.country} for s in selected])
            per_source: dict[str, list[int]] = {sid: [0, 0] for sid in source_ids}
            audit: dict[str, dict] = {}
            missing_bodies = 0
            for future in futures:
                parsed = future.result()
                self.mark("load")
                load(con, parsed)
                missing_bodies += sum(1 for item in parsed if item.missing)
                for source_id, entry in source_audit(parsed).items():
                    counts = per_source.setdefault(source_id, [0, 0])
                    counts[0] += entry["parsed"]
                    counts[1] += entry["failed"] + entry["empty"]  # a notice that gave nothing counts as not parsed
                    total = audit.setdefault(source_id, {"empty": 0, "unread": {}})
                    total["empty"] += entry["empty"]
                    for name, n in entry["unread"].items():
                        total["unread"][name] = total["unread"].get(name, 0) + n
                progress.current.advance("load")
            progress.current.done("parse")
            progress.current.done("load")
            if missing_bodies:
                notes.append(f"{missing_bodies} raw bodies missing from the raw store: recorded in parse_failures "
                             f"(parser '{MISSING_BODY}'), fetched again by the next crawl")

            # -- judge each source, record the run ----------------------------------------------
            self.mark("judge")
            source_rows, flags = [], {}
            newest = newest_documents(con)
            for source in selected:
                report = reports.get(source.id)
                if not crawl_sources:
                    report = {"documents_fetched": 0, "skipped_known": source.min_documents}
                parsed_ok, failed = per_source.get(source.id, [0, 0])
                status, message = source_status(source, report, parsed_ok, failed, crawl_errors.get(source.id))
                if status == "ok" and crawl_sources:
                    stale = staleness(source, newest.get(source.id),
                                      newest_history(con, source.id, mode, source.stale_after_nights), not offline)
                    if stale:
                        status, message = "stale", stale
                if status != "ok":
                    flags[source.id] = f"{status}: {message}"
                report = report or {}
                window = windows[source.id] if crawl_sources else (None, None)
                source_rows.append({
                    "run_id": run_id, "source_id": source.id, "status": status, "expected_total": report.get("expected_total"),
                    "items_listed": report.get("items_listed"), "documents_fetched": report.get("documents_fetched"),
                    "documents_new": report.get("documents_new"), "skipped_known": report.get("skipped_known"),
                    "documents_parsed": parsed_ok, "documents_failed": failed, "requests": report.get("requests"),
                    "errors": json.dumps(report.get("errors", []), ensure_ascii=False), "message": message,
                    "window_since": window[0], "window_until": window[1], "newest_document": newest.get(source.id),
                    "bodies_refetched": report.get("bodies_refetched"),
                    "documents_empty": audit.get(source.id, {}).get("empty", 0),
                    "unread_fields": json.dumps(dict(sorted(audit.get(source.id, {}).get("unread", {}).items(),
                                                            key=lambda kv: (-kv[1], kv[0]))[:50]), ensure_ascii=False),
                })
            counts = row_counts(con, DATA_TABLES)
            fetched = sum(r.get("documents_fetched", 0) for r in reports.values())
            parsed_total = sum(v[0] for v in per_source.values())
            failed_total = sum(v[1] for v in per_source.values())
            status = "flagged" if flags else "succeeded"
            load_batch(con, {
                "run_sources": source_rows,
                "runs": [{"run_id": run_id, "started_at": started_at, "finished_at": now(), "status": status, "mode": mode,
                          "stage": "done", "documents_fetched": fetched, "documents_parsed": parsed_total,
                          "documents_failed": failed_total, "out_dir": os.path.abspath(out_dir) if out_dir else None,
                          "counts": json.dumps(counts), "flags": json.dumps(flags, ensure_ascii=False),
                          "message": "; ".join(notes) or None}],
            })
            # -- export, then publish: a night is on record as done only with its whole set of extracts
            written = {}
            if out_dir:
                self.mark("export")
                written = export_extracts(con, out_dir, run_id, export_format)
            self.mark("publish")
            publish(staging)
        except BaseException:
            staging.discard()
            raise
        report = None
        if out_dir:
            switch_night(out_dir, run_id)
            report = night_report(warehouse, out_dir, notes)
        self.mark("done")
        return {
            "report": report,
            "run_id": run_id, "status": status, "flags": flags, "warehouse": str(Path(warehouse).resolve()),
            "raw_dir": str(Path(raw_dir).resolve()), "out_dir": os.path.abspath(out_dir) if out_dir else None,
            "documents_fetched": fetched, "documents_parsed": parsed_total, "documents_failed": failed_total,
            "counts": counts, "sources": source_rows, "extracts": written, "notes": notes,
        }


def night_report(warehouse: str, out_dir: str, notes: list[str]) -> str | None:
    """The report page beside the night's extracts, on every night (scheduled ones too). The night is
    published already: a report that cannot be written is a note, never a failed night."""
    from reports.page import write_report

    try:
        return str(write_report(warehouse, out_dir))
    except Exception as exc:  # noqa: BLE001 - any failure of the page leaves the night's data as it is
        notes.append(f"report not written: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}")
        return None


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
