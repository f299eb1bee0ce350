"""Downloader middleware: exponential backoff before each retry."""
from __future__ import annotations

import asyncio


class RetryBackoffMiddleware:
    """Waits base * 2**(n-1) seconds before the n-th retry of a request (Scrapy's own retry has no wait)."""

    def __init__(self, base: float, cap: float):
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("RETRY_BACKOFF_BASE", 1.0), crawler.settings.getfloat("RETRY_BACKOFF_MAX", 60.0))

    async def process_request(self, request, spider=None):
        retries = request.meta.get("retry_times", 0)
        if retries and self.base > 0:
            await asyncio.sleep(min(self.cap, self.base * 2 ** (retries - 1)))
        return None
