"""Organisation names -> one organisation: keys, canonical names, gazetteer aliases.

A name's key folds case, width, punctuation and legal-form suffixes, so 华为技术有限公司,
"Huawei Technologies Co., Ltd." and "HUAWEI" meet in one organisation when the gazetteer
lists them, and unlisted spellings that differ only in punctuation or suffix still meet.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import KnownOrg, load_gazetteer

# Legal forms, longest first; matched at the end of the folded name (repeatedly).
_LEGAL_SUFFIXES_ZH = ("股份有限公司", "有限责任公司", "有限公司", "有限責任公司", "股份公司", "集团公司", "公司")
_LEGAL_SUFFIXES = (
    "co ltd", "company limited", "co limited", "limited", "ltd", "incorporated", "inc", "corporation", "corp",
    "company", "co", "llc", "l l c", "plc", "gmbh", "ag", "sa de cv", "s a de c v", "sa", "s a", "sas", "srl",
    "s r l", "spa", "sp z o o", "bv", "b v", "nv", "kft", "oy", "ab", "as", "pty ltd", "pty", "lp", "llp", "ltda",
)
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_POSSESSIVE = re.compile(r"^(.+?)[’']s\b.*$")


def fold(name: str) -> str:
    """Case-, width- and punctuation-folded text, words separated by single spaces."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("&", " and ")
    return _PUNCT.sub(" ", text).strip()


def name_key(name: str) -> str:
    key = fold(name)
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


@dataclass(frozen=True)
class Organization:
    org_id: str
    name: str
    kind: str
    name_zh: str | None = None
    country: str | None = None
    region: str | None = None
    known: bool = False


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class OrgResolver:
    def __init__(self, gazetteer: tuple[KnownOrg, ...] | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
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
        key = name_key(raw)
        if key in self._by_key:
            return self._by_key[key]
        possessive = _POSSESSIVE.match(raw.strip())
        if possessive:
            hit = self._by_key.get(name_key(possessive.group(1)))
            if hit:
                return hit
        for prefix, org in self._vendor_prefixes:
            if key.startswith(prefix + " ") or (_has_cjk(prefix) and key.startswith(prefix)):
                return org
        return None

    def resolve(self, raw: str, kind: str) -> Organization:
        hit = self.known(raw)
        if hit:
            return Organization(hit.id, hit.name, hit.kind, hit.name_zh, hit.country, hit.region, True)
        display = clean_display(raw)
        key = name_key(raw) or fold(raw)
        org_id = "org-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        name_zh = display if _has_cjk(display) else None
        return Organization(org_id, display, kind, name_zh)


@lru_cache(maxsize=1)
def default_resolver() -> OrgResolver:
    return OrgResolver()
