"""Reading the bytes: decoding, JSON wrappers, the HTML tree, and the page as an ordered stream of lines and tables."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import lxml.html
from lxml import etree

from ...decode import declared_charsets, decode_body, looks_binary
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
    if encoding == "utf-8-replace":
        # A GBK page with one broken byte fails every strict decoding: decode it as declared, replacing that byte.
        for charset in declared_charsets(doc.body, doc.declared_encoding) + ["gb18030"]:
            try:
                return doc.body.decode(charset, errors="replace")
            except LookupError:
                continue
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


# -- JSON wrappers (zcy-platform provincial portals, Epoint CMS trading-centre records) ---------------
ARTICLE_HTML_KEYS = ("content", "noticeContent", "articleContent", "htmlContent", "infocontent", "infoContent")
def find_article(data, depth: int = 0) -> dict | None:
    """The dict holding the notice HTML under `content` / `noticeContent` (or a JSON string of it)."""
    if depth > 6:
        return None
    if isinstance(data, dict):
        for key in ARTICLE_HTML_KEYS:
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


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), 50))
    except ValueError:
        return 1


_BLOCK_INSIDE = etree.XPath(".//*[" + " or ".join(f"self::{t}" for t in sorted(_BLOCK_TAGS | _SKIP_TAGS)) + "]")


def _cell_text(cell) -> str:
    """A cell's text with its line breaks and paragraphs kept as spaces ("名称：A<br>地址：B")."""
    inside = _BLOCK_INSIDE(cell)
    if not inside or (len(inside) == 1 and inside[0].tag not in _SKIP_TAGS and not (inside[0].tail or "").strip()
                      and not (cell.text or "").strip()):
        return clean(cell.text_content())  # plain text, or one paragraph wrapping it: read in one call
    parts: list[str] = []

    def walk(el) -> None:
        if isinstance(el.tag, str) and el.tag not in _SKIP_TAGS:
            if el.tag in _BLOCK_TAGS:
                parts.append(" ")
            parts.append(el.text or "")
            for child in el:
                walk(child)
                parts.append(child.tail or "")

    walk(cell)
    return clean("".join(parts))


def _table_rows(table) -> list[list[Cell]]:
    """The table as a grid: a cell spanning columns or rows is repeated in each place it covers."""
    grid: list[list[Cell]] = []
    spanning: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still covered)
    header_spans = []
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        row: list[Cell] = []
        col = 0
        wide = False

        def covered() -> None:
            nonlocal col
            while col in spanning:  # a cell from a row above still covers this column
                cell, left = spanning[col]
                row.append(cell)
                if left > 1:
                    spanning[col] = (cell, left - 1)
                else:
                    del spanning[col]
                col += 1

        for td in tr.xpath("./td | ./th"):
            covered()
            cell = Cell(_cell_text(td), td.get("class") or "")
            width, height = _span(td, "colspan"), _span(td, "rowspan")
            wide = wide or width > 1
            for _ in range(width):
                row.append(cell)
                if height > 1:
                    spanning[col] = (cell, height - 1)
                col += 1
        covered()
        if any(c.text for c in row):
            grid.append(row)
            header_spans.append(wide)
    return _merged_header(grid, header_spans)


def _merged_header(grid: list[list[Cell]], wide: list[bool]) -> list[list[Cell]]:
    """A two-row header ('供应商 | 中标金额' over '名称 | 金额（万元） | 下浮率'): one row of joined labels."""
    if len(grid) < 3 or not wide[0] or len(grid[0]) != len(grid[1]) or len(set(id(c) for c in grid[0])) == len(grid[0]):
        return grid
    top, sub = grid[0], grid[1]
    splits = any(top[j] is top[j + 1] and sub[j] is not sub[j + 1] for j in range(len(top) - 1))
    if not splits:  # the second row is spanned like the first: a label | value table, not a sub-header
        return grid
    joined = []
    for upper, lower in zip(top, sub):
        if upper is lower or upper.text == lower.text:
            joined.append(upper)
        else:
            joined.append(Cell(f"{upper.text}{lower.text}", lower.css))
    return [joined] + grid[2:]


_LAYOUT_BLOCKS = ("p", "div", "br", "h1", "h2", "h3", "h4", "li")
_LAYOUT_INSIDE = etree.XPath(".//*[" + " or ".join(f"self::{t}" for t in _LAYOUT_BLOCKS) + "]")


def is_layout_table(table) -> bool:
    """A table used to lay out the page (title row, body row …), not to tabulate data: it holds another table,
    or a cell holding whole paragraphs."""
    if table.xpath(".//table"):
        return True
    rows = table.xpath("./tr | ./tbody/tr | ./thead/tr")
    if any(len(row.xpath("./td | ./th")) > 2 for row in rows):
        return False  # a grid of three or more columns tabulates data, however long its cells
    for cell in table.xpath("./tr/td | ./tbody/tr/td | ./thead/tr/td"):
        if len(_LAYOUT_INSIDE(cell)) >= 3 and len(cell.text_content()) > 200:
            return True
    return False


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
            if tag == "table" and not is_layout_table(el):
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



def as_markup(text: str) -> str:
    """A plain-text notice (a copied page, an API field dump) as one paragraph per line, so that its lines stay
    lines; markup is returned as it is."""
    if "<" in text[:4096] and re.search(r"<(?:p|div|table|br|span|html|body|td)\b", text[:65536], re.I):
        return text
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def tree(markup: str):
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"ccgp: page is not readable HTML ({exc})") from None


def meta(root, name: str) -> str | None:
    values = root.xpath(f"//meta[@name='{name}']/@content")
    return clean(values[0]) if values and clean(values[0]) else None

