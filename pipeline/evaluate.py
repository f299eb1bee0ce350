"""Score extraction against a hand-read gold manifest (the format of ../shared/corpus/MANIFEST.tsv).

Per document kind and field (vendor, agency, pair, amount, currency, date): precision = predicted
values that match a gold value / predicted values; recall = gold values matched / gold values.
Predictions are the `procwatch extract` records with confidence >= MIN_CONFIDENCE.

The name matcher is strict: two names match only when they name the same body. Equal after folding
(case, width, script, punctuation, legal suffixes, "the"), one known organisation in the gazetteer, a
place and its government ("Uganda", "the Ugandan government" is not attempted; "Urumqi" = "Urumqi
government" = "Government of Urumqi"), or a longer written form of the same name: the shorter name's
words lead the longer one ("Axon" / "Axon Enterprise"), or for Chinese the longer adds a place in front
or a legal form behind ("区公安分局" / "普陀区公安分局"). A bare head noun ("Police", "公安局",
"City Council") never matches a named body, and a trailing fragment ("Television Network Co. Ltd.")
never matches the whole name.

Where the manifest's notes give `gold_pairs=[[vendor, buyer], …]` those are the exact pairs (an empty
list: the document states no pair, so every predicted pair is spurious); otherwise pairs are the
vendor × buyer columns. `not_amounts=[[value, currency], …]` (or the figures as written, "5亿元") are figures
that must not be reported.
"""
from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .extract import records
from .money import chinese_numeral_amount
from .orgs import default_resolver, fold, name_key, to_simplified
from .prose.places import is_country, is_place, places_named, zh_division
from .parse import parse_document
from .records import Document, ParseError

MIN_CONFIDENCE = 0.5
AMOUNT_TOLERANCE = 0.005
FIELDS = ("vendor", "agency", "pair", "amount", "currency", "date")
CALIBRATION_BINS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))

_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
                "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_GOLD_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|crore|lakh|bn|mn|tn|m|k|b|万|萬|亿|億)?"
                          r"(?![a-z])", re.I)


def gold_amounts(text: str) -> list[list[float]]:
    """Each '|'-separated gold figure as its accepted values (a LOW/HIGH range accepts both ends)."""
    figures = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        values = []
        for number, unit in _GOLD_NUMBER.findall(part):
            value = float(number.replace(",", "")) * _MULTIPLIERS.get(unit.lower() if unit else "", 1)
            values.append(value)
        if not values:  # written in 大写 numerals as the notice writes it: 壹佰贰拾万元整
            numeral = chinese_numeral_amount(part)
            values = [float(numeral)] if numeral is not None else []
        if not values:
            continue
        figures.append(values if re.search(r"\bLOW\b|\bHIGH\b", part) else values[:1])
    return figures


def _forbidden_amounts(entries: list) -> list[float]:
    """`not_amounts=` entries, each `[value, currency]` or the figure as written ("5亿元", "$40 billion")."""
    values = []
    for entry in entries:
        if isinstance(entry, str):
            values += [v for figure in gold_amounts(entry) for v in figure]
        elif isinstance(entry, list) and entry and isinstance(entry[0], (int, float)):
            values.append(float(entry[0]))
    return values


def gold_names(text: str) -> list[list[str]]:
    """Each '|'-separated gold name with its alternatives (the part in parentheses, and without it)."""
    names = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        alternatives = [part]
        inner = re.findall(r"[（(]([^()（）]+)[)）]", part)
        outer = re.sub(r"[（(][^()（）]*[)）]", "", part).strip()
        alternatives += [a.strip() for a in inner if a.strip()] + ([outer] if outer and outer != part else [])
        names.append(alternatives)
    return names


def notes_list(notes: str, name: str) -> list | None:
    """A JSON list written as `name=[…]` in the notes column, or None when the notes have none."""
    at = notes.find(name + "=")
    if at < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(notes[at + len(name) + 1:])
    except ValueError:
        return None
    return value if isinstance(value, list) else None


