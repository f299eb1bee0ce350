"""Shared by the source tests: one real crawl of a shipped source, as the nightly flow runs it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def crawl_shipped_source(work: Path, source_id: str, replay_url: str, report: str) -> dict:
    cmd = [sys.executable, "-m", "spiders.crawl", "--source", source_id, "--raw", str(work / "raw"),
           "--report", str(work / report), "--replay-url", replay_url, "--block-backoff", "0.1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads((work / report).read_text(encoding="utf-8"))
