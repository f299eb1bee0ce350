"""Content-addressed store of every fetched body, with an index of fetches.

Layout under the raw folder:
  objects/ab/abcdef…                 body bytes, named by their sha256 (temp file, then renamed)
  objects/ab/abcdef….<url hash>.json what the index row says about one fetch of that body
  index.sqlite                       one row per (url, sha256): source, time, status, headers, encodings

Bodies are immutable and written, with their fetch description, before their index row, so a
crawl killed at any point leaves either a complete fetch or none, and a lost or garbage index is
rebuilt from the objects (`heal`). Parsers can be re-run over history without crawling again.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
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

_COLUMNS = ("url", "sha256", "source_id", "kind", "fetched_at", "status", "content_type", "declared_encoding",
            "headers", "size", "run_id")

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


class RawIndexDamaged(RuntimeError):
    pass


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


class RawStore:
    def __init__(self, root: str | os.PathLike[str]):
        self.root = Path(root)
        (self.root / "objects").mkdir(parents=True, exist_ok=True)
        self.index_path = self.root / "index.sqlite"
        try:
            self._db = self._open_index()
        except sqlite3.DatabaseError as exc:
            raise RawIndexDamaged(f"the raw store index {self.index_path.name} is damaged ({exc}); "
                                  "the next `procwatch run` or `reparse` rebuilds it from the objects") from None

    def _open_index(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.index_path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a crash loses at most the last fetches (fetched again next night), never consistency.
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @classmethod
    def heal(cls, root: str | os.PathLike[str]) -> str | None:
        """Rebuild a missing or damaged index from the objects' fetch descriptions (before any
        crawl starts: one process at a time). Returns what was done, or None when all was well."""
        root = Path(root)
        index = root / "index.sqlite"
        objects = root / "objects"
        descriptions = sorted(objects.glob("*/*.json")) if objects.exists() else []
        if index.exists():
            problem = _index_problem(index)
            if problem is None and not (descriptions and _fetch_count(index) == 0):
                return None
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
            for suffix in ("", "-wal", "-shm") if problem else ():
                leftover = index.with_name(index.name + suffix)
                if leftover.exists():
                    os.replace(leftover, leftover.with_name(f"{leftover.name}.damaged-{stamp}"))
            why = f"the raw store index was damaged ({problem}); moved aside" if problem else "the raw store index was empty"
        elif descriptions:
            why = "the raw store index was missing"
        else:
            return None
        store = cls(root)
        try:
            restored = store._restore(descriptions)
        finally:
            store.close()
        bodies = sum(1 for p in objects.glob("*/*") if "." not in p.name)
        return f"{why}; rebuilt it from the objects: {restored} fetches of {bodies} bodies"

    def _restore(self, descriptions: list[Path]) -> int:
        rows = []
        for path in descriptions:
            try:
                meta = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a half-written description: its fetch is fetched again
            if self.object_path(meta.get("sha256", "")).exists():
                rows.append(tuple(meta.get(c) for c in _COLUMNS))
        self._db.execute("BEGIN")
        self._db.executemany(f"INSERT OR IGNORE INTO fetches VALUES ({','.join('?' * len(_COLUMNS))})", rows)
        self._db.execute("COMMIT")
        return len(rows)

    def close(self) -> None:
        self._db.close()

    def object_path(self, sha256: str) -> Path:
        return self.root / "objects" / sha256[:2] / sha256

    def put_body(self, body: bytes) -> str:
        digest = hashlib.sha256(body).hexdigest()
        path = self.object_path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, body)
        return digest

    def record(self, *, url: str, body: bytes, source_id: str, kind: str | None, fetched_at: str,
               status: int | None, headers: dict[str, str], declared_encoding: str | None,
               run_id: str | None) -> tuple[str, bool]:
        """Store a fetch. Returns (sha256, new) where new is False for a body already held for this URL."""
        digest = self.put_body(body)
        kept = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
        row = (url, digest, source_id, kind, fetched_at, status, kept.get("Content-Type") or kept.get("content-type"),
               declared_encoding, json.dumps(kept, sort_keys=True), len(body), run_id)
        description = self.object_path(digest).with_name(f"{digest}.{hashlib.sha256(url.encode()).hexdigest()[:16]}.json")
        if not description.exists():
            _atomic_write(description, json.dumps(dict(zip(_COLUMNS, row)), ensure_ascii=False).encode("utf-8"))
        cur = self._db.execute(f"INSERT OR IGNORE INTO fetches VALUES ({','.join('?' * len(_COLUMNS))})", row)
        return digest, cur.rowcount == 1

    def _held(self, source_id: str) -> list[tuple[str, str]]:
        """(url, sha256) of this source's fetches whose body is still in the store."""
        rows = self._db.execute("SELECT url, sha256 FROM fetches WHERE source_id = ?", (source_id,)).fetchall()
        return [(url, digest) for url, digest in rows if self.object_path(digest).exists()]

    def known_urls(self, source_id: str) -> set[str]:
        """URLs held with their body: a URL whose body was lost is fetched again."""
        return {url for url, _ in self._held(source_id)}

    def known_pages(self, source_id: str) -> set[tuple[str, str]]:
        return set(self._held(source_id))

    def lost_urls(self, source_id: str) -> set[str]:
        """URLs on record whose every body has gone from the store."""
        rows = self._db.execute("SELECT DISTINCT url FROM fetches WHERE source_id = ?", (source_id,)).fetchall()
        return {url for (url,) in rows} - self.known_urls(source_id)

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


def _index_problem(index: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=10)
        try:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            db.execute("SELECT count(*) FROM fetches").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if verdict == "ok" else verdict


def _fetch_count(index: Path) -> int:
    db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute("SELECT count(*) FROM fetches").fetchone()[0]
    finally:
        db.close()
