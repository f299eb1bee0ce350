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
from pathlib import Path

import duckdb

from .db import connect, migrate


class WarehouseBusy(RuntimeError):
    pass


class Staging:
    def __init__(self, published: str | Path):
        self.published = Path(published)
        self.path = self.published.with_name(self.published.name + ".staging")
        self.lock_path = self.published.with_name(self.published.name + ".lock")
        self.con: duckdb.DuckDBPyConnection | None = None
        self._lock = None

    def _acquire(self) -> None:
        """One writer per warehouse: a second run would publish over the first one's rows."""
        self._lock = open(self.lock_path, "a")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise WarehouseBusy(f"another run is writing {self.published} (lock {self.lock_path})") from None

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing drops the flock; the kernel drops it too if the process dies
            self._lock = None

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
