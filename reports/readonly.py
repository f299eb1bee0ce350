"""Parameterised reads for the browse app, through the warehouse's read-only attach (private instance,
READ_ONLY, no external access, memory limit) and its query timeout."""
from __future__ import annotations

import threading
from pathlib import Path

from warehouse.query import open_read_only, timeout_setting

from .queries import sql_text

MAX_ROWS = 5000


def read(warehouse: str | Path, name: str, **params) -> tuple[list[str], list[tuple]]:
    """Run the named .sql with named parameters; only the parameters the query uses are bound."""
    sql = sql_text(name)
    bound = {k: v for k, v in params.items() if f"${k}" in sql}
    con = open_read_only(warehouse)
    seconds = timeout_setting(None)
    timer = threading.Timer(seconds, con.interrupt) if seconds else None
    try:
        if timer:
            timer.daemon = True
            timer.start()
        result = con.execute(sql, bound)
        columns = [d[0] for d in result.description]
        return columns, result.fetchmany(MAX_ROWS)
    finally:
        if timer:
            timer.cancel()
        con.close()
