"""Article pages and plain-text articles -> title, publication date and body paragraphs.

HTML: metadata from <meta property="article:published_time">, <time datetime>, JSON-LD
datePublished or a dateline; the body is the block with the most paragraph text once page
furniture (navigation, share bars, related links, sign-ups, cookie banners, comments) is removed.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..records import ParseError
from .dates import date_in_text, parse_date
from .text import clean_text, is_furniture, language_of


@dataclass
class Article:
    title: str | None
    published: str | None
    paragraphs: list[str] = field(default_factory=list)
    language: str = "en"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "input", "select",
              "textarea", "nav", "aside", "footer", "header", "figure", "figcaption", "menu", "dialog", "object")
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs|related|share|sharing|social|comments?|newsletter|"
    r"subscribe|subscription|signup|sign-up|cookies?|consent|gdpr|donat\w*|promo|advert\w*|ads?|sponsor\w*|sidebar|"
    r"footer|widget|popup|modal|recommend\w*|more-stories|tags|tag-list|author-bio|pagination|pager|toolbar|masthead|"
    r"site-header|topbar|paywall|print|byline-social)(?:$|[\s_-])",
    re.I,
)
_BODY_HINT = re.compile(r"article[-_]?(?:body|content|text)|entry[-_]content|post[-_](?:body|content)|story[-_]?body|"
                        r"content[-_]body|news[-_]?(?:content|text|body|detail)|detail[-_]?content|TRS_Editor|"
                        r"articleBody|main[-_]text", re.I)
_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd"}
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
              "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
              "article.published", "publishedtime")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _meta(doc, names: tuple[str, ...]) -> str | None:
    for node in doc.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        if key in names and node.get("content"):
            return node.get("content").strip()
    return None


def _jsonld_date(doc) -> str | None:
    for node in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(node.text_content() or "null")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    return item["datePublished"]
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None


def _title(doc) -> str | None:
    title = _meta(doc, ("og:title", "twitter:title", "articletitle", "headline"))
    if not title:
        heading = doc.xpath("//h1")
        title = _norm(heading[0].text_content()) if heading else None
    if not title:
        node = doc.find(".//title")
        title = _norm(node.text_content()) if node is not None else None
        if title:  # "Headline | Site name" -> "Headline"
            title = re.split(r"\s+[|–—_-]\s+(?=[^|–—_-]+$)", title)[0]
    return _norm(title) or None


def _published(doc) -> str | None:
    raw = _meta(doc, _DATE_META) or _jsonld_date(doc)
    if not raw:
        times = doc.xpath("//time[@datetime]")
        raw = times[0].get("datetime") if times else None
    return parse_date(raw) if raw else None


def _drop_furniture(doc) -> None:
    for node in list(doc.iter(*_DROP_TAGS)):
        if node.getparent() is not None:
            node.drop_tree()
    for node in list(doc.iter()):
        if not isinstance(node.tag, str) or node.tag in ("html", "body", "main", "article"):
            continue
        attrs = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("role"), node.get("aria-label"))))
        if attrs and _FURNITURE_ATTR.search(attrs) and not _BODY_HINT.search(attrs) and node.getparent() is not None:
            node.drop_tree()
    for node in list(doc.iter(etree.Comment)):
        if node.getparent() is not None:
            node.getparent().remove(node)


def _link_density(node) -> float:
    text = len(_norm(node.text_content()))
    links = sum(len(_norm(a.text_content())) for a in node.iter("a"))
    return links / text if text else 1.0


def _container(doc):
    hinted = doc.xpath("//*[@itemprop='articleBody']") or [
        n for n in doc.iter("div", "section", "article", "td") if _BODY_HINT.search(f"{n.get('class', '')} {n.get('id', '')}")]
    if hinted:
        return max(hinted, key=lambda n: len(_norm(n.text_content())))
    scores: dict = {}
    for para in doc.iter("p", "br"):
        parent = para.getparent()
        if parent is None:
            continue
        length = len(_norm(para.text_content() if para.tag == "p" else (para.tail or "")))
        if length < 20:
            continue
        for depth, node in enumerate((parent, parent.getparent())):
            if node is not None:
                scores[node] = scores.get(node, 0) + length / (depth + 1)
    articles = doc.xpath("//article")
    if not scores:
        return articles[0] if articles else doc.find("body") if doc.find("body") is not None else doc
    best = max(scores, key=lambda n: scores[n] * (1 - _link_density(n)))
    return best


def _block_texts(container) -> list[str]:
    """Text of each block in reading order; text directly inside containers (div soup, <br> lines) counts too."""
    out: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):
            return
        if node.tag in _BLOCKS and not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in node):
            if _link_density(node) < 0.6:
                out.extend(_lines(node))
            return
        if node.text and node.text.strip():
            out.append(re.sub(r"\s+", " ", node.text))
        for child in node:
            walk(child)
            if child.tail and child.tail.strip():
                out.append(re.sub(r"\s+", " ", child.tail))

    walk(container)
    return out


def _lines(node) -> list[str]:
    """A block's text: source line breaks are spaces, only <br> breaks a line."""
    for br in node.iter("br"):
        br.tail = "\u2028" + (br.tail or "")
    return [re.sub(r"\s+", " ", part) for part in node.text_content().split("\u2028")]


def _paragraphs(raw_lines: list[str], title: str | None) -> list[str]:
    cleaned = clean_text("\n".join(raw_lines)).split("\n")
    out = []
    for line in cleaned:
        line = line.strip()
        if not line or is_furniture(line):
            continue
        if title and line == title and not out:
            continue
        out.append(line)
    return out


def from_html(text: str) -> Article:
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}") from None
    title = _title(doc)
    published = _published(doc)
    _drop_furniture(doc)
    paragraphs = _paragraphs(_block_texts(_container(doc)), title)
    if not paragraphs:
        raise ParseError("no article text found in the page")
    published = published or date_in_text(paragraphs)
    return Article(title, published, paragraphs, language_of(" ".join(paragraphs)))


_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")


def from_text(text: str) -> Article:
    """A plain-text article: the first short line is the headline when it reads like one."""
    published = None
    header = _DATE_HEADER.match(text)
    if header:
        published, text = header.group(1), text[header.end():]
    lines = [re.sub(r"(?:\s*\|)+$", "", line).strip() for line in clean_text(text).split("\n")]
    paragraphs = [line for line in lines if line and not is_furniture(line)]
    if not paragraphs:
        raise ParseError("empty article text")
    first = paragraphs[0]
    title = first if len(first) < 160 and not re.search(r"[.。!！]$", first) else None
    published = published or date_in_text([line for line in lines if line])
    return Article(title, published, paragraphs, language_of(" ".join(paragraphs)))


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return bool(re.search(r"<!doctype html|<html|<head|<body|<div|<p[ >]|<article", head))
