"""One article as sentences with their organisation mentions and money figures, and document-level references:
which vendor "the company" means, which named body "the city" or "the regional government" means."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..orgs import name_key
from .article import Article
from .entities import Mention, find_mentions
from .money_text import MoneySpan, find_money
from .places import (countries_named, dominant, is_taiwanese, places_named, simplified, taiwan_short_names, zh_division,
                     zh_places_named)
from .sentences import split_sentences


@dataclass
class Sentence:
    index: int
    paragraph: int
    text: str
    is_title: bool
    mentions: list[Mention] = field(default_factory=list)
    money: list[MoneySpan] = field(default_factory=list)


@dataclass
class Analysis:
    article: Article
    sentences: list[Sentence]
    vendor_keys: list[str]  # distinct named vendors in first-mention order
    vendor_names: dict[str, str]  # key -> the fullest spelling written
    rupee: str  # PKR or INR for "Rs" in this document
    # (vendor, body) that a sentence names together as anything but a deal (consent, funding, a report)
    set_aside: set[tuple[str, str]] = field(default_factory=set)
    url: str | None = None  # where the article was published (its host and headline words name places too)

    @property
    def language(self) -> str:
        return self.article.language


# Vendors a sentence names only to set them aside.
_LOSERS_ZH = re.compile(r"参与了角逐|参与角逐|參與了角逐|参与竞标|參與競標|参与投标|參與投標|参与竞争|參與競爭|未中标|未中標|落标|落標|落选|落選|竞争对手|競爭對手")
_PARENT_ZH = re.compile(r"全资子公司|全資子公司|控股子公司|子公司|旗下|下属|下屬")
_LOSERS_EN = re.compile(r"\b(?:losing bidders?|unsuccessful bidders?|rival bids?|also bid|also competed|lost (?:out|the bid))\b", re.I)


def _vendor_key(mention: Mention) -> str:
    return mention.org_id or name_key(mention.text)


def _set_aside(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Drop losing bidders, parents announcing a subsidiary's win, and a vendor's own units ("including its Avigilon")."""
    out = []
    vendors = [m for m in mentions if m.role == "vendor" and not m.generic]
    for mention in mentions:
        if mention.role in ("vendor", "agency") and (_LOSERS_ZH.search(sentence) or _LOSERS_EN.search(sentence)):
            if not re.search(r"中标|中標|成交|won|awarded", sentence[mention.end:mention.end + 30]):
                continue
        if mention.role == "vendor" and not mention.generic:
            later = [v for v in vendors if v.start > mention.end and _vendor_key(v) != _vendor_key(mention)]
            if later and _PARENT_ZH.search(sentence[mention.end:later[0].start]) and later[0].start - mention.end < 40:
                continue
            if re.search(r"\b(?:its|including its|and its)\s+$", sentence[max(0, mention.start - 16):mention.start], re.I):
                continue
        out.append(mention)
    return out


# "北京金税信息技术服务股份有限公司（以下简称“金税”）", and the habit of writing a company by the first
# characters of its name where it acts ("山东恒邦以96500元竞得…").
_ZH_SHORT_NAME = re.compile(r"^\s*[（(]\s*(?:以下)?(?:简称|簡稱)\s*[:：]?\s*[“\"「『]?([\u4e00-\u9fffA-Za-z0-9]{2,10}?)[”\"」』]?\s*[)）]")
_ZH_ACTS = re.compile(r"^\s*(?:以|中标|中標|竞得|競得|得标|得標|承建|签约|簽約|与|與|获得|獲得|成功|联合|聯合)")


