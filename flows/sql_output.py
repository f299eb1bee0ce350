"""`procwatch sql` output: rows streamed as they come, data printed verbatim (never read as markup),
control characters escaped so that data cannot drive the terminal."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal
from typing import Iterable, Iterator, TextIO

DEFAULT_TABLE_ROWS = 1000
# C0/C1 controls (ESC starts ANSI sequences; 0x9b is a one-byte CSI), DEL, and bidirectional overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_EXCEPT_LAYOUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match) -> str:
    ch = match.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def escape_controls(text: str, keep_layout: bool = False) -> str:
    return (_CONTROL_EXCEPT_LAYOUT if keep_layout else _CONTROL).sub(_escape_char, text)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


def write_json_lines(out: TextIO, columns: list[str], batches: Iterable[list[tuple]]) -> int:
    """One JSON object a line; json escapes every control character itself."""
    count = 0
    for batch in batches:
        out.write("".join(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=json_value) + "\n"
                          for row in batch))
        count += len(batch)
    return count


def write_csv(out: TextIO, columns: list[str], batches: Iterable[list[tuple]], to_terminal: bool) -> int:
    """Values verbatim for files and pipes; on a terminal, control characters are escaped."""
    writer = csv.writer(out)
    clean = (lambda v: escape_controls(v, keep_layout=True) if isinstance(v, str) else v) if to_terminal else None
    writer.writerow([clean(c) for c in columns] if clean else columns)
    count = 0
    for batch in batches:
        writer.writerows(([clean(v) for v in row] for row in batch) if clean else batch)
        count += len(batch)
    return count


def _first_rows(batches: Iterator[list[tuple]], limit: int) -> tuple[list[tuple], bool]:
    """Up to `limit` rows, and whether more exist: never reads further than one batch past it."""
    rows: list[tuple] = []
    for batch in batches:
        rows.extend(batch)
        if len(rows) > limit:
            return rows[:limit], True
    return rows, False


def write_table(out: TextIO, columns: list[str], batches: Iterator[list[tuple]], limit: int = DEFAULT_TABLE_ROWS) -> int:
    """A plain aligned table of at most `limit` rows (0: all), with a note when rows were left out."""
    if limit:
        rows, more = _first_rows(batches, limit)
    else:
        rows, more = [row for batch in batches for row in batch], False
    header = [escape_controls(c) for c in columns]
    cells = [[escape_controls(cell_text(v)) for v in row] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [" │ ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "─┼─".join("─" * w for w in widths)]
    lines += [" │ ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in cells]
    out.write("\n".join(lines) + "\n")
    if more:
        out.write(f"({len(rows):,} rows shown; more rows exist: raise --limit, or use --format csv|json for all)\n")
    else:
        out.write(f"({len(rows):,} row{'' if len(rows) == 1 else 's'})\n")
    return len(rows)
