"""Scrapy settings for one source's crawl: polite by default, quiet, no remote control."""
from __future__ import annotations

from .registry import Source


def crawl_settings(source: Source, raw_dir: str, run_id: str | None, replay_url: str | None = None,
                   log_level: str = "WARNING") -> dict:
    politeness = source.politeness
    live = replay_url is None
    settings = {
        "BOT_NAME": "procwatch",
        "USER_AGENT": "procwatch/0.1 (public procurement research; +https://github.com/procwatch/procwatch)",
        "ROBOTSTXT_OBEY": bool(politeness.get("obey_robots", True)),
        "CONCURRENT_REQUESTS": 16,
        # Each answer yields one document: Scrapy's default of 100 item workers per answer is pure overhead.
        "CONCURRENT_ITEMS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(politeness.get("concurrency", 4)),
        # Replayed answers come from 127.0.0.1: waiting between them protects no one.
        "DOWNLOAD_DELAY": float(politeness.get("download_delay", 0.5)) if live else 0.0,
        "AUTOTHROTTLE_ENABLED": live,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(politeness.get("concurrency", 4)) / 2,
        "DOWNLOAD_TIMEOUT": float(politeness.get("timeout", 30)),
        "DOWNLOAD_MAXSIZE": int(politeness.get("max_bytes", 64 * 1024 * 1024)),
        "DOWNLOAD_WARNSIZE": 16 * 1024 * 1024,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": int(politeness.get("retries", 3)),
        "RETRY_BACKOFF_BASE": float(politeness.get("retry_backoff", 2.0 if live else 0.2)),
        "RETRY_BACKOFF_MAX": 60.0,
        "CLOSESPIDER_PAGECOUNT": int(politeness.get("request_budget", 1000)),
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "COOKIES_ENABLED": False,
        "LOG_LEVEL": log_level,
        "ITEM_PIPELINES": {"spiders.pipelines.RawStorePipeline": 300},
        "DOWNLOADER_MIDDLEWARES": {"spiders.middlewares.RetryBackoffMiddleware": 560},
        "PROCWATCH_RAW_DIR": raw_dir,
        "PROCWATCH_RUN_ID": run_id,
    }
    if replay_url:
        settings["PROCWATCH_REPLAY_URL"] = replay_url
        settings["DOWNLOAD_HANDLERS"] = {
            "http": "spiders.replay.ReplayDownloadHandler",
            "https": "spiders.replay.ReplayDownloadHandler",
        }
    return settings