def _short_names(sentences: list[Sentence]) -> None:
    """Add the mentions of companies by their short names, resolved to the full name."""
    aliases: dict[str, str] = {}
    declared_aliases: set[str] = set()
    for sentence in sentences:
        for mention in sentence.mentions:
            chinese = mention.method.startswith("zh") or mention.method == "gazetteer" and any(
                "\u4e00" <= ch <= "\u9fff" for ch in mention.text)
            if mention.role != "vendor" or mention.generic or not chinese:
                continue
            declared = _ZH_SHORT_NAME.match(sentence.text[mention.end:])
            if declared:
                aliases.setdefault(declared.group(1), mention.text)
                declared_aliases.add(declared.group(1))
            if len(mention.text) >= 8:
                aliases.setdefault(mention.text[:4], mention.text)
    full_names = {m.text for s in sentences for m in s.mentions if m.role == "vendor" and not m.generic and len(m.text) >= 6}
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.method != "zh-short-winner" or mention.text in aliases:
                continue
            longer = {n for n in full_names if n.startswith(mention.text) and n != mention.text}
            if len(longer) == 1:
                aliases[mention.text] = longer.pop()  # 遠傳得標 of the article's 遠傳電信股份有限公司
                declared_aliases.add(mention.text)
    if not aliases:
        return
    for sentence in sentences:
        # a short winner the sentence names by a declared alias or a prefix is that company, in full
        sentence.mentions = [replace(m, generic=True, head=aliases[m.text], method="zh-short-name")
                             if m.method == "zh-short-winner" and m.text in aliases else m for m in sentence.mentions]
        added = []
        for alias, full in aliases.items():
            for found in re.finditer(re.escape(alias), sentence.text):
                start, end = found.start(), found.end()
                if any(m.start < end and start < m.end for m in sentence.mentions + added):
                    continue
                if alias not in declared_aliases and not _ZH_ACTS.match(sentence.text[end:]):
                    continue  # a bare prefix is a name only where it acts
                added.append(Mention(start, end, alias, "vendor", generic=True, head=full, method="zh-short-name"))
        if added:
            sentence.mentions = sorted(sentence.mentions + added, key=lambda m: m.start)


_ZH_DECLARED_ALIAS = re.compile(r"^\s*[（(]\s*(?:以下|下)?(?:简称|簡稱|称|稱)\s*[:：]?\s*[“\"「『]?([\u4e00-\u9fff]{2,10}?)"
                                r"[”\"」』]?\s*[)）]")


def _declared_body_aliases(sentences: list[Sentence]) -> None:
    """A body's short name declared after it ("中共某县委政法委员会（以下简称县委政法委）") is that body wherever
    the article writes it, and the declaration itself names no second body."""
    aliases: dict[str, str] = {}
    for sentence in sentences:
        for mention in list(sentence.mentions):
            if mention.role != "agency" or mention.generic:
                continue
            declared = _ZH_DECLARED_ALIAS.match(sentence.text[mention.end:])
            if not declared:
                continue
            aliases.setdefault(declared.group(1), mention.text)
            inside = (mention.end, mention.end + declared.end())
            sentence.mentions = [m for m in sentence.mentions if not (inside[0] <= m.start < inside[1])]
    if not aliases:
        return
    for sentence in sentences:
        kept = [m for m in sentence.mentions if not (m.role == "agency" and m.text in aliases)]
        added = [Mention(m.start, m.end, m.text, "agency", generic=True, head=aliases[m.text],
                         method="zh-declared-alias+resolved") for m in sentence.mentions
                 if m.role == "agency" and m.text in aliases]
        for alias, full in aliases.items():
            for found in re.finditer(re.escape(alias), sentence.text):
                if not any(m.start < found.end() and found.start() < m.end for m in kept + added):
                    added.append(Mention(found.start(), found.end(), alias, "agency", generic=True, head=full,
                                         method="zh-declared-alias+resolved"))
        if added:
            sentence.mentions = sorted(kept + added, key=lambda m: m.start)


# How a Taiwanese body written short ends, and how its full name ends: 警局 -> 警察局, 府 -> 政府.
_TW_SHORT_TAILS = (("警局", "警察局"), ("府", "政府"), ("議會", "議會"), ("议会", "议会"))


def _taiwan_short_bodies(sentences: list[Sentence]) -> None:
    """A body written by its division's short name (宜縣警局) is the one the article names in full
    (宜蘭縣政府警察局) where the article names one such body of that division."""
    full = {m.text for s in sentences for m in s.mentions if m.role == "agency" and not m.generic
            and m.method == "zh-agency"}
    if not full:
        return
    for sentence in sentences:
        resolved = []
        for mention in sentence.mentions:
            if mention.method == "zh-tw-agency":
                division = next((name for name, short in taiwan_short_names()
                                 if mention.text.lstrip("臺台").startswith(short)), None)
                tail = next((long for short, long in _TW_SHORT_TAILS if mention.text.endswith(short)), None)
                matches = {n for n in full if division and tail and n.replace("台", "臺").startswith(division)
                           and n.endswith(tail)}
                if len(matches) == 1:
                    mention = replace(mention, generic=True, head=matches.pop(), method="zh-tw-agency+resolved")
            resolved.append(mention)
        sentence.mentions = resolved


