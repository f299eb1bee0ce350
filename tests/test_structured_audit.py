"""Each structured parser lists the fields it saw and did not read, so a publisher moving its data shows up."""
from __future__ import annotations

import json

from pipeline.parse import parse_document
from pipeline.records import Document


def test_a_chinese_notice_lists_the_labels_no_field_reads():
    page = """<html><head><title>某县医院设备采购项目中标公告</title></head><body>
<p>一、项目编号：XY-2020-09</p><p>二、中标信息</p><p>中标供应商：某医疗器械有限公司</p><p>中标金额：120000元</p>
<p>履约保证金比例：5%</p><p>采购人：某县医院</p></body></html>"""
    result = parse_document(Document(url="memory:", body=page.encode(), kind="ccgp_notice"))
    assert "履约保证金比例" in result.unread_fields
    assert not {"项目编号", "中标供应商", "中标金额", "采购人"} & set(result.unread_fields)


def test_an_ocds_release_lists_the_award_fields_it_does_not_read():
    release = {"ocid": "ocds-abc-1", "id": "1", "date": "2022-01-01", "tag": ["award"], "buyer": {"name": "Ville"},
               "awards": [{"id": "a", "status": "active", "value": {"amount": 10, "currency": "CAD"},
                           "suppliers": [{"name": "Fournisseur Inc."}], "repartition": [{"amount": 10}]}]}
    result = parse_document(Document(url="memory:", body=json.dumps({"releases": [release], "publisher": {}}).encode(), kind="ocds"))
    assert result.unread_fields == ["awards[].repartition"]

