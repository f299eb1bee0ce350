"""OCDS parser on the real corpus releases: gold vendors, buyers, amounts, currencies, dates; traps; bad input."""
from __future__ import annotations

import copy
import csv
import json
import time
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.parse import detect_kind
from pipeline.parsers import ocds
from pipeline.records import Document, ParseError
from corpus_gold import CORPUS, assert_gold_dates, assert_gold_fields, corpus_rows, parse_corpus_file

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "spiders" / "archive" / "ocds_colombia"
KIND = "ocds"
# The Lutsk gold dates the award decision while every other OCDS gold (Kyiv, Moldova, Bogotá) dates
# the contract signature; the parser follows the majority rule (contract dateSigned first).
DATE_CONFLICTS = {"ocds_ua_lutsk_municipal_police.json"}


def parse_row(row: dict):
    return parse_corpus_file(ocds, row["file"], KIND)


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_gold_vendors_buyers_amounts_currency(row):
    assert_gold_fields(row, parse_row(row))


@pytest.mark.parametrize("row", corpus_rows(KIND, DATE_CONFLICTS))
def test_gold_dates(row):
    assert_gold_dates(row, parse_row(row))


@pytest.mark.parametrize("row", corpus_rows(KIND))
def test_sniffed_as_ocds(row):
    path = CORPUS / row["file"]
    doc = Document(url=path.as_uri(), body=path.read_bytes())
    assert ocds.sniff(doc)
    assert detect_kind(doc) == KIND


def _corpus_json(name: str) -> dict:
    path = CORPUS / name
    if not path.exists():
        pytest.skip("corpus ../shared/corpus not present")
    return json.loads(path.read_text(encoding="utf-8"))


def _parse_json(data) -> list:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return ocds.parse(Document(url="memory:", body=body, kind=KIND)).notices


def test_unsuccessful_awards_are_not_winners():
    notices = _parse_json(_corpus_json("ocds_ua_lutsk_municipal_police.json"))
    vendors = [a.vendor_raw for n in notices for a in n.awards]
    assert vendors == ["Туристично-комерційне товариство з обмеженою відповідальністю  “СХІД”"]  # double space kept
    assert not any("Журавк" in v for v in vendors)
    notices = _parse_json(_corpus_json("ocds_ua_kyiv_military_college_coffee.json"))
    assert [a.vendor_raw for n in notices for a in n.awards] == ["Фізична особа підприємець Ващилко Олександр Петрович"]
    assert notices[0].budget == Decimal("8300.0") and notices[0].awards[0].amount == Decimal("8154.0")


def test_repeated_awards_and_contracts_count_once():
    notices = _parse_json(_corpus_json("ocds_co_bogota_hacienda_rielco.json"))
    awards = notices[0].awards
    assert sorted(a.amount for a in awards) == [Decimal("2605500.0"), Decimal("6000000.0")]
    assert sum(a.amount for a in awards) == notices[0].budget == Decimal("8605500.0")
    assert {a.date for a in awards} == {"2016-07-19"}


def test_procuring_entity_is_not_the_buyer():
    notice = _parse_json(_corpus_json("ocds_ca_montreal_police_rampart.json"))[0]
    assert notice.buyer_raw == "Police"
    notice = _parse_json(_corpus_json("ocds_mx_jalisco_sepaf_coformex_award.json"))[0]
    assert "DIR.GRAL. DE ABASTECEMIENTOS" not in notice.buyer_raw
    assert [a.vendor_raw for a in notice.awards] == ["COFORMEX, S.A. DE C.V."]  # MOVA is only a tenderer


def test_lowercase_currency_and_contract_date():
    notice = _parse_json(_corpus_json("ocds_md_ministry_imoproiect.json"))[0]
    award = notice.awards[0]
    assert (award.amount, award.currency, award.date) == (Decimal("1040000"), "MDL", "2017-04-11")
    assert notice.published_at == "2017-03-07"
    assert "contracts[0].dateSigned=2017-04-11" in award.evidence


