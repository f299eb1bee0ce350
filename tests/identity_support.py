"""Shared by the identity tests: notices written for them (facts of real public notices), and
loading real parsed documents into a real DuckDB warehouse."""
from __future__ import annotations

import json

import duckdb
import pytest

from pipeline.normalise import Normaliser
from pipeline.parse import parse_document
from pipeline.records import Document
from warehouse.db import migrate
from warehouse.load import load_batch

BUYER = "清镇市麦格苗族布依族乡人民政府"
VENDOR = "江苏新煦光电科技有限公司"
CODE = "LKZX2025-CG013"
PROJECT = "麦格苗族布依族乡太阳能路灯采购"


def ccgp_page(title: str, pubdate: str, amount: str, code: str = CODE, note: str = "", buyer: str = BUYER) -> bytes:
    body = (f"<p>一、项目编号：{code}</p><p>二、项目名称：{PROJECT}</p><p>三、中标（成交）信息</p>"
            "<table><tr><th>序号</th><th>中标供应商名称</th><th>中标（成交）金额(元)</th></tr>"
            f"<tr><td>1</td><td>{VENDOR}</td><td>{amount}</td></tr></table>"
            f"<p>1.采购人信息</p><p>名 称：{buyer}</p><p>2.采购代理机构信息</p><p>名 称：贵州励柯工程咨询有限公司</p>{note}")
    return (f"<html><head><meta charset='utf-8'><meta name='ArticleTitle' content='{title}'>"
            f"<meta name='PubDate' content='{pubdate}'><title>{title}</title></head><body>"
            f"<div class='vF_detail_header'><h2>{title}</h2></div><div class='vF_detail_content'>{body}</div>"
            "</body></html>").encode("utf-8")


AWARD_TITLE = f"{PROJECT}的中标(成交)结果公告"
CANDIDATE_TITLE = f"{PROJECT}中标候选人公示"


def ocds_release(release_id: str, date: str, amount: int, tag: str) -> bytes:
    release = {
        "ocid": "ocds-k50g02-SDH-SMINC-26-2016", "id": release_id, "date": date, "tag": [tag],
        "buyer": {"id": "CO-SDH", "name": "BOGOTÁ D.C. - SECRETARÍA DE HACIENDA DISTRITAL"},
        "parties": [{"id": "CO-SDH", "name": "BOGOTÁ D.C. - SECRETARÍA DE HACIENDA DISTRITAL", "roles": ["buyer"]},
                    {"id": "CO-NIT-830.115.225", "name": "RIELCO LTDA", "roles": ["supplier"],
                     "identifier": {"scheme": "CO-RUE", "id": "830115225"}}],
        "tender": {"id": "SDH-SMINC-26-2016", "title": "Mantenimiento de equipos de seguridad"},
        "awards": [{"id": "1", "status": "active", "date": date, "value": {"amount": amount, "currency": "COP"},
                    "suppliers": [{"id": "CO-NIT-830.115.225", "name": "RIELCO LTDA"}]}],
    }
    return json.dumps({"releases": [release]}, ensure_ascii=False).encode("utf-8")


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    yield con
    con.close()


def load(con, *docs: Document) -> None:
    normaliser = Normaliser()
    tables: dict[str, list] = {k: [] for k in ("documents", "organizations", "org_aliases", "notices", "awards",
                                               "relationships", "amount_mentions")}
    for doc in docs:
        result = parse_document(doc)
        rows = normaliser.rows(doc, result)
        tables["documents"].append({"doc_id": doc.doc_id, "source_id": doc.source_id, "url": doc.url, "status": "parsed"})
        tables["organizations"] += rows.organizations.values()
        tables["org_aliases"] += rows.org_aliases.values()
        for name in ("notices", "awards", "relationships", "amount_mentions"):
            tables[name] += getattr(rows, name)
    load_batch(con, tables, replace_docs=[d.doc_id for d in docs])
