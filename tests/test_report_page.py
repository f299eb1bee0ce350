"""The static report page from a real offline night, opened in headless Chromium."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import pytest

from reports.fonts import cjk_font_dir
from reporting import ROOT, demo_night, headless, png_colours
from warehouse.db import connect


def query(warehouse, sql: str) -> list[tuple]:
    con = connect(warehouse, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    return demo_night(tmp_path_factory)


def test_the_night_writes_the_report_beside_the_extracts_and_says_what_changed(night):
    report = night["out"] / "report.html"
    assert report.is_file() and (night["out"] / "awards.csv").is_file()
    stdout = night["stdout"]
    assert f"report:    {report}" in stdout
    assert "First night" in stdout and re.search(r"New awards: [1-9]\d*", stdout) and re.search(r"New relationships: [1-9]", stdout)
    assert "Sources flagged:" in stdout and "Try next:" in stdout and "procwatch browse" in stdout


def test_rendered_page_shows_every_section_with_sources(night, tmp_path):
    dom = headless((night["out"] / "report.html").as_uri(), tmp_path / "profile")
    page = lxml.html.fromstring(dom)
    headings = [h.text_content() for h in page.iter("h2")]
    for section in ("Top vendors per agency", "Top vendors per buyer country", "Spending by year",
                    "Newest relationships, with their sentences", "Money figures in text, with attribution", "Source health"):
        assert any(h.startswith(section) for h in headings), section
    for section_id in ("top-vendors-agency", "relationships", "amounts"):
        table = page.get_element_by_id(section_id).getnext()
        data_rows = table.findall(".//tr")[1:]
        assert len(data_rows) >= 5, section_id
        for row in data_rows:  # every figure links to the document it comes from, and quotes its evidence
            links = [a.get("href") for a in row.iter("a")]
            assert links and all(urlsplit(href).scheme in ("http", "https") for href in links), lxml.html.tostring(row)[:300]
            assert row.find(".//q") is not None and row.find(".//q").text_content().strip()
    text = page.text_content()
    assert "东莞华为服务有限公司" in text or "华为" in text  # Chinese names as written, beside the canonical ones
    assert "Huawei Technologies" in text
    # the relationships shown are the warehouse's newest sure ones, in its order, each with how sure it is
    expected = query(night["warehouse"], (ROOT / "reports" / "sql" / "newest_relationships.sql").read_text())
    shown = [[td.text_content() for td in tr.findall("td")] for tr in page.get_element_by_id("relationships").getnext().findall(".//tr")[1:]]
    assert [(r[0], r[1], float(r[3])) for r in shown] == [(e[0], e[1], round(e[3], 2)) for e in expected]
    assert expected and all(e[3] >= 0.5 for e in expected)
    health = page.get_element_by_id("source-health").getnext().text_content()
    assert "ccgp_national_award" in health and "news_gdelt_en" in health and "ok" in health


def test_charts_are_inline_svg_with_linked_bars_and_chinese_labels(night):
    page = lxml.html.fromstring((night["out"] / "report.html").read_text(encoding="utf-8"))
    figures = {f.get("id"): f for f in page.iter("figure")}
    assert {"chart-vendors", "chart-years"} <= set(figures)
    vendors = lxml.html.tostring(figures["chart-vendors"], encoding="unicode")
    assert "<svg" in vendors and re.search(r'href="https?://', vendors)  # bars link to their source
    if cjk_font_dir() is None:
        pytest.skip("no CJK font installed (fonts-wqy-zenhei): Chinese labels cannot be checked")
    assert re.search(r"[\u4e00-\u9fff]{4,}", vendors) and ("WenQuanYi" in vendors or "Noto Sans CJK" in vendors)


def test_screenshot_is_a_drawn_page(night, tmp_path):
    shot = tmp_path / "report.png"
    headless((night["out"] / "report.html").as_uri(), tmp_path / "profile", screenshot=shot)
    width, height, colours = png_colours(shot)
    assert (width, height) == (1280, 2000)
    assert colours > 50  # charts, text and table rules, not an empty page


def test_a_second_night_says_nothing_changed(night, tmp_path):
    """The same night again, on a copy: the summary compares with the previous night."""
    import shutil
    import subprocess
    import sys

    from reporting import ROOT

    warehouse = tmp_path / "procwatch.duckdb"
    shutil.copy(night["warehouse"], warehouse)
    shutil.copytree(night["warehouse"].with_name("procwatch-raw"), tmp_path / "procwatch-raw")
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--offline", "--quiet", "--warehouse", str(warehouse),
                           "--out", str(tmp_path / "extracts")], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Since the previous night: documents +0, awards +0, relationships +0, amount_mentions +0." in proc.stdout
    assert "New awards: 0" in proc.stdout and "New relationships: 0" in proc.stdout
    assert (tmp_path / "extracts" / "report.html").is_file()
