"""News articles and press releases (HTML pages or plain text): relationships and money figures."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..decode import decode_body, looks_binary
from ..prose.amounts import find_amounts
from ..prose.analysis import analyse
from ..prose.article import from_html, from_text, looks_like_html
from ..prose.dates import url_date
from ..prose.relations import find_relationships
from ..records import Document, ParseError, ParseResult

NAME = "prose"
VERSION = "1.0"
KINDS = ("news", "press_release")

_STRUCTURED = re.compile(rb"^\s*(?:<\?xml|\{|\[)|<(?:feed|rss|urlset|TED_EXPORT|ContractAwardNotice)\b", re.I)


def sniff(doc: Document) -> bool:
    """Prose is the catch-all: any text document that is not a structured feed, JSON or XML record."""
    head = doc.body[:4096]
    if not head.strip() or looks_binary(head) or _STRUCTURED.search(head[:600]):
        return False
    text, _ = decode_body(head, doc.declared_encoding)
    if looks_like_html(text):
        return bool(re.search(r"<p[\s>]|<article|<br", text, re.I))
    return len(re.findall(r"[.。!?！？]", text)) >= 2


def _after_fetch(published: str | None, fetched_at: str | None) -> bool:
    """A publication day later than the fetch day, with a day's grace for time zones ahead of UTC."""
    if not published or not fetched_at:
        return False
    try:
        return date.fromisoformat(published[:10]) > date.fromisoformat(fetched_at[:10]) + timedelta(days=1)
    except ValueError:
        return False


def parse(doc: Document) -> ParseResult:
    if not doc.body or not doc.body.strip():
        raise ParseError("empty document")
    if looks_binary(doc.body):
        raise ParseError("binary content, not an article")
    text, _ = decode_body(doc.body, doc.declared_encoding)
    is_html = (doc.content_type or "").lower().startswith(("text/html", "application/xhtml")) or looks_like_html(text)
    article = from_html(text) if is_html else from_text(text)
    article.published = article.published or url_date(doc.url)  # news sites date their addresses
    if _after_fetch(article.published, doc.fetched_at):
        article.published = None  # a page cannot be published after it was fetched: the date read was another one
    analysis = analyse(article, doc.url)
    relationships = find_relationships(analysis)
    amounts = find_amounts(analysis, relationships)
    return ParseResult(
        parser=NAME, parser_version=VERSION, title=article.title, published_at=article.published,
        language=article.language, text=article.text, relationships=relationships, amounts=amounts,
    )
