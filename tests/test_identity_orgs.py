"""One organisation per real body: name keys, transliteration, identifiers, the curated lookup file,
and the warehouse's merge decisions over real parsed documents in a real DuckDB file."""
from __future__ import annotations

import pytest

from identity_support import ccgp_page, load, warehouse  # noqa: F401
from pipeline.normalise import Normaliser
from pipeline.orgs import Lookups, OrgResolver, latin_key, load_lookups, name_key
from pipeline.parse import parse_document
from pipeline.records import Award, Document, Notice, ParseResult
from warehouse.identity import reconcile
from warehouse.load import load_batch


@pytest.mark.parametrize("a, b", [
    ("Public Security Bureau of Jiexiu", "Jiexiu Public Security Bureau"),
    ("the Public Security Bureau of Aksu Prefecture", "Aksu Prefecture Public Security Bureau"),
    ("Punjab Safe Cities Authority (PSCA)", "Punjab Safe Cities Authority"),
    ("臺北市政府警察局", "台北市政府警察局"),
    ("華為技術有限公司", "华为技术"),
    ("MC ALLEN CITY OF", "Mc Allen City"),
])
def test_spellings_of_one_body_share_a_key(a, b):
    assert name_key(a) == name_key(b)


def test_different_bodies_keep_different_keys():
    assert name_key("Public Security Bureau of Jiexiu") != name_key("Public Security Bureau of Xiaoyi")
    assert name_key("Ministry of Finance") != name_key("Ministry of Interior")


def test_a_chinese_office_and_its_english_rendering_share_a_transliteration():
    assert latin_key("介休市公安局") == latin_key("Jiexiu Public Security Bureau") == "jiexiu public security bureau"
    assert latin_key("孝义市公安局") != latin_key("介休市公安局")
    assert latin_key("江苏新煦光电科技有限公司") is None  # companies are not transliterated: too ambiguous


def test_the_lookup_file_parses_and_a_never_pair_blocks_the_vendor_prefix():
    lookups = load_lookups()
    assert lookups.same and lookups.never
    resolver = OrgResolver()
    assert resolver.resolve("Huawei Pakistan", "vendor").org_id == "huawei"
    assert resolver.resolve("Huawei Marine Networks", "vendor").org_id != "huawei"


PROSE = ("<html><head><title>Dahua wins Jiexiu police contract</title><meta name='date' content='2019-08-20'></head>"
         "<body><article><p>Zhejiang Dahua Technology signed a contract with the Public Security Bureau of Jiexiu to build "
         "the city's video surveillance network, the company said on Tuesday.</p><p>Dahua will also supply cameras to the "
         "Jiexiu Public Security Bureau for its traffic command centre.</p></article></body></html>")


def load_jiexiu(warehouse) -> None:
    """An English article naming the bureau two ways and a Chinese award notice naming it in Chinese."""
    article = Document("https://www.example-news.com/2019/08/dahua-jiexiu", PROSE.encode(), kind="news", source_id="news")
    notice = Document("https://www.ccgp-shanxi.gov.cn/view/2019/08/1.html",
                      ccgp_page("介休市公安局视频监控采购项目中标结果公告", "2019-08-09 10:00", "4865000.00", buyer="介休市公安局"),
                      kind="ccgp_notice", source_id="ccgp_shanxi")
    load(warehouse, article, notice)


def test_merged_organisations_keep_every_spelling_as_aliases(warehouse):
    load_jiexiu(warehouse)
    agencies = {row[0] for row in warehouse.execute(
        "SELECT agency_org_id FROM relationship_details WHERE agency_raw ILIKE '%security bureau%'").fetchall()}
    buyer = warehouse.execute("SELECT agency_org_id FROM award_history").fetchall()
    assert len(agencies) == 1 and buyer == [(agencies.pop(),)]
    canonical = buyer[0][0]
    aliases = {row[0] for row in warehouse.execute("SELECT alias FROM org_aliases WHERE org_id = ?", [canonical]).fetchall()}
    assert {"介休市公安局", "Jiexiu Public Security Bureau", "Public Security Bureau of Jiexiu"} <= aliases
    reasons = {row[0] for row in warehouse.execute("SELECT reason FROM org_matches WHERE matched_org_id = ?", [canonical]).fetchall()}
    assert reasons == {"transliteration"}
    # The README's query shape: every award of an agency under any of its spellings.
    assert warehouse.execute("SELECT count(*) FROM award_history WHERE agency_org_id IN "
                             "(SELECT org_id FROM org_aliases WHERE alias ILIKE '%jiexiu public security%')").fetchone()[0] == 1


def _award_doc(url: str, vendor: str, identifiers: dict[str, str]) -> tuple[Document, ParseResult]:
    award = Award(vendor, None, amount=None, evidence="awards[0].suppliers[0]")
    award.identifiers = identifiers  # the structured parsers' optional field
    notice = Notice(notice_key=url, notice_type="award", buyer_raw="Transport for London", awards=[award])
    return Document(url, url.encode(), kind="ocds", source_id="s"), ParseResult("ocds", "1", notices=[notice])


def _load_rows(con, *pairs) -> None:
    tables = {k: [] for k in ("organizations", "org_aliases", "notices", "awards")}
    for doc, result in pairs:
        rows = Normaliser().rows(doc, result)
        tables["organizations"] += rows.organizations.values()
        tables["org_aliases"] += rows.org_aliases.values()
        tables["notices"] += rows.notices
        tables["awards"] += rows.awards
    load_batch(con, tables)


