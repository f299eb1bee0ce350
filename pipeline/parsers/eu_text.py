"""Plain-text copies of EU contract award notices (TED standard forms pasted into a page or a file), in any of
the languages TED publishes.

Without the XML the fields are found by their form labels (eu_text_labels.toml): the buyer is the official name
under section I.1 (Name and addresses / Név és címek / Nom et adresses …), each winner the official name under a
V.2.3 block (Name and address of the contractor / Nyertes ajánlattevő / Titulaire / Auftragnehmer /
Adjudicatário …), its amount the V.2.4 total value of that block, its date the V.2.1 conclusion date, its lot the
last lot number seen. Labels are less certain than XML elements: awards carry confidence 0.7.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from decimal import Decimal, InvalidOperation
from pathlib import Path

import lxml.html
from lxml import etree

from ..decode import decode_body, looks_binary
from ..records import Award, Document, Notice, ParseError, ParseResult

NAME = "eu_text"
VERSION = "1.0"
KINDS = ("ted_text",)
CONFIDENCE = 0.7

_LABELS = tomllib.loads((Path(__file__).with_name("eu_text_labels.toml")).read_text(encoding="utf-8"))
# Longest first, so "Name and address of the contractor" wins over "Contractor".
_ROLES = sorted(((label.casefold(), role) for role, labels in _LABELS.items() if role != "notice_markers"
                 for label in labels), key=lambda pair: -len(pair[0]))
_MARKERS = [m.casefold() for m in _LABELS["notice_markers"]]
_NUMBERING = re.compile(r"^\s*(?:[IVX]{1,4}(?:\.\d{1,2}){0,3}\)?|\d{1,2}(?:\.\d{1,2}){0,3}\))\s*")
_CURRENCY = re.compile(r"\b(EUR|HUF|PLN|CZK|RON|BGN|SEK|DKK|NOK|CHF|GBP|USD|HRK|ISK)\b|€")
_NUMBER = re.compile(r"\d[\d\s.,\u00a0\u202f']*\d|\d")
_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})|(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "section", "table"}


def _text(doc: Document) -> str:
    """The document as lines of text; a web page (TED's own notice view) is reduced to its text, one block a line."""
    text = unicodedata.normalize("NFKC", decode_body(doc.body, doc.declared_encoding)[0])
    if not text.lstrip().startswith("<") or text.lstrip().startswith("<?xml"):
        return text
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    for bad in root.xpath("//script | //style | //noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def sniff(doc: Document) -> bool:
    if not doc.body or looks_binary(doc.body):
        return False
    head = doc.body[:65536].lstrip()
    if head[:1] in (b"{", b"[") or head[:5] == b"<?xml":
        return False  # JSON and XML have their own parsers
    raw = unicodedata.normalize("NFKC", decode_body(doc.body[:262144], doc.declared_encoding)[0]).casefold()
    if not any(m in raw for m in _MARKERS):
        return False  # cheap test first: most documents never name a result-notice form
    text = _text(Document(url=doc.url, body=doc.body[:262144]))
    lines = [_label(line) for line in text.splitlines()[:2000]]
    roles = {role for role, _ in (hit for hit in lines if hit)}
    return "contractor" in roles and bool(roles & {"official_name", "total_value", "buyer"})


def _label(line: str) -> tuple[str, str] | None:
    """(role, value after the label) when the line opens with a form label ("V.2.3) Name and address of …: X")."""
    plain = _NUMBERING.sub("", line.strip())
    folded = plain.casefold()
    for label, role in _ROLES:
        if folded.startswith(label):
            rest = plain[len(label):]
            if rest and not re.match(r"\s*[:：(\-–]|\s*$", rest):
                continue  # the label word begins a longer phrase ("Contractors' obligations …")
            return role, re.sub(r"^\s*(?:\([^)]*\))?\s*[:：\-–]?\s*", "", rest).strip()
    return None


def _name(value: str) -> str | None:
    """An official name as written: the text before the address that follows it on the same line."""
    name = re.split(r"\s*[,;]\s*(?=\d|[A-ZÀ-Ý][a-zà-ÿ]+\s+\d|(?:Postal|Postanschrift|Adresse|Cím|Endereço)\b)", value, maxsplit=1)[0]
    name = name.strip(" ,;:")
    return name if len(name) >= 2 else None


def _amount(value: str) -> tuple[Decimal | None, str | None]:
    currency_match = _CURRENCY.search(value)
    currency = "EUR" if currency_match and currency_match.group(0) == "€" else (currency_match.group(1) if currency_match else None)
    number = _NUMBER.search(value)
    if not number:
        return None, currency
    raw = re.sub(r"[\s\u00a0\u202f']", "", number.group(0))
    if "," in raw and "." in raw:  # the last separator is the decimal one
        raw = raw.replace(".", "").replace(",", ".") if raw.rfind(",") > raw.rfind(".") else raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".") if len(raw.rsplit(",", 1)[1]) != 3 else raw.replace(",", "")
    elif raw.count(".") > 1 or (raw.count(".") == 1 and len(raw.rsplit(".", 1)[1]) == 3):
        raw = raw.replace(".", "")
    try:
        return Decimal(raw), currency
    except InvalidOperation:
        return None, currency


def _date(value: str) -> str | None:
    match = _DATE.search(value)
    if not match:
        return None
    if match.group(1):
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    else:
        day, month, year = int(match.group(4)), int(match.group(5)), int(match.group(6))
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _value_of(lines: list[str], index: int, inline: str) -> str:
    """A label's value: on its own line, else the next non-empty line."""
    if inline:
        return inline
    for line in lines[index + 1:index + 3]:
        if line.strip():
            return line.strip()
    return ""


def parse(doc: Document) -> ParseResult:
    if not doc.body or looks_binary(doc.body):
        raise ParseError("eu_text: empty or binary document")
    lines = _text(doc).splitlines()
    buyer = None
    buyer_ids: dict[str, str] = {}
    blocks: list[dict] = []  # one per contractor block
    block_role = None  # the block the next official name belongs to
    lot = None
    concluded = None  # V.2.1 comes before the V.2.3 block(s) it dates
    group = 0  # index of the first contractor block of the current contract: a group's members share one value
    for i, line in enumerate(lines):
        hit = _label(line)
        if not hit:
            continue
        role, inline = hit
        if role in ("buyer", "contractor"):
            block_role = role
            if role == "contractor":
                blocks.append({"vendor": None, "amount": None, "currency": None, "date": concluded, "lot": lot,
                               "evidence": line.strip()})
            value = _name(inline) if inline else None
            if value and role == "buyer" and buyer is None:
                buyer = value
            elif value and role == "contractor":
                blocks[-1]["vendor"] = value
        elif role == "official_name":
            value = _name(_value_of(lines, i, inline))
            if block_role == "buyer" and buyer is None:
                buyer = value
            elif block_role == "contractor" and blocks and not blocks[-1]["vendor"]:
                blocks[-1]["vendor"] = value
                blocks[-1]["evidence"] += f" / {line.strip()}"
            block_role = None if block_role == "buyer" else block_role
        elif role == "registration":
            number = _value_of(lines, i, inline).split(" ")[0].strip(" ,;")
            if number and block_role == "contractor" and blocks:
                blocks[-1].setdefault("ids", {"national-registration": number})
            elif number and buyer is not None and not buyer_ids and not blocks:
                buyer_ids = {"national-registration": number}
        elif role == "lot":
            lot = (_value_of(lines, i, inline).split() or [None])[0]
            group, concluded = len(blocks), None  # a new contract: its own blocks, date and value
        elif role == "total_value" and blocks[group:] and blocks[group]["amount"] is None:
            amount, currency = _amount(_value_of(lines, i, inline))
            if amount:  # a group's value is carried once, by its first member
                blocks[group].update(amount=amount, currency=currency, amount_raw=_value_of(lines, i, inline))
            members = [b["vendor"] for b in blocks[group:] if b["vendor"]]
            for block in blocks[group:]:
                block["consortium"] = members if len(members) > 1 else []
            group, concluded = len(blocks), None
        elif role == "conclusion_date":
            concluded = _date(_value_of(lines, i, inline)) or concluded
    awards = _awards(blocks, buyer)
    if not awards and buyer is None:
        raise ParseError("eu_text: no buyer or contractor block found")
    notice = Notice(notice_key=doc.url, notice_type="award" if awards else "other", buyer_raw=buyer, awards=awards,
                    published_at=None, buyer_identifiers=buyer_ids)
    return ParseResult(parser=NAME, parser_version=VERSION, notices=[notice])


def _awards(blocks: list[dict], buyer: str | None) -> list[Award]:
    out = []
    for block in blocks:
        if not block["vendor"]:
            continue
        date = block["date"]
        evidence = block["evidence"]
        if block["amount"] is not None:
            evidence += f"; total value: {block.get('amount_raw')}"
        out.append(Award(vendor_raw=block["vendor"], agency_raw=buyer, amount=block["amount"],
                         currency=block["currency"] if block["amount"] is not None else None,
                         amount_raw=block.get("amount_raw"), date=date, lot=block["lot"], status="active",
                         evidence=evidence, confidence=CONFIDENCE, consortium=block.get("consortium", []),
                         identifiers=dict(block.get("ids", {}))))
    return out
