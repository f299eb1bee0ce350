"""Hostile XML: DTDs, external entities and entity bombs are refused fast; ordinary XML parses."""
from __future__ import annotations

import time

import pytest
from lxml import etree

from pipeline import xmlsafe
from pipeline.records import ParseError
from corpus_gold import CORPUS

XXE_FILE = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
XXE_NETWORK = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><r>&x;</r>'
PARAMETER_ENTITY = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><r/>'
EXTERNAL_DTD = b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd"><r/>'
BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
                  + b"]><lolz>&lol9;</lolz>")
QUADRATIC = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"x" * 100000 + b'">]><r>' + b"&a;" * 10000 + b"</r>"
UTF16_XXE = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'.encode("utf-16")


@pytest.mark.parametrize("body", [XXE_FILE, XXE_NETWORK, PARAMETER_ENTITY, EXTERNAL_DTD, BILLION_LAUGHS, QUADRATIC, UTF16_XXE],
                         ids=["xxe-file", "xxe-network", "parameter-entity", "external-dtd", "billion-laughs",
                              "quadratic-blowup", "utf16-xxe"])
def test_declarations_are_refused_quickly(body):
    start = time.perf_counter()
    with pytest.raises(ParseError, match="DTD"):
        xmlsafe.parse_xml(body)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("body, reason", [
    (b"", "empty"),
    (b"  \n\t", "empty"),
    (bytes(range(256)) * 8, "binary"),
    (b"<feed><entry><title>cut off", "malformed"),
    (b"<r>&undeclared;</r>", "malformed"),
    (b"not xml at all", "malformed"),
])
def test_unreadable_input_gives_a_reason(body, reason):
    with pytest.raises(ParseError, match=reason):
        xmlsafe.parse_xml(body)


def test_parser_itself_never_resolves_entities():
    """Second line of defence: even if a declaration slipped past the check, nothing is fetched or expanded."""
    root = etree.fromstring(XXE_FILE, parser=xmlsafe._parser())
    assert "root:" not in "".join(root.itertext())


def test_ordinary_documents_parse():
    root = xmlsafe.parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:x"><b>Deloitte &amp; Associ\xc3\xa9s</b></a>')
    assert xmlsafe.local(root.tag) == "a" and root[0].text == "Deloitte & Associés"
    path = CORPUS / "ted_r209_F06_008298-2021_FR_telt_audit.xml"
    if path.exists():
        assert xmlsafe.local(xmlsafe.parse_xml(path.read_bytes()).tag) == "TED_EXPORT"
