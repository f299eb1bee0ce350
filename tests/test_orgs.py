"""One organisation per real-world body, whatever the spelling."""
from __future__ import annotations

from pipeline.fx import parse_partial_date, to_usd
from pipeline.orgs import OrgResolver, name_key


def test_spellings_of_one_vendor_resolve_to_one_org():
    resolver = OrgResolver()
    ids = {resolver.resolve(n, "vendor").org_id for n in
           ("华为技术有限公司", "Huawei Technologies Co., Ltd.", "HUAWEI", "Huawei Technologies Co. Ltd", "华为")}
    assert len(ids) == 1
    org = resolver.resolve("HUAWEI", "vendor")
    assert org.name_zh == "华为技术有限公司" and org.known


def test_possessives_and_units_resolve_to_the_parent():
    resolver = OrgResolver()
    assert resolver.resolve("Huawei's Czech unit", "vendor").org_id == resolver.resolve("Huawei", "vendor").org_id


def test_unknown_names_meet_across_punctuation_and_legal_suffixes():
    resolver = OrgResolver()
    a = resolver.resolve("RIELCO LTDA", "vendor")
    b = resolver.resolve("Rielco Ltda.", "vendor")
    assert a.org_id == b.org_id and not a.known
    assert name_key("江苏新煦光电科技有限公司") == name_key("江苏新煦光电科技股份有限公司")
    assert resolver.resolve("容县征地服务中心", "agency").org_id != resolver.resolve("容县财政局", "agency").org_id


def test_usd_at_the_rate_of_the_date():
    usd, rate_date = to_usd(569800, "CNY", "2025-06-27")
    assert rate_date == "2025-06-27" and 70000 < usd < 90000
    assert to_usd(100, "USD", None) == (100.0, None)
    assert to_usd(326600, "XAF", "2013-10-29") == (None, None)  # in no shipped table: no guess
    assert to_usd(326600, "TWD", "2013-10-29") == (11004.04, "2013-07-01")  # the Federal Reserve's 2013 average
    assert parse_partial_date("2009-03").isoformat() == "2009-03-01"


def test_generic_bodies_stay_apart_across_documents():
    from pipeline.normalise import Normaliser
    from pipeline.records import Document, ParseResult, Relationship

    def rows(url):
        result = ParseResult(parser="prose", parser_version="1", relationships=[
            Relationship("Axon", "the city", "contract", "The city signed with Axon.", 0.8, "test")])
        return Normaliser().rows(Document(url=url, body=url.encode()), result)

    a = rows("https://www.wilmingtonde.gov/news/1").relationships[0]
    b = rows("https://www.blainemn.gov/agenda/2").relationships[0]
    assert a["vendor_org_id"] == b["vendor_org_id"]  # the same vendor
    assert a["agency_org_id"] != b["agency_org_id"]  # two different cities
