"""Shared by the report, browse, exchange and demo tests: one real offline night of the shipped demo
archive (the real CLI, Prefect, replay over 127.0.0.1, a DuckDB file) built once per test session,
and headless Chromium to open pages as a reader would."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_night: dict = {}


def demo_night(tmp_path_factory) -> dict:
    """{'warehouse', 'out', 'stdout'} of `procwatch run --offline` over the shipped archive (once per session)."""
    if not _night:
        work = tmp_path_factory.mktemp("demo_night")
        warehouse, out = work / "procwatch.duckdb", work / "extracts"
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--offline", "--quiet", "--warehouse", str(warehouse),
                               "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=900,
                              env=dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_UI_ENABLED="false",
                                       PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120"))
        assert proc.returncode == 0, proc.stderr[-3000:]
        _night.update(warehouse=warehouse, out=out, stdout=proc.stdout)
    return _night


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("headless Chromium is not installed (make setup or .ci/run installs Debian's chromium)")


def headless(url: str, profile: Path, *, screenshot: Path | None = None, size: str = "1280,2000") -> str:
    """The rendered DOM of `url` (after scripts), and a screenshot when asked."""
    base = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={size}"]
    if screenshot is not None:
        proc = subprocess.run(base + [f"--screenshot={screenshot}", url], capture_output=True, text=True, timeout=120)
        assert screenshot.exists(), proc.stderr[-2000:]
    proc = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def png_colours(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the decoded scanlines): a blank page has very few."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))
