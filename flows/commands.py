"""What each `procwatch` sub-command does. Prefect is imported only by the commands that run flows."""
from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from . import progress
from .cli import EXIT_FLAGGED, UsageError, default_raw_dir


@contextmanager
def _progress_display(quiet: bool):
    if quiet or not sys.stderr.isatty():
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description:<6}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), transient=False) as bar:
        previous = progress.current
        progress.current = progress.RichProgress(bar)
        try:
            yield
        finally:
            progress.current = previous


def _print_summary(summary: dict) -> None:
    print(f"run {summary['run_id']}: {summary['status']} in {summary['seconds']} s")
    print(f"documents: {summary['documents_fetched']} fetched, {summary['documents_parsed']} parsed, "
          f"{summary['documents_failed']} failed")
    for row in summary["sources"]:
        line = (f"  {row['source_id']:<28} {row['status']:<18} fetched {row['documents_fetched'] or 0:>4}  "
                f"known {row['skipped_known'] or 0:>4}  parsed {row['documents_parsed']:>4}  failed {row['documents_failed']:>3}")
        if row.get("documents_empty"):
            line += f"  (of which {row['documents_empty']} gave no notice)"
        unread = json.loads(row["unread_fields"]) if row.get("unread_fields") else {}
        if unread:
            line += f"  unread fields {len(unread)}"
        print(line + (f"  ({row['message']})" if row["message"] else ""))
    print("rows: " + ", ".join(f"{t} {n}" for t, n in summary["counts"].items()))
    print(f"warehouse: {summary['warehouse']}")
    print(f"raw store: {summary['raw_dir']}")
    if summary.get("out_dir"):
        print(f"extracts:  {summary['out_dir']} ({len(summary['extracts'])} files)")
    for note in summary.get("notes", []):
        print(f"note: {note}")
    for source_id, flag in summary["flags"].items():
        print(f"FLAGGED {source_id}: {flag}", file=sys.stderr)


def _validate_run(args, params: dict) -> None:
    """Everything a run needs, checked before Prefect starts: each problem is one line."""
    from spiders.registry import SOURCES_DIR, load_sources

    from .windows import check_bounds

    sources_dir = params.get("sources_dir")
    load_sources(Path(sources_dir) if sources_dir else SOURCES_DIR, only=params.get("sources"))  # unknown ids, bad TOML
    check_bounds(params.get("since"), params.get("until"))
    if Path(args.warehouse).is_dir():
        raise UsageError(f"--warehouse {args.warehouse} is a folder, not a DuckDB file")
    for flag, value in (("--raw", args.raw), ("--out", params.get("out_dir"))):
        if value and Path(value).exists() and not Path(value).is_dir():
            raise UsageError(f"{flag} {value} exists and is not a folder")


def _quiet_prefect(debug: bool) -> None:
    """Prefect logs a flow's failure with its traceback; the command line says it in one line instead."""
    if not debug:
        os.environ["PREFECT_LOGGING_LEVEL"] = "CRITICAL"


def _run_flow(args, **params) -> int:
    started = time.monotonic()
    from warehouse.publish import WriterLock

    _validate_run(args, params)
    # The writer lock before Prefect and before any crawl: a second run stops here at once.
    lock = WriterLock.shared(args.warehouse).acquire()
    try:
        _quiet_prefect(getattr(args, "debug", False))
        from .nightly import nightly, task_runner

        raw = args.raw or default_raw_dir(args.warehouse)
        flow = nightly.with_options(task_runner=task_runner(args.task_runner))
        with _progress_display(args.quiet):
            summary = flow(warehouse=args.warehouse, raw_dir=raw, **params)
    finally:
        lock.release()
    _print_summary(summary)
    args.report_written = summary.get("report")
    print(f"total time: {time.monotonic() - started:.1f} s (flow {summary['seconds']} s; the rest is Prefect start-up)")
    return EXIT_FLAGGED if summary["status"] == "flagged" else 0


