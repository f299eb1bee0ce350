"""Dispatch: which parser reads a document, by declared kind or by sniffing its content."""
from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from .decode import looks_binary
from .records import Document, ParseError, ParseResult

# Structured formats first: prose is the catch-all.
PARSER_MODULES = (
    "pipeline.parsers.ocds",
    "pipeline.parsers.usaspending",
    "pipeline.parsers.ted",
    "pipeline.parsers.fpds",
    "pipeline.parsers.ccgp",
    "pipeline.parsers.eu_text",  # plain-text result notices: before prose, which would read them as news
    "pipeline.parsers.prose",
)
MAX_BODY_BYTES = 20 * 1024 * 1024


def parsers() -> list[ModuleType]:
    loaded = []
    for name in PARSER_MODULES:
        if importlib.util.find_spec(name) is not None:
            loaded.append(importlib.import_module(name))
    return loaded


def kinds() -> dict[str, ModuleType]:
    return {kind: module for module in parsers() for kind in module.KINDS}


def detect_kind(doc: Document) -> str | None:
    for module in parsers():
        if module.sniff(doc):
            return module.KINDS[0]
    return None


def parser_for(doc: Document) -> ModuleType:
    by_kind = kinds()
    if doc.kind:
        if doc.kind not in by_kind:
            raise ParseError(f"no parser for kind '{doc.kind}' (known: {', '.join(sorted(by_kind))})")
        return by_kind[doc.kind]
    kind = detect_kind(doc)
    if kind is None:
        raise ParseError("could not tell what kind of document this is")
    return by_kind[kind]


def check_body(doc: Document) -> None:
    if not doc.body:
        raise ParseError("empty document (zero bytes)")
    if len(doc.body) > MAX_BODY_BYTES:
        raise ParseError(f"document is {len(doc.body) / 1e6:.1f} MB, over the {MAX_BODY_BYTES / 1e6:.0f} MB parse limit")
    if looks_binary(doc.body):
        raise ParseError("binary content, not a text document")


def parse_document(doc: Document) -> ParseResult:
    """Parse one document; every failure is a ParseError with a reason."""
    check_body(doc)
    module = parser_for(doc)
    try:
        return module.parse(doc)
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(f"{module.NAME}: structure nested too deeply") from None
    except MemoryError:
        raise ParseError(f"{module.NAME}: out of memory reading the document") from None
    except Exception as exc:  # a parser bug must not stop the night: record it with its reason
        raise ParseError(f"{module.NAME}: internal error {type(exc).__name__}: {exc}") from exc


def parser_name_version(doc: Document) -> tuple[str, str]:
    try:
        module = parser_for(doc)
    except ParseError:
        return "none", "0"
    return module.NAME, module.VERSION
