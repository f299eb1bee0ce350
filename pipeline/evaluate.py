"""Score extraction against a hand-read gold manifest (the format of ../shared/corpus/MANIFEST.tsv).

Per document kind and field (vendor, agency, pair, amount, currency, date): precision = predicted
values that match a gold value / predicted values; recall = gold values matched / gold values.
Predictions are the `procwatch extract` records with confidence >= MIN_CONFIDENCE.
Names match after folding (case, punctuation, legal suffixes), by containment, or as one known
organisation; a gold name's parenthesised part is an accepted alternative. Amounts match within
0.5%. Dates match on the gold's precision (a gold '2009-03' accepts any day of that month).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .extract import records
from .orgs import default_resolver, name_key
from .parse import parse_document
from .records import Document, ParseError

MIN_CONFIDENCE = 0.5
AMOUNT_TOLERANCE = 0.005
FIELDS = ("vendor", "agency", "pair", "amount", "currency", "date")

_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
                "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_GOLD_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|bn|mn|m|k|b|万|萬|亿|億)?(?![a-z])", re.I)


def gold_amounts(text: str) -> list[list[float]]:
    """Each '|'-separated gold figure as its accepted values (a LOW/HIGH range accepts both ends)."""
    figures = []
    for part in filter(None, (p.strip() for p in text.split("|"))):
        values = []
        for number, unit in _GOLD_NUMBER.findall(part):
            value = float(number.replace(",", "")) * _MULTIPLIERS.get(unit.lower() if unit else "", 1)
            values.append(value)
        if not values:
            continue
        figures.append(values if re.search(r"\bLOW\b|\bHIGH\b", part) else values[:1])
    return figures


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


def names_match(predicted: str, gold: str) -> bool:
    a, b = name_key(predicted), name_key(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and (f" {shorter} " in f" {longer} " or (_cjk(shorter) and shorter in longer)):
        return True
    resolver = default_resolver()
    known_a, known_b = resolver.known(predicted), resolver.known(gold)
    if known_a and known_b and known_a.id == known_b.id:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.9


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def dates_match(predicted: str, gold: str) -> bool:
    return bool(predicted) and predicted[: len(gold)] == gold


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
        if value and name_key(value) not in seen:
            seen.add(name_key(value))
            out.append(value)
    return out


@dataclass
class DocResult:
    file: str
    kind: str
    scores: dict[str, Score]
    predicted: dict[str, list]
    gold: dict[str, list]
    error: str | None = None


def score_document(path: Path, row: dict) -> DocResult:
    kind = row["kind"]
    gold = {
        "vendor": gold_names(row.get("gold_vendors", "")),
        "agency": gold_names(row.get("gold_buyers", "")),
        "amount": gold_amounts(row.get("gold_amount_as_written", "")),
        "currency": [[c.strip().upper()] for c in row.get("gold_currency", "").split("|") if c.strip()][:1],
        "date": [[d.strip()] for d in row.get("gold_iso_date", "").split("|") if d.strip()],
    }
    gold["pair"] = [[(v, a)] for vs in gold["vendor"] for v in vs[:1] for as_ in gold["agency"] for a in as_[:1]]
    pair_alternatives = [[(v, a) for v in vs for a in as_] for vs in gold["vendor"] for as_ in gold["agency"]]
    doc = Document(url=path.resolve().as_uri(), body=path.read_bytes(), kind=kind)
    error = None
    try:
        recs = [r for r in records(doc, parse_document(doc)) if (r.get("confidence") or 0) >= MIN_CONFIDENCE]
    except ParseError as exc:
        recs, error = [], str(exc)
    predicted = {
        "vendor": _unique_names(r.get("vendor_raw") or r.get("vendor") for r in recs),
        "agency": _unique_names(r.get("agency_raw") or r.get("agency") for r in recs),
        "pair": list({(r.get("vendor_raw") or r.get("vendor"), r.get("agency_raw") or r.get("agency")): 1
                      for r in recs if (r.get("vendor_raw") or r.get("vendor")) and (r.get("agency_raw") or r.get("agency"))}),
        "amount": sorted({round(float(r["amount"]), 2) for r in recs if r.get("amount") is not None}),
        "currency": sorted({r["currency"] for r in recs if r.get("currency")}),
        "date": sorted({r["date"] for r in recs if r.get("date")}),
    }
    matchers = {
        "vendor": names_match, "agency": names_match,
        "pair": lambda p, g: names_match(p[0], g[0]) and names_match(p[1], g[1]),
        "amount": lambda p, g: abs(p - g) <= AMOUNT_TOLERANCE * max(abs(g), 1e-9),
        "currency": lambda p, g: p == g,
        "date": dates_match,
    }
    scores = {}
    for name in FIELDS:
        gold_items = pair_alternatives if name == "pair" else gold[name]
        scores[name] = _score(predicted[name], gold_items, matchers[name])
    return DocResult(row["file"], kind, scores, predicted, gold, error)


def read_manifest(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


GOLD_COLUMNS = ("gold_vendors", "gold_buyers", "gold_amount_as_written", "gold_currency", "gold_iso_date")


@dataclass
class Report:
    documents: list[DocResult] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)

    def by_kind(self) -> dict[str, dict[str, Score]]:
        table: dict[str, dict[str, Score]] = {}
        for doc in self.documents:
            kind_scores = table.setdefault(doc.kind, {f: Score() for f in FIELDS})
            for name, score in doc.scores.items():
                kind_scores[name].add(score)
        return table


def evaluate(manifest: Path, kinds: list[str] | None = None) -> Report:
    if not manifest.exists():
        raise FileNotFoundError(f"no manifest at {manifest}")
    report = Report()
    for row in read_manifest(manifest):
        if kinds and row["kind"] not in kinds:
            continue
        if not any((row.get(c) or "").strip() for c in GOLD_COLUMNS):
            report.unannotated.append(row["file"])  # no gold at all: nothing to score against
            continue
        path = manifest.parent / row["file"]
        if not path.exists():
            raise FileNotFoundError(f"manifest names {row['file']}, which is not beside it")
        report.documents.append(score_document(path, row))
    return report


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def format_report(report: Report, details: bool = False) -> str:
    lines = [f"{'kind':<14} {'docs':>4}  " + "  ".join(f"{f + ' P/R':>15}" for f in FIELDS)]
    for kind, scores in sorted(report.by_kind().items()):
        docs = sum(1 for d in report.documents if d.kind == kind)
        cells = "  ".join(f"{_fmt(s.precision)}/{_fmt(s.recall)} ".rjust(15) for s in (scores[f] for f in FIELDS))
        lines.append(f"{kind:<14} {docs:>4}  {cells}")
    lines.append("")
    lines.append("counts (matched predicted/predicted, matched gold/gold):")
    for kind, scores in sorted(report.by_kind().items()):
        lines.append(f"  {kind:<14} " + "  ".join(
            f"{f} {s.matched_pred}/{s.predicted},{s.matched_gold}/{s.gold}" for f, s in scores.items()))
    if report.unannotated:
        lines.append("")
        lines.append("not scored (no gold annotation): " + ", ".join(report.unannotated))
    failed = [d for d in report.documents if d.error]
    if failed:
        lines.append("")
        lines.extend(f"parse failure: {d.file}: {d.error}" for d in failed)
    if details:
        for doc in report.documents:
            lines.append("")
            lines.append(f"== {doc.file} ({doc.kind})")
            for name in FIELDS:
                s = doc.scores[name]
                mark = "ok" if (s.matched_pred == s.predicted and s.matched_gold == s.gold) else "XX"
                lines.append(f"  {mark} {name:<8} gold={doc.gold[name]} got={doc.predicted[name]}")
    return "\n".join(lines)
