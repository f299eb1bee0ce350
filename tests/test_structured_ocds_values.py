"""OCDS publisher shapes: pending awards, values outside `value`, party identifiers, acronym-prefixed names
(facts of the kind municipal and state publishers release; the releases are ours)."""
from __future__ import annotations

import json
from decimal import Decimal

from pipeline.parsers import ocds
from pipeline.records import Document


def _release(**fields) -> dict:
    base = {"ocid": "ocds-xyz1-2023-0001", "id": "1", "date": "2023-05-02T00:00:00Z", "tag": ["award"],
            "parties": [{"id": "MX-RFC-SPA0101", "name": "SPAF | SECRETARÍA DE PLANEACIÓN Y FINANZAS", "roles": ["buyer"],
                         "identifier": {"scheme": "MX-RFC", "id": "SPA0101"}},
                        {"id": "MX-RFC-CFM9901", "name": "IMPRESOS DEL VALLE, S.A. DE C.V.", "roles": ["supplier"],
                         "identifier": {"scheme": "MX-RFC", "id": "CFM9901"}},
                        {"id": "MX-RFC-MOV7702", "name": "MOVA PRINT, S.A. DE C.V.", "roles": ["tenderer"]}],
            "buyer": {"id": "MX-RFC-SPA0101", "name": "SPAF | SECRETARÍA DE PLANEACIÓN Y FINANZAS"}}
    base.update(fields)
    return base


def _awards(release: dict):
    [notice] = ocds.parse(Document(url="memory:", body=json.dumps({"releases": [release]}).encode(), kind="ocds")).notices
    return notice


def test_a_value_published_only_with_tax_is_read_and_the_supplier_keeps_its_identifiers():
    notice = _awards(_release(awards=[{"id": "a1", "status": "active", "valueWithTax": {"amount": 1160000, "currency": "MXN"},
                                       "suppliers": [{"id": "MX-RFC-CFM9901", "name": "IMPRESOS DEL VALLE, S.A. DE C.V."}]}]))
    [award] = notice.awards
    assert (award.vendor_raw, award.amount, award.currency) == ("IMPRESOS DEL VALLE, S.A. DE C.V.", Decimal("1160000"), "MXN")
    assert "valueWithTax" in award.evidence
    assert award.identifiers == {"MX-RFC": "CFM9901", "OCDS-party": "MX-RFC-CFM9901"}
    assert notice.buyer_raw == "SECRETARÍA DE PLANEACIÓN Y FINANZAS"
    assert notice.buyer_identifiers["MX-RFC"] == "SPA0101" and notice.procedure_id == "ocds-xyz1-2023-0001"


def test_a_pending_award_is_kept_below_the_confidence_of_a_winner():
    notice = _awards(_release(awards=[{"id": "a1", "status": "pending", "value": {"amount": 500000, "currency": "MXN"},
                                       "suppliers": [{"id": "MX-RFC-MOV7702"}]}]))
    assert [(a.vendor_raw, a.status) for a in notice.awards] == [("MOVA PRINT, S.A. DE C.V.", "pending")]
    assert notice.awards[0].confidence < 0.5


def test_an_award_ten_thousand_times_its_budget_is_flagged():
    notice = _awards(_release(tender={"id": "t1", "value": {"amount": 116, "currency": "MXN"}},
                              awards=[{"id": "a1", "status": "active", "value": {"amount": 1160000, "currency": "MXN"},
                                       "suppliers": [{"id": "MX-RFC-CFM9901"}]}]))
    assert notice.awards[0].flags == ["unit_mismatch_1e4"]


def _package(*releases: dict, records: bool = False) -> bytes:
    if records:
        return json.dumps({"records": [{"ocid": releases[0]["ocid"], "releases": list(releases)}], "publisher": {}}).encode()
    return json.dumps({"releases": list(releases), "publisher": {"name": "Portal"}}).encode()


PENDING_THEN_ACTIVE = (
    _release(id="1", date="2023-04-01T00:00:00Z", tag=["award"],
             awards=[{"id": "a1", "status": "pending", "value": {"amount": 1160000, "currency": "MXN"},
                      "suppliers": [{"id": "MX-RFC-CFM9901"}]}]),
    _release(id="2", date="2023-05-02T00:00:00Z", tag=["awardUpdate"], awards=[{"id": "a1", "status": "active"}]),
)


def test_releases_of_one_process_are_compiled_and_the_latest_award_status_wins():
    for body in (_package(*PENDING_THEN_ACTIVE), _package(*PENDING_THEN_ACTIVE, records=True)):
        [notice] = ocds.parse(Document(url="memory:", body=body, kind="ocds")).notices
        assert [(a.vendor_raw, a.amount, a.status, a.confidence >= 0.5) for a in notice.awards] == [
            ("IMPRESOS DEL VALLE, S.A. DE C.V.", Decimal("1160000"), "active", True)]
        assert notice.notice_key == "ocds-xyz1-2023-0001/2"


def test_compiling_needs_no_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise OSError("network used while compiling OCDS releases")

    ocds._merger.cache_clear()  # the schema is read again, from the shipped file
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    [notice] = ocds.parse(Document(url="memory:", body=_package(*PENDING_THEN_ACTIVE), kind="ocds")).notices
    assert [a.status for a in notice.awards] == ["active"]
