"""Each source's date window for tonight's crawl.

- `--since` / `--until` given: that window, for every source.
- live: from the day the last successful live run of this source started (the first live run:
  the source's `window.lookback_days` back) up to today, so each night crawls what is new.
- offline: the dates the replay archive was recorded with (`window.replay_since/replay_until`),
  so the replay requests exactly what was archived.
"""
from __future__ import annotations

from datetime import date, timedelta

from spiders.registry import Source

Window = tuple[str | None, str | None]


def parse_day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{flag} '{text}' is not a date (YYYY-MM-DD)") from None


def check_bounds(since: str | None, until: str | None) -> None:
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    if first and last and first > last:
        raise ValueError(f"--since {first} is after --until {last}")


def crawl_windows(sources: list[Source], offline: bool, since: str | None, until: str | None,
                  last_successes: dict[str, date], today: date) -> dict[str, Window]:
    check_bounds(since, until)
    windows: dict[str, Window] = {}
    for source in sources:
        if since or until:
            windows[source.id] = (since, until if until or offline else today.isoformat())
        elif offline:
            windows[source.id] = source.replay_window
        else:
            first = last_successes.get(source.id) or today - timedelta(days=source.lookback_days)
            windows[source.id] = (first.isoformat(), today.isoformat())
    return windows
