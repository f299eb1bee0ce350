"""One module per document kind. Each exposes NAME, VERSION, KINDS, sniff(doc) and parse(doc).

- sniff(doc: Document) -> bool: True when the content is this kind (used when no kind is given).
- parse(doc: Document) -> ParseResult: pure; raises ParseError for unreadable input.
"""