# ---------------------------------------------------------------- strict name matching

# Words that name a kind of body, not a body: a name made only of these (and "the") names nothing.
_GENERIC_WORDS = {
    "the", "a", "an", "of", "and", "for", "city", "county", "town", "village", "state", "council", "government",
    "department", "police", "agency", "authority", "ministry", "bureau", "office", "commission", "board",
    "administration", "municipality", "district", "province", "provincial", "regional", "local", "federal",
    "national", "municipal", "public", "security", "safety", "service", "services", "force", "sheriff", "sheriff s",
    "company", "firm", "group", "corporation", "co", "inc", "ltd", "limited", "llc", "plc", "authorities",
    "cabinet", "legislature", "school", "education", "transport", "transportation", "works", "finance", "court",
}
_BODY_WORDS = {"police", "department", "council", "government", "county", "city", "town", "ministry", "agency",
               "authority", "bureau", "office", "commission", "board", "sheriff", "court", "municipality", "state",
               "province", "district", "administration", "service", "force", "directorate"}
# Chinese body and legal-form endings; a name that is only one of these (with an admin level) is generic.
_ZH_GENERIC = re.compile(
    r"^(?:[省市县区州镇乡]|自治区)?(?:人民)?(?:政府|公安局|公安分局|公安厅|公安|警察局|警局|教育局|财政局|管委会|委员会|局|厅|"
    r"办公室|政法委|法院|检察院|支队|大队|派出所|监狱|公司|有限公司|股份有限公司|集团|分公司|子公司|中心)$")
_ZH_PLACE_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|县|区|州|盟|旗)$")
_ZH_LEGAL_FORM = re.compile(r"(?:公司|集团)$")
_ZH_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")
_EN_GOVERNMENT = re.compile(r"^(?:(?:the )?(?:government|city|town) of (?:the )?)?(.+?)"
                            r"(?: (?:city|county|state|provincial|regional|municipal|local|national|central|federal))?"
                            r"(?: government)?$")
_LEADING_THE = re.compile(r"^the ")


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def match_key(name: str) -> str:
    """name_key (which folds script, case and legal forms), without a leading article."""
    return _LEADING_THE.sub("", name_key(name))


def is_bare_head(name: str) -> bool:
    """'Police', 'the City Council', '公安局', '市政府': a kind of body, not one body."""
    key = match_key(name)
    if not key:
        return True
    if _cjk(key):
        return bool(_ZH_GENERIC.match(key.replace(" ", "")))
    return all(word in _GENERIC_WORDS for word in key.split())


def _place_core(key: str) -> str:
    """The place a government key names: '乌鲁木齐市人民政府' -> '乌鲁木齐', 'government of mesa' -> 'mesa'."""
    if _cjk(key):
        core = _ZH_GOVERNMENT.sub("", key.replace(" ", ""))
        stripped = _ZH_PLACE_SUFFIX.sub("", core)
        return stripped if len(stripped) >= 2 else core
    match = _EN_GOVERNMENT.match(key)
    return match.group(1) if match else key


def _longer_form(short: str, long: str) -> bool:
    """Is `long` a longer written form of the body `short` names?"""
    if _cjk(short) and _cjk(long):
        s, l = short.replace(" ", ""), long.replace(" ", "")
        if len(s) < 2 or s not in l:
            return False
        if l.startswith(s):  # 讯飞智元 / 讯飞智元信息科技有限公司: a company's name, then its trade and legal form
            return bool(_ZH_LEGAL_FORM.search(l[len(s):]))
        # 区公安分局 / 普陀区公安分局, 婺城区 / 金华婺城区: a place in front of the same body name (a real division
        # written short counts as a place)
        front = l[: len(l) - len(s)]
        return l.endswith(s) and bool(_ZH_PLACE_SUFFIX.search(front) or _ZH_PLACE_SUFFIX.match(s[:1])
                                      or zh_division(to_simplified(front)))
    s_words, l_words = short.split(), long.split()
    if not s_words or len(s_words) >= len(l_words):
        return False
    # "axon" / "axon enterprise", "nec" / "nec corporation"; but "hayward" is not "hayward police department"
    return l_words[: len(s_words)] == s_words and not set(l_words[len(s_words):]) & _BODY_WORDS


