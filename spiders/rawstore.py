"""Content-addressed store of every fetched body, with an index of fetches.

Layout under the raw folder:
  objects/ab/abcdef…   body bytes, named by their sha256 (written to a temp file, then renamed)
  index.sqlite         one row per (url, sha256): source, time, status, headers, encodings

Bodies are immutable and written before their index row, so a crawl killed at any point leaves
either a complete fetch or none. Parsers can be re-run over history without crawling again.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source_id TEXT NOT NULL,
    kind TEXT,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    declared_encoding TEXT,
    headers TEXT,
    size INTEGER,
    run_id TEXT,
    PRIMARY KEY (url, sha256)
);
CREATE INDEX IF NOT EXISTS fetches_source ON fetches(source_id);
CREATE INDEX IF NOT EXISTS fetches_run ON fetches(run_id);
"""

# Headers worth keeping; others (cookies, auth) never reach the store.
KEPT_HEADERS = ("content-type", "content-length", "last-modified", "etag", "date", "content-language")


@dataclass(frozen=True)
class Fetch:
    url: str
    sha256: str
    source_id: str
    kind: str | None
    fetched_at: str
    status: int | None
    content_type: str | None
    declared_encoding: str | None
    size: int
    run_id: str | None


class RawStore:
    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.root / "index.sqlite", timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a crash loses at most the last fetches (fetched again next night), never consistency.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put_body(self, body: bytes) -> str:
        digest = hashlib.sha256(body).hexdigest()
        path = self.object_path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, path)
        return digest

    def record(self, *, url: str, body: bytes, source_id: str, kind: str | None, fetched_at: str,
               status: int | None, headers: dict[str, str], declared_encoding: str | None,
               run_id: str | None) -> tuple[str, bool]:
        """Store a fetch. Returns (sha256, new) where new is False for a body already held for this URL."""
        digest = self.put_body(body)
        kept = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
        cur = self._db.execute(
            "INSERT OR IGNORE INTO fetches VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (url, digest, source_id, kind, fetched_at, status, kept.get("Content-Type") or kept.get("content-type"),
             declared_encoding, json.dumps(kept, sort_keys=True), len(body), run_id),
        )
        return digest, cur.rowcount == 1

    def known_urls(self, source_id: str) -> set[str]:
        rows = self._db.execute("SELECT DISTINCT url FROM fetches WHERE source_id = ?", (source_id,))
        return {r[0] for r in rows}

    def has_body(self, sha256: str) -> bool:
        return self._db.execute("SELECT 1 FROM fetches WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone() is not None

    def fetches(self, run_id: str | None = None, source_ids: list[str] | None = None) -> list[Fetch]:
        sql = "SELECT url, sha256, source_id, kind, fetched_at, status, content_type, declared_encoding, size, run_id FROM fetches"
        clauses, args = [], []
        if run_id is not None:
            clauses.append("run_id = ?")
            args.append(run_id)
        if source_ids:
            clauses.append(f"source_id IN ({','.join('?' * len(source_ids))})")
            args.extend(source_ids)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY fetched_at, url"
        return [Fetch(*row) for row in self._db.execute(sql, args)]

    def read(self, sha256: str) -> bytes:
        return self.object_path(sha256).read_bytes()
