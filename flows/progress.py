"""Progress of a run, shown by the command line; silent when nobody listens."""
from __future__ import annotations

import threading


class Progress:
    def stage(self, name: str, total: int | None = None) -> None: ...
    def advance(self, name: str, amount: int = 1) -> None: ...
    def done(self, name: str) -> None: ...


class RichProgress(Progress):
    def __init__(self, progress):
        self._progress = progress
        self._tasks: dict[str, int] = {}
        self._lock = threading.Lock()

    def stage(self, name, total=None):
        with self._lock:
            if name in self._tasks:
                self._progress.update(self._tasks[name], total=total)
            else:
                self._tasks[name] = self._progress.add_task(name, total=total)

    def advance(self, name, amount=1):
        with self._lock:
            if name in self._tasks:
                self._progress.advance(self._tasks[name], amount)

    def done(self, name):
        with self._lock:
            if name in self._tasks:
                task_id = self._tasks[name]
                total = next(t.total for t in self._progress.tasks if t.id == task_id)
                self._progress.update(task_id, total=total or 1, completed=total or 1)


current: Progress = Progress()
