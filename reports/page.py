"""The static HTML report: one self-contained page (inline SVG charts) written beside the extracts."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from . import charts
from .queries import rows
from .render import environment


def gather(warehouse: str | Path) -> dict:
    vendors_by_agency = rows(warehouse, "top_vendors_by_agency")
    by_year = rows(warehouse, "spending_by_year")
    return {
        "head": rows(warehouse, "headline")[0],
        "vendors_by_agency": vendors_by_agency,
        "vendors_by_country": rows(warehouse, "top_vendors_by_country"),
        "by_year": by_year,
        "relationships": rows(warehouse, "newest_relationships"),
        "amounts": rows(warehouse, "amounts_with_attribution"),
        "health": rows(warehouse, "source_health"),
        "charts": {"vendors": charts.top_vendors_chart(vendors_by_agency), "years": charts.spending_by_year_chart(by_year)},
    }


def write_report(warehouse: str | Path, out_dir: str | Path) -> Path:
    """Write OUT/report.html from the published warehouse; returns its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    context = gather(warehouse)
    context["generated"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    html = environment().get_template("report.html").render(**context)
    target = out / "report.html"
    partial = out / ".report.html.partial"
    partial.write_text(html, encoding="utf-8")
    partial.replace(target)  # readers never see half a page
    return target
