"""Readers never see a half-loaded night.

DuckDB allows one writer process per file. The nightly run therefore writes into a private
copy (`<warehouse>.staging`) of the published file, and publishing is an atomic rename over the
published path. An analyst connection opened before the rename keeps reading the previous night
(it holds the old file); one opened after reads the new night. A run killed before publishing
leaves the published file untouched; its staging copy is thrown away by the next run.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

import duckdb

from .db import connect, migrate


class WarehouseBusy(RuntimeError):
    pass


class WriterLock:
    """One writer per warehouse: an exclusive flock on `<warehouse>.lock`, which the kernel drops when
    the holder dies. Re-entrant within a process (`shared`), so the command line can take it before
    the flow starts and the flow take it again."""

    _held: dict[Path, "WriterLock"] = {}

    def __init__(self, published: str | Path):
        self.published = Path(published)
        self.path = self.published.with_name(self.published.name + ".lock")
        self._fh = None
        self._depth = 0

    @classmethod
    def shared(cls, published: str | Path) -> "WriterLock":
        key = Path(published).resolve()
        return cls._held.setdefault(key, cls(published))

    def acquire(self) -> "WriterLock":
        if self._depth:
            self._depth += 1
            return self
        self.published.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise WarehouseBusy(f"another run is writing {self.published}" + (f" ({holder})" if holder else "")) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC")
        fh.flush()
        self._fh, self._depth = fh, 1
        return self

    def release(self) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if not self._depth:
            self._fh.close()  # closing drops the flock
            self._fh = None


class Staging:
    def __init__(self, published: str | Path, lock: WriterLock | None = None):
        self.published = Path(published)
        self.path = self.published.with_name(self.published.name + ".staging")
        self.con: duckdb.DuckDBPyConnection | None = None
        self._lock = lock or WriterLock(published)
        self.lock_path = self._lock.path

    def _acquire(self) -> None:
        """A second run would publish over the first one's rows."""
        self._lock.acquire()

    def _release(self) -> None:
        self._lock.release()

    def open(self) -> duckdb.DuckDBPyConnection:
        self.published.parent.mkdir(parents=True, exist_ok=True)
        self._acquire()
        self._discard_files()
        if self.published.exists():
            shutil.copyfile(self.published, self.path)
        self.con = connect(self.path)
        migrate(self.con)
        return self.con

    def publish(self) -> None:
        assert self.con is not None, "open() first"
        self.con.execute("CHECKPOINT")
        self.con.close()
        self.con = None
        with open(self.path, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(self.path, self.published)
        self._release()

    def discard(self) -> None:
        self._discard_files()
        self._release()

    def _discard_files(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
        for leftover in (self.path, self.path.with_name(self.path.name + ".wal")):
            if leftover.exists():
                leftover.unlink()


def ensure_published(path: str | Path) -> None:
    """Create an empty, migrated warehouse at `path` if there is none yet."""
    path = Path(path)
    if path.exists():
        return
    staging = Staging(path)
    staging.open()
    staging.publish()


def integrity_problem(path: str | Path) -> str | None:
    """Why the published warehouse cannot be trusted, or None. Reads every column of every table, so
    DuckDB verifies each block's checksum; a truncated or overwritten file fails on opening."""
    path = Path(path)
    if not path.exists():
        return None
    con = duckdb.connect(":memory:")
    try:
        quoted = str(path.resolve()).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS checked (READ_ONLY)")
        tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'checked'").fetchall()]
        for table in tables:
            con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM checked."{table}"').fetchall()
    except duckdb.Error as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return text.replace(str(path.resolve()), path.name)
    finally:
        con.close()
    return None


def quarantine(path: str | Path) -> Path:
    """Move a damaged warehouse aside (kept for inspection) so that a new one can be built."""
    path = Path(path)
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}")
    os.replace(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target