def test_taiwan_shape():
    notice = _parse_json(_corpus_json("ocds_tw_nantou_school_puluo.json"))[0]
    assert notice.buyer_raw == "南投縣魚池鄉五城國民小學"
    award = notice.awards[0]
    assert (award.vendor_raw, award.amount, award.currency, award.date) == ("普羅文化股份有限公司", Decimal("326600"), "TWD", "2013-10-29")


def test_package_and_record_package_shapes_agree_with_the_single_release():
    release = _corpus_json("ocds_md_imsp_two_suppliers.json")
    single = _parse_json(release)
    package = _parse_json({"uri": "memory:", "publisher": {"name": "MTender"}, "releases": [copy.deepcopy(release)]})
    record = _parse_json({"publisher": {"name": "MTender"},
                          "records": [{"ocid": release["ocid"], "compiledRelease": copy.deepcopy(release)}]})
    embedded = _parse_json({"publisher": {"name": "MTender"}, "records": [{"ocid": release["ocid"], "releases": [release]}]})
    expected = [(a.vendor_raw, a.amount, a.currency, a.date) for a in single[0].awards]
    assert expected == [("MOLDAN-SERVICE S.R.L.", Decimal("144708"), "MDL", "2017-03-30"),
                        ("Î.C.S. EYECON MEDICAL S.R.L.", Decimal("53922"), "MDL", "2017-03-30")]
    for notices in (package, record, embedded):
        assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in notices[0].awards] == expected


def test_replay_archive_pages():
    if not (ARCHIVE / "releases_page1.json").exists():
        pytest.skip("replay archive not present")
    page1 = ocds.parse(Document(url="memory:", body=(ARCHIVE / "releases_page1.json").read_bytes(), kind=KIND))
    assert [(a.vendor_raw, a.amount) for n in page1.notices for a in n.awards] == [
        ("RIELCO LTDA", Decimal("6000000.0")), ("RIELCO LTDA", Decimal("2605500.0")),
        ("MARTHA ZULENY TORRES BEJARANO", Decimal("2307457.0"))]
    page2 = ocds.parse(Document(url="memory:", body=(ARCHIVE / "releases_page2.json").read_bytes(), kind=KIND))
    assert page2.notices[0].awards == [] and page2.notices[0].notice_type == "other"


@pytest.mark.parametrize("body", [
    b"",
    b"   \n",
    b'{"ocid": "ocds-x-1", "awards": [{"id": "1", "value": {"amount": 10',
    b'{"releases": [',
    bytes(range(256)) * 8,
    b"[" * 100000,
    b'{"publisher": {"name": "x"}, "data": {"rows": 3}}',
    b"<html><body>not json</body></html>",
])
def test_bad_input_raises_parse_error_quickly(body):
    start = time.perf_counter()
    with pytest.raises(ParseError):
        ocds.parse(Document(url="memory:", body=body, kind=KIND))
    assert time.perf_counter() - start < 1.0


def test_empty_last_page_is_not_a_failure():
    result = ocds.parse(Document(url="memory:", body=b'{"publisher": {"name": "x"}, "releases": [], "links": {}}', kind=KIND))
    assert result.notices == []


def test_placeholder_amounts_are_dropped():
    notices = _parse_json({"ocid": "ocds-x-1", "id": "1", "date": "2021-01-01", "buyer": {"name": "Buyer"},
                           "awards": [{"id": "a", "status": "active", "value": {"amount": "", "currency": "gbp"},
                                       "suppliers": [{"name": "Supplier Ltd"}]}]})
    award = notices[0].awards[0]
    assert award.amount is None and award.vendor_raw == "Supplier Ltd"
    body = b'{"ocid": "ocds-x-2", "awards": [{"id": "a", "value": {"amount": 1e9999, "currency": "GBP"}, "suppliers": [{"name": "S"}]}]}'
    assert ocds.parse(Document(url="memory:", body=body, kind=KIND)).notices[0].awards[0].amount is None


