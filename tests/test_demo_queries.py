"""The README's example queries, run on the demo night: each returns meaningful rows with their sources."""
from __future__ import annotations

import re

import pytest

from warehouse.query import run_query
from reporting import ROOT, demo_night


def readme_queries() -> list[str]:
    block = re.search(r"## Example queries for analysts.*?```sql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    return [q.strip() for q in re.split(r";\s*\n", block) if q.strip()]


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    warehouse = demo_night(tmp_path_factory)["warehouse"]
    return [dict(zip(("columns", "rows"), run_query(warehouse, q))) for q in readme_queries()]


def _table(answer) -> list[dict]:
    return [dict(zip(answer["columns"], row)) for row in answer["rows"]]


def test_the_readme_has_five_queries():
    assert len(readme_queries()) == 5


def test_who_sells_to_whom(answers):
    rows = _table(answers[0])
    assert len(rows) >= 10 and all(r["vendor"] and r["agency"] for r in rows)
    assert rows[0]["usd"] and rows[0]["usd"] >= rows[-1]["usd"]


def test_spending_by_agency_and_year(answers):
    rows = _table(answers[1])
    assert len(rows) >= 3 and all(r["year"] and r["usd"] for r in rows)


def test_surveillance_awards_carry_their_evidence(answers):
    rows = _table(answers[2])
    assert len(rows) >= 4 and all(r["evidence"] and r["source_url"] for r in rows)
    vendors = {r["vendor"] for r in rows}
    assert any(v.startswith("Motorola") for v in vendors)  # body-worn video for a police force
    assert "遵义市" in {r["agency"] for r in rows}  # the city alarm and surveillance platform


def test_everything_huawei_won_under_any_spelling(answers):
    rows = _table(answers[3])
    assert len(rows) >= 2  # Huawei Technologies and Huawei Marine, one consortium, one buyer
    assert {r["agency"] for r in rows} >= {"东莞市政务服务数据管理局"}
    assert any("2741280000" in r["evidence"] or r["amount"] == 2741280000 for r in rows)
    assert all(r["source_url"].startswith("https://") for r in rows)


def test_newest_relationships_with_the_sentence(answers):
    rows = _table(answers[4])
    assert len(rows) == 20 and all(r["evidence"] and r["source_url"] for r in rows)
