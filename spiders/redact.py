"""Credentials never leave the request: URLs are stored and logged with secret query values masked.

A source may need an API key or a signed link to fetch; the raw store, the warehouse, reports,
extracts and logs keep the URL with those values replaced by REDACTED (and any user:password@).
"""
from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SECRET_PARAMS = re.compile(
    r"^(access[_-]?token|auth[_-]?token|id[_-]?token|refresh[_-]?token|token|api[_-]?key|apikey|key|secret|client[_-]?secret|"
    r"signature|sig|password|passwd|pwd|auth|session|sessionid|sid|x-amz-[a-z-]+|x-goog-[a-z-]+)$", re.I)
_IN_TEXT = re.compile(
    r"(?i)([?&](?:access[_-]?token|auth[_-]?token|id[_-]?token|refresh[_-]?token|token|api[_-]?key|apikey|key|secret|"
    r"client[_-]?secret|signature|sig|password|passwd|pwd|auth|session|sessionid|sid|x-amz-[a-z-]+|x-goog-[a-z-]+)=)[^&#\s>'\"]+")
MASK = "REDACTED"


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1] if "@" in parts.netloc else parts.netloc
    if not parts.query and netloc == parts.netloc:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if netloc == parts.netloc and not any(SECRET_PARAMS.match(k) for k, _ in pairs):
        return url  # nothing secret: keep the URL exactly as requested
    query = [(k, MASK if SECRET_PARAMS.match(k) else v) for k, v in pairs]
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query) if query else parts.query))


def redact_text(text: str) -> str:
    return _IN_TEXT.sub(lambda m: m.group(1) + MASK, text)


def install_log_redaction() -> None:
    """Mask secret query values in every log record of this process, whichever handler prints it
    (Scrapy logs request URLs on retries and errors, and replaces its handlers per crawler)."""
    make_record = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs):
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error path
            return record
        masked = redact_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    logging.setLogRecordFactory(masked_record)