_DOLLARS = {"AU": "AUD", "CA": "CAD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "TW": "TWD"}
_DOLLAR_DEMONYMS = {"Australian": "AU", "Canadian": "CA", "New Zealander": "NZ", "Singaporean": "SG", "Taiwanese": "TW"}
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z.])\$(?![A-Za-z])")


def _local_dollar(text: str) -> str | None:
    """An article's bare "$" is the dollar of the country whose places it names most, when that country has a
    dollar of its own: where the article marks US dollars ("$US500 million", "US$"), as Australian press
    does, or where it names that country's places again and again and no American one."""
    counts = countries_named(text)
    for word, code in _DOLLAR_DEMONYMS.items():
        counts[code] = counts.get(code, 0) + len(re.findall(rf"\b{word}s?\b", text))
    local = max((c for c in counts if c in _DOLLARS and counts[c]), key=lambda c: counts[c], default=None)
    if local is None or counts.get("US", 0) >= counts[local]:
        return None
    if re.search(r"\$US|US\$|\$A\b|A\$", text) or (counts[local] >= 3 and not counts.get("US")):
        return _DOLLARS[local]
    return None


_RUPEES = {"PK": "PKR", "IN": "INR", "LK": "LKR", "NP": "NPR", "MU": "MUR", "SC": "SCR"}
_PESOS = {"MX": "MXN", "PH": "PHP", "CO": "COP", "AR": "ARS", "CL": "CLP", "UY": "UYU", "DO": "DOP", "CU": "CUP"}
# Words that name a country's people or state, which news writes more often than the country ("Mexican
# prosecutors"): they count as that country's places.
_DEMONYMS = {"Mexican": "MX", "Filipino": "PH", "Philippine": "PH", "Colombian": "CO", "Argentine": "AR",
             "Argentinian": "AR", "Chilean": "CL", "Uruguayan": "UY", "Dominican": "DO", "Cuban": "CU",
             "Pakistani": "PK", "Indian": "IN", "Sri Lankan": "LK", "Nepali": "NP", "Nepalese": "NP", "Mauritian": "MU"}


_EXPLICIT_YUAN = re.compile(r"人民币|人民幣|RMB|CNY|[¥￥]|yuan|renminbi", re.I)


def _local_unit(text: str, units: dict[str, str], default: str) -> str:
    """A currency word several countries share ('Rs', 'pesos') is the one of the country whose places
    (and people) the article names most; `default` when it names none of them."""
    counts = {code: n for code, n in countries_named(text).items() if code in units}
    for word, code in _DEMONYMS.items():
        if code in units:
            counts[code] = counts.get(code, 0) + len(re.findall(rf"\b{word}s?\b", text))
    for code, iso in units.items():
        counts[code] = counts.get(code, 0) + len(re.findall(rf"\b{iso}\b", text))
    best = max(counts, key=lambda c: (counts[c], units[c] == default))
    return units[best] if counts[best] else default


def _rupee(text: str) -> str:
    """'Rs' is the rupee of the country whose places the article names most (India when none is named)."""
    return _local_unit(text, _RUPEES, "INR")


def _peso(text: str) -> str:
    """'pesos' likewise (Mexico's when none is named: the most traded peso)."""
    return _local_unit(text, _PESOS, "MXN")


_ZH_HEADLINE_CLAUSES = re.compile(r"(?<=[\u4e00-\u9fff”」])[ \u3000]+(?=[\u4e00-\u9fff“「])")