def names_match(predicted: str, gold: str) -> bool:
    a, b = match_key(predicted), match_key(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    if is_bare_head(predicted):
        return False
    if is_bare_head(gold):  # the gold itself names the body only by its kind: accept it with its place in front
        if not _cjk(a):  # "City Council" / "Cibolo City Council", never / "Sheriff's City Council"
            town = re.match(r"(?i)(?:city|town|village) of (.+)$", predicted.strip())
            if town and b in _COUNCIL_KINDS:  # a council's town, as 运城 is 运城市人民政府: "City of Cibolo" / "City Council"
                return _real_place(town.group(1))
            front = predicted[: len(predicted) - len(gold)].strip()
            return a.endswith(" " + b) and _real_place(front)
        written, kind = a.replace(" ", ""), b.replace(" ", "")
        return written.endswith(kind) and len(written) - len(kind) >= 2
    (country_a, bare_a), (country_b, bare_b) = _country_in_front(predicted), _country_in_front(gold)
    if (country_a or country_b) and not (country_a and country_b and name_key(country_a) != name_key(country_b)) and (
            not is_bare_head(bare_a) and not is_bare_head(bare_b)):
        # "Ghana's National Identification Authority" / "National Identification Authority", "U.S. Central
        # Intelligence Agency" / "Central Intelligence Agency": the country written in front names the same body
        return names_match(bare_a, bare_b)
    resolver = default_resolver()
    known_a, known_b = resolver.known(predicted), resolver.known(gold)
    if known_a and known_b:
        return known_a.id == known_b.id
    core = _place_core(a)
    if core == _place_core(b) and len(core) >= 2 and not is_bare_head(core):
        return True  # a place and its government: 运城 / 运城市人民政府, Mesa / City of Mesa / Mesa city government
    if _acronym_of(predicted, gold) or _acronym_of(gold, predicted):
        return True
    shorter, longer = sorted((a, b), key=len)
    if _longer_form(shorter, longer):
        return True
    return _near_spelling(a, b)


_COUNTRY_IN_FRONT = re.compile(r"^(?:the\s+)?(?:(?P<owner>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})['’]s|U\.S\.|US|UK|U\.K\.)\s+(?P<rest>\S.*)$")


def _country_in_front(name: str) -> tuple[str | None, str]:
    """(the country written in front of a name ("Serbia's", "U.S."), the name without it), or (None, name)."""
    match = _COUNTRY_IN_FRONT.match(name.strip())
    if not match or (match.group("owner") and not is_country(match.group("owner"))):
        return None, name
    owner = match.group("owner") or match.group(0)[: match.start("rest")].strip()
    return ("united states" if owner.replace(".", "") == "US" else "united kingdom" if owner.replace(".", "") == "UK"
            else owner), match.group("rest")


_COUNCIL_KINDS = {"city council", "town council", "council", "city commission", "village council"}


def _real_place(text: str) -> bool:
    return is_place(text) or list(places_named(text, "city", one_word_city=0)) == [text]


_MINOR = {"of", "and", "the", "for", "on", "in", "de", "du", "des", "la", "le", "y", "e"}


def _acronym_of(short: str, long: str) -> bool:
    """'FBI' / 'Federal Bureau of Investigation': an acronym spelling the initials of the other name."""
    short = short.strip()
    if not re.fullmatch(r"[A-Z][A-Z&.]{1,7}", short):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", long) if w.lower() not in _MINOR]
    return len(words) >= 2 and "".join(w[0] for w in words).upper() == short.replace(".", "").replace("&", "")


def _near_spelling(a: str, b: str) -> bool:
    """A typo of the same long name ('johnson contols' / 'johnson controls')."""
    if min(len(a), len(b)) < 10:
        return False
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) <= max(1, min(len(a), len(b)) // 12)


def dates_match(predicted: str, gold: str) -> bool:
    return bool(predicted) and predicted[: len(gold)] == gold


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    matched_pred: int = 0
    predicted: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, other: "Score") -> None:
        self.matched_pred += other.matched_pred
        self.predicted += other.predicted
        self.matched_gold += other.matched_gold
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.matched_pred / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None


