"""Organisation names -> one organisation: keys, canonical names, gazetteer aliases, identifiers.

A name's key folds case, width, script (traditional -> simplified), punctuation, legal-form
suffixes, a trailing acronym in brackets and the "Bureau of X" word order, so 華為技術有限公司,
"Huawei Technologies Co., Ltd." and "HUAWEI" meet in one organisation when the gazetteer lists
them, and unlisted spellings that differ only in those ways still meet. A registry identifier
(统一社会信用代码, UEI, DUNS, an OCDS party id, eForms CompanyID) wins over any name.
Cross-document merges (same identifier, transliteration, near-identical names) are decided in the
warehouse (`warehouse.reconcile`), where every organisation is in view.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .gazetteer import DATA_FILE, KnownOrg, load_gazetteer

# Legal forms, longest first; matched at the end of the folded name (repeatedly).
_LEGAL_SUFFIXES_ZH = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "公司")
_LEGAL_SUFFIXES = (
    "co ltd", "company limited", "co limited", "limited", "ltd", "incorporated", "inc", "corporation", "corp",
    "company", "co", "llc", "l l c", "plc", "gmbh", "ag", "sa de cv", "s a de c v", "sa", "s a", "sas", "srl",
    "s r l", "spa", "sp z o o", "bv", "b v", "nv", "kft", "oy", "ab", "as", "pty ltd", "pty", "lp", "llp", "ltda",
)
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_POSSESSIVE = re.compile(r"^(.+?)[’']s\b.*$")
# "Punjab Safe Cities Authority (PSCA)": the bracketed acronym repeats the name.
_TRAILING_ACRONYM = re.compile(r"\s*[(（]\s*[A-Z][A-Z0-9&.\-]{1,11}\s*[)）]\s*$")
# Public bodies written "<office> of <place>" as often as "<place> <office>".
_OFFICE_HEADS = ("bureau", "department", "authority", "office", "ministry", "police", "commission", "council",
                 "court", "procuratorate", "administration", "agency", "government", "city", "county", "municipality",
                 "directorate", "service", "services", "board", "committee")
_OF_PLACE = re.compile(rf"^(?:the )?((?:\w+ )*?(?:{'|'.join(_OFFICE_HEADS)})) of (?:the )?(.+)$")
_INVERTED_OF = re.compile(r"^(.+) (city|county|town|village|state|district) of$")  # "MC ALLEN CITY OF"


@lru_cache(maxsize=1)
def _simplifier():
    import opencc

    return opencc.OpenCC("t2s")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def to_simplified(text: str) -> str:
    return _simplifier().convert(text) if _has_cjk(text) else text


def fold(name: str) -> str:
    """Case-, width-, script- and punctuation-folded text, words separated by single spaces."""
    text = to_simplified(unicodedata.normalize("NFKC", name)).casefold()
    text = text.replace("&", " and ")
    return _PUNCT.sub(" ", text).strip()


def _strip_legal_suffixes(key: str) -> str:
    changed = True
    while changed and key:
        changed = False
        for suffix in _LEGAL_SUFFIXES_ZH:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key, changed = key[: -len(suffix)].strip(), True
                break
        for suffix in _LEGAL_SUFFIXES:
            if key.endswith(" " + suffix):
                key, changed = key[: -len(suffix) - 1].strip(), True
                break
    return key


def name_key(name: str) -> str:
    key = fold(_TRAILING_ACRONYM.sub("", unicodedata.normalize("NFKC", name)))
    key = key[4:] if key.startswith("the ") else key
    inverted = _INVERTED_OF.match(key)
    if inverted:
        key = f"{inverted.group(1)} {inverted.group(2)}"
    of_place = _OF_PLACE.match(key)
    if of_place:
        key = f"{of_place.group(2)} {of_place.group(1)}"
    return _strip_legal_suffixes(key)


# Chinese office names and their usual English renderings, for transliterated candidates.
_ZH_HEADS = (
    ("公安局", "public security bureau"), ("公安厅", "public security department"), ("人民政府", "government"),
    ("教育局", "education bureau"), ("财政局", "finance bureau"), ("交通运输局", "transport bureau"),
    ("卫生健康委员会", "health commission"), ("政府", "government"), ("警察局", "police department"),
)
_ZH_ADMIN = ("维吾尔自治区", "自治区", "自治州", "地区", "市", "县", "区", "省", "州", "镇", "乡")
_EN_ADMIN = {"city", "county", "district", "prefecture", "province", "municipal", "municipality", "town",
             "township", "region", "autonomous", "shi", "xian", "qu"}


def latin_key(name: str) -> str | None:
    """A transliteration key shared by 介休市公安局 and "Jiexiu Public Security Bureau"; None when the
    name has no known office head (a bare place or a company is too ambiguous to transliterate)."""
    if _has_cjk(name):
        text = fold(name).replace(" ", "")
        for zh, en in _ZH_HEADS:
            if text.endswith(zh) and len(text) > len(zh):
                place = text[: -len(zh)]
                for admin in _ZH_ADMIN:
                    if place.endswith(admin) and len(place) > len(admin) + 1:
                        place = place[: -len(admin)]
                        break
                if not all("\u4e00" <= ch <= "\u9fff" for ch in place):
                    return None
                from pypinyin import lazy_pinyin

                return f"{''.join(lazy_pinyin(place))} {en}"
        return None
    key = name_key(name)
    for _, en in _ZH_HEADS:
        if key.endswith(" " + en):
            place = [w for w in key[: -len(en)].split() if w not in _EN_ADMIN]
            return f"{''.join(place)} {en}" if place else None
    return None


# Bodies named only generically ("the city", "the Council"): real, but which one depends on the document.
_GENERIC = {
    "city", "council", "city council", "county", "county council", "government", "state", "department", "agency",
    "authority", "ministry", "police", "police department", "company", "regional government", "provincial government",
    "local government", "municipality", "town", "village", "district", "board", "cabinet", "commission",
    "政府", "市政府", "县政府", "区政府", "该市", "本市", "公安局",
}


def is_generic(name: str) -> bool:
    key = fold(name)
    key = key[4:] if key.startswith("the ") else key
    return key in _GENERIC


def clean_display(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip(" \t\r\n,;:，；：")


_ID_SEPARATORS = re.compile(r"[\s\-]")


def identifier_key(scheme: str, value: str) -> str:
    """'CN-USCC', ' 9144 0300 ...' -> 'CN-USCC:91440300...' (schemes upper-case, ids without spaces)."""
    return f"{scheme.strip().upper()}:{_ID_SEPARATORS.sub('', str(value)).upper()}"


@dataclass(frozen=True)
class Organization:
    org_id: str
    name: str
    kind: str
    name_zh: str | None = None
    country: str | None = None
    region: str | None = None
    known: bool = False
    key: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, id)


@dataclass(frozen=True)
class Resolution:
    """An organisation and why this spelling belongs to it."""

    org: Organization
    reason: str  # identifier | gazetteer | gazetteer_prefix | name_key
    score: float = 1.0


@lru_cache(maxsize=4)
def gazetteer_identifiers(path: Path = DATA_FILE) -> dict[str, str]:
    """identifier key -> gazetteer id, from the optional `identifiers` table of each [[org]]."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = {}
    for entry in data.get("org", []):
        for scheme, value in (entry.get("identifiers") or {}).items():
            out[identifier_key(scheme, value)] = entry["id"]
    return out


