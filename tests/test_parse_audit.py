"""The night's per-source parse audit: a notice that yields no notice counts as not parsed, and the fields
parsers saw but did not read are counted per source (real raw store, real parsers)."""
from __future__ import annotations

import json

from flows.stages import fetch_to_dict, parse_fetches, source_audit
from spiders.rawstore import RawStore

RELEASE = {
    "uri": "https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/2c9f1c7a", "version": "1.1",
    "publishedDate": "2023-03-14T09:00:00Z",
    "releases": [{
        "ocid": "ocds-b5fd17-2c9f1c7a", "id": "ocds-b5fd17-2c9f1c7a-award", "date": "2023-03-14T09:00:00Z",
        "tag": ["award"], "initiationType": "tender",
        "buyer": {"id": "GB-PPG-nottinghamshire-police", "name": "Nottinghamshire Police"},
        "parties": [{"id": "GB-PPG-nottinghamshire-police", "name": "Nottinghamshire Police", "roles": ["buyer"]},
                    {"id": "GB-COH-00912138", "name": "Motorola Solutions UK Limited", "roles": ["supplier"]}],
        "tender": {"id": "NP-2023-0117", "title": "Body worn video cameras", "status": "complete",
                   "procurementMethodDetails": "Call-off from a framework agreement"},
        "awards": [{"id": "1", "status": "active", "date": "2023-03-10T00:00:00Z",
                    "value": {"amount": 412000, "currency": "GBP"},
                    "suppliers": [{"id": "GB-COH-00912138", "name": "Motorola Solutions UK Limited"}]}],
    }],
}
EMPTY_PACKAGE = {"uri": "https://www.contractsfinder.service.gov.uk/Published/Notices/OCDS/empty", "version": "1.1",
                 "publishedDate": "2023-03-15T09:00:00Z", "releases": []}


def _fetches(tmp_path, bodies):
    store = RawStore(tmp_path / "raw")
    for url, body in bodies:
        store.record(url=url, body=body, source_id="ocds_uk_contracts_finder", kind="ocds",
                     fetched_at="2023-03-15T10:00:00Z", status=200, headers={"Content-Type": "application/json"},
                     declared_encoding=None, run_id="audit-run")
    fetches = [fetch_to_dict(f) for f in store.fetches()]
    store.close()
    return fetches


def test_a_notice_that_gives_no_notice_is_not_parsed_and_unread_fields_are_counted(tmp_path):
    fetches = _fetches(tmp_path, [(RELEASE["uri"], json.dumps(RELEASE).encode()),
                                  (EMPTY_PACKAGE["uri"], json.dumps(EMPTY_PACKAGE).encode())])
    parsed = parse_fetches(fetches, str(tmp_path / "raw"), "audit-run")
    by_url = {p.document["url"]: p for p in parsed}
    assert by_url[EMPTY_PACKAGE["uri"]].empty and by_url[EMPTY_PACKAGE["uri"]].document["status"] == "empty"
    assert not by_url[RELEASE["uri"]].empty and by_url[RELEASE["uri"]].document["status"] == "parsed"
    [(source, audit)] = source_audit(parsed).items()
    assert source == "ocds_uk_contracts_finder"
    assert (audit["parsed"], audit["failed"], audit["empty"]) == (1, 0, 1)
    assert audit["unread"].get("tender.procurementMethodDetails") == 1, audit["unread"]


def test_every_extract_carries_source_url_and_evidence(tmp_path):
    import duckdb

    from warehouse.db import migrate
    from warehouse.export import EXPORTS

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    for name, sql in EXPORTS.items():
        columns = [c[0] for c in con.execute(sql).description]
        assert "source_url" in columns or "source_urls" in columns, (name, columns)
        assert "evidence" in columns, (name, columns)
    con.close()
