"""The editable list of known organisations (pipeline/data/organizations.toml).

Each entry: id, name, name_zh, kind (vendor / agency / company / other), country, region, aliases.
Adding a vendor or an agency is a data change, never a code change.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "organizations.toml"


@dataclass(frozen=True)
class KnownOrg:
    id: str
    name: str
    kind: str
    name_zh: str | None = None
    country: str | None = None
    region: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.name_zh, *self.aliases) if s)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = DATA_FILE) -> tuple[KnownOrg, ...]:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    orgs = []
    for entry in data.get("org", []):
        orgs.append(
            KnownOrg(
                id=entry["id"],
                name=entry["name"],
                kind=entry.get("kind", "other"),
                name_zh=entry.get("name_zh"),
                country=entry.get("country"),
                region=entry.get("region"),
                aliases=tuple(entry.get("aliases", ())),
            )
        )
    return tuple(orgs)