def test_a_shared_registry_identifier_merges_different_names_and_is_kept(warehouse):
    _load_rows(warehouse,
               _award_doc("https://a.example.gov/1", "Eurovia Infrastructure Ltd", {"GB-COH": "02898713"}),
               _award_doc("https://b.example.gov/2", "Eurovia UK", {"GB-COH": "02898713"}))
    assert warehouse.execute("SELECT count(DISTINCT vendor_org_id) FROM award_history").fetchone()[0] == 1
    assert warehouse.execute("SELECT DISTINCT scheme, identifier FROM org_identifiers").fetchall() == [("GB-COH", "02898713")]
    [(reason, evidence)] = warehouse.execute(
        "SELECT reason, evidence FROM org_matches WHERE decision = 'merged'").fetchall()
    assert reason == "identifier" and evidence == "GB-COH:02898713"


def test_a_gazetteer_identifier_wins_over_the_name():
    org = OrgResolver().resolve("深圳市某通信设备供应商", "vendor", {"CN-USCC": "9144 0300 1922 0382 16"})
    assert org.org_id == "huawei"


def test_the_lookup_file_forces_and_forbids_merges(warehouse):
    _load_rows(warehouse,
               _award_doc("https://a.example.gov/1", "Scotland Yard", {}),
               _award_doc("https://b.example.gov/2", "London Metropolitan Police", {}))
    merged = warehouse.execute("SELECT reason FROM org_matches WHERE decision = 'merged'").fetchall()
    assert merged == [("lookup_same",)]
    # A lookup that forbids the pair splits them again at the next decision, and says why.
    never = Lookups(same=load_lookups().same,
                    never=(frozenset((name_key("Scotland Yard"), name_key("London Metropolitan Police"))),))
    reconcile(warehouse, never)
    assert warehouse.execute("SELECT count(DISTINCT vendor_org_id) FROM award_history").fetchone()[0] == 2
    assert warehouse.execute("SELECT decision FROM org_matches").fetchall() == [("kept_apart",)]


def test_organisations_are_updated_when_the_gazetteer_changes(warehouse):
    doc, result = _award_doc("https://a.example.gov/1", "Eurovia Infrastructure Ltd", {})
    _load_rows(warehouse, (doc, result))
    org_id = warehouse.execute("SELECT vendor_org_id FROM awards").fetchone()[0]
    row = {"org_id": org_id, "name": "Eurovia Infrastructure Limited", "kind": "vendor", "country": "GB"}
    load_batch(warehouse, {"organizations": [row]})
    assert warehouse.execute("SELECT name, country FROM organizations WHERE org_id = ?", [org_id]).fetchone() == (
        "Eurovia Infrastructure Limited", "GB")


def test_a_prose_document_parsed_twice_changes_nothing(warehouse):
    article = Document("https://www.example-news.com/2019/08/dahua-jiexiu", PROSE.encode(), kind="news", source_id="news")
    assert parse_document(article).relationships
    load(warehouse, article)
    before = warehouse.execute("SELECT * FROM org_matches ORDER BY ALL").fetchall(), \
        warehouse.execute("SELECT * FROM org_aliases ORDER BY ALL").fetchall()
    load(warehouse, article)
    after = warehouse.execute("SELECT * FROM org_matches ORDER BY ALL").fetchall(), \
        warehouse.execute("SELECT * FROM org_aliases ORDER BY ALL").fetchall()
    assert before == after


def test_ids_local_to_one_notice_never_merge_bodies(warehouse):
    # eForms numbers the organisations of each notice ORG-0001, ORG-0002, ...: the same id, two bodies.
    _load_rows(warehouse,
               _award_doc("https://ted.europa.eu/notice/1", "Hegeman Bouw & Infra B.V.", {"EFORMS-ORG": "ORG-0001"}),
               _award_doc("https://ted.europa.eu/notice/2", "Tauron Sprzedaż Sp. z o.o.", {"EFORMS-ORG": "ORG-0001"}))
    assert warehouse.execute("SELECT count(DISTINCT vendor_org_id) FROM award_history").fetchone()[0] == 2
    assert warehouse.execute("SELECT count(*) FROM org_identifiers WHERE identifier = 'ORG-0001'").fetchone()[0] == 2


def test_every_merge_decision_is_listed_with_its_reason(warehouse):
    load_jiexiu(warehouse)
    rows = warehouse.execute("SELECT level, merged, reason FROM org_merge_decisions WHERE merged ILIKE '%jiexiu%' "
                             "OR merged LIKE '%介休%' ORDER BY ALL").fetchall()
    levels = {(level, reason) for level, _, reason in rows}
    assert ("organisation", "transliteration") in levels
    assert ("spelling", "name_key") in levels  # "Public Security Bureau of Jiexiu" beside "Jiexiu Public Security Bureau"


def test_near_identical_names_merge_and_numbered_branches_do_not(warehouse):
    _load_rows(warehouse,
               _award_doc("https://a.example.gov/1", "Zhejiang Uniview Technologies Co., Ltd.", {}),
               _award_doc("https://b.example.gov/2", "Zhejiang Uniview Technology Co. Ltd", {}),
               _award_doc("https://c.example.gov/3", "Guangzhou No. 3 Construction Engineering Co.", {}),
               _award_doc("https://d.example.gov/4", "Guangzhou No. 5 Construction Engineering Co.", {}))
    merged = warehouse.execute("SELECT reason, evidence FROM org_matches WHERE decision = 'merged'").fetchall()
    assert [reason for reason, _ in merged] == ["fuzzy_name"] and "Uniview" in merged[0][1]
    assert warehouse.execute("SELECT count(DISTINCT vendor_org_id) FROM award_history").fetchone()[0] == 3
