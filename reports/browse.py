"""`procwatch browse`: a small read-only web app over the published warehouse.

Search organisations across spellings, one page per organisation (awards, relationships, money
figures, sources), filtered award lists, and any view as CSV. Every read goes through the
warehouse's read-only attach, so a night being published never blocks or changes a page midway."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from warehouse.export import neutralise

from .readonly import read
from .render import environment

PAGE_ROWS = 500


def _dicts(columns: list[str], rows: list[tuple]) -> list[dict]:
    return [dict(zip(columns, row)) for row in rows]


def _csv(columns: list[str], rows: list[tuple], filename: str) -> Response:
    """UTF-8 with BOM (spreadsheets show Chinese) and formula-looking cells neutralised, as the extracts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([[neutralise(v) for v in row] for row in rows])
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _filters(warehouse: Path) -> dict[str, list[str]]:
    columns, rows = read(warehouse, "browse_filters")
    out: dict[str, list[str]] = {}
    for field, value in rows:
        out.setdefault(field, []).append(str(value))
    return out


def _param(request: Request, name: str) -> str:
    return (request.query_params.get(name) or "").strip()[:200]


def create_app(warehouse: str | Path) -> Starlette:
    warehouse = Path(warehouse)
    env = environment()

    def page(template: str, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context))

    async def search(request: Request) -> Response:
        q, kind, country = _param(request, "q"), _param(request, "kind"), _param(request, "country")
        columns, rows = read(warehouse, "browse_search", q=q, kind=kind, country=country, limit=PAGE_ROWS)
        if request.query_params.get("format") == "csv":
            return _csv(columns, rows, "organisations.csv")
        query = {k: v for k, v in (("q", q), ("kind", kind), ("country", country)) if v}
        return page("browse_search.html", title="Organisations", q=q, kind=kind, country=country, rows=_dicts(columns, rows),
                    filters=_filters(warehouse), csv_url="/?" + urlencode(dict(query, format="csv")))

    async def awards(request: Request) -> Response:
        values = {k: _param(request, k) for k in ("q", "country", "year", "source")}
        columns, rows = read(warehouse, "browse_awards", limit=PAGE_ROWS, **values)
        if request.query_params.get("format") == "csv":
            return _csv(columns, rows, "awards.csv")
        query = {k: v for k, v in values.items() if v}
        return page("browse_awards.html", title="Awards", rows=_dicts(columns, rows), filters=_filters(warehouse),
                    csv_url="/awards?" + urlencode(dict(query, format="csv")), **values)

    async def organisation(request: Request) -> Response:
        org_id = request.path_params["org_id"]
        columns, rows = read(warehouse, "browse_org", org_id=org_id)
        if not rows:
            return PlainTextResponse(f"no organisation {org_id}", status_code=404)
        org = _dicts(columns, rows)[0]
        parts = {name: read(warehouse, f"browse_org_{name}", org_id=org_id, limit=PAGE_ROWS)
                 for name in ("awards", "relationships", "amounts", "sources")}
        return page("browse_org.html", title=org["name"], org=org, base=f"/org/{org_id}",
                    **{name: _dicts(*part) for name, part in parts.items()})

    async def organisation_csv(request: Request) -> Response:
        org_id, part = request.path_params["org_id"], request.path_params["part"]
        if part not in ("awards", "relationships", "amounts", "sources"):
            return PlainTextResponse(f"no view {part}", status_code=404)
        columns, rows = read(warehouse, f"browse_org_{part}", org_id=org_id, limit=PAGE_ROWS)
        return _csv(columns, rows, f"{part}.csv")

    return Starlette(routes=[
        Route("/", search),
        Route("/awards", awards),
        Route("/org/{org_id:path}/{part}.csv", organisation_csv),
        Route("/org/{org_id:path}", organisation),
    ])


def serve(warehouse: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until interrupted (loopback by default: pass --host 0.0.0.0 to share it on a network)."""
    import uvicorn

    if not Path(warehouse).exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `procwatch run` first")
    uvicorn.run(create_app(warehouse), host=host, port=port, log_level="warning")
