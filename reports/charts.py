"""Charts as SVG strings (altair -> Vega-Lite -> vl-convert, offline). Every mark links to its source."""
from __future__ import annotations

import altair as alt
import vl_convert

from .fonts import register_cjk_font


def _svg(chart: alt.Chart) -> str:
    font = register_cjk_font()
    spec = chart.configure(font=font).configure_view(strokeWidth=0).to_dict()
    return vl_convert.vegalite_to_svg(spec)


def top_vendors_chart(rows: list[dict]) -> str | None:
    """Horizontal bars: the vendors with the largest USD totals, each bar linking to a source document."""
    data = [{"vendor": r["vendor"], "agency": r["agency"], "usd": float(r["total_usd"]), "url": r["source_url"] or ""}
            for r in rows if r.get("total_usd")]
    if not data:
        return None
    data = sorted(data, key=lambda r: -r["usd"])[:15]
    chart = alt.Chart(alt.Data(values=data)).mark_bar(color="#3b6ea8", cursor="pointer").encode(
        x=alt.X("usd:Q", title="USD (at each award's date)", axis=alt.Axis(format="~s")),
        y=alt.Y("vendor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320)),
        href="url:N",
        tooltip=["vendor:N", "agency:N", alt.Tooltip("usd:Q", format=",.0f")],
    ).properties(width=520, height=alt.Step(20), title="Largest vendor–agency totals")
    return _svg(chart)


def spending_by_year_chart(rows: list[dict]) -> str | None:
    """Stacked bars: awarded USD per year, by buyer country."""
    data = [{"year": str(r["year"]), "country": r["country"] or "?", "usd": float(r["total_usd"])}
            for r in rows if r.get("year") and r.get("total_usd")]
    if not data:
        return None
    chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("sum(usd):Q", title="USD", axis=alt.Axis(format="~s")),
        color=alt.Color("country:N", title="buyer country"),
        tooltip=["year:O", "country:N", alt.Tooltip("sum(usd):Q", format=",.0f")],
    ).properties(width=560, height=220, title="Awarded per year")
    return _svg(chart)
