"""The floor for crawling: a bare asyncio HTTP/1.0 fetch loop, one connection per page.

Run as its own process (like the Scrapy crawl it is compared with), so client and server
never share an interpreter lock:
    python -m benchmarks.bare_fetch URL_LIST_FILE CONCURRENCY
prints one JSON object: pages fetched, bytes, seconds, failures.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time
from urllib.parse import urlsplit


async def fetch(url: str) -> int:
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    writer.write(f"GET {target} HTTP/1.0\r\nHost: {parts.netloc}\r\nUser-Agent: bare\r\n\r\n".encode("latin-1"))
    await writer.drain()
    data = await reader.read()  # HTTP/1.0: the server closes when done
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    if status != 200:
        raise OSError(f"{url}: status {status}")
    return len(data)


async def fetch_all(urls: list[str], concurrency: int) -> dict:
    semaphore = asyncio.Semaphore(concurrency)
    failures = 0
    total = 0

    async def one(url: str) -> None:
        nonlocal failures, total
        async with semaphore:
            try:
                total += await fetch(url)
            except OSError:
                failures += 1

    started = time.perf_counter()
    await asyncio.gather(*(one(u) for u in urls))
    return {"pages": len(urls) - failures, "bytes": total, "seconds": time.perf_counter() - started, "failures": failures}


def main(argv: list[str]) -> int:
    urls = [line.strip() for line in open(argv[0], encoding="utf-8") if line.strip()]
    print(json.dumps(asyncio.run(fetch_all(urls, int(argv[1])))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