def analyse(article: Article, url: str | None = None) -> Analysis:
    sentences: list[Sentence] = []
    paragraphs = list(article.paragraphs)
    if article.title and (not paragraphs or paragraphs[0] != article.title):
        paragraphs.insert(0, article.title)
    for p_index, paragraph in enumerate(paragraphs):
        is_title = p_index == 0 and bool(article.title) and paragraph == article.title
        # a Chinese headline's clauses stand apart, a space between them: "新华三中标浙江大学项目 紫光股份午后拉升"
        for text in (_ZH_HEADLINE_CLAUSES.split(paragraph) if is_title else split_sentences(paragraph)):
            sentences.append(Sentence(len(sentences), p_index, text, is_title))
    rupee = _rupee(article.text)
    local = {"RS": rupee, "PESO": _peso(article.text)}
    for sentence in sentences:
        sentence.mentions = _set_aside(sentence.text, find_mentions(sentence.text))
    _short_names(sentences)
    _declared_body_aliases(sentences)
    _taiwan_short_bodies(sentences)
    for sentence in sentences:
        sentence.money = [replace(m, currency=local[m.currency]) if m.currency in local else m for m in find_money(sentence.text)]
    if article.language == "zh" and is_taiwanese(article.text):  # 元 in Taiwan's press is the New Taiwan dollar
        for sentence in sentences:
            sentence.money = [replace(m, currency="TWD") if m.currency == "CNY" and not _EXPLICIT_YUAN.search(m.raw) else m
                              for m in sentence.money]
    dollar = _local_dollar(article.text)
    if dollar:
        for sentence in sentences:
            sentence.money = [replace(m, currency=dollar) if _BARE_DOLLAR.search(m.raw) else m for m in sentence.money]
    vendor_keys: list[str] = []
    vendor_names: dict[str, str] = {}
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.role == "vendor" and not mention.generic:
                key = _vendor_key(mention)
                if key not in vendor_names:
                    vendor_keys.append(key)
                    vendor_names[key] = mention.text
                elif len(mention.text) > len(vendor_names[key]) and vendor_names[key].lower() in mention.text.lower():
                    vendor_names[key] = mention.text  # "Huawei" then "Huawei Technologies Co.": keep the fuller one
    analysis = Analysis(article, sentences, vendor_keys, vendor_names, rupee, url=url)
    _resolve_generic_vendors(analysis)
    _resolve_generic_agencies(analysis)
    return analysis


# (the name opens the sentence: "In March, the company …" names no company)
_NAME_BEFORE_APPOSITION = re.compile(r"^\s*[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4},\s*(?:the|a|an)?\s*$")


def _resolve_generic_vendors(analysis: Analysis) -> None:
    """'the company', 'the Chinese firm', '该公司' -> the document's vendor when it names only one, else the last one
    named earlier in the same paragraph (or in the paragraph it continues)."""
    single = analysis.vendor_keys[0] if len(analysis.vendor_keys) == 1 else None
    last_in_paragraph: dict[int, str] = {}
    length: dict[int, int] = {}
    for sentence in analysis.sentences:
        length[sentence.paragraph] = length.get(sentence.paragraph, 0) + len(sentence.text)

    def last_before(paragraph: int) -> str | None:
        """The company a paragraph that names none continues from: the last one named in the paragraph of
        text before it (headings and elision marks between them are skipped)."""
        if paragraph in last_in_paragraph:
            return last_in_paragraph[paragraph]
        for earlier in range(paragraph - 1, -1, -1):
            if earlier in last_in_paragraph:
                return last_in_paragraph[earlier]
            if length.get(earlier, 0) >= 60:
                return None
        return None

    for sentence in analysis.sentences:
        resolved = []
        for mention in sentence.mentions:
            if mention.role == "vendor" and not mention.generic:
                last_in_paragraph[sentence.paragraph] = _vendor_key(mention)
            if mention.role == "vendor" and mention.generic and mention.method != "zh-short-name":
                if any(m.role in ("vendor", "company") and not m.generic and 0 <= m.start - mention.end <= 2
                       for m in sentence.mentions):
                    continue  # "the Chinese surveillance company Dahua": the name itself follows
                if re.search(r"\b(?:[Nn]o|[Nn]ot an?)\s+$", sentence.text[:mention.start]) or re.match(
                        r"(?:[Nn]o|[Nn]ot an?)\s", mention.text):
                    continue  # "no foreign vendor had been engaged": no company at all
                if _NAME_BEFORE_APPOSITION.search(sentence.text, 0, mention.start):
                    continue  # "Sidewalk Labs, the urban technology company owned by …": it describes that name
                key = single or last_before(sentence.paragraph)
                if not key:
                    continue
                mention = replace(mention, org_id=key if key in analysis.vendor_names else None,
                                  head=analysis.vendor_names[key])
            resolved.append(mention)
        sentence.mentions = resolved


