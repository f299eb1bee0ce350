"""Dates in article text and page metadata, to ISO 'YYYY-MM-DD'."""
from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s*,?\s+(\d{{4}})", re.I)
_MONTH_WORD = re.compile(_MONTH.removesuffix(r"\.?"), re.I)
_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")
_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")  # 24.11.2016: day first, as written in Europe


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str, day_first: bool = False) -> str | None:
    """The first date written in text, in any common English, ISO or Chinese form."""
    if not text:
        return None
    found: list[tuple[int, str]] = []
    for match in _ISO.finditer(text):
        iso = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append((match.start(), iso))
    for match in _ZH.finditer(text):
        iso = _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso:
            found.append((match.start(), iso))
    for match in _MDY.finditer(text):
        iso = _iso(int(match.group(3)), _MONTHS[match.group(1)[:3].lower()], int(match.group(2)))
        if iso:
            found.append((match.start(), iso))
    for match in _DMY.finditer(text):
        iso = _iso(int(match.group(3)), _MONTHS[match.group(2)[:3].lower()], int(match.group(1)))
        if iso:
            found.append((match.start(), iso))
    for match in _SLASH.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if first > 12 or (day_first and second <= 12):
            first, second = second, first
        iso = _iso(year, first, second)
        if iso:
            found.append((match.start(), iso))
    for match in _DOTTED.finditer(text):
        iso = _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if iso:
            found.append((match.start(), iso))
    return min(found)[1] if found else None


# Dates in a news address, longest first: /2019/08/20/, /2017-05/19/, /20120702/, /2009/03/, /201012/.
_URL_DATES = (
    (re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)"), 3),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|\d{3,}|$)"), 3),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{1,2})(?=/)"), 3),
    (re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?=/)"), 2),
    (re.compile(r"/((?:19|20)\d{2})(\d{2})(?=/)"), 2),
)


def url_date(url: str | None) -> str | None:
    """The publication day (or month) a news address carries in its path, as news sites write them."""
    match = re.match(r"https?://[^/?#]+([^?#]*)", url or "", re.I)
    if not match:
        return None
    path = match.group(1)
    for pattern, parts in _URL_DATES:
        for found in pattern.finditer(path):
            year, month = int(found.group(1)), int(found.group(2))
            if not 1 <= month <= 12:
                continue
            if parts == 3:
                day = _iso(year, month, int(found.group(3)))
                if day:
                    return day
            else:
                return f"{year:04d}-{month:02d}"
    return None


# Labelled dates in the text itself, strongest first: the decision date of council records, then publication.
_LABELS = (
    (re.compile(r"Final action:\s*([0-9/]{8,10})"), False),
    (re.compile(r"(?:Passed|Adopted|Approved):\s*(" + _MONTH + r"\s+\d{1,2},?\s+\d{4}|[0-9/]{8,10})", re.I), False),
    (re.compile(r"Meeting:\s*([0-9/]{8,10})"), True),  # council minutes systems write day/month/year
    (re.compile(r"(?:Publication date|Published(?: on)?|Posted(?: on)?|Date)\s*:?\s*(?:\w+day\s+)?("
                + _MONTH + r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+" + _MONTH + r"\s+\d{4}|\d{4}-\d{2}-\d{2})", re.I), False),
    (re.compile(r"(?:时间|時間|日期|发布时间|發佈時間|发布日期)\s*[:：]\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2})"), False),
)


# Words a dateline carries besides its date; any other lower-case word makes the line a sentence
# ("The framework runs until 31 March 2029.") whose date is not the article's.
_DATELINE_WORDS = {"by", "and", "on", "at", "updated", "published", "posted", "last", "am", "pm", "gmt", "utc", "est",
                   "edt", "pst", "pdt", "bst", "cet", "ist", "hrs", "ago", "min", "read", "staff", "writer", "writers", "reporter", "correspondent", "the", "of"}
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)


def is_dateline(line: str) -> bool:
    """Whether a short line is a dateline (a date with a time, byline or weekday) rather than a sentence."""
    rest = line
    for pattern in (_ISO, _ZH, _MDY, _DMY, _SLASH):
        rest = pattern.sub(" ", rest)
    words = re.findall(r"[^\W\d_]+", rest)
    return not any(w.islower() and len(w) > 1 and w not in _DATELINE_WORDS and not _WEEKDAY.fullmatch(w)
                   and not _MONTH_WORD.fullmatch(w) for w in words)


def date_in_text(lines: list[str]) -> str | None:
    """The publication (or decision) date stated near the top of an article."""
    head = "\n".join(lines[:40])
    for pattern, day_first in _LABELS:
        match = pattern.search(head)
        if match:
            found = parse_date(match.group(1), day_first)
            if found:
                return found
    for line in lines[:5]:  # a dateline under the headline: "May 20, 2016", "12:00 AM, July 31, 2009"
        if len(line) < 80 and is_dateline(line):
            found = parse_date(line)
            if found:
                return found
    for line in lines[:6]:  # a Chinese report opening with the day of the event
        match = re.match(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line)
        if match:
            return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = re.match(r"\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", line)
        years = set(re.findall(r"((?:19|20)\d{2})\s*年", line.split("。")[0]))
        if match and len(years) == 1:
            return _iso(int(years.pop()), int(match.group(1)), int(match.group(2)))
    return None