def _org_id(text: str) -> str:
    return "org-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class OrgResolver:
    def __init__(self, gazetteer: tuple[KnownOrg, ...] | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._by_id = {org.id: org for org in self.gazetteer}
        self._by_identifier = {k: self._by_id[v] for k, v in gazetteer_identifiers().items() if v in self._by_id}
        self._by_key: dict[str, KnownOrg] = {}
        for org in self.gazetteer:
            for spelling in org.spellings():
                self._by_key.setdefault(name_key(spelling), org)
        # Vendor aliases that may lead a longer name ("Huawei Pakistan", "Huawei's Czech unit").
        self._vendor_prefixes = sorted(
            ((k, o) for k, o in self._by_key.items() if o.kind == "vendor" and len(k) >= 4),
            key=lambda pair: -len(pair[0]),
        )

    def known(self, raw: str) -> KnownOrg | None:
        hit = self._known(raw)
        return hit[0] if hit else None

    def _known(self, raw: str) -> tuple[KnownOrg, str] | None:
        key = name_key(raw)
        if key in self._by_key:
            return self._by_key[key], "gazetteer"
        possessive = _POSSESSIVE.match(raw.strip())
        if possessive:
            hit = self._by_key.get(name_key(possessive.group(1)))
            if hit:
                return hit, "gazetteer_prefix"
        for prefix, org in self._vendor_prefixes:
            if key.startswith(prefix + " ") or (_has_cjk(prefix) and key.startswith(prefix)):
                if frozenset((key, name_key(org.name))) in load_lookups().never:
                    return None  # the lookup file says this longer name is another body
                return org, "gazetteer_prefix"
        return None

    def _from_gazetteer(self, hit: KnownOrg, identifiers: tuple[tuple[str, str], ...]) -> Organization:
        return Organization(hit.id, hit.name, hit.kind, hit.name_zh, hit.country, hit.region, True,
                            name_key(hit.name), identifiers)

    def resolution(self, raw: str, kind: str, identifiers: dict[str, str] | None = None) -> Resolution:
        ids = tuple(sorted((s.strip().upper(), str(v).strip()) for s, v in (identifiers or {}).items() if s and v))
        for scheme, value in ids:
            hit = self._by_identifier.get(identifier_key(scheme, value))
            if hit:
                return Resolution(self._from_gazetteer(hit, ids), "identifier")
        known = self._known(raw)
        if known:
            return Resolution(self._from_gazetteer(known[0], ids), known[1], 1.0 if known[1] == "gazetteer" else 0.9)
        display = clean_display(raw)
        key = name_key(raw) or fold(raw)
        name_zh = display if _has_cjk(display) else None
        return Resolution(Organization(_org_id(key), display, kind, name_zh, key=key, identifiers=ids), "name_key")

    def resolve(self, raw: str, kind: str, identifiers: dict[str, str] | None = None) -> Organization:
        return self.resolution(raw, kind, identifiers).org


@lru_cache(maxsize=1)
def default_resolver() -> OrgResolver:
    return OrgResolver()


# -- curated merge decisions ------------------------------------------------------------------------
LOOKUP_FILE = Path(__file__).parent / "data" / "org_lookups.toml"


@dataclass(frozen=True)
class Lookups:
    """Curated decisions: names that are one body whatever the scores say, and pairs that never are."""

    same: tuple[tuple[str, ...], ...] = ()  # groups of name keys (or gazetteer ids) that are one body
    never: tuple[frozenset[str], ...] = field(default_factory=tuple)  # pairs of name keys kept apart


@lru_cache(maxsize=4)
def load_lookups(path: Path = LOOKUP_FILE) -> Lookups:
    if not path.exists():
        return Lookups()
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    same = tuple(tuple(name_key(n) for n in entry["names"]) for entry in data.get("same", []))
    never = []
    for entry in data.get("never", []):
        names = [name_key(n) for n in entry["names"]]
        if len(names) != 2:
            raise ValueError(f"{path.name}: a [[never]] entry names exactly two organisations, got {entry['names']}")
        never.append(frozenset(names))
    return Lookups(same, tuple(never))