_HEAD_MATCH = {
    "city": re.compile(r"^City of|City Council|City Commission|Council of the City|^Municipality of", re.I),
    "council": re.compile(r"Council", re.I),
    "city council": re.compile(r"City Council|Council of the City", re.I),
    "county council": re.compile(r"County Council", re.I),
    "county": re.compile(r"^County of|County Council|County Commission|County Board", re.I),
    "government": re.compile(r"government", re.I),
    "police department": re.compile(r"Police Department|Police$|Police Service|Police Force", re.I),
    "police": re.compile(r"Police Department|Police$|Police Service|Police Force|Public Security", re.I),
    "department": re.compile(r"Department", re.I),
    "authority": re.compile(r"Authority", re.I),
    "ministry": re.compile(r"Ministry", re.I),
    "agency": re.compile(r"Agency", re.I),
    "bureau": re.compile(r"Bureau", re.I),
    "province": re.compile(r"provincial government|Province", re.I),
    "municipality": re.compile(r"Municipality|City of", re.I),
    # "this Honorable Body", "the Legislature": a resolution's own council, legislature or board
    "body": re.compile(r"Council|Legislature|Board of|Commission", re.I),
    "honorable body": re.compile(r"Council|Legislature|Board of|Commission", re.I),
    "honourable body": re.compile(r"Council|Legislature|Board of|Commission", re.I),
    "legislature": re.compile(r"Legislature", re.I),
    "board": re.compile(r"Board\b", re.I),
    "commission": re.compile(r"Commission\b", re.I),
}


# A generic head prefers the body itself over its organs: "the city" is the City of X before its council.
_PREFERRED = {"city": re.compile(r"^City of", re.I), "county": re.compile(r"^County of", re.I),
              "municipality": re.compile(r"^Municipality of|^City of", re.I)}


def _head_pattern(head: str) -> re.Pattern | None:
    if head in _HEAD_MATCH:
        return _HEAD_MATCH[head]
    if head.endswith(("police department", "city council", "county council", "police")):
        return re.compile(rf"\S+\s+{re.escape(head)}$", re.I)  # "City Council" -> "Lockhart City Council"
    zh = re.fullmatch(r"([省市县縣区區镇鎮乡鄉]?)(.{2,6})", head) if any("\u4e00" <= ch <= "\u9fff" for ch in head) else None
    if zh:  # 市政府 -> the article's 武汉市江夏区政府; 公安局 -> its 广州市公安局
        level, body = zh.groups()
        return re.compile(rf"{re.escape(level)}.*{re.escape(body)}$" if level else rf".{{2,}}{re.escape(body)}$")
    words = head.split()
    if len(words) == 2 and words[1] == "government":  # "the regional government" -> "Mandalay regional government"
        return re.compile(rf"\b{words[0]}\s+government", re.I)
    return None


# Generic heads that name a level of government: (level, kind of region, how the body is written).
_PLACE_HEADS = {
    "city": ("city", None, "City of {}"), "municipality": ("city", None, "City of {}"),
    "city government": ("city", None, "City of {}"), "municipal government": ("city", None, "City of {}"),
    "local government": ("city", None, "City of {}"),
    # a council's purchase is its city's: the buyer of record is the City, as for "the city"
    "city council": ("city", None, "City of {}"), "council": ("city", None, "City of {}"),
    "town council": ("city", None, "Town of {}"), "city commission": ("city", None, "City of {}"),
    "police department": ("city", None, "{} Police Department"), "police": ("city", None, "{} Police Department"),
    "county": ("county", None, "{} County"), "county government": ("county", None, "{} County"),
    "county council": ("county", None, "{} County Council"),
    "provincial government": ("region", "province", "{} provincial government"),
    "province": ("region", "province", "{} provincial government"),
    "state government": ("region", "state", "{} state government"),
    "regional government": ("region", "region", "{} regional government"),
    "federal government": ("country", None, "{} federal government"),
    "central government": ("country", None, "{} central government"),
    "national government": ("country", None, "{} national government"),
}
# Parts of a web address that name no place.
_URL_NOISE = re.compile(r"^(?:www\d*|m|news|gov|com|org|net|edu|int|mil|co|ac|legistar|moderngov|granicus|civicclerk|"
                        r"[a-z]{2}|html?|php|aspx?|index|article|story|stories|detail|details)$")


def _url_words(url: str | None) -> tuple[str, str]:
    """(host words, path words) of an http(s) address, capitalised as names: the site of a council
    (blaine.legistar.com) and the headline in the path (/wilmington-council-makes-…)."""
    match = re.match(r"https?://([^/?#]+)([^?#]*)", url or "", re.I)
    if not match:
        return "", ""
    host = [label for label in match.group(1).lower().split(".") if not _URL_NOISE.match(label)]
    path = [w for w in re.split(r"[^A-Za-z]+", match.group(2)) if len(w) >= 3 and not _URL_NOISE.match(w.lower())]
    return ". ".join(w.capitalize() for w in host), " ".join(w.capitalize() for w in path)