# -- shapes the corpus does not cover: small documents in the OCDS 1.1 schema -------------------
STRUCTURED_KINDS = ("ocds", "ted", "fpds", "usaspending")


def _manifest_rows() -> list[dict]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        pytest.skip("corpus ../shared/corpus not present")
    with open(manifest, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_each_corpus_file_is_claimed_by_exactly_its_own_structured_parser():
    from pipeline.parsers import fpds, ted, usaspending
    sniffers = {"ocds": ocds, "ted": ted, "fpds": fpds, "usaspending": usaspending}
    for row in _manifest_rows():
        doc = Document(url="memory:", body=(CORPUS / row["file"]).read_bytes())
        claimed = {kind for kind, module in sniffers.items() if module.sniff(doc)}
        expected = {row["kind"]} if row["kind"] in STRUCTURED_KINDS else set()
        assert claimed == expected, f"{row['file']} ({row['kind']}) sniffed by {claimed}"
        if row["kind"] in STRUCTURED_KINDS:
            assert detect_kind(doc) == row["kind"], row["file"]


def _parties():
    return [
        {"id": "GB-GOV-1", "name": "Borough Council of Examplefield", "roles": ["buyer"]},
        {"id": "GB-COH-111", "name": "Northwind Systems Ltd", "roles": ["supplier"]},
        {"id": "GB-COH-222", "name": "Harbour Data Services Ltd", "roles": ["supplier"]},
        {"id": "GB-COH-333", "name": "Losing Bidder plc", "roles": ["tenderer"]},
    ]


def test_record_without_compiled_release_merges_its_releases_by_date():
    tender = {"ocid": "ocds-b5fd17-9001", "id": "9001-tender", "date": "2021-02-01T09:00:00Z", "tag": ["tender"],
              "parties": _parties(), "buyer": {"id": "GB-GOV-1"},
              "tender": {"id": "9001", "title": "Network support", "value": {"amount": 90000, "currency": "GBP"}}}
    award = {"ocid": "ocds-b5fd17-9001", "id": "9001-award", "date": "2021-04-01T09:00:00Z", "tag": ["award"],
             "awards": [{"id": "9001-A1", "status": "pending", "date": "2021-03-30",
                         "value": {"amount": 80000}, "suppliers": [{"id": "GB-COH-111"}]}]}
    update = {"ocid": "ocds-b5fd17-9001", "id": "9001-award-2", "date": "2021-04-20T09:00:00Z", "tag": ["awardUpdate"],
              "awards": [{"id": "9001-A1", "status": "active", "value": {"amount": "82,500.00"}}]}
    contract = {"ocid": "ocds-b5fd17-9001", "id": "9001-contract", "date": "2021-05-03T09:00:00Z", "tag": ["contract"],
                "contracts": [{"id": "9001-C1", "awardID": "9001-A1", "status": "active", "dateSigned": "2021-05-02"}]}
    package = {"publisher": {"name": "Examplefield"}, "records": [
        {"ocid": "ocds-b5fd17-9001", "releases": [contract, update, tender, award]}]}  # not in date order
    [notice] = _parse_json(package)
    assert notice.notice_type == "award" and notice.buyer_raw == "Borough Council of Examplefield"
    [won] = notice.awards
    assert (won.vendor_raw, won.amount, won.currency, won.date, won.status) == (
        "Northwind Systems Ltd", Decimal("82500.00"), "GBP", "2021-05-02", "active")
    assert won.confidence >= 0.9  # the later awardUpdate made the pending award active


def test_record_with_only_a_versioned_release_keeps_the_latest_values():
    versioned = {
        "ocid": "ocds-b5fd17-9002",
        "buyer": {"name": [{"releaseID": "r1", "releaseDate": "2020-01-01T00:00:00Z", "releaseTag": ["tender"],
                            "value": "Examplefield Water Authority"}]},
        "awards": [{"id": "A1",
                    "status": [{"releaseID": "r2", "releaseDate": "2020-02-01T00:00:00Z", "releaseTag": ["award"], "value": "pending"},
                               {"releaseID": "r3", "releaseDate": "2020-03-01T00:00:00Z", "releaseTag": ["awardUpdate"], "value": "active"}],
                    "date": [{"releaseID": "r2", "releaseDate": "2020-02-01T00:00:00Z", "releaseTag": ["award"], "value": "2020-02-01"}],
                    "value": {"amount": [{"releaseID": "r2", "releaseDate": "2020-02-01T00:00:00Z", "releaseTag": ["award"], "value": 120000},
                                         {"releaseID": "r3", "releaseDate": "2020-03-01T00:00:00Z", "releaseTag": ["awardUpdate"], "value": 118500}],
                              "currency": [{"releaseID": "r2", "releaseDate": "2020-02-01T00:00:00Z", "releaseTag": ["award"], "value": "EUR"}]},
                    "suppliers": [{"name": [{"releaseID": "r2", "releaseDate": "2020-02-01T00:00:00Z", "releaseTag": ["award"],
                                             "value": "Aqua Meters BV"}]}]}],
    }
    [notice] = _parse_json({"publisher": {"name": "x"}, "records": [{"ocid": "ocds-b5fd17-9002", "versionedRelease": versioned}]})
    assert notice.buyer_raw == "Examplefield Water Authority"
    assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in notice.awards] == [
        ("Aqua Meters BV", Decimal("118500"), "EUR", "2020-02-01")]


