"""`procwatch serve`: the nightly flow on a cron schedule.

Schedules live in a Prefect server. With PREFECT_API_URL set, that server is used. Otherwise a
local one is started (SQLite under PREFECT_HOME, 127.0.0.1 only), the flow is served from a
child process, and on Ctrl-C / SIGTERM the serving process stops first, then the server.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .prefect_env import configure

SERVER_START_TIMEOUT_S = 120


def _wait_healthy(api_url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the local Prefect server exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the local Prefect server was not ready within {timeout:.0f} s")


def _stop(proc: subprocess.Popen | None, timeout: float = 30, sig: int = signal.SIGTERM) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_local_server(port: int) -> tuple[subprocess.Popen, str]:
    api_url = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"]
    log = open(Path(os.environ["PREFECT_HOME"]) / "server.log", "ab")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_healthy(api_url, proc, SERVER_START_TIMEOUT_S)
    except Exception:
        _stop(proc)
        raise
    return proc, api_url


def serve(args) -> int:
    configure()
    server = None
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        server, api_url = start_local_server(args.port)
        print(f"started a local Prefect server at {api_url} (logs in {os.environ['PREFECT_HOME']}/server.log)")
    env = dict(os.environ, PREFECT_API_URL=api_url)
    cmd = [sys.executable, "-m", "flows.serve_worker", "--warehouse", args.warehouse, "--out", args.out,
           "--cron", args.cron, "--timezone", args.timezone] + (["--live"] if args.live else [])
    worker = subprocess.Popen(cmd, env=env)
    print(f"serving flow 'nightly' on cron '{args.cron}' ({args.timezone}); Ctrl-C to stop")
    stopping = False

    def on_signal(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while worker.poll() is None and not stopping:
            time.sleep(0.5)
    finally:
        _stop(worker, sig=signal.SIGINT)  # the serving process first, then the server it talks to
        _stop(server)
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0 if stopping or worker.returncode == 0 else 1
