"""Crawl one source in this process: `python -m spiders.crawl --source ID --raw DIR ...`.

Scrapy's reactor cannot restart within a process, so callers run one crawl per process.
Writes a CrawlReport as JSON to --report; exit status 0 even when the crawl stopped early
(the report says so), 2 for a bad source or arguments.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import spider_class
from .redact import install_log_redaction
from .registry import SOURCES_DIR, RegistryError, get_source
from .settings import crawl_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl")
    parser.add_argument("--source", required=True)
    parser.add_argument("--raw", required=True, help="raw store folder")
    parser.add_argument("--report", required=True, help="where to write the crawl report (JSON)")
    parser.add_argument("--run-id")
    parser.add_argument("--replay-url", help="serve every request from this replay server")
    parser.add_argument("--since")
    parser.add_argument("--until")
    parser.add_argument("--sources-dir", default=str(SOURCES_DIR))
    parser.add_argument("--block-backoff", type=float, default=30.0)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    try:
        source = get_source(args.source, Path(args.sources_dir))
    except RegistryError as exc:
        print(f"procwatch crawl: {exc}", file=sys.stderr)
        return 2

    from scrapy.crawler import CrawlerProcess

    settings = crawl_settings(source, args.raw, args.run_id, args.replay_url, args.log_level)
    install_log_redaction()
    process = CrawlerProcess(settings)
    process.crawl(spider_class(source), source=source, raw_dir=args.raw, since=args.since, until=args.until,
                  report_path=args.report, block_backoff=args.block_backoff)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
