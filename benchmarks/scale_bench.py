"""A synthetic warehouse of N awards in the real schema, then the analysts' example queries.

Organisations come from the corpus's vendor and buyer names plus generated ones; who wins,
who buys, currencies, amounts (log-normal) and years follow the corpus's spreads, with a
few big vendors and agencies taking most awards, as in real procurement data. Rows are made
inside DuckDB from deterministic hashes, so a million awards take seconds to build.
"""
from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.db import migrate
from warehouse.query import run_query

from .shapes import PLACES, PROJECTS, chinese_buyer, chinese_vendor, load_shapes

QUERIES = Path(__file__).resolve().parent / "queries.sql"
# Approximate USD per unit; currencies the ECB does not publish get no USD value, as in the real warehouse.
USD_PER_UNIT = {"USD": 1.0, "CNY": 0.14, "EUR": 1.08, "GBP": 1.27, "CAD": 0.74, "MXN": 0.055, "PLN": 0.25,
                "HUF": 0.0028, "CHF": 1.12, "JPY": 0.0068}
_EN_WORDS = ("Northern", "Pacific", "Summit", "Civic", "Atlas", "Vector", "Harbor", "Granite", "Beacon", "Meridian")
_EN_TRADES = ("Security Systems", "Video Solutions", "Technologies", "Networks", "Engineering", "Communications")
_EN_FORMS = ("Inc.", "LLC", "Ltd", "Corp.", "GmbH", "S.A.")
_EN_BUYERS = ("Police Department", "City Council", "Department of Public Safety", "County Sheriff", "School District")
_EN_PROJECTS = ("body-worn camera contract", "CCTV maintenance", "road resurfacing", "office supplies",
                "license plate readers", "gunshot detection service", "network upgrade", "consulting services")


@dataclass
class ScaleFigures:
    awards: int
    build_seconds: float
    size_mb: float
    queries: list[tuple[str, float, int]] = field(default_factory=list)  # title, seconds, rows

    @property
    def query_max_s(self) -> float:
        return max((s for _, s, _ in self.queries), default=0.0)


def example_queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    """(title, sql) for each statement of queries.sql; the title is its leading comment."""
    out = []
    for chunk in path.read_text(encoding="utf-8").split(";"):
        lines = [line for line in chunk.strip().splitlines() if line.strip()]
        comments = [line.lstrip("- ").strip() for line in lines if line.lstrip().startswith("--")]
        sql = "\n".join(line for line in lines if not line.lstrip().startswith("--")).strip()
        if sql:
            out.append((comments[0] if comments else sql[:60], sql))
    return out


def _organizations(vendors: int, agencies: int) -> pa.Table:
    shapes = load_shapes()
    rows = {"org_id": [], "name": [], "name_zh": [], "kind": [], "country": [], "region": []}

    def add(org_id, name, kind, zh, country, region):
        for key, value in zip(rows, (org_id, name, zh, kind, country, region)):
            rows[key].append(value)

    for i in range(vendors):
        if i < len(shapes.vendors):
            name = shapes.vendors[i]
        elif i % 5 < 3:
            name = chinese_vendor(i)
        else:
            name = f"{_EN_WORDS[i % 10]} {_EN_WORDS[(i // 10) % 10]} {_EN_TRADES[i % 6]} {_EN_FORMS[(i // 7) % 6]} {i}"
        cjk = bool(re.search(r"[\u4e00-\u9fff]", name))
        add(f"v{i}", name, "vendor", name if cjk else None, "CN" if cjk else "US", None)
    for i in range(agencies):
        if i < len(shapes.buyers):
            name = shapes.buyers[i]
        elif i % 2:
            name = chinese_buyer(i) + (f"{i}分局" if i >= 160 else "")
        else:
            name = f"City of {_EN_WORDS[i % 10]}{i} {_EN_BUYERS[i % 5]}"
        cjk = bool(re.search(r"[\u4e00-\u9fff]", name))
        add(f"a{i}", name, "agency", name if cjk else None, "CN" if cjk else "US", PLACES[i % len(PLACES)] if cjk else None)
    return pa.table(rows)


def _uniform(expr: str, salt: int) -> str:
    """A deterministic uniform number in (0, 1) from an integer expression."""
    return f"((hash({expr}, {salt}) % 1000003) + 1) / 1000004.0"


def _skewed(expr: str, salt: int, n: int, power: int = 3) -> str:
    """An index in [0, n): low numbers far more often (a few big vendors and agencies)."""
    return f"CAST(floor({n} * pow({_uniform(expr, salt)}, {power})) AS BIGINT)"


