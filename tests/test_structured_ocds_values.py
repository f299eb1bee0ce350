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