def test_release_package_merges_the_releases_of_each_process():
    first = {"ocid": "ocds-x-1", "id": "1-award", "date": "2019-06-01T00:00:00Z", "tag": ["award"],
             "buyer": {"name": "Town of Example"},
             "awards": [{"id": "a", "status": "active", "date": "2019-05-30", "value": {"amount": 5000, "currency": "USD"},
                         "suppliers": [{"name": "Pave Co"}]}]}
    later = {"ocid": "ocds-x-1", "id": "1-contract", "date": "2019-06-10T00:00:00Z", "tag": ["contract"],
             "contracts": [{"id": "c", "awardID": "a", "status": "active", "dateSigned": "2019-06-09"}]}
    other = {"ocid": "ocds-x-2", "id": "2-award", "date": "2019-06-02T00:00:00Z", "tag": ["award"],
             "buyer": {"name": "Town of Example"},
             "awards": [{"id": "b", "status": "active", "value": {"amount": 700, "currency": "USD"},
                         "suppliers": [{"name": "Signs Inc"}]}]}
    notices = _parse_json({"publisher": {"name": "x"}, "releases": [later, first, other]})
    assert [(n.notice_key, [(a.vendor_raw, a.amount, a.date) for a in n.awards]) for n in notices] == [
        ("ocds-x-1/1-contract", [("Pave Co", Decimal("5000"), "2019-06-09")]),
        ("ocds-x-2/2-award", [("Signs Inc", Decimal("700"), None)])]


def test_joint_award_names_every_supplier_and_carries_its_value_once():
    release = {"ocid": "ocds-x-3", "id": "r", "date": "2022-01-10", "tag": ["award"], "parties": _parties(),
               "awards": [{"id": "a", "status": "active", "date": "2022-01-09", "value": {"amount": 250000, "currency": "GBP"},
                           "suppliers": [{"id": "GB-COH-111"}, {"id": "GB-COH-222"}]}]}
    [notice] = _parse_json(release)
    assert notice.buyer_raw == "Borough Council of Examplefield"  # parties with role buyer, no buyer object
    assert [(a.vendor_raw, a.amount, a.currency) for a in notice.awards] == [
        ("Northwind Systems Ltd", Decimal("250000"), "GBP"), ("Harbour Data Services Ltd", None, None)]
    assert all(a.agency_raw == notice.buyer_raw and a.date == "2022-01-09" for a in notice.awards)


