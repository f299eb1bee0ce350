"""One organisation per real body across documents: merge decisions over every organisation loaded.

Evidence, strongest first: a shared registry identifier; the curated lookup file
(`pipeline/data/org_lookups.toml`: `same` forces a merge, `never` forbids one); equal name keys of
any spelling; a Chinese name and its transliteration (介休市公安局 = "Jiexiu Public Security Bureau");
near-identical names (rapidfuzz). Two gazetteer organisations merge only on an identifier or the
lookup file. Decisions are rebuilt on every load, so a changed gazetteer or lookup file re-decides.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from rapidfuzz import fuzz, process

from pipeline.orgs import Lookups, latin_key, load_lookups, name_key

# Ids that name a party only inside one notice or one publisher's releases (eForms ORG-0001, OCDS
# party ids): kept in org_identifiers, never a reason to merge across documents.
LOCAL_SCHEMES = ("OCDS-PARTY", "EFORMS-ORG")
FUZZY_MIN = 92.0  # token-sort ratio for Latin names ("Technologies" ~ "Technology" scores 92.9)
FUZZY_MIN_CJK = 95.0
_DIGITS = re.compile(r"\d+")


@dataclass
class _Org:
    org_id: str
    name: str
    kind: str | None
    key: str
    known: bool
    aliases: list[str]
    identifiers: int = 0


class _Clusters:
    """Union-find that refuses unions the lookup file forbids or that join two curated organisations."""

    def __init__(self, orgs: dict[str, _Org], lookups: Lookups):
        self.parent = {org_id: org_id for org_id in orgs}
        self.orgs = orgs
        self.keys = {org_id: {org.key, *(name_key(a) for a in org.aliases)} - {""} for org_id, org in orgs.items()}
        self.cluster_keys = {org_id: set(keys) for org_id, keys in self.keys.items()}
        self.cluster_known = {org_id: org.known for org_id, org in orgs.items()}
        self.never = lookups.never
        self.merges: list[tuple[str, str, str, float, str]] = []  # (org_id, other, reason, score, evidence)
        self.refused: list[tuple[str, str, str, float, str]] = []

    def find(self, org_id: str) -> str:
        while self.parent[org_id] != org_id:
            self.parent[org_id] = self.parent[self.parent[org_id]]
            org_id = self.parent[org_id]
        return org_id

    def _forbidden(self, left: set[str], right: set[str]) -> bool:
        for pair in self.never:
            first, second = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
            if (first in left and second in right) or (second in left and first in right):
                return True
        return False

    def union(self, a: str, b: str, reason: str, score: float, evidence: str, curated: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._forbidden(self.cluster_keys[ra], self.cluster_keys[rb]):
            self.refused.append((a, b, "lookup_never", score, evidence))
            return
        if not curated and self.cluster_known[ra] and self.cluster_known[rb]:
            return  # two curated bodies are two bodies unless an identifier or the lookup file says otherwise
        self.parent[rb] = ra
        self.cluster_keys[ra] |= self.cluster_keys.pop(rb)
        known_b = self.cluster_known.pop(rb)
        self.cluster_known[ra] = self.cluster_known[ra] or known_b
        self.merges.append((a, b, reason, score, evidence))


def _load(con: duckdb.DuckDBPyConnection) -> dict[str, _Org]:
    orgs = {}
    for org_id, name, kind, key, known in con.execute(
            "SELECT org_id, name, kind, coalesce(name_key, ''), coalesce(known, false) FROM organizations ORDER BY org_id").fetchall():
        orgs[org_id] = _Org(org_id, name, kind, key or name_key(name), bool(known), [])
    for alias, org_id in con.execute(
            "SELECT alias, org_id FROM org_aliases WHERE coalesce(via, 'resolved') = 'resolved' ORDER BY alias").fetchall():
        if org_id in orgs:
            orgs[org_id].aliases.append(alias)
    for org_id, count in con.execute("SELECT org_id, count(*) FROM org_identifiers GROUP BY org_id").fetchall():
        if org_id in orgs:
            orgs[org_id].identifiers = count
    return orgs


def _generic(org: _Org) -> bool:
    return org.key.endswith(")")  # document-scoped bodies ("the city (host)") never merge


def _decide(con: duckdb.DuckDBPyConnection, orgs: dict[str, _Org], lookups: Lookups) -> _Clusters:
    clusters = _Clusters(orgs, lookups)
    candidates = [o for o in orgs.values() if not _generic(o)]
    # 1. the same registry identifier
    for scheme, identifier, ids in con.execute(
            "SELECT scheme, identifier, list_sort(list_distinct(list(org_id))) FROM org_identifiers "
            "WHERE NOT list_contains(?, scheme) "
            "GROUP BY scheme, identifier HAVING count(DISTINCT org_id) > 1 ORDER BY scheme, identifier",
            [list(LOCAL_SCHEMES)]).fetchall():
        for other in ids[1:]:
            if ids[0] in orgs and other in orgs:
                clusters.union(ids[0], other, "identifier", 1.0, f"{scheme}:{identifier}", curated=True)
    # 2. curated: names the lookup file says are one body
    for group in lookups.same:
        hits = [o.org_id for o in candidates if clusters.keys[o.org_id] & set(group)]
        for other in hits[1:]:
            clusters.union(hits[0], other, "lookup_same", 1.0, " = ".join(group), curated=True)
    # 3. equal keys of any spelling; 4. a Chinese name and its transliteration
    by_key: dict[str, list[str]] = defaultdict(list)
    by_latin: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for org in candidates:
        for key in sorted(clusters.keys[org.org_id]):
            if key:
                by_key[key].append(org.org_id)
        for spelling in sorted({org.name, *org.aliases}):
            latin = latin_key(spelling)
            if latin:
                by_latin[latin].append((org.org_id, spelling))
    for key, ids in sorted(by_key.items()):
        for other in ids[1:]:
            clusters.union(ids[0], other, "name_key", 1.0, key)
    for latin, hits in sorted(by_latin.items()):
        for other, spelling in hits[1:]:
            clusters.union(hits[0][0], other, "transliteration", 0.9, f"{hits[0][1]} = {spelling} ({latin})")
    # 5. near-identical names, compared within blocks: the same first two words (Chinese: first three
    # characters) and the same numbers ("No. 3" and "No. 5" are two branches, never compared)
    blocks: dict[tuple, list[_Org]] = defaultdict(list)
    for org in candidates:
        if len(org.key) >= 6:
            head = " ".join(org.key.split()[:2]) if " " in org.key else org.key[:3]
            blocks[(head, tuple(_DIGITS.findall(org.key)))].append(org)
    for block in blocks.values():
        if len(block) < 2:
            continue
        keys = [o.key for o in block]
        for i, a in enumerate(block):
            # rapidfuzz scores the rest of the block in one C++ call; only pairs above the cut-off return.
            hits = process.extract(a.key, keys[i + 1:], scorer=fuzz.token_sort_ratio, limit=None,
                                   score_cutoff=min(FUZZY_MIN, FUZZY_MIN_CJK))
            for _, token_score, offset in hits:
                b = block[i + 1 + offset]
                cjk = " " not in a.key and " " not in b.key
                score = fuzz.ratio(a.key, b.key) if cjk else token_score
                if score < (FUZZY_MIN_CJK if cjk else FUZZY_MIN):
                    continue
                clusters.union(a.org_id, b.org_id, "fuzzy_name", round(score / 100, 3), f"{a.name} ~ {b.name}")
    return clusters


def _canonical(orgs: dict[str, _Org], members: list[str]) -> str:
    """Curated first, then one carrying an identifier, then the most spellings; ties by id."""
    return min(members, key=lambda o: (not orgs[o].known, not orgs[o].identifiers, -len(orgs[o].aliases), o))


def reconcile(con: duckdb.DuckDBPyConnection, lookups: Lookups | None = None) -> dict[str, int]:
    """Rebuild org_matches, organizations.canonical_org_id and the merged aliases. Returns counts."""
    orgs = _load(con)
    clusters = _decide(con, orgs, lookups or load_lookups())
    roots: dict[str, list[str]] = defaultdict(list)
    for org_id in orgs:
        roots[clusters.find(org_id)].append(org_id)
    canonical = {}
    for members in roots.values():
        head = _canonical(orgs, members)
        for org_id in members:
            canonical[org_id] = head
    why = {}
    for a, b, reason, score, evidence in clusters.merges:
        why.setdefault(b, (reason, score, evidence))
        why.setdefault(a, (reason, score, evidence))
    matches = [{"org_id": o, "matched_org_id": canonical[o], "reason": why[o][0], "score": why[o][1],
                "decision": "merged", "evidence": why[o][2]} for o in sorted(orgs) if canonical[o] != o]
    matches += [{"org_id": a, "matched_org_id": b, "reason": reason, "score": score, "decision": "kept_apart",
                 "evidence": evidence} for a, b, reason, score, evidence in clusters.refused]
    merged_aliases = [{"alias": alias, "org_id": canonical[o], "reason": why[o][0], "score": why[o][1], "via": "merged"}
                      for o in sorted(orgs) if canonical[o] != o for alias in orgs[o].aliases]
    con.register("canonical_map", pa.table({"org_id": list(canonical), "canonical_org_id": list(canonical.values())}))
    con.execute("UPDATE organizations SET canonical_org_id = m.canonical_org_id FROM canonical_map m "
                "WHERE organizations.org_id = m.org_id AND organizations.canonical_org_id IS DISTINCT FROM m.canonical_org_id")
    con.unregister("canonical_map")
    con.execute("DELETE FROM org_matches")
    con.execute("DELETE FROM org_aliases WHERE via = 'merged'")
    for table, rows in (("org_matches", matches), ("org_aliases", merged_aliases)):
        if rows:
            con.register("identity_rows", pa.Table.from_pylist(rows))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM identity_rows ON CONFLICT DO NOTHING")
            con.unregister("identity_rows")
    return {"organizations": len(orgs), "merged": sum(1 for o in orgs if canonical[o] != o), "kept_apart": len(clusters.refused)}
