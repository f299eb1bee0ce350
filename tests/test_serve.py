"""`procwatch serve` starts a local Prefect server, registers the nightly cron schedule, and stops cleanly."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _deployments(port: int) -> list[dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/deployments/filter", data=b"{}",
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def test_serve_registers_cron_schedule_and_stops_cleanly(tmp_path):
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--warehouse", str(tmp_path / "w.duckdb"), "--port", str(port),
         "--cron", "30 3 * * *"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, found = time.monotonic() + 240, None
        while time.monotonic() < deadline and found is None:
            assert proc.poll() is None, proc.stdout.read()
            try:
                found = next((d for d in _deployments(port) if d["name"] == "nightly"), None)
            except OSError:
                pass
            time.sleep(1)
        assert found is not None, "no nightly deployment registered"
        crons = [s["schedule"].get("cron") for s in found.get("schedules", [])]
        assert crons == ["30 3 * * *"]
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
    assert code == 0
    with socket.socket() as s:  # the local server is gone: its port is free again
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.1", port)) != 0
