"""Fields a parser saw but did not read (ParseResult.unread_fields), so that a publisher moving its data to a
field the parser ignores shows up in the run report instead of silently losing records."""
from __future__ import annotations

from typing import Iterable

MAX_LISTED = 60


def unread(seen: Iterable[str], read: Iterable[str], prefix: str = "") -> list[str]:
    """Sorted `prefix + name` of each field seen and not in `read` (namespace prefixes and case ignored)."""
    known = {r.lower() for r in read}
    out = sorted({f"{prefix}{name}" for name in seen if name and name.split("}")[-1].lower() not in known})
    return out[:MAX_LISTED]


def merged(*lists: list[str]) -> list[str]:
    return sorted({item for items in lists for item in items})[:MAX_LISTED]