def _score(predicted: list, gold: list[list], match) -> Score:
    """gold: each gold item as a list of accepted alternatives."""
    return Score(
        matched_pred=sum(1 for p in predicted if any(match(p, alt) for g in gold for alt in g)),
        predicted=len(predicted),
        matched_gold=sum(1 for g in gold if any(match(p, alt) for p in predicted for alt in g)),
        gold=len(gold),
    )


def _unique_names(values) -> list[str]:
    seen, out = set(), []
    for value in values:
        if value and match_key(value) not in seen:
            seen.add(match_key(value))
            out.append(value)
    return out


def _vendor(record: dict) -> str | None:
    return record.get("vendor_raw") or record.get("vendor")


def _agency(record: dict) -> str | None:
    return record.get("agency_raw") or record.get("agency")


def _amount_match(p: float, g: float) -> bool:
    return abs(p - g) <= AMOUNT_TOLERANCE * max(abs(g), 1e-9)


def _pair_match(p: tuple[str, str], g: tuple[str, str]) -> bool:
    return names_match(p[0], g[0]) and names_match(p[1], g[1])


@dataclass
class DocResult:
    file: str
    kind: str
    scores: dict[str, Score]
    predicted: dict[str, list]
    gold: dict[str, list]
    error: str | None = None
    language: str = ""
    forbidden_amounts: list[float] = field(default_factory=list)
    # (confidence, right?) for every predicted pair before the confidence cut, for calibration
    pair_confidences: list[tuple[float, bool]] = field(default_factory=list)
    # the document's text without white space, to find rows that annotate the same text
    compact_text: str = ""

    def misses(self, name: str) -> list:
        match = _MATCHERS[name]
        return [g[0] for g in self.gold[name] if not any(match(p, alt) for p in self.predicted[name] for alt in g)]

    def spurious(self, name: str) -> list:
        match = _MATCHERS[name]
        return [p for p in self.predicted[name] if not any(match(p, alt) for g in self.gold[name] for alt in g)]


_MATCHERS = {
    "vendor": names_match, "agency": names_match, "pair": _pair_match, "amount": _amount_match,
    "currency": lambda p, g: p == g, "date": dates_match,
}


def _pairs_of(recs: list[dict]) -> list[tuple[str, str]]:
    return list({(_vendor(r), _agency(r)): 1 for r in recs if _vendor(r) and _agency(r)})


