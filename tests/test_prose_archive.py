"""The newsroom and news-site replay archives: real crawls through the replay server, then the prose parser."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parsers import prose
from pipeline.records import Document
from spiders.registry import load_sources
from spiders.replay import Archive, ReplayServer

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive"
SOURCES = ("newsroom_huawei", "newsroom_hikvision", "newsroom_dahua", "newsroom_zte", "news_irrawaddy")


def _page(source_id: str, file: str):
    for line in open(ARCHIVE / source_id / "responses.jsonl", encoding="utf-8"):
        entry = json.loads(line)
        if entry["file"] == file:
            body = (ARCHIVE / source_id / file).read_bytes()
            return prose.parse(Document(url=entry["url"], body=body, kind="press_release",
                                        content_type=entry["headers"]["Content-Type"], source_id=source_id))
    raise AssertionError(f"{file} not archived for {source_id}")


def _pairs(result) -> set[tuple[str, str]]:
    return {(r.vendor_raw, r.agency_raw) for r in result.relationships if r.confidence >= 0.5 and not r.negated}


def test_sources_are_registered_with_their_kinds():
    sources = {s.id: s for s in load_sources(only=list(SOURCES))}
    assert {s.kind for s in sources.values()} == {"press_release", "news"}
    assert sources["news_irrawaddy"].kind == "news"
    assert sources["newsroom_huawei"].options["feed_urls"] == ["https://www.huawei.com/en/rss-feeds/huawei-news/rss"]


@pytest.mark.parametrize("source_id", SOURCES)
def test_replay_crawl_stores_every_article(tmp_path, source_id):
    with ReplayServer(Archive.for_sources([source_id])) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "spiders.crawl", "--source", source_id, "--raw", str(tmp_path / "raw"),
             "--report", str(tmp_path / "report.json"), "--replay-url", server.url],
            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "report.json").read_text())
    articles = [json.loads(l)["file"] for l in open(ARCHIVE / source_id / "responses.jsonl")
                if json.loads(l)["file"].endswith(".html") and "listing" not in json.loads(l)["file"]]
    assert report["errors"] == [] and report["documents_stored"] == len(articles) >= 1


def test_huawei_releases():
    punjab = _page("newsroom_huawei", "hw_punjab_safe_city.html")
    assert punjab.published_at == "2016-05-20"
    assert ("Huawei Pakistan", "Punjab Safe Cities Authority") in _pairs(punjab)  # without its short name
    xinjiang = _page("newsroom_huawei", "hw_xinjiang_public_safety_cloud.html")
    # the headline's "support police in Xinjiang" names the region's police as a whole
    assert _pairs(xinjiang) == {("Huawei", "Karamay Police Department"), ("Huawei", "Public Security Bureau of Aksu Prefecture"),
                                ("Huawei", "Public Security Bureau of Urumqi"), ("Huawei", "Xinjiang police")}


def test_page_furniture_is_dropped_from_every_archived_article():
    pages = [("newsroom_huawei", "hw_punjab_safe_city.html"), ("newsroom_hikvision", "hk_chongqing_adjustment.html"),
             ("newsroom_dahua", "dh_jiexiu_smart_city.html"), ("newsroom_zte", "zte_venezuela_id_card.html"),
             ("news_irrawaddy", "ir_mandalay_safe_city.html")]
    for source_id, file in pages:
        result = _page(source_id, file)
        for phrase in ("cookies", "Related", "Subscribe", "newsletter", "Share on", "Privacy Policy", "Leave a Reply",
                       "donation", "All rights reserved"):
            assert phrase.lower() not in result.text.lower(), (file, phrase)


def test_figures_in_the_newsroom_articles():
    hikvision = _page("newsroom_hikvision", "hk_chongqing_adjustment.html")
    assert hikvision.published_at == "2013-01-23"
    assert {(m.value, m.currency) for m in hikvision.amounts if m.confidence >= 0.5} == {(Decimal("7700000000"), "CNY")}
    dahua = _page("newsroom_dahua", "dh_jiexiu_smart_city.html")
    assert {(m.value, m.currency) for m in dahua.amounts if m.confidence >= 0.5} == {(Decimal("9000000"), "USD")}
    assert any(a == "Public Security Bureau of Jiexiu" for _, a in _pairs(dahua))
    zte = _page("newsroom_zte", "zte_venezuela_id_card.html")
    assert _pairs(zte) == {("ZTE Corporation", "Venezuelan government")}  # as the deal names it
    irrawaddy = _page("news_irrawaddy", "ir_mandalay_safe_city.html")
    assert irrawaddy.published_at == "2020-01-16"
    assert _pairs(irrawaddy) == {("Huawei", "Mandalay regional government")}
    [kyats] = irrawaddy.amounts
    assert (kyats.value, kyats.currency, kyats.kind) == (Decimal("1900000000"), "MMK", "estimate")