def test_value_only_on_the_contract_and_currency_from_the_tender():
    release = {"ocid": "ocds-x-4", "id": "r", "date": "2018-09-01", "tag": ["award", "contract"],
               "buyer": {"name": "Ministerio de Ejemplo"},
               "tender": {"id": "T-4", "value": {"amount": "1.500.000,00", "currency": "pyg"}},
               "awards": [{"id": "a", "status": "active", "date": "2018-08-20", "value": {"amount": 0},
                           "suppliers": [{"name": "Constructora Ejemplo S.A."}]}],
               "contracts": [{"id": "c", "awardID": "a", "status": "active", "dateSigned": "2018-08-25",
                              "value": {"amount": "1.450.000,50"}}]}
    [notice] = _parse_json(release)
    assert notice.budget == Decimal("1500000.00") and notice.budget_currency == "PYG"
    [award] = notice.awards  # the zero award value is a placeholder: the contract's value is the price
    assert (award.amount, award.currency, award.date) == (Decimal("1450000.50"), "PYG", "2018-08-25")
    assert "contracts[0].value.amount=1450000.50" in award.evidence


def test_award_without_suppliers_takes_the_parties_with_role_supplier():
    release = {"ocid": "ocds-x-5", "id": "r", "date": "2020-11-11", "tag": ["award"], "parties": _parties()[:2],
               "awards": [{"id": "a", "status": "active", "value": {"amount": 999, "currency": "GBP"}}]}
    [notice] = _parse_json(release)
    assert [a.vendor_raw for a in notice.awards] == ["Northwind Systems Ltd"]


@pytest.mark.parametrize("tags, expected", [
    (["awardUpdate"], "award"), (["contractAmendment"], "modification"), (["tenderCancellation"], "other"),
    (["tender"], "tender"), (["implementation"], "contract"),
])
def test_notice_type_from_release_tags_without_awards(tags, expected):
    [notice] = _parse_json({"ocid": "ocds-x-6", "id": "r", "date": "2020-01-01", "tag": tags, "buyer": {"name": "B"}})
    assert notice.notice_type == expected and notice.awards == []


@pytest.mark.parametrize("text, value", [
    ("1,234.50", "1234.50"), ("1.234,50", "1234.50"), ("1 234,50", "1234.50"), ("1234,5", "1234.5"),
    ("2.500.000", "2500000"), ("1,234,567", "1234567"), ("-8,392.90", "-8392.90"), ("12.5", "12.5"),
])
def test_amount_text_in_either_notation(text, value):
    assert ocds.to_amount(text) == Decimal(value)


def test_single_record_with_bilingual_names():
    compiled = {"ocid": "ocds-x-7", "id": "r7", "date": "2015-10-29T17:47:12Z", "tag": ["compiled"],
                "buyer": {"id": "B-01", "name": ""},
                "parties": [{"id": "B-01", "roles": ["buyer"], "name_en": "Department of Examples",
                             "name_fr": "Ministère des Exemples"},
                            {"id": "S-01", "roles": ["supplier"], "identifier": {"legalName_en": "Example Media Inc."}}],
                "awards": [{"id": "a", "status": "active", "date": "2015-05-14", "suppliers": [{"id": "S-01"}],
                            "value": {"amount": 22431, "currency": "CAD"}}]}
    record = {"publisher": {"name": "x"}, "ocid": "ocds-x-7", "releases": [{"url": "https://example.org/r7.json", "date": "2015-10-29"}],
              "compiledRelease": compiled}
    [notice] = _parse_json(record)
    assert notice.buyer_raw == "Department of Examples"
    assert [(a.vendor_raw, a.amount, a.currency) for a in notice.awards] == [("Example Media Inc.", Decimal("22431"), "CAD")]


@pytest.mark.parametrize("body", [
    b'{"id": 1, "generated_unique_award_id": "CONT_AWD_X", "recipient": {"recipient_name": "X"}, "awarding_agency": {}}',
    b'<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication"><FORM_SECTION/></TED_EXPORT>',
    b"<html><body>OCDS releases explained: every release has an \"ocid\"</body></html>",
])
def test_sniff_rejects_other_kinds(body):
    assert not ocds.sniff(Document(url="memory:", body=body))