def score_document(path: Path, row: dict) -> DocResult:
    kind = row["kind"]
    notes = row.get("notes", "")
    gold = {
        "vendor": gold_names(row.get("gold_vendors", "")),
        "agency": gold_names(row.get("gold_buyers", "")),
        "amount": gold_amounts(row.get("gold_amount_as_written", "")),
        "currency": [[c.strip().upper()] for c in row.get("gold_currency", "").split("|") if c.strip()][:1],
        "date": [[d.strip()] for d in row.get("gold_iso_date", "").split("|") if d.strip()],
    }
    stated_pairs = notes_list(notes, "gold_pairs")
    if stated_pairs is not None:
        gold["pair"] = [[(str(v), str(a))] for v, a in stated_pairs]
    else:
        gold["pair"] = [[(v, a) for v in vs for a in as_] for vs in gold["vendor"] for as_ in gold["agency"]]
    forbidden = _forbidden_amounts(notes_list(notes, "not_amounts") or [])
    # The address the document was published at, as a crawl would pass it (a file's own name is never read).
    source = (row.get("source_url_or_repo_path") or row.get("source_url") or "").strip().split()
    url = source[0] if source and re.match(r"https?://", source[0]) else path.resolve().as_uri()
    doc = Document(url=url, body=path.read_bytes(), kind=kind)
    error = None
    try:
        every = records(doc, parse_document(doc))
    except ParseError as exc:
        every, error = [], str(exc)
    recs = [r for r in every if (r.get("confidence") or 0) >= MIN_CONFIDENCE]
    predicted = {
        "vendor": _unique_names(_vendor(r) for r in recs),
        "agency": _unique_names(_agency(r) for r in recs),
        "pair": _pairs_of(recs),
        "amount": sorted({round(float(r["amount"]), 2) for r in recs if r.get("amount") is not None}),
        "currency": sorted({r["currency"] for r in recs if r.get("currency")}),
        "date": sorted({r["date"] for r in recs if r.get("date")}),
    }
    scores = {name: _score(predicted[name], gold[name], _MATCHERS[name]) for name in FIELDS}
    confidences: dict[tuple[str, str], float] = {}
    for r in every:
        if _vendor(r) and _agency(r):
            key = (_vendor(r), _agency(r))
            confidences[key] = max(confidences.get(key, 0.0), float(r.get("confidence") or 0))
    calibration = [(c, any(_pair_match(p, alt) for g in gold["pair"] for alt in g)) for p, c in confidences.items()]
    result = DocResult(row["file"], kind, scores, predicted, gold, error, row.get("language", ""),
                       [a for a in predicted["amount"] if any(_amount_match(a, f) for f in forbidden)], calibration,
                       re.sub(r"\s+", "", doc.body.decode("utf-8", errors="replace")))
    return result


def read_manifest(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


GOLD_COLUMNS = ("gold_vendors", "gold_buyers", "gold_amount_as_written", "gold_currency", "gold_iso_date")


def _annotated(row: dict) -> bool:
    return any((row.get(c) or "").strip() for c in GOLD_COLUMNS) or notes_list(row.get("notes", ""), "gold_pairs") is not None


@dataclass
class Report:
    documents: list[DocResult] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)

    def by_kind(self, key=lambda doc: doc.kind) -> dict[str, dict[str, Score]]:
        table: dict[str, dict[str, Score]] = {}
        for doc in self.documents:
            kind_scores = table.setdefault(key(doc), {f: Score() for f in FIELDS})
            for name, score in doc.scores.items():
                kind_scores[name].add(score)
        return table

    def calibration(self, kinds: tuple[str, ...] | None = None) -> list[tuple[tuple[float, float], int, int]]:
        """Per confidence bin: (bin, pairs predicted, pairs right)."""
        rows = []
        for low, high in CALIBRATION_BINS:
            hits = [right for d in self.documents if not kinds or d.kind in kinds
                    for c, right in d.pair_confidences if low <= c < high]
            rows.append(((low, high), len(hits), sum(hits)))
        return rows


TWIN_SIMILARITY = 0.9


def _same_text(a: DocResult, b: DocResult) -> bool:
    """Two rows annotating one text (the same article kept at two addresses, or twice)."""
    if a.compact_text == b.compact_text:
        return True
    matcher = difflib.SequenceMatcher(None, a.compact_text, b.compact_text, autojunk=False)
    return (matcher.real_quick_ratio() >= TWIN_SIMILARITY and matcher.quick_ratio() >= TWIN_SIMILARITY
            and matcher.ratio() >= TWIN_SIMILARITY)


def contested(report: "Report", name: str) -> list[tuple[str, object, str]]:
    """Values one row counts as wrong that another row of the same text has as gold:
    (file, value, the other row's file). No extractor can satisfy both rows."""
    out = []
    for doc in report.documents:
        spurious = doc.spurious(name)
        if not spurious:
            continue
        for other in report.documents:
            if other is doc or not _same_text(doc, other):
                continue
            match = _MATCHERS[name]
            out += [(doc.file, value, other.file) for value in spurious
                    if any(match(value, alt) for g in other.gold[name] for alt in g)]
    return out


