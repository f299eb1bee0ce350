"""The `procwatch` command line. Errors are one line on stderr and a non-zero exit (--debug: traceback)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reports.cli import EXCHANGE_FORMATS, add_commands as add_reporting_commands, after_run, cmd_exchange_export

EXIT_FLAGGED = 3


class UsageError(Exception):
    pass


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("procwatch")
    except PackageNotFoundError:
        return "unknown"


def default_warehouse() -> str:
    return os.environ.get("PROCWATCH_WAREHOUSE", "procwatch.duckdb")


def default_raw_dir(warehouse: str) -> str:
    path = Path(warehouse)
    return str(path.with_name(path.stem + "-raw"))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warehouse", default=None, help="DuckDB file (default: $PROCWATCH_WAREHOUSE or procwatch.duckdb)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="procwatch", description="Follow the money between technology vendors and public bodies.")
    parser.add_argument("--version", action="version", version=f"procwatch {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="the nightly flow: crawl, parse, load, publish, export")
    _common(run)
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--offline", dest="live", action="store_false", help="replay the bundled archive (default)")
    mode.add_argument("--live", dest="live", action="store_true", help="crawl the configured live URLs")
    run.set_defaults(live=os.environ.get("PROCWATCH_LIVE") == "1")
    run.add_argument("--out", default="extracts", help="folder for CSV/Parquet extracts (default: extracts)")
    run.add_argument("--raw", help="raw store folder (default: beside the warehouse)")
    run.add_argument("--source", action="append", dest="sources", help="only this source id (repeatable)")
    run.add_argument("--since", help="only documents from this date (YYYY-MM-DD)")
    run.add_argument("--until", help="only documents up to this date (YYYY-MM-DD)")
    run.add_argument("--format", default="csv", choices=("csv", "parquet"), help="extract file format (default: csv)")
    run.add_argument("--task-runner", default=os.environ.get("PROCWATCH_TASK_RUNNER", "threads"), choices=("threads", "dask"),
                     help="run the per-source tasks in threads (default) or on a Dask cluster")
    run.add_argument("--quiet", action="store_true", help="no progress display")

    reparse = sub.add_parser("reparse", help="parse every stored raw document again (no crawl) and reload")
    _common(reparse)
    reparse.add_argument("--raw", help="raw store folder (default: beside the warehouse)")
    reparse.add_argument("--source", action="append", dest="sources", help="only this source id (repeatable)")
    reparse.add_argument("--out", default=None, help="also write extracts into this folder")
    reparse.add_argument("--quiet", action="store_true", help="no progress display")
    reparse.add_argument("--task-runner", default="threads", choices=("threads", "dask"), help="threads (default) or a Dask cluster")

    extract = sub.add_parser("extract", help="parse documents (files or URLs) and print JSON Lines records")
    extract.add_argument("paths", nargs="+", metavar="PATH_OR_URL", help="document files or http(s) URLs")
    extract.add_argument("--kind", help="document kind (default: detected from the content)")
    extract.add_argument("--debug", action="store_true", help="show tracebacks")

    sql = sub.add_parser("sql", help="run one read-only query against the published warehouse")
    _common(sql)
    sql.add_argument("query", nargs="?", help="the query; '-' or absent with --file/stdin: read it from there")
    sql.add_argument("--file", help="read the query from this file")
    sql.add_argument("--format", default="table", choices=("table", "csv", "json"), help="output: table (default), csv or JSON Lines")
    sql.add_argument("--limit", type=int, default=1000, help="rows shown as a table (default 1000; 0: all); csv/json stream every row")
    sql.add_argument("--memory-limit", help="DuckDB memory limit (default: $PROCWATCH_SQL_MEMORY_LIMIT or 1GB)")
    sql.add_argument("--timeout", type=float, help="seconds before the query is stopped (default: $PROCWATCH_SQL_TIMEOUT or 120; 0: none)")

    exp = sub.add_parser("export", help="write reporter extracts (CSV, Parquet, xlsx) or exchange formats (FollowTheMoney, OCDS)")
    _common(exp)
    exp.add_argument("names", nargs="*", metavar="NAME", help="extracts to write (default: all; csv, parquet and xlsx)")
    exp.add_argument("--format", default="csv", choices=("csv", "parquet") + EXCHANGE_FORMATS,
                     help="csv (default), parquet, xlsx (one sheet per extract), ftm (FollowTheMoney entities) or ocds (release packages)")
    exp.add_argument("--out", required=True, help="folder to write into")

    serve = sub.add_parser("serve", help="schedule the nightly flow on this machine (Prefect, cron)")
    _common(serve)
    serve.add_argument("--cron", default=os.environ.get("PROCWATCH_CRON", "0 2 * * *"), help="default: 0 2 * * * (02:00)")
    serve.add_argument("--timezone", default=os.environ.get("PROCWATCH_TZ", "UTC"), help="time zone of the cron schedule (default: UTC)")
    serve.add_argument("--out", default="extracts", help="folder for the extracts (default: extracts)")
    serve.add_argument("--live", action="store_true", help="crawl the live URLs (default: replay the bundled archive)")
    serve.add_argument("--port", type=int, default=4200, help="port of the local Prefect server started when none is configured")

    bench = sub.add_parser("bench", help="speed figures; the last line is one JSON object")
    bench.add_argument("--quick", action="store_true", help="the same figures on smaller data, under a minute")
    bench.add_argument("--debug", action="store_true", help="show tracebacks")

    ev = sub.add_parser("eval", help="score extract against a gold manifest")
    ev.add_argument("manifest", help="gold manifest (TSV, the format of MANIFEST.tsv)")
    ev.add_argument("--kind", action="append", help="only these kinds")
    ev.add_argument("--details", action="store_true", help="print each document's gold and extracted values")
    ev.add_argument("--debug", action="store_true", help="show tracebacks")

    src = sub.add_parser("sources", help="list the configured sources")
    src.add_argument("--debug", action="store_true", help="show tracebacks")

    add_reporting_commands(sub, _common)
    for choice in sub._choices_actions:  # each subcommand's --help opens with what it does
        sub.choices[choice.dest].description = sub.choices[choice.dest].description or choice.help
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "warehouse", "unset") is None:
        args.warehouse = default_warehouse()
    try:
        from . import commands

        handler = getattr(args, "handler", None) or getattr(commands, f"cmd_{args.command}")
        if args.command == "export" and args.format in EXCHANGE_FORMATS:
            handler = cmd_exchange_export
        code = handler(args)
        if args.command == "run" and code in (0, EXIT_FLAGGED):
            after_run(args)
        return code
    except KeyboardInterrupt:
        print("procwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one clear line, unless --debug
        if getattr(args, "debug", False):
            raise
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"procwatch {args.command}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
