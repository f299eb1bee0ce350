"""Offline replay: archived responses served over real HTTP on 127.0.0.1.

The spiders request the real live URLs. With PROCWATCH_REPLAY_URL set, the download handler
sends each request to the replay server instead (`http://127.0.0.1:PORT/https/host/path?query`)
and hands the answer back under the original URL, so robots.txt, retries, redirects, throttling
and every spider callback run exactly as they do live; only where the bytes come from differs.

Archive: spiders/archive/<source_id>/responses.jsonl, one line per response:
  {"method": "GET", "url": "...", "body": null, "status": 200, "headers": {...}, "file": "a.html",
   "delay": 0}
Several lines for one request are served in order, the last one repeating (e.g. a 500, then a 200).
"""
from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from w3lib.url import canonicalize_url

ARCHIVE_DIR = Path(__file__).resolve().parent / "archive"


def request_key(method: str, url: str, body: bytes | str | dict | None) -> str:
    canonical_body = ""
    if body:
        try:
            parsed = body if isinstance(body, dict) else json.loads(body)
            canonical_body = json.dumps(parsed, sort_keys=True, separators=(",", ":"))
        except (ValueError, TypeError):
            canonical_body = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return f"{method.upper()} {canonicalize_url(url, keep_fragments=False)} {canonical_body}"


def to_replay_url(replay_base: str, url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    target = f"{replay_base.rstrip('/')}/{parts.scheme}/{parts.netloc}{quote(path, safe='/%:@!$&()*+,;=~')}"
    return f"{target}?{parts.query}" if parts.query else target


def from_replay_path(path: str) -> str:
    scheme, _, rest = path.lstrip("/").partition("/")
    return f"{scheme}://{rest}"


class Archive:
    """Archived responses keyed by request; thread-safe sequence per key."""

    def __init__(self, folders: list[Path]):
        self._entries: dict[str, list[dict]] = defaultdict(list)
        self._served: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        for folder in folders:
            index = folder / "responses.jsonl"
            if not index.exists():
                continue
            for line_no, line in enumerate(index.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                entry = json.loads(line)
                entry["_folder"] = folder
                key = request_key(entry.get("method", "GET"), entry["url"], entry.get("body"))
                self._entries[key].append(entry)

    @classmethod
    def for_sources(cls, source_ids: list[str] | None = None, root: Path = ARCHIVE_DIR) -> "Archive":
        folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []
        if source_ids is not None:
            folders = [p for p in folders if p.name in source_ids]
        return cls(folders)

    def __len__(self) -> int:
        return sum(len(v) for v in self._entries.values())

    def lookup(self, method: str, url: str, body: bytes | None) -> dict | None:
        key = request_key(method, url, body)
        with self._lock:
            entries = self._entries.get(key)
            if not entries:
                return None
            index = min(self._served[key], len(entries) - 1)
            self._served[key] += 1
            return entries[index]


class _ReplayHandler(BaseHTTPRequestHandler):
    archive: Archive
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet: the crawl report says what happened
        pass

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        original = from_replay_path(self.path)
        entry = self.archive.lookup("GET" if method == "HEAD" else method, original, body)
        if entry is None:
            payload, status, headers = b"not in the replay archive", 404, {"Content-Type": "text/plain"}
        else:
            delay = float(entry.get("delay", 0))
            if delay:
                time.sleep(delay)
            payload = (entry["_folder"] / entry["file"]).read_bytes() if entry.get("file") else b""
            status = int(entry.get("status", 200))
            headers = dict(entry.get("headers", {}))
        try:
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. a timeout test)

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def do_HEAD(self):
        self._answer("HEAD")


class ReplayServer:
    """A real HTTP server on 127.0.0.1 serving an Archive, in a background thread."""

    def __init__(self, archive: Archive, host: str = "127.0.0.1", port: int = 0):
        handler = type("BoundReplayHandler", (_ReplayHandler,), {"archive": archive})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="replay-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "ReplayServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


class ReplayDownloadHandler(HTTP11DownloadHandler):
    """Scrapy download handler for http/https that fetches from the replay server."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.replay_url = crawler.settings.get("PROCWATCH_REPLAY_URL")

    async def download_request(self, request):
        response = await super().download_request(request.replace(url=to_replay_url(self.replay_url, request.url)))
        return response.replace(url=request.url)