def evaluate(manifest: Path, kinds: list[str] | None = None) -> Report:
    if not manifest.exists():
        raise FileNotFoundError(f"no manifest at {manifest}")
    report = Report()
    for row in read_manifest(manifest):
        if kinds and row["kind"] not in kinds:
            continue
        if not _annotated(row):
            report.unannotated.append(row["file"])  # no gold at all: nothing to score against
            continue
        path = manifest.parent / row["file"]
        if not path.exists():
            raise FileNotFoundError(f"manifest names {row['file']}, which is not beside it")
        report.documents.append(score_document(path, row))
    return report


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


PROSE_KINDS = ("news", "press_release")


def format_report(report: Report, details: bool = False) -> str:
    lines = [f"{'kind':<14} {'docs':>4}  " + "  ".join(f"{f + ' P/R':>15}" for f in FIELDS)]
    for kind, scores in sorted(report.by_kind().items()):
        docs = sum(1 for d in report.documents if d.kind == kind)
        cells = "  ".join(f"{_fmt(s.precision)}/{_fmt(s.recall)} ".rjust(15) for s in (scores[f] for f in FIELDS))
        lines.append(f"{kind:<14} {docs:>4}  {cells}")
    prose_by_language = report.by_kind(lambda d: f"prose/{d.language.split('-')[0]}" if d.kind in PROSE_KINDS else "")
    for group, scores in sorted(prose_by_language.items()):
        if group:
            docs = sum(1 for d in report.documents if d.kind in PROSE_KINDS and f"prose/{d.language.split('-')[0]}" == group)
            cells = "  ".join(f"{_fmt(s.precision)}/{_fmt(s.recall)} ".rjust(15) for s in (scores[f] for f in FIELDS))
            lines.append(f"{group:<14} {docs:>4}  {cells}")
    lines.append("")
    lines.append("counts (matched predicted/predicted, matched gold/gold):")
    for kind, scores in sorted(report.by_kind().items()):
        lines.append(f"  {kind:<14} " + "  ".join(
            f"{f} {s.matched_pred}/{s.predicted},{s.matched_gold}/{s.gold}" for f, s in scores.items()))
    forbidden = [(d.file, a) for d in report.documents for a in d.forbidden_amounts]
    lines.append("")
    lines.append(f"forbidden amounts reported (not_amounts=): {len(forbidden)}"
                 + "".join(f"\n  {f}: {a:,.2f}" for f, a in forbidden))
    lines.append("")
    lines.append(f"pair confidence calibration, prose ({', '.join(PROSE_KINDS)}): bin, pairs, right, precision")
    for (low, high), total, right in report.calibration(PROSE_KINDS):
        lines.append(f"  [{low:.1f}, {min(high, 1.0):.1f}{')' if high < 1 else ']'}  {total:>4}  {right:>4}  "
                     f"{_fmt(right / total if total else None)}")
    for name in ("pair", "amount"):
        disputed = contested(report, name)
        if disputed:
            lines.append("")
            lines.append(f"{name} values wrong in one row but gold in another row of the same text: {len(disputed)}")
            lines.extend(f"  {f}: {v} (gold in {other})" for f, v, other in disputed)
    if report.unannotated:
        lines.append("")
        lines.append("not scored (no gold annotation): " + ", ".join(report.unannotated))
    failed = [d for d in report.documents if d.error]
    if failed:
        lines.append("")
        lines.extend(f"parse failure: {d.file}: {d.error}" for d in failed)
    if details:
        for doc in report.documents:
            wrong = {name: (doc.misses(name), doc.spurious(name)) for name in FIELDS}
            if not any(m or s for m, s in wrong.values()):
                continue
            lines.append("")
            lines.append(f"== {doc.file} ({doc.kind})")
            for name, (missed, spurious) in wrong.items():
                if missed or spurious:
                    lines.append(f"  {name:<8} missed={missed} spurious={spurious}")
    return "\n".join(lines)
