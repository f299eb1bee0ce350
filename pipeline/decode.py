"""Bytes to text, trusting a declared charset only when the bytes agree with it.

Chinese portals serve GBK and GB2312 pages, sometimes declaring UTF-8 (or nothing).
Order: BOM, then declared charsets (HTTP header, then <meta>), then UTF-8, then GB18030
(a superset of GBK and GB2312). The first that decodes without error wins.
"""
from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(body: bytes, header_encoding: str | None = None) -> list[str]:
    found = [header_encoding]
    head = body[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match:
            found.append(match.group(1).decode("ascii", "ignore"))
    return [n for n in (_normalise(f) for f in found) if n]


def decode_body(body: bytes, header_encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: the last resort replaces bad bytes."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(enc, errors="replace"), enc
    # Valid UTF-8 with non-ASCII bytes is almost never GBK text: trust it over a wrong declaration.
    if not body[:65536].isascii():
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates = declared_charsets(body, header_encoding) + ["utf-8", "gb18030"]
    seen: set[str] = set()
    for enc in candidates:
        if enc in seen:
            continue
        seen.add(enc)
        try:
            return body.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace"), "utf-8-replace"


def looks_binary(body: bytes) -> bool:
    """True for bodies that are not text at all (images, archives served as text/html)."""
    sample = body[:2048]
    if not sample:
        return False
    if b"\x00" in sample and not (sample.startswith(codecs.BOM_UTF16_LE) or sample.startswith(codecs.BOM_UTF16_BE)):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control / len(sample) > 0.1
