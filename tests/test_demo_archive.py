"""The shipped replay archive is a demo worth exploring: real-format documents, no placeholder data,
every configured source archived, and enough documents across kinds."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from spiders.registry import load_sources

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive"
PLACEHOLDER = re.compile(r"测试|example|lorem", re.I)
LISTING = re.compile(r"^(listing|search|feed|rss|releases_page|robots)", re.I)


def _entries():
    for index in sorted(ARCHIVE.glob("*/responses.jsonl")):
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield index.parent.name, json.loads(line)


def _documents() -> Counter:
    """Documents a crawl stores per source: detail pages, plus listing pages that are documents themselves."""
    kinds = {s.id: s for s in load_sources()}
    counts = Counter()
    for source_id, entry in _entries():
        name = entry.get("file") or ""
        source = kinds[source_id]
        pages_are_documents = source.access == "links_next" or source.options.get("documents") == "pages"
        if name.startswith("robots"):
            continue
        if pages_are_documents or not LISTING.match(name):
            counts[source_id] += 1
    return counts


def test_no_placeholder_names_anywhere_in_the_archive():
    offenders = []
    for path in ARCHIVE.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            for match in PLACEHOLDER.finditer(text):
                offenders.append(f"{path.relative_to(ARCHIVE)}: {text[max(0, match.start() - 20):match.end() + 20]!r}")
    assert offenders == []


def test_every_configured_source_has_an_archive_and_every_archived_file_exists():
    sources = {s.id for s in load_sources()}
    archived = {p.name for p in ARCHIVE.iterdir() if p.is_dir()}
    assert sources <= archived, sources - archived
    for source_id, entry in _entries():
        if entry.get("file"):
            assert (ARCHIVE / source_id / entry["file"]).is_file(), (source_id, entry["file"])


def test_the_demo_spans_the_source_kinds_with_enough_documents():
    counts = _documents()
    kinds = Counter()
    for source in load_sources():
        kinds[source.kind] += counts[source.id]
    assert kinds["ccgp_notice"] >= 15 and kinds["news"] >= 60
    assert min(kinds[k] for k in ("ocds", "ted", "usaspending", "fpds", "press_release")) >= 2
    provincial = [s.id for s in load_sources() if s.kind == "ccgp_notice" and "national" not in s.id and counts[s.id]]
    assert len(provincial) >= 3, provincial
    assert sum(counts.values()) >= 150, counts
