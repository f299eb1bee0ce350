"""The sources registry: one TOML file per source under sources/ (data, not code)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCES_DIR = Path(__file__).resolve().parent.parent / "sources"
ACCESS_PATTERNS = ("listing", "links_next", "post_search", "feed")


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    access: str
    base_url: str
    start_urls: tuple[str, ...] = ()
    country: str | None = None
    newest_first: bool = True
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)  # the [listing] / [feed] / ... table
    politeness: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)
    window: dict[str, Any] = field(default_factory=dict)  # the [window] table: live lookback, replay dates
    path: str | None = None

    @property
    def lookback_days(self) -> int:
        """How far back the first live run of this source reaches."""
        return int(self.window.get("lookback_days", 30))

    @property
    def replay_window(self) -> tuple[str | None, str | None]:
        """The dates the replay archive was recorded with (replay only; live windows follow the runs)."""
        return self.window.get("replay_since"), self.window.get("replay_until")

    @property
    def stale_after_nights(self) -> int:
        return int(self.expect.get("stale_after_nights", 7))

    @property
    def min_documents(self) -> int:
        return int(self.expect.get("min_documents", 1))

    @property
    def min_parse_rate(self) -> float:
        return float(self.expect.get("min_parse_rate", 0.5))


def _source_from(data: dict[str, Any], path: Path) -> Source:
    for key in ("id", "name", "kind", "access", "base_url"):
        if key not in data:
            raise RegistryError(f"{path.name}: missing '{key}'")
    access = data["access"]
    if access not in ACCESS_PATTERNS:
        raise RegistryError(f"{path.name}: access '{access}' is not one of {', '.join(ACCESS_PATTERNS)}")
    if data["id"] != path.stem:
        raise RegistryError(f"{path.name}: id '{data['id']}' must match the file name")
    return Source(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        access=access,
        base_url=data["base_url"],
        start_urls=tuple(data.get("start_urls", ())),
        country=data.get("country"),
        newest_first=bool(data.get("newest_first", True)),
        enabled=bool(data.get("enabled", True)),
        options=dict(data.get(access, {})),
        politeness=dict(data.get("politeness", {})),
        expect=dict(data.get("expect", {})),
        window=_window(data.get("window", {}), path),
        path=str(path),
    )


def _window(table: dict[str, Any], path: Path) -> dict[str, Any]:
    from datetime import date

    for key in ("replay_since", "replay_until"):
        if key in table:
            try:
                date.fromisoformat(str(table[key]))
            except ValueError:
                raise RegistryError(f"{path.name}: window.{key} '{table[key]}' is not a date (YYYY-MM-DD)") from None
            table[key] = str(table[key])
    if int(table.get("lookback_days", 30)) < 1:
        raise RegistryError(f"{path.name}: window.lookback_days must be at least 1")
    return dict(table)


def load_sources(directory: Path = SOURCES_DIR, only: list[str] | None = None) -> list[Source]:
    sources = []
    for path in sorted(directory.glob("*.toml")):
        with open(path, "rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError as exc:
                raise RegistryError(f"{path.name}: {exc}") from exc
        sources.append(_source_from(data, path))
    if only:
        known = {s.id for s in sources}
        unknown = [o for o in only if o not in known]
        if unknown:
            raise RegistryError(f"unknown source(s): {', '.join(unknown)}")
        sources = [s for s in sources if s.id in only]
    return [s for s in sources if s.enabled or only]


def get_source(source_id: str, directory: Path = SOURCES_DIR) -> Source:
    return load_sources(directory, only=[source_id])[0]