def _without_companies(analysis: Analysis) -> str:
    """The article's text without its companies' names, whose words are often places ("Axon Enterprise")."""
    text = analysis.article.text
    names = {m.text for s in analysis.sentences for m in s.mentions if m.role in ("vendor", "company") and not m.generic}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def _branch_place(analysis: Analysis, level: str) -> str | None:
    """The one division of a level that the article's local branches are named for (普陀电信分公司 -> 普陀区,
    …有限公司运城分公司 -> 运城市), where the text names no place of that level: a local body and the
    local branch it deals with share their place."""
    suffixes = {"区": ("区", "县"), "區": ("区", "县"), "县": ("县", "区"), "縣": ("县", "区")}.get(level, (simplified(level),))
    places = set()
    for sentence in analysis.sentences:
        for mention in sentence.mentions:
            name = simplified(mention.text)
            if mention.role not in ("vendor", "company") or mention.generic or not name.endswith(("分公司", "支公司")):
                continue
            tail = re.split(r"有限公司|股份公司|集团公司", name)[-1]  # the branch after its parent's registered name
            places |= {stem + suffix for stem in (tail[:2], tail[:3]) for suffix in suffixes if zh_division(stem + suffix)}
    return places.pop() if len(places) == 1 else None


def _place_body(analysis: Analysis, head: str) -> tuple[str, str] | None:
    """(the body a generic head names, how it was found) from the one place of its level the article
    names most: 'the provincial government' of an article about Punjab; the city of a council's site."""
    zh = re.fullmatch(r"([省市县縣区區])(.{2,6})?", head)
    if zh:  # 市教育局 -> 汉中市教育局 in an article that names 汉中市 and no other city; 我市 -> 运城市
        place = dominant(zh_places_named(analysis.article.text, zh.group(1)))
        if place:
            return place + (zh.group(2) or ""), "place"
        place = _branch_place(analysis, zh.group(1))
        return (place + (zh.group(2) or ""), "branch-place") if place else None
    if head not in _PLACE_HEADS:
        return None
    level, kind, written = _PLACE_HEADS[head]
    place = dominant(places_named(_without_companies(analysis), level, kind))
    if place:
        return written.format(place), "place"
    if level in ("city", "county"):
        host, path = _url_words(analysis.url)
        place = dominant(places_named(host, level, kind, one_word_city=0)) or dominant(places_named(path, level, kind))
        if place:
            return written.format(place), "url-place"
    return None


def _resolve_generic_agencies(analysis: Analysis) -> None:
    named: list[str] = [m.text for s in analysis.sentences for m in s.mentions if m.role == "agency" and not m.generic]
    counts: dict[str, int] = {}
    for text in named:
        counts[name_key(text)] = counts.get(name_key(text), 0) + 1
    distinct = list(dict.fromkeys(named))
    chosen: dict[str, str | None] = {}

    def best_for(head: str) -> str | None:
        if head not in chosen:
            pattern = _head_pattern(head)
            candidates = [t for t in distinct if pattern and pattern.search(t)]
            preferred = _PREFERRED.get(head)
            if preferred and any(preferred.search(t) for t in candidates):
                candidates = [t for t in candidates if preferred.search(t)]
            # a headline's capitals are the same body as the text's: "TORONTO POLICE" is the text's "Toronto Police"
            chosen[head] = max(candidates, key=lambda t: (counts[name_key(t)], not t.isupper(), -candidates.index(t))
                               ) if candidates else None
        return chosen[head]

    by_place: dict[str, tuple[str, str] | None] = {}
    for sentence in analysis.sentences:
        resolved = []
        for mention in sentence.mentions:
            if mention.role in ("agency", "official") and mention.generic and mention.head:
                best = best_for(mention.head)
                if best:
                    mention = replace(mention, head=best, method=mention.method + "+resolved")
                else:
                    if mention.head not in by_place:
                        by_place[mention.head] = _place_body(analysis, mention.head)
                    if by_place[mention.head]:
                        body, how = by_place[mention.head]
                        mention = replace(mention, head=body, method=f"{mention.method}+resolved-{how}")
            resolved.append(mention)
        sentence.mentions = resolved


def agency_name(mention: Mention) -> str | None:
    """The name to record for an agency mention: its own, or the named body a generic one refers to."""
    if not mention.generic:
        return mention.text
    if "+resolved" in mention.method:
        return mention.head
    return None


def vendor_name(analysis: Analysis, mention: Mention) -> str | None:
    if not mention.generic:
        return mention.text
    return mention.head if mention.head and mention.head != "company" else None
