"""The nightly run's stages as plain functions; flows/nightly.py wraps them as Prefect tasks."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.normalise import Normaliser, Rows
from pipeline.parse import kinds, parse_document
from pipeline.records import Document, ParseError
from spiders.rawstore import Fetch, RawStore
from spiders.registry import Source

CRAWL_TIMEOUT_S = 3600


class CrawlFailed(RuntimeError):
    pass


def crawl_source(source: Source, raw_dir: str, run_id: str, replay_url: str | None, since: str | None,
                 until: str | None, block_backoff: float | None = None) -> dict:
    """One source's crawl in its own process (Scrapy's reactor cannot restart in-process)."""
    with tempfile.TemporaryDirectory(prefix="procwatch-crawl-") as tmp:
        report_path = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "spiders.crawl", "--source", source.id, "--raw", raw_dir, "--run-id", run_id,
               "--report", str(report_path)]
        if source.path:
            cmd += ["--sources-dir", str(Path(source.path).parent)]
        for flag, value in (("--replay-url", replay_url), ("--since", since), ("--until", until)):
            if value:
                cmd += [flag, value]
        if block_backoff is not None:
            cmd += ["--block-backoff", str(block_backoff)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CRAWL_TIMEOUT_S)
        if proc.returncode != 0 or not report_path.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            raise CrawlFailed(f"crawl of {source.id} exited {proc.returncode}: {tail[0][:300]}")
        return json.loads(report_path.read_text(encoding="utf-8"))


MISSING_BODY = "rawstore"  # parse_failures.parser of a document whose body the raw store has lost


@dataclass
class ParsedDocument:
    document: dict  # the documents-table row
    rows: Rows | None = None
    failure: dict | None = None  # the parse_failures row
    missing: bool = False  # body lost: the warehouse keeps the document's earlier rows until it is fetched again
    empty: bool = False  # a notice that gave no notice: read without error, yet nothing came of it
    unread: tuple[str, ...] = ()  # fields the parser saw but did not read


@dataclass
class ParseBatch:
    documents: list[ParsedDocument] = field(default_factory=list)


def parser_versions() -> dict[str, tuple[str, str]]:
    """kind -> (parser name, version)."""
    return {kind: (module.NAME, module.VERSION) for kind, module in kinds().items()}


def fetch_to_dict(fetch: Fetch) -> dict:
    return fetch.__dict__.copy()


# Articles may rightly say nothing about a deal; a procurement notice that yields no notice was not read.
PROSE_KINDS = ("news", "press_release")


def source_audit(parsed: list[ParsedDocument]) -> dict[str, dict]:
    """Per source: documents read, failed and empty, and the fields its parsers saw but did not read."""
    audit: dict[str, dict] = {}
    for item in parsed:
        if item.missing:
            continue
        entry = audit.setdefault(item.document["source_id"], {"parsed": 0, "failed": 0, "empty": 0, "unread": {}})
        entry["failed" if item.failure else "empty" if item.empty else "parsed"] += 1
        for name in item.unread:
            entry["unread"][name] = entry["unread"].get(name, 0) + 1
    return audit


def parse_fetches(fetches: list[dict], raw_dir: str, run_id: str) -> list[ParsedDocument]:
    """Read bodies from the raw store and parse them. Never raises for a bad document."""
    store = RawStore(raw_dir)
    normaliser = Normaliser()
    versions = parser_versions()
    out = []
    try:
        for fetch in fetches:
            try:
                body = store.read(fetch["sha256"])
            except FileNotFoundError:
                out.append(_missing_body(fetch, run_id))
                continue
            doc = Document(url=fetch["url"], body=body, kind=fetch["kind"], content_type=fetch["content_type"],
                           declared_encoding=fetch["declared_encoding"], source_id=fetch["source_id"],
                           fetched_at=fetch["fetched_at"])
            parser, version = versions.get(fetch["kind"], ("none", "0"))
            row = {"doc_id": fetch["sha256"], "source_id": fetch["source_id"], "url": fetch["url"], "kind": fetch["kind"],
                   "fetched_at": fetch["fetched_at"], "content_type": fetch["content_type"], "size_bytes": fetch["size"],
                   "parser": parser, "parser_version": version}
            try:
                result = parse_document(doc)
            except ParseError as exc:
                row["status"] = "failed"
                out.append(ParsedDocument(row, failure={"doc_id": row["doc_id"], "parser": parser, "parser_version": version,
                                                        "error": str(exc)[:2000], "url": doc.url, "run_id": run_id}))
                continue
            empty = fetch["kind"] not in PROSE_KINDS and not result.notices
            row.update(status="empty" if empty else "parsed", title=result.title, published_at=result.published_at,
                       language=result.language)
            out.append(ParsedDocument(row, rows=normaliser.rows(doc, result), empty=empty,
                                      unread=tuple(getattr(result, "unread_fields", ()) or ())))
    finally:
        store.close()
    return out


def _missing_body(fetch: dict, run_id: str) -> ParsedDocument:
    return ParsedDocument({"doc_id": fetch["sha256"], "source_id": fetch["source_id"], "url": fetch["url"]}, missing=True,
                          failure={"doc_id": fetch["sha256"], "parser": MISSING_BODY, "parser_version": None,
                                   "error": "raw body missing from the raw store: the next crawl fetches it again",
                                   "url": fetch["url"], "run_id": run_id})


def tables_for(parsed: list[ParsedDocument]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {name: [] for name in (
        "documents", "parse_failures", "organizations", "org_aliases", "notices", "awards", "relationships", "amount_mentions")}
    for item in parsed:
        if not item.missing:
            tables["documents"].append(item.document)
        if item.failure:
            tables["parse_failures"].append(item.failure)
        if item.rows:
            tables["organizations"].extend(item.rows.organizations.values())
            tables["org_aliases"].extend(item.rows.org_aliases.values())
            for name in ("notices", "awards", "relationships", "amount_mentions"):
                tables[name].extend(getattr(item.rows, name))
    return tables


def source_status(source: Source, report: dict | None, parsed: int, failed: int, crawl_error: str | None) -> tuple[str, str]:
    """Judge one source's night against its registry expectations: (status, message)."""
    if crawl_error:
        return "failed", crawl_error
    assert report is not None
    if report.get("blocked"):
        return "blocked", "the source answered with its rate-limit page; crawl stopped"
    if report.get("stopped_early"):
        errors = report.get("errors") or []
        why = report.get("close_reason") if report.get("close_reason") != "finished" else (errors[0] if errors else "fewer items than listed")
        return "stopped_early", f"crawl stopped early: {why}"
    seen = report.get("documents_fetched", 0) + report.get("skipped_known", 0) + report.get("documents_unchanged", 0)
    if seen < source.min_documents:
        return "below_expectation", f"{seen} documents seen, expected at least {source.min_documents} (layout change?)"
    if parsed + failed and parsed / (parsed + failed) < source.min_parse_rate:
        return "below_expectation", f"parse rate {parsed}/{parsed + failed} below {source.min_parse_rate:.0%}"
    return "ok", ""


def staleness(source: Source, newest: str | None, history: list[str | None], live: bool) -> str | None:
    """Why the source looks stale, or None: on live nights, its newest document date has stayed the
    same as on each of the previous `expect.stale_after_nights` nights (the replay archive never moves)."""
    nights = source.stale_after_nights
    if not live or not newest or nights < 1 or len(history) < nights:
        return None
    if all(previous == newest for previous in history):
        return f"newest document ({newest}) has not moved for {nights} night{'s' if nights > 1 else ''}"
    return None
