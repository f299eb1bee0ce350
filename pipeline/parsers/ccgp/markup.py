"""Reading the bytes: decoding, JSON wrappers, the HTML tree, and the page as an ordered stream of lines and tables."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import lxml.html
from lxml import etree

from ...decode import decode_body, looks_binary
from ...records import Document, ParseError
from .text import clean, iso_date
from .vocabulary import NOTICE_MARKERS

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
               "blockquote", "dd", "dt", "dl", "form", "hr", "center", "pre", "header", "footer", "title", "td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


# -- reading the bytes ------------------------------------------------------------------------------
def decode(doc: Document) -> str:
    text, encoding = decode_body(doc.body, doc.declared_encoding)
    if not encoding.startswith("utf-8") and not encoding.startswith("utf-16"):
        # Valid UTF-8 with non-ASCII bytes is never accidental: a page mislabelled GBK is still UTF-8.
        try:
            utf8 = doc.body.decode("utf-8")
            if any(b > 0x7F for b in doc.body[:65536]):
                return utf8
        except UnicodeDecodeError:
            pass
    return text


def _sniff_text(body: bytes) -> str:
    head = body[:16384]
    text = head.decode("utf-8", "ignore")
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < 4:
        text = head.decode("gb18030", "ignore")
    return text


def sniff(doc: Document) -> bool:
    if not doc.body or looks_binary(doc.body):
        return False
    text = _sniff_text(doc.body)
    stripped = text.lstrip()
    if not (stripped.startswith("<") or stripped.startswith("{") or "<p" in text or "<table" in text or "<div" in text):
        return False
    if "ccgp" in text.lower() and any(m in text for m in ("采购", "中标", "成交")):
        return True
    return sum(1 for m in NOTICE_MARKERS if m in text) >= 3


# -- JSON wrappers (zcy-platform provincial portals) ------------------------------------------------
def find_article(data, depth: int = 0) -> dict | None:
    """The dict holding the notice HTML under `content` / `noticeContent` (or a JSON string of it)."""
    if depth > 6:
        return None
    if isinstance(data, dict):
        for key in ("content", "noticeContent", "articleContent", "htmlContent"):
            value = data.get(key)
            if isinstance(value, str) and "<" in value:
                return {**data, "_html": value}
        for key in ("articleDetail",):
            value = data.get(key)
            if isinstance(value, str) and value.lstrip().startswith("{"):
                try:
                    found = find_article(json.loads(value), depth + 1)
                except ValueError:
                    found = None
                if found:
                    return found
        for value in data.values():
            found = find_article(value, depth + 1)
            if found:
                return found
    elif isinstance(data, list):
        for value in data[:50]:
            found = find_article(value, depth + 1)
            if found:
                return found
    return None


def epoch_or_text_date(value) -> str | None:
    if isinstance(value, (int, float)) and value > 10 ** 11:  # milliseconds since the epoch, China time
        moment = datetime.fromtimestamp(value / 1000, tz=timezone(timedelta(hours=8)))
        return moment.date().isoformat()
    if isinstance(value, str):
        if value.isdigit() and len(value) >= 12:
            return epoch_or_text_date(int(value))
        return iso_date(value)
    return None


# -- the page as an ordered stream of lines and tables ----------------------------------------------
@dataclass
class Cell:
    text: str
    css: str = ""


@dataclass
class Stream:
    items: list[tuple[str, object]] = field(default_factory=list)  # ("line", str) | ("table", [[Cell]])
    current: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def flush(self) -> None:
        line = clean("".join(self.current))
        self.current = []
        if line:
            self.items.append(("line", line))


def _table_rows(table) -> list[list[Cell]]:
    rows = []
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        cells = [Cell(clean(td.text_content()), td.get("class") or "") for td in tr.xpath("./td | ./th")]
        if any(c.text for c in cells):
            rows.append(cells)
    return rows


def stream_of(root) -> Stream:
    stream = Stream()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None:  # comment or processing instruction: its text is not page text
                continue
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag == "table":
                stream.flush()
                stream.items.append(("table", _table_rows(el)))
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                stream.flush()
            stream.add(el.text)
        else:
            if tag in _BLOCK_TAGS or tag == "table":
                stream.flush()
            stream.add(el.tail)
    stream.flush()
    return stream



def tree(markup: str):
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"ccgp: page is not readable HTML ({exc})") from None


def meta(root, name: str) -> str | None:
    values = root.xpath(f"//meta[@name='{name}']/@content")
    return clean(values[0]) if values and clean(values[0]) else None