def _registry_dirs() -> dict:
    """Another sources registry and replay archive ($PROCWATCH_SOURCES_DIR, $PROCWATCH_ARCHIVE_DIR)."""
    return {key: os.environ[env] for key, env in (("sources_dir", "PROCWATCH_SOURCES_DIR"), ("archive_dir", "PROCWATCH_ARCHIVE_DIR"))
            if os.environ.get(env)}


def cmd_run(args) -> int:
    return _run_flow(args, out_dir=args.out, offline=not args.live, sources=args.sources, since=args.since,
                     until=args.until, export_format=args.format, **_registry_dirs())


def cmd_reparse(args) -> int:
    return _run_flow(args, out_dir=args.out, offline=True, sources=args.sources, reparse=True, crawl_sources=False,
                     **_registry_dirs())


def _read_input(path_or_url: str) -> tuple[str, bytes, str | None]:
    if path_or_url.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(path_or_url, timeout=30) as response:
                return path_or_url, response.read(64 * 1024 * 1024), response.headers.get("Content-Type")
        except OSError as exc:
            raise OSError(f"cannot fetch {path_or_url}: {exc}") from None
    path = Path(path_or_url)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path_or_url}")
    return path.resolve().as_uri(), path.read_bytes(), None


def cmd_extract(args) -> int:
    from pipeline.extract import records
    from pipeline.parse import parse_document
    from pipeline.records import Document, ParseError

    failures = 0
    out = sys.stdout
    for item in args.paths:
        url, body, content_type = _read_input(item)
        doc = Document(url=url, body=body, kind=args.kind, content_type=content_type)
        try:
            result = parse_document(doc)
        except ParseError as exc:
            failures += 1
            print(f"procwatch extract: {item}: {exc}", file=sys.stderr)
            continue
        for record in records(doc, result):
            out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
    return 1 if failures == len(args.paths) else 0


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def _sql_text(args) -> str:
    if args.file:
        if args.query not in (None, "-"):
            raise UsageError("give the query either as an argument or with --file, not both")
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the query file {args.file}: {exc.strerror}") from None
    if args.query in (None, "-"):
        if args.query is None and sys.stdin.isatty():
            raise UsageError("no query: give one as an argument, with --file, or on stdin")
        return sys.stdin.read()
    return args.query


def cmd_sql(args) -> int:
    from warehouse.query import memory_limit_setting, stream_query, timeout_setting

    from . import sql_output

    if args.limit < 0:
        raise UsageError("--limit cannot be negative (0 shows every row)")
    sql = _sql_text(args)
    memory_limit_setting(args.memory_limit)  # bad limits are refused before opening anything
    timeout_setting(args.timeout)
    out = sys.stdout
    with stream_query(args.warehouse, sql, args.memory_limit, args.timeout) as (columns, batches):
        if args.format == "json":
            sql_output.write_json_lines(out, columns, batches)
        elif args.format == "csv":
            sql_output.write_csv(out, columns, batches, to_terminal=out.isatty())
        else:
            sql_output.write_table(out, columns, batches, args.limit)
    return 0


def cmd_export(args) -> int:
    from warehouse.export import export
    from warehouse.query import open_read_only

    con = open_read_only(args.warehouse)
    try:
        written = export(con, args.out, args.names or None, args.format)
    finally:
        con.close()
    for name, (path, count) in written.items():
        print(f"{name}: {count} rows -> {path}")
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args)


def cmd_bench(args) -> int:
    from benchmarks.run import main as bench_main

    return bench_main(quick=args.quick)


def cmd_eval(args) -> int:
    from pipeline.evaluate import evaluate, format_report

    report = evaluate(Path(args.manifest), kinds=args.kind)
    print(format_report(report, details=args.details))
    return 0


def cmd_sources(args) -> int:
    from spiders.registry import load_sources

    for source in load_sources():
        urls = ", ".join(source.start_urls or source.options.get("feed_urls", []) or [source.options.get("url", "")])
        print(f"{source.id:<28} {source.kind:<14} {source.access:<12} {urls}")
    return 0
