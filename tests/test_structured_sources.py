"""OCDS (links.next), TED and USAspending (POST search) and FPDS (ATOM pages), crawled for real from their replay archives."""
from __future__ import annotations

import copy

import pytest

from pipeline.parse import parse_document
from pipeline.records import Document
from spiders.rawstore import RawStore
from spiders.replay import Archive, ReplayServer
from crawling import crawl_shipped_source

SOURCES = ("ocds_colombia", "ted_can", "usaspending_awards", "fpds_atom")


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    out = {}
    with ReplayServer(Archive.for_sources(list(SOURCES))) as server:
        for source_id in SOURCES:
            work = tmp_path_factory.mktemp(source_id)
            first = crawl_shipped_source(work, source_id, server.url, "first.json")
            second = crawl_shipped_source(work, source_id, server.url, "second.json")
            store = RawStore(work / "raw")
            awards = []
            for fetch in store.fetches(source_ids=[source_id]):
                doc = Document(url=fetch.url, body=store.read(fetch.sha256), kind=fetch.kind, source_id=source_id)
                for notice in parse_document(doc).notices:
                    awards += [(a.vendor_raw, notice.buyer_raw or a.agency_raw, a.amount, a.currency) for a in notice.awards]
            store.close()
            out[source_id] = (first, second, awards)
    return out


@pytest.mark.parametrize("source_id", SOURCES)
def test_first_crawl_is_complete_and_yields_awards(crawls, source_id):
    first, _, awards = crawls[source_id]
    assert first["errors"] == [] and first["stopped_early"] is False
    assert first["documents_fetched"] >= 2
    if first["expected_total"] is not None:
        assert first["items_listed"] == first["expected_total"]
    priced = [a for a in awards if a[0] and a[1] and a[2] is not None and a[3]]
    assert priced, f"{source_id}: no award with vendor, buyer, amount and currency"


def test_links_next_pages_are_followed(crawls):
    first, _, awards = crawls["ocds_colombia"]
    assert first["listing_pages"] == 2
    assert any(vendor.upper().startswith("RIELCO") for vendor, *_ in awards)


def test_post_search_details_are_fetched_once(crawls):
    for source_id in ("ted_can", "usaspending_awards"):
        first, second, _ = crawls[source_id]
        assert first["documents_fetched"] == first["items_listed"]
        assert second["documents_fetched"] == 0  # every detail already held
        assert second["skipped_known"] == first["items_listed"]


def test_unchanged_pages_are_not_stored_again(crawls):
    for source_id in ("ocds_colombia", "fpds_atom"):
        first, second, _ = crawls[source_id]
        assert second["documents_new"] == 0
        assert second["documents_unchanged"] >= 1


def test_since_until_bound_the_search_payload(tmp_path):
    from spiders.base import PostSearchSpider
    from spiders.registry import get_source

    shipped = copy.deepcopy(get_source("usaspending_awards").options["payload"])
    spider = PostSearchSpider(get_source("usaspending_awards"), raw_dir=str(tmp_path), since="2015-01-01", until="2015-12-31")
    payload = spider.payload(3)
    assert payload["page"] == 3
    assert payload["filters"]["time_period"] == [{"start_date": "2015-01-01", "end_date": "2015-12-31"}]
    assert get_source("usaspending_awards").options["payload"] == shipped  # the run's window never leaks into the source
