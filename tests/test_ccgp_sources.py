"""The shipped Chinese procurement sources, crawled for real from their replay archives, then parsed.

Each source is crawled twice by `python -m spiders.crawl` (the real spiders, the real sources/*.toml)
against a real HTTP replay server on 127.0.0.1: the first crawl must fetch every listed notice, the
second none (incremental). Every stored document is then parsed and its awards or budget checked.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipeline.parse import parse_document
from pipeline.records import Document
from spiders.rawstore import RawStore
from spiders.replay import Archive, ReplayServer
from crawling import crawl_shipped_source

SOURCES = ("ccgp_national_award", "ccgp_xinjiang", "ccgp_national_tender")




def _parsed(work: Path, source_id: str) -> dict:
    """url -> the one notice parsed from each stored document of the source."""
    store = RawStore(work / "raw")
    try:
        notices = {}
        for fetch in store.fetches(source_ids=[source_id]):
            doc = Document(url=fetch.url, body=store.read(fetch.sha256), kind=fetch.kind, content_type=fetch.content_type,
                           declared_encoding=fetch.declared_encoding, source_id=fetch.source_id)
            result = parse_document(doc)
            assert len(result.notices) == 1, fetch.url
            notices[fetch.url] = result.notices[0]
        return notices
    finally:
        store.close()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """source id -> (first report, second report, parsed notices by url)."""
    out = {}
    with ReplayServer(Archive.for_sources(list(SOURCES))) as server:
        for source_id in SOURCES:
            work = tmp_path_factory.mktemp(source_id)
            first = crawl_shipped_source(work, source_id, server.url, "first.json")
            second = crawl_shipped_source(work, source_id, server.url, "second.json")
            out[source_id] = (first, second, _parsed(work, source_id))
    return out


def _awards(notice) -> list[tuple]:
    return [(a.vendor_raw, a.agency_raw, a.amount, a.currency, a.lot) for a in notice.awards]


def _complete_then_incremental(first: dict, second: dict, listing_pages: int, listed: int) -> None:
    assert first["errors"] == [] and first["stopped_early"] is False
    assert first["listing_pages"] == listing_pages
    assert first["expected_total"] == first["items_listed"] == listed
    assert first["documents_fetched"] == first["documents_stored"] == listed
    # Second night: the newest page holds only known notices, so paging stops there and nothing is fetched.
    assert second["documents_fetched"] == 0
    assert second["stopped_at_known"] is True and second["listing_pages"] == 1
    assert second["skipped_known"] == second["items_listed"] > 0
    assert second["requests"] < first["requests"]


# -- national portal, award notices (HTML listing -> detail pages) ------------------------------------
def test_national_award_crawl_and_awards(crawls):
    first, second, notices = crawls["ccgp_national_award"]
    _complete_then_incremental(first, second, listing_pages=4, listed=9)
    by_url = {url.rsplit("/", 1)[-1]: n for url, n in notices.items()}
    assert {"t20250627_24860512.htm", "t20210601_16071853.htm", "t20180912_10660342.htm",
            "t20120507_2185326.htm", "t20220802_18313355.htm", "t20190917_12905311.htm"} <= set(by_url)
    assert _awards(by_url["t20250627_24860512.htm"]) == [
        ("江苏新煦光电科技有限公司", "清镇市麦格苗族布依族乡人民政府", Decimal("569800"), "CNY", "1")]
    assert _awards(by_url["t20210601_16071853.htm"]) == [  # served as GBK
        ("广西容县建筑工程总公司", "容县征地服务中心", Decimal("1444851.19"), "CNY", "1")]
    assert _awards(by_url["t20180912_10660342.htm"]) == [  # summary says 详见公告正文: the body holds the award
        ("北京中电兴发科技有限公司", "赫章县融源信息技术有限公司", Decimal("667000000"), "CNY", None)]
    zunyi = by_url["t20120507_2185326.htm"]
    assert _awards(zunyi) == [("北京航天长峰科技工业集团有限公司", "遵义市", Decimal("586000000"), "CNY", None),
                              ("大唐电信科技产业控股有限公司", "遵义市", None, None, None)]
    assert zunyi.agent_raw == "国信招标集团股份有限公司"
    # A winner replaced after a challenge is a change notice, never a second award.
    changed = by_url["t20220802_18313355.htm"]
    assert (changed.notice_type, changed.buyer_raw, changed.published_at) == ("modification", "山东省公安厅", "2022-08-02")
    assert _awards(by_url["t20190917_12905311.htm"]) == [  # a consortium: the amount is the lead's
        ("华为技术有限公司", "东莞市政务服务数据管理局", Decimal("2741280000"), "CNY", None),
        ("华为海洋网络有限公司", "东莞市政务服务数据管理局", None, None, None)]


# -- Xinjiang zcy-platform portal (POST JSON search -> detail JSON API) ------------------------------
XJ_DETAIL = "https://www.ccgp-xinjiang.gov.cn/portal/detail?articleId="


def test_xinjiang_crawl_and_awards(crawls):
    first, second, notices = crawls["ccgp_xinjiang"]
    _complete_then_incremental(first, second, listing_pages=1, listed=2)  # one result page; the total says there is no second
    by_id = {unquote(url.removeprefix(XJ_DETAIL)): n for url, n in notices.items()}  # ids may be %-encoded
    assert set(by_id) == {"Qz5tLmW0aRk2VhYc7NdXpA==", "Rx2gHq8VbWc4NtKp6LsDyA=="}

    streetlights = by_id["Qz5tLmW0aRk2VhYc7NdXpA=="]
    assert (streetlights.notice_type, streetlights.project_code, streetlights.published_at, streetlights.region) == (
        "award", "LKZX2025-CG013", "2025-06-27", "清镇市")
    assert streetlights.agent_raw == "贵州励柯工程咨询有限公司"
    assert _awards(streetlights) == [
        ("江苏新煦光电科技有限公司", "清镇市麦格苗族布依族乡人民政府", Decimal("569800"), "CNY", "1")]  # not the 8200 fee

    road = by_id["Rx2gHq8VbWc4NtKp6LsDyA=="]
    assert road.project_code == "YLZC2021-J2-210518-GXYY" and road.published_at == "2021-06-01"
    assert _awards(road) == [("广西容县建筑工程总公司", "容县征地服务中心", Decimal("1444851.19"), "CNY", "1")]


# -- national portal, tender notices: a budget, never an award ----------------------------------------
def test_national_tender_crawl_and_budgets(crawls):
    first, second, notices = crawls["ccgp_national_tender"]
    _complete_then_incremental(first, second, listing_pages=1, listed=2)
    by_url = {url.rsplit("/", 1)[-1]: n for url, n in notices.items()}
    assert set(by_url) == {"t20220629_18117264.htm", "t20220621_18063915.htm"}
    for notice in by_url.values():
        assert notice.notice_type == "tender" and notice.awards == []
        assert notice.budget_currency == "CNY"

    three_lots = by_url["t20220629_18117264.htm"]  # 预算金额 6432万元; lot ceilings 2558/2515/1359万元
    assert (three_lots.buyer_raw, three_lots.budget, three_lots.published_at, three_lots.region) == (
        "连云港市公安局海州分局", Decimal("64320000"), "2022-06-29", "江苏省")

    rental = by_url["t20220621_18063915.htm"]  # 预算金额 = 最高限价 = 13519万元
    assert (rental.buyer_raw, rental.budget, rental.published_at) == ("重庆市武隆区公安局", Decimal("135190000"), "2022-06-21")
