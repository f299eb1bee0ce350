"""XML from untrusted sources, parsed without DTDs, entities or network access.

Procurement XML (TED notices, FPDS feeds) never needs a DTD, so any document that declares
one is refused outright: that closes external entities (XXE) and entity-expansion bombs
(billion laughs) before lxml sees them. The lxml parser is also configured defensively in
case a declaration slips past the check (e.g. after a byte-order mark or in UTF-16).
"""
from __future__ import annotations

import re

from lxml import etree

from .decode import looks_binary
from .records import ParseError

# A DOCTYPE or ENTITY declaration anywhere before the root element's content.
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_HEAD_BYTES = 64 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _head_text(body: bytes) -> bytes:
    """The head of the body as ASCII-compatible bytes, also for UTF-16 documents."""
    head = body[:_HEAD_BYTES]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 1 and (head[0] == 0 or head[1] == 0)):
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return head.decode(encoding, errors="ignore").encode("utf-8", errors="ignore")
            except LookupError:  # pragma: no cover - the codecs always exist
                continue
    return head


def parse_xml(body: bytes) -> etree._Element:
    """Parse XML bytes into the root element; ParseError for anything unsafe or unreadable."""
    if not body or not body.strip():
        raise ParseError("empty XML document")
    if _DECLARATION.search(_head_text(body)) or _DECLARATION.search(body):
        raise ParseError("XML declares a DTD or entities; refused (external entities / entity expansion)")
    if looks_binary(body) and body[:2] not in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 text is mostly NULs
        raise ParseError("binary content, not XML")
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc}") from None
    except (ValueError, TypeError) as exc:
        raise ParseError(f"unreadable XML: {exc}") from None
    if root is None:
        raise ParseError("XML document has no root element")
    if root.getroottree().docinfo.doctype:
        raise ParseError("XML declares a DTD; refused")
    return root


def local(tag: object) -> str:
    """Element tag without its namespace ('' for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
