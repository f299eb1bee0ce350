"""One award, one row: real parsers, the real normaliser and a real DuckDB warehouse.

The notices are written for these tests and carry the facts of real public notices (a Guizhou
solar street-light award on the national and a provincial portal; a Bogotá OCDS award).
"""
from __future__ import annotations

import json
from decimal import Decimal

from identity_support import AWARD_TITLE, BUYER, CANDIDATE_TITLE, VENDOR, ccgp_page, load, ocds_release, warehouse  # noqa: F401
from pipeline.records import Document

def counted(con) -> list[tuple]:
    return con.execute("SELECT vendor, agency, awards, total_usd FROM vendor_agency_totals").fetchall()


def test_the_same_award_from_two_portals_counts_once(warehouse):
    national = Document("https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202506/t20250627_1.htm",
                        ccgp_page(AWARD_TITLE, "2025-06-27 17:20", "569800.00"), kind="ccgp_notice", source_id="ccgp_national_award")
    provincial = Document("https://www.ccgp-guizhou.gov.cn/view/2025/06/27/1.html",
                          ccgp_page(AWARD_TITLE, "2025-06-27 17:20", "569800.00", note="<p>（贵州省政府采购网转载）</p>"),
                          kind="ccgp_notice", source_id="ccgp_guizhou")
    assert national.doc_id != provincial.doc_id
    load(warehouse, national)
    load(warehouse, provincial)
    assert warehouse.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    assert warehouse.execute("SELECT count(*) FROM notices").fetchone()[0] == 1
    assert warehouse.execute("SELECT count(*) FROM notice_documents").fetchone()[0] == 2
    [(vendor, agency, awards, usd)] = counted(warehouse)
    assert (vendor, agency, awards) == (VENDOR, BUYER, 1)
    assert Decimal("70000") < usd < Decimal("90000")  # 569,800 CNY once, not twice


def test_a_candidate_notice_then_the_award_notice_gives_one_active_award(warehouse):
    candidate = Document("https://www.ccgp-guizhou.gov.cn/view/2025/06/20/1.html",
                         ccgp_page(CANDIDATE_TITLE, "2025-06-20 09:00", "569800.00"), kind="ccgp_notice", source_id="ccgp_guizhou")
    load(warehouse, candidate)
    assert warehouse.execute("SELECT award_status FROM awards").fetchall() == [("candidate",)]
    assert counted(warehouse) == []  # a candidate is never an award
    award = Document("https://www.ccgp-guizhou.gov.cn/view/2025/06/27/1.html",
                     ccgp_page(AWARD_TITLE, "2025-06-27 17:20", "569800.00"), kind="ccgp_notice", source_id="ccgp_guizhou")
    load(warehouse, award)
    statuses = warehouse.execute("SELECT award_status FROM awards ORDER BY published_at").fetchall()
    assert statuses == [("candidate",), ("active",)]
    assert [row[2] for row in counted(warehouse)] == [1]
    assert warehouse.execute("SELECT count(*) FROM award_details").fetchone()[0] == 1


def test_a_later_release_corrects_the_amount(warehouse):
    first = Document("https://www.colombiacompra.gov.co/ocds/1.json", ocds_release("r1", "2016-07-19T00:00:00Z", 6000000, "award"),
                     kind="ocds", source_id="ocds_colombia")
    correction = Document("https://www.colombiacompra.gov.co/ocds/2.json",
                          ocds_release("r2", "2016-08-01T00:00:00Z", 2605500, "awardUpdate"), kind="ocds", source_id="ocds_colombia")
    load(warehouse, first)
    load(warehouse, correction)
    rows = warehouse.execute("SELECT amount, award_status FROM awards ORDER BY date").fetchall()
    assert rows == [(Decimal("6000000"), "superseded"), (Decimal("2605500"), "active")]
    [(amount, usd, source)] = warehouse.execute("SELECT amount, amount_usd, fx_source FROM award_details").fetchall()
    assert amount == Decimal("2605500") and source == "wb_annual" and usd is not None
    # Loading the first release again changes nothing: the correction stays current.
    load(warehouse, first)
    assert warehouse.execute("SELECT amount FROM award_details").fetchall() == [(Decimal("2605500"),)]


def test_status_other_than_awarded_is_not_counted(warehouse):
    release = json.loads(ocds_release("r1", "2016-07-19T00:00:00Z", 6000000, "award"))
    release["releases"][0]["awards"][0]["status"] = "pending"
    load(warehouse, Document("https://www.colombiacompra.gov.co/ocds/p.json", json.dumps(release).encode(), kind="ocds",
                             source_id="ocds_colombia"))
    assert warehouse.execute("SELECT award_status FROM awards").fetchall() == [("pending",)]
    assert counted(warehouse) == []


def test_the_procedure_timeline_links_candidate_and_award_notices(warehouse):
    for day, title in (("2025-06-20 09:00", CANDIDATE_TITLE), ("2025-06-27 17:20", AWARD_TITLE)):
        load(warehouse, Document(f"https://www.ccgp-guizhou.gov.cn/view/{day[:10]}.html", ccgp_page(title, day, "569800.00"),
                                 kind="ccgp_notice", source_id="ccgp_guizhou"))
    timeline = warehouse.execute("SELECT procedure_key, award_statuses, counted_usd IS NOT NULL FROM procedure_timeline "
                                 "ORDER BY published_at").fetchall()
    assert len({key for key, _, _ in timeline}) == 1
    assert [(statuses, counted) for _, statuses, counted in timeline] == [("candidate", False), ("active", True)]


def test_award_notices_for_different_winners_of_unnamed_lots_both_count(warehouse):
    first = ccgp_page(AWARD_TITLE, "2025-06-27 17:20", "569800.00")
    second = ccgp_page(AWARD_TITLE, "2025-07-03 10:00", "318000.00").replace(VENDOR.encode(), "贵州黔程光电科技有限公司".encode())
    load(warehouse, Document("https://www.ccgp-guizhou.gov.cn/view/2025/06/27/1.html", first, kind="ccgp_notice", source_id="gz"))
    load(warehouse, Document("https://www.ccgp-guizhou.gov.cn/view/2025/07/03/2.html", second, kind="ccgp_notice", source_id="gz"))
    assert warehouse.execute("SELECT award_status FROM awards").fetchall() == [("active",), ("active",)]
