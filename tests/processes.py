"""Shared by the kill tests: end a run the way a crash would, its whole process group at once."""
from __future__ import annotations

import os
import signal
import subprocess
import time


def group_gone(pgid: int, wait: float = 20.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group `proc` leads (started with start_new_session=True), crawl
    subprocesses and Prefect's temporary server included, and wait until none of it is left."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert group_gone(proc.pid), "a process of the killed run survived"
