"""Parse + extract speed beside a bare parse of the same bytes.

Ours: `pipeline.parse.parse_document` then `Normaliser().rows`, whatever parsers exist (a
document no parser reads still costs its ParseError). Bare: the stock C parser for the format —
lxml.etree for XML, lxml.html for HTML and plain text, json for JSON — and nothing else.
"""
from __future__ import annotations

import csv
import re
import json
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html

from pipeline.normalise import Normaliser
from pipeline.parse import parse_document
from pipeline.records import Document, ParseError

from .shapes import CORPUS, ROOT

_CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".xml": "application/xml", ".json": "application/json",
                  ".txt": "text/plain"}


@dataclass
class ParseFigures:
    documents: int
    parsed: int  # without ParseError
    passes: int
    seconds: float
    bare_seconds: float
    where: str
    by_kind: dict[str, tuple[int, float, float]] = field(default_factory=dict)  # kind -> (docs, ms ours, ms bare) per doc

    @property
    def docs_per_s(self) -> float:
        return self.documents * self.passes / self.seconds if self.seconds else 0.0

    @property
    def vs_bare(self) -> float:
        return self.seconds / self.bare_seconds if self.bare_seconds else float("inf")


def corpus_documents(corpus: Path = CORPUS) -> list[Document]:
    manifest = corpus / "MANIFEST.tsv"
    docs = []
    with open(manifest, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = corpus / row["file"]
            if path.is_file():
                docs.append(Document(url=path.name, body=path.read_bytes(), kind=row["kind"] or None,
                                     content_type=_CONTENT_TYPES.get(path.suffix.lower()), source_id="corpus"))
    return docs


def archive_documents(root: Path = ROOT) -> list[Document]:
    """Every archived 200 answer of the bundled replay archive, with its source's kind."""
    docs = []
    for index in sorted((root / "spiders" / "archive").glob("*/responses.jsonl")):
        source = root / "sources" / f"{index.parent.name}.toml"
        kind = tomllib.loads(source.read_text(encoding="utf-8")).get("kind") if source.exists() else None
        for line in index.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line) if line.strip() else {}
            if entry.get("file") and int(entry.get("status", 200)) == 200 and not entry["url"].endswith("robots.txt"):
                body = (index.parent / entry["file"]).read_bytes()
                content_type = {k.lower(): v for k, v in entry.get("headers", {}).items()}.get("content-type")
                docs.append(Document(url=entry["url"], body=body, kind=kind, content_type=content_type,
                                     source_id=index.parent.name))
    return docs


def bench_documents() -> tuple[list[Document], str]:
    if (CORPUS / "MANIFEST.tsv").exists():
        return corpus_documents(), "corpus"
    return archive_documents(), "replay archive"


def bare_parse(doc: Document) -> None:
    body = doc.body
    head = body[:200].lstrip()
    try:
        if head.startswith((b"{", b"[")):
            json.loads(body)
        elif head.startswith(b"<?xml") or (doc.content_type or "").endswith("xml"):
            lxml.etree.fromstring(body, lxml.etree.XMLParser(resolve_entities=False, no_network=True))
        else:
            lxml.html.document_fromstring(body)
    except (ValueError, lxml.etree.LxmlError):
        pass


def ours(doc: Document, normaliser: Normaliser) -> bool:
    try:
        result = parse_document(doc)
    except ParseError:
        return False
    normaliser.rows(doc, result)
    return True


def run(min_seconds: float) -> ParseFigures:
    docs, where = bench_documents()
    if not docs:
        return ParseFigures(0, 0, 0, 0.0, 0.0, where)
    normaliser = Normaliser()
    parsed = sum(ours(d, normaliser) for d in docs)  # warm-up: imports, gazetteer, FX tables
    passes, started = 0, time.perf_counter()
    while passes == 0 or time.perf_counter() - started < min_seconds:
        for doc in docs:
            ours(doc, normaliser)
        passes += 1
    seconds = time.perf_counter() - started
    for doc in docs:
        bare_parse(doc)
    bare_started = time.perf_counter()
    for _ in range(passes):
        for doc in docs:
            bare_parse(doc)
    figures = ParseFigures(len(docs), parsed, passes, seconds, time.perf_counter() - bare_started, where)
    figures.by_kind = per_kind(docs, normaliser)
    return figures


def per_kind(docs: list[Document], normaliser: Normaliser, repeat: int = 3) -> dict[str, tuple[int, float, float]]:
    """Where the time goes: milliseconds per document, ours and bare, for each kind."""
    out = {}
    for kind in sorted({d.kind or "?" for d in docs}):
        group = [d for d in docs if (d.kind or "?") == kind]
        started = time.perf_counter()
        for _ in range(repeat):
            for doc in group:
                ours(doc, normaliser)
        middle = time.perf_counter()
        for _ in range(repeat):
            for doc in group:
                bare_parse(doc)
        ended = time.perf_counter()
        scale = 1000 / (repeat * len(group))
        out[kind] = (len(group), (middle - started) * scale, (ended - middle) * scale)
    return out


@dataclass
class ProseFigures:
    documents: int
    words: int
    ms_per_1k_words: float  # prose parse (article, analysis, relations, money), English documents
    nlp_ms_per_1k_words: float  # the spaCy pipeline alone on the same sentences
    model: str | None

    @property
    def vs_nlp(self) -> float:
        return self.ms_per_1k_words / self.nlp_ms_per_1k_words if self.nlp_ms_per_1k_words else float("inf")


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def prose_run(repeat: int = 2) -> ProseFigures:
    """English prose extraction per 1,000 words, beside the NLP pipeline's own time on the same sentences."""
    from pipeline.parsers import prose
    from pipeline.prose.analysis import analyse
    from pipeline.prose.article import from_html, from_text, looks_like_html
    from pipeline.decode import decode_body
    from pipeline.prose.nlp import english, model_name

    docs, _ = bench_documents()
    docs = [d for d in docs if d.kind in prose.KINDS]
    articles = []
    for doc in docs:
        try:
            result = prose.parse(doc)
        except ParseError:
            continue
        if result.language != "zh":
            text, _ = decode_body(doc.body, doc.declared_encoding)
            article = from_html(text) if looks_like_html(text) else from_text(text)
            articles.append((doc, [s.text for s in analyse(article).sentences]))
    words = sum(len(_WORD.findall(" ".join(sentences))) for _, sentences in articles)
    if not words:
        return ProseFigures(0, 0, 0.0, 0.0, None)
    started = time.perf_counter()
    for _ in range(repeat):
        for doc, _ in articles:
            prose.parse(doc)
    ours_ms = (time.perf_counter() - started) * 1000 / repeat
    nlp = english()
    nlp_ms = 0.0
    if nlp is not None:
        started = time.perf_counter()
        for _ in range(repeat):
            for _, sentences in articles:
                list(nlp.pipe(sentences, batch_size=64))
        nlp_ms = (time.perf_counter() - started) * 1000 / repeat
    scale = 1000 / words
    return ProseFigures(len(articles), words, ours_ms * scale, nlp_ms * scale, model_name())
