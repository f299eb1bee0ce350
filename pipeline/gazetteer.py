"""The editable list of known organisations (pipeline/data/organizations.toml), and finding them in text.

Each entry: id, name, name_zh, kind (vendor / agency / company / other), country, region, aliases.
Adding a vendor or an agency is a data change, never a code change.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"
DATA_FILE = _DATA / "organizations.toml"
# Whole governments' lists of their departments, one TSV per government, with the country they belong to.
# Columns: id, name, and any of aliases (separated by |), name_zh, simplified (name_zh in simplified script).
DEPARTMENT_FILES = {
    _DATA / "hk_departments.tsv": "HK",
    _DATA / "us_federal_agencies.tsv": "US",
    _DATA / "gb_government_bodies.tsv": "GB",
    _DATA / "ca_federal_bodies.tsv": "CA",
    _DATA / "au_government_bodies.tsv": "AU",
    _DATA / "tw_central_agencies.tsv": "TW",
}


@dataclass(frozen=True)
class KnownOrg:
    id: str
    name: str
    kind: str
    name_zh: str | None = None
    country: str | None = None
    region: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    # A government's own list writes its names one way: "Home Affairs" is the department, "home affairs" is not.
    case_exact: bool = False

    def spellings(self) -> tuple[str, ...]:
        return tuple(s for s in (self.name, self.name_zh, *self.aliases) if s)

    def matches_as_written(self, spelling: str) -> bool:
        """Latin initials ("BT", "DWP") and every name a government lists match only with their capitals."""
        return (spelling.isupper() and spelling.isascii()) or self.case_exact


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
                case_exact=entry.get("case_exact", False),
            )
        )
    if path == DATA_FILE:
        orgs += _departments()
    return tuple(orgs)


def _departments() -> list[KnownOrg]:
    out = []
    for path, country in DEPARTMENT_FILES.items():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        header = lines[0].split("\t")
        for number, line in enumerate(lines[1:], start=2):
            cells = line.split("\t")
            if len(cells) != len(header):
                raise ValueError(f"{path.name}: row {number} has {len(cells)} columns, the header {len(header)}")
            row = dict(zip(header, cells))
            name_zh = row.get("name_zh") or None
            aliases = [a for a in row.get("aliases", "").split("|") if a]
            if row.get("simplified") and row["simplified"] != name_zh:
                aliases.append(row["simplified"])
            out.append(KnownOrg(id=row["id"], name=row["name"], kind="agency", name_zh=name_zh, country=country,
                                aliases=tuple(aliases), case_exact=True))
    return out


@dataclass(frozen=True)
class OrgMention:
    """One gazetteer spelling found in running text."""

    start: int
    end: int
    text: str
    org: KnownOrg


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _spelling_pattern(spelling: str) -> str:
    # Spaces and hyphens vary in prose ("Shot Spotter", "Huawei  Technologies"); Latin names need word edges.
    body = r"[\s\-]+".join(re.escape(part) for part in spelling.split())
    if _is_cjk(spelling):
        return body
    return rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"


@dataclass(frozen=True)
class _SpellingMatcher:
    needle: str  # its longest word: a cheap substring test before the regular expression runs
    pattern: re.Pattern
    exact: bool  # all-capital spellings (BT, NSO) and a government's own list match only as written


@lru_cache(maxsize=4)
def _matchers(path: Path = DATA_FILE) -> tuple[tuple[_SpellingMatcher, ...], dict[str, KnownOrg]]:
    """One matcher per spelling, and the spelling -> organisation lookup."""
    matchers, lookup, seen = [], {}, set()
    for org in load_gazetteer(path):
        for spelling in org.spellings():
            key = re.sub(r"\s+", " ", spelling).casefold()
            lookup.setdefault(key, org)
            exact = org.matches_as_written(spelling)
            if (spelling, exact) in seen:
                continue
            seen.add((spelling, exact))
            words = re.split(r"[\s\-]+", spelling.strip())
            needle = max(words, key=len)
            matchers.append(_SpellingMatcher(needle if exact else needle.casefold(),
                                             re.compile(_spelling_pattern(spelling), 0 if exact else re.I), exact))
    return tuple(matchers), lookup


def find_orgs(text: str, kinds: tuple[str, ...] | None = None, path: Path = DATA_FILE) -> list[OrgMention]:
    """Known organisations named in text, longest spelling first, without overlaps, in text order."""
    matchers, lookup = _matchers(path)
    folded_text = text.casefold()
    cjk_text = _is_cjk(text)
    found: list[OrgMention] = []
    taken: list[tuple[int, int]] = []
    candidates = sorted(
        (m for matcher in matchers if matcher.needle in (text if matcher.exact else folded_text)
         for m in matcher.pattern.finditer(text)),
        key=lambda m: (-(m.end() - m.start()), m.start()),
    )
    for match in candidates:
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        if cjk_text and match.group(0).isascii() and match.group(0).isupper() and len(match.group(0)) <= 3:
            continue  # "BT", "PPP" in Chinese text are contract forms (build-transfer), not a company's initials
        org = lookup.get(re.sub(r"[\s\-]+", " ", match.group(0)).casefold()) or _lookup_loose(lookup, match.group(0))
        if org is None or (kinds and org.kind not in kinds):
            continue
        taken.append((match.start(), match.end()))
        found.append(OrgMention(match.start(), match.end(), match.group(0), org))
    return sorted(found, key=lambda m: m.start)


def _lookup_loose(lookup: dict[str, KnownOrg], written: str) -> KnownOrg | None:
    squashed = re.sub(r"[\s\-]+", "", written).casefold()
    for key, org in lookup.items():
        if re.sub(r"[\s\-]+", "", key) == squashed:
            return org
    return None


def known_org(name: str, path: Path = DATA_FILE) -> KnownOrg | None:
    """The known organisation whose spelling is exactly this name (case and spacing folded)."""
    _, lookup = _matchers(path)
    return lookup.get(re.sub(r"\s+", " ", name.strip()).casefold()) or _lookup_loose(lookup, name.strip())
