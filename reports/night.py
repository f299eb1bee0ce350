"""What `procwatch run` says at the end: what changed since the previous night, and what to try next."""
from __future__ import annotations

import json
from pathlib import Path

from .queries import rows

SHOWN = 5


def _counts(run: dict) -> dict:
    counts = run.get("counts")
    return json.loads(counts) if isinstance(counts, str) else (counts or {})


def changes(warehouse: str | Path) -> list[str]:
    runs = rows(warehouse, "night_runs")
    if not runs:
        return ["No night has run yet."]
    newest = _counts(runs[0])
    lines = []
    if len(runs) == 1:
        lines.append("First night: everything below is new.")
    else:
        before = _counts(runs[1])
        deltas = [f"{table} {newest.get(table, 0) - before.get(table, 0):+d}" for table in ("documents", "awards", "relationships", "amount_mentions")]
        lines.append("Since the previous night: " + ", ".join(deltas) + ".")
    awards = rows(warehouse, "night_new_awards")
    lines.append(f"New awards: {len(awards)}")
    for a in awards[:SHOWN]:
        money = f"{a['amount']:,.0f} {a['currency']}" if a["amount"] is not None else "no amount"
        lines.append(f"  {a['date'] or '----------'}  {a['vendor'] or a['agency'] or '?'} <- {a['agency'] or '?'}  {money}")
    relationships = rows(warehouse, "night_new_relationships")
    lines.append(f"New relationships: {len(relationships)}")
    for r in relationships[:SHOWN]:
        lines.append(f"  {r['vendor']} -{r['relation']}- {r['agency']}")
    flagged = rows(warehouse, "night_flagged_sources")
    lines.append(f"Sources flagged: {len(flagged)}" + ("" if flagged else " (all ok)"))
    for f in flagged:
        lines.append(f"  {f['source_id']}: {f['status']}" + (f" ({f['message']})" if f["message"] else ""))
    return lines


def next_steps(warehouse: str | Path, out_dir: str | Path | None) -> list[str]:
    flag = f" --warehouse {warehouse}" if str(warehouse) != "procwatch.duckdb" else ""
    steps = ["Try next:"]
    if out_dir:
        steps.append(f"  open {Path(out_dir) / 'report.html'}    # the report page: charts, sources, evidence")
    steps += [
        f"  procwatch browse{flag}    # search organisations in a browser at http://127.0.0.1:8765/",
        f"  procwatch sql{flag} \"SELECT * FROM vendor_agency_totals ORDER BY total_usd DESC LIMIT 20\"",
        f"  procwatch export{flag} --format xlsx --out DIR    # a workbook; also ftm, ocds, csv, parquet",
    ]
    return steps