def _pick(expr: str, salt: int, weights: dict) -> str:
    """CASE choosing a key with probability proportional to its weight."""
    total = sum(weights.values())
    cases, acc = [], 0.0
    for key, weight in weights.items():
        acc += weight / total
        literal = f"'{key}'" if isinstance(key, str) else str(key)
        cases.append(f"WHEN {_uniform(expr, salt)} <= {acc:.6f} THEN {literal}")
    return f"(CASE {' '.join(cases)} ELSE {literal} END)"


def _text_list(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def build(path: Path, awards: int) -> float:
    shapes = load_shapes()
    vendors, agencies = max(500, awards // 200), max(200, awards // 500)
    notices = max(1, awards * 4 // 5)
    news_docs, relationships, mentions = max(1, awards // 20), max(1, awards // 10), max(1, awards // 10)
    mean, sd = shapes.amount_spread()
    years = shapes.years or {y: 1 for y in range(2009, 2026)}
    currencies = shapes.currencies
    rates = "MAP {" + ", ".join(f"'{c}': {USD_PER_UNIT[c]}" for c in currencies if c in USD_PER_UNIT) + "}"
    projects = _text_list(PROJECTS + _EN_PROJECTS)
    regions = _text_list(PLACES)
    relations = _text_list(("supplies", "contract", "cooperation", "project", "supplies", "contract", "denial"))

    started = time.perf_counter()
    con = duckdb.connect(str(path))
    try:
        migrate(con)
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        orgs = _organizations(vendors, agencies)
        con.register("generated_orgs", orgs)
        con.execute("INSERT INTO organizations BY NAME SELECT * FROM generated_orgs")
        con.execute("INSERT INTO org_aliases BY NAME SELECT DISTINCT alias, org_id FROM (SELECT name AS alias, org_id FROM generated_orgs "
                    "UNION ALL SELECT name || ' (' || org_id || ')', org_id FROM generated_orgs WHERE kind = 'vendor')")
        con.unregister("generated_orgs")
        con.execute("INSERT INTO sources VALUES ('ccgp_national_award', 'ccgp_notice', '中国政府采购网', 'https://www.ccgp.gov.cn/', 'listing', 'CN'), "
                    "('ocds_portal', 'ocds', 'OCDS portal', 'https://example.org/', 'links_next', NULL), "
                    "('city_news', 'news', 'City news', 'https://news.example.org/', 'feed', 'US')")
        year = _pick("j", 5, years)
        day = f"CAST(floor({_uniform('j', 6)} * 365) AS INTEGER)"
        # One notice (and document) per j; its buyer, date and project derive from j alone.
        con.execute(f"""
            CREATE TEMP TABLE gen_notices AS
            SELECT j, 'notice-' || j AS notice_id, 'doc-' || j AS doc_id,
                   CASE WHEN j % 3 = 0 THEN 'ocds_portal' ELSE 'ccgp_national_award' END AS source_id,
                   'a' || {_skewed('j', 2, agencies, 2)} AS buyer_org_id,
                   strftime(make_date({year}, 1, 1) + {day}, '%Y-%m-%d') AS published_at,
                   {projects}[1 + CAST(j % {len(PROJECTS) + len(_EN_PROJECTS)} AS INTEGER)] AS project_name,
                   {regions}[1 + CAST(j % {len(PLACES)} AS INTEGER)] AS region
            FROM range({notices}) t(j)""")
        con.execute("""
            INSERT INTO documents
            SELECT doc_id, source_id, 'https://www.ccgp.gov.cn/cggg/dfgg/zbgg/' || j || '.htm',
                   CASE WHEN source_id = 'ocds_portal' THEN 'ocds' ELSE 'ccgp_notice' END,
                   TIMESTAMP '2026-01-01 02:00:00', published_at, project_name || '中标(成交)结果公告', 'zh',
                   'text/html', 20000 + j % 9000, 'ccgp', '1.0', 'parsed'
            FROM gen_notices""")
        con.execute("""
            INSERT INTO notices (notice_id, doc_id, source_id, notice_type, title, project_name, project_code, buyer_org_id,
                                 buyer_raw, agent_org_id, agent_raw, published_at, region, budget, budget_currency, source_url)
            SELECT n.notice_id, n.doc_id, n.source_id, 'award', n.project_name || '中标(成交)结果公告', n.project_name,
                   'CG-' || n.j, n.buyer_org_id, o.name, NULL, NULL, n.published_at, n.region, NULL, NULL,
                   'https://www.ccgp.gov.cn/cggg/dfgg/zbgg/' || n.j || '.htm'
            FROM gen_notices n JOIN organizations o ON o.org_id = n.buyer_org_id""")
        z = f"sqrt(-2 * ln({_uniform('i', 7)})) * cos(2 * pi() * {_uniform('i', 8)})"
        con.execute(f"""
            INSERT INTO awards (award_id, notice_id, doc_id, vendor_org_id, agency_org_id, vendor_raw, agency_raw, amount,
                                currency, amount_raw, amount_usd, fx_rate_date, date, lot, status, evidence, confidence, source_url)
            SELECT 'award-' || i, n.notice_id, n.doc_id, v.org_id, n.buyer_org_id, v.name, g.name,
                   round(exp({mean} + {sd} * {z}), 2) AS amount, cur, NULL,
                   round(exp({mean} + {sd} * {z}), 2) * {rates}[cur] AS amount_usd, n.published_at, n.published_at,
                   CASE WHEN i % 7 = 0 THEN CAST(i % 3 + 1 AS VARCHAR) END, 'active',
                   CASE WHEN n.source_id = 'ocds_portal' THEN 'awards[0].value.amount=' || round(exp({mean} + {sd} * {z}), 2)
                        ELSE '中标（成交）金额: ' || round(exp({mean} + {sd} * {z}), 2) || '(元)' END,
                   1.0, 'https://www.ccgp.gov.cn/cggg/dfgg/zbgg/' || n.j || '.htm'
            FROM (SELECT i, i * {notices} // {awards} AS j, {_pick('i', 9, currencies)} AS cur FROM range({awards}) t(i)) a
            JOIN gen_notices n USING (j)
            JOIN organizations v ON v.org_id = 'v' || {_skewed('i', 1, vendors)}
            JOIN organizations g ON g.org_id = n.buyer_org_id""")
        con.execute(f"""
            INSERT INTO documents
            SELECT 'news-' || k, 'city_news', 'https://news.example.org/' || k, 'news',
                   TIMESTAMP '2026-01-01 02:00:00', strftime(make_date({_pick('k', 15, years)}, 1, 1) + CAST(floor({_uniform('k', 16)} * 365) AS INTEGER), '%Y-%m-%d'),
                   'City news ' || k, 'en', 'text/html', 4000, 'prose', '1.0', 'parsed'
            FROM range({news_docs}) t(k)""")
        con.execute(f"""
            INSERT INTO relationships (relationship_id, vendor_org_id, agency_org_id, vendor_raw, agency_raw, relation, negated,
                                       doc_id, evidence, confidence, method, date, source_url)
            SELECT 'rel-' || r, v.org_id, g.org_id, v.name, g.name, rel, rel = 'denial', 'news-' || (r % {news_docs}),
                   v.name || ' will supply ' || g.name || ' with ' || {projects}[1 + CAST(r % 18 AS INTEGER)] || ', the council said.',
                   0.8, 'pattern', NULL, 'https://news.example.org/' || (r % {news_docs})
            FROM (SELECT r, {relations}[1 + CAST(r % 7 AS INTEGER)] AS rel FROM range({relationships}) t(r)) x
            JOIN organizations v ON v.org_id = 'v' || {_skewed('r', 11, vendors)}
            JOIN organizations g ON g.org_id = 'a' || {_skewed('r', 12, agencies, 2)}""")
        con.execute(f"""
            INSERT INTO amount_mentions (mention_id, doc_id, raw, value, currency, value_usd, fx_rate_date, qualifier, subject,
                                         attributed_to, year, kind, vendor_org_id, agency_org_id, evidence, confidence, source_url)
            SELECT 'amount-' || m, 'news-' || (m % {news_docs}), 'about $' || round(x / 1e6, 1) || ' million', x, 'USD', x, NULL,
                   'about', 'cameras', NULL, NULL, 'contract', NULL, NULL,
                   'The contract is worth about $' || round(x / 1e6, 1) || ' million.', 0.6, 'https://news.example.org/' || (m % {news_docs})
            FROM (SELECT m, round(exp({mean} + {sd} * sqrt(-2 * ln({_uniform('m', 13)})) * cos(2 * pi() * {_uniform('m', 14)}))) AS x
                  FROM range({mentions}) t(m))""")
        con.execute("DROP TABLE gen_notices")
        con.execute("CHECKPOINT")
        count = con.execute("SELECT count(*) FROM awards").fetchone()[0]
    finally:
        con.close()
    if count != awards:
        raise RuntimeError(f"scale benchmark: built {count} awards, wanted {awards}")
    return time.perf_counter() - started


def run(awards: int) -> ScaleFigures:
    with tempfile.TemporaryDirectory(prefix="procwatch-bench-scale-") as tmp:
        path = Path(tmp) / "scale.duckdb"
        build_seconds = build(path, awards)
        figures = ScaleFigures(awards, build_seconds, path.stat().st_size / 1e6)
        for title, sql in example_queries():
            started = time.perf_counter()
            _, rows = run_query(path, sql)  # the analysts' path: read-only connection, locked settings
            figures.queries.append((title, time.perf_counter() - started, len(rows)))
    return figures
