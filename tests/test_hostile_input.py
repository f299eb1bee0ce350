"""Hostile and broken input ends in a ParseError (a parse_failures row) or a clear crawl error,
in bounded time and memory, and the rest of the run goes on.

Each parse runs in its own process under an address-space limit and a timeout, so a document
that blew up memory or looped would fail the test instead of the machine.
"""
from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import zlib
from pathlib import Path

import duckdb
import pytest

from benchmarks.sites import Notice, award_page, make_site
from flows.stages import fetch_to_dict, parse_fetches, tables_for
from pipeline.parse import kinds
from spiders.rawstore import RawStore
from spiders.replay import Archive, ReplayServer
from warehouse.db import migrate
from warehouse.load import load_batch

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT_MB = 1536
PARSE_TIMEOUT_S = 60
BOUNDED_PARSE = r"""
import json, resource, sys
limit = int(sys.argv[3]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from pipeline.parse import parse_document
from pipeline.records import Document, ParseError
spec = json.loads(sys.argv[2])
doc = Document(url=spec["url"], body=open(sys.argv[1], "rb").read(), kind=spec["kind"],
               content_type=spec.get("content_type"), declared_encoding=spec.get("declared_encoding"))
try:
    result = parse_document(doc)
except ParseError as exc:
    print(json.dumps({"outcome": "ParseError", "message": str(exc)[:1000]}))
else:
    vendors = [a.vendor_raw for n in result.notices for a in n.awards]
    print(json.dumps({"outcome": "parsed", "vendors": vendors, "text": repr(result)[:200000]}, ensure_ascii=False))
"""

NOTICE = Notice(code="GZCG2025-00042", project="清镇市2025年视频监控系统建设项目", vendor="贵阳市华安视频技术有限公司",
                buyer="清镇市公安局", agent="贵阳市公共资源招标代理有限公司", amount="569800.00", date="2025-06-27")


def bounded_parse(tmp_path: Path, kind: str, body: bytes, **spec) -> dict:
    if kind not in kinds():
        pytest.skip(f"no parser for kind '{kind}' yet")
    path = tmp_path / "body.bin"
    path.write_bytes(body)
    spec = {"url": "https://www.procurement.example/doc", "kind": kind, **spec}
    proc = subprocess.run([sys.executable, "-c", BOUNDED_PARSE, str(path), json.dumps(spec), str(MEMORY_LIMIT_MB)],
                          capture_output=True, text=True, cwd=ROOT, timeout=PARSE_TIMEOUT_S)
    assert proc.returncode == 0, f"parse crashed instead of a ParseError:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- XML: external entities and entity expansion ------------------------------------------------------
TED_HEAD = ('<TED_EXPORT xmlns="http://publications.europa.eu/resource/schema/ted/R2.0.9/publication" DOC_ID="000001-2021">'
            '<CODED_DATA_SECTION><NOTICE_DATA><NO_DOC_OJS>2021/S 001-000001</NO_DOC_OJS></NOTICE_DATA></CODED_DATA_SECTION>'
            '<FORM_SECTION><F03_2014 LG="EN" CATEGORY="ORIGINAL"><CONTRACTING_BODY><ADDRESS_CONTRACTING_BODY>'
            '<OFFICIALNAME>{buyer}</OFFICIALNAME></ADDRESS_CONTRACTING_BODY></CONTRACTING_BODY>'
            '<AWARD_CONTRACT><AWARDED_CONTRACT><CONTRACTORS><CONTRACTOR><ADDRESS_CONTRACTOR><OFFICIALNAME>{vendor}</OFFICIALNAME>'
            '</ADDRESS_CONTRACTOR></CONTRACTOR></CONTRACTORS><VALUES><VAL_TOTAL CURRENCY="EUR">1000.00</VAL_TOTAL></VALUES>'
            '</AWARDED_CONTRACT></AWARD_CONTRACT></F03_2014></FORM_SECTION></TED_EXPORT>')
FPDS_HEAD = ('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:ns1="https://www.fpds.gov/FPDS"><title>FPDS</title>'
             '<entry><title>PURCHASE ORDER awarded to {vendor}</title><content type="application/xml"><ns1:award>'
             '<ns1:vendor><ns1:vendorHeader><ns1:vendorName>{vendor}</ns1:vendorName></ns1:vendorHeader></ns1:vendor>'
             '<ns1:purchaserInformation><ns1:contractingOfficeAgencyID name="{buyer}">4740</ns1:contractingOfficeAgencyID>'
             '</ns1:purchaserInformation><ns1:dollarValues><ns1:obligatedAmount>10.00</ns1:obligatedAmount></ns1:dollarValues>'
             '</ns1:award></content></entry></feed>')
XXE = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
XXE_PARAMETER = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>\n')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "lollollollollollollollollollol">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>\n")


@pytest.mark.parametrize("kind,template", [("ted", TED_HEAD), ("fpds", FPDS_HEAD)])
@pytest.mark.parametrize("prolog,fill", [(XXE, "&xxe;"), (XXE_PARAMETER, "x"), (LAUGHS, "&j;")],
                         ids=["external-entity", "parameter-entity", "billion-laughs"])
def test_xml_entities_are_refused(tmp_path, kind, template, prolog, fill):
    body = (prolog + template.format(buyer="Ministry " + fill, vendor="Vendor " + fill)).encode("utf-8")
    outcome = bounded_parse(tmp_path, kind, body, content_type="application/xml")
    assert outcome["outcome"] == "ParseError"
    assert "root:" not in outcome["message"]


@pytest.mark.parametrize("kind,template", [("ted", TED_HEAD), ("fpds", FPDS_HEAD)])
def test_xml_entities_in_utf16_are_refused(tmp_path, kind, template):
    text = XXE.replace("UTF-8", "UTF-16") + template.format(buyer="Ministry &xxe;", vendor="Vendor")
    outcome = bounded_parse(tmp_path, kind, text.encode("utf-16"), content_type="application/xml")
    assert outcome["outcome"] == "ParseError"


def test_xinclude_is_never_followed(tmp_path):
    body = TED_HEAD.format(buyer='Ministry <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>',
                           vendor="Vendor").encode()
    outcome = bounded_parse(tmp_path, "ted", body, content_type="application/xml")
    assert "root:x:" not in json.dumps(outcome)


# -- JSON: truncated, invalid, nested ---------------------------------------------------------------
OCDS_PACKAGE = {
    "uri": "https://ocds.procurement.example/releases/1.json", "publishedDate": "2017-08-31T10:00:00Z", "version": "1.1",
    "releases": [{
        "ocid": "ocds-0example-0001", "id": "0001-award", "date": "2017-08-31T10:00:00Z", "tag": ["award"],
        "buyer": {"id": "B1", "name": "Service de police"},
        "parties": [{"id": "B1", "name": "Service de police", "roles": ["buyer"]},
                    {"id": "S1", "name": "RAMPART INTERNATIONAL CORP", "roles": ["supplier"]}],
        "awards": [{"id": "A1", "date": "2017-08-31", "status": "active", "value": {"amount": 10656.23, "currency": "CAD"},
                    "suppliers": [{"id": "S1", "name": "RAMPART INTERNATIONAL CORP"}]}],
    }],
}


def test_ocds_package_reads_when_whole(tmp_path):
    """The control: the same package, untouched, parses (so the failures below are the damage's doing)."""
    outcome = bounded_parse(tmp_path, "ocds", json.dumps(OCDS_PACKAGE).encode(), content_type="application/json")
    assert outcome["outcome"] == "parsed" and outcome["vendors"] == ["RAMPART INTERNATIONAL CORP"]


@pytest.mark.parametrize("body", [
    json.dumps(OCDS_PACKAGE).encode()[:300],
    json.dumps(OCDS_PACKAGE).encode()[:-2],
    json.dumps(OCDS_PACKAGE).replace('"awards"', "awards").encode(),
    json.dumps(OCDS_PACKAGE).replace("10656.23", "10656.23,,").encode(),
    b"[" * 100_000 + b"]" * 100_000,
    b'{"releases": ' * 50_000 + b"null" + b"}" * 50_000,
    b"\xef\xbb\xbf" + b"{" * 3,
], ids=["truncated-head", "truncated-tail", "unquoted-key", "double-comma", "nested-arrays", "nested-objects", "bom-garbage"])
def test_broken_json_is_a_parse_error(tmp_path, body):
    outcome = bounded_parse(tmp_path, "ocds", body, content_type="application/json")
    assert outcome["outcome"] == "ParseError", outcome


# -- HTML: size, binary, empty, nesting, encodings ----------------------------------------------------
def huge_page(megabytes: int) -> bytes:
    page = award_page(NOTICE).decode()
    line = "<p>附件：采购需求及技术参数说明，详见采购文件第三章。</p>\n"
    padding = line * (megabytes * 1024 * 1024 // len(line.encode()))
    return page.replace("<p><strong>五、", padding + "<p><strong>五、").encode()


def binary_body(size: int = 300_000) -> bytes:
    rng = random.Random(5)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(size))


def nested_page(depth: int = 100_000, notice: Notice = NOTICE) -> bytes:
    page = award_page(notice).decode()
    return page.replace("<p><strong>五、", "<div>" * depth + "深" + "</div>" * depth + "<p><strong>五、").encode()


@pytest.mark.parametrize("body,reason", [
    (b"", "empty"),
    (binary_body(), "binary"),
    (gzip.compress(award_page(NOTICE)), "binary"),
], ids=["zero-bytes", "png-as-html", "gzip-bytes-as-html"])
def test_unreadable_html_is_a_parse_error(tmp_path, body, reason):
    outcome = bounded_parse(tmp_path, "ccgp_notice", body, content_type="text/html; charset=utf-8")
    assert outcome["outcome"] == "ParseError" and reason in outcome["message"]


def test_a_50_mb_page_is_refused_before_parsing(tmp_path):
    outcome = bounded_parse(tmp_path, "ccgp_notice", huge_page(50), content_type="text/html")
    assert outcome["outcome"] == "ParseError" and "MB" in outcome["message"]


def test_pathological_nesting_ends_cleanly(tmp_path):
    outcome = bounded_parse(tmp_path, "ccgp_notice", nested_page(), content_type="text/html")
    # Either refused, or read with the facts outside the nesting intact.
    assert outcome["outcome"] == "ParseError" or outcome["vendors"] == [NOTICE.vendor]


@pytest.mark.parametrize("body,declared", [
    (award_page(NOTICE).decode().encode("gb18030"), "utf-8"),  # GBK bytes served as UTF-8
    (award_page(NOTICE).decode().replace("charset=utf-8", "charset=gb2312").encode(), None),  # UTF-8 saying GB2312
    (award_page(NOTICE), "iso-8859-1"),  # a server's default charset on a UTF-8 page
], ids=["gbk-declared-utf8", "utf8-declared-gb2312", "utf8-declared-latin1"])
def test_misdeclared_encodings_still_read_the_names(tmp_path, body, declared):
    outcome = bounded_parse(tmp_path, "ccgp_notice", body, content_type="text/html", declared_encoding=declared)
    assert outcome["outcome"] == "parsed" and outcome["vendors"] == [NOTICE.vendor]


# -- through a real crawl: the rest of the night goes on -----------------------------------------------
def gzip_bomb(expanded_mb: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(expanded_mb)) + packer.flush()


# The crawl's own peak: VmHWM starts afresh at exec, while ru_maxrss keeps the pages of the (large) test
# process this child was forked from.
CRAWL_WITH_RSS = ("import re, sys; from spiders.crawl import main; code = main(sys.argv[1:]); "
                  "peak = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
                  "print('maxrss_kb', peak); sys.exit(code)")


@pytest.fixture(scope="module")
def hostile_night(tmp_path_factory):
    work = tmp_path_factory.mktemp("hostile")
    site = make_site("hostile_portal", 8, seed=41, max_bytes=64 * 1024 * 1024)
    urls = site.detail_urls
    html = "text/html; charset=utf-8"
    site.answer(urls[2], file=site.add_file("huge.html", huge_page(50)))
    site.answer(urls[3], file=site.add_file("binary.html", binary_body()))
    site.answer(urls[4], file=site.add_file("empty.html", b""))
    site.answer(urls[5], file=site.add_file("bomb.gz", gzip_bomb(1024)), headers={"Content-Type": html, "Content-Encoding": "gzip"})
    site.answer(urls[6], file=site.add_file("gbk.html", award_page(site.notices[6]).decode().encode("gb18030")))
    site.answer(urls[7], file=site.add_file("nested.html", nested_page(notice=site.notices[7])))
    site.write(work / "sources", work / "archive")
    with ReplayServer(Archive.for_sources([site.source_id], root=work / "archive")) as server:
        proc = subprocess.run([sys.executable, "-c", CRAWL_WITH_RSS, "--source", site.source_id, "--raw", str(work / "raw"),
                               "--report", str(work / "report.json"), "--replay-url", server.url,
                               "--sources-dir", str(work / "sources")], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    maxrss_mb = int(proc.stdout.split("maxrss_kb")[-1].split()[0]) / 1024
    report = json.loads((work / "report.json").read_text())
    store = RawStore(work / "raw")
    fetches = [fetch_to_dict(f) for f in store.fetches()]
    store.close()
    parsed = parse_fetches(fetches, str(work / "raw"), "hostile-run")
    con = duckdb.connect(str(work / "w.duckdb"))
    migrate(con)
    load_batch(con, tables_for(parsed), replace_docs=[p.document["doc_id"] for p in parsed])
    failures = dict(con.execute("SELECT url, error FROM parse_failures").fetchall())
    awards = dict(con.execute("SELECT source_url, vendor_raw FROM awards").fetchall())
    con.close()
    return {"site": site, "report": report, "maxrss_mb": maxrss_mb, "failures": failures, "awards": awards, "urls": urls}


def test_gzip_bomb_is_dropped_by_the_crawler_in_bounded_memory(hostile_night):
    bomb = hostile_night["urls"][5]
    errors = [e for e in hostile_night["report"]["errors"] if e["url"] == bomb]
    assert errors and "DOWNLOAD_MAXSIZE" in errors[0]["error"]
    assert bomb not in hostile_night["failures"] and bomb not in hostile_night["awards"]
    # 1 GB expanded (plus the interpreter and Scrapy) would need more than this; the cut at 64 MB does not (the
    # crawl peaks near 270 MB here, holding the 50 MB page and the cut download at once).
    assert hostile_night["maxrss_mb"] < 900, hostile_night["maxrss_mb"]


def test_each_hostile_page_is_a_parse_failure_and_good_pages_still_land(hostile_night):
    urls, failures, awards = hostile_night["urls"], hostile_night["failures"], hostile_night["awards"]
    assert "MB" in failures[urls[2]]
    assert "binary" in failures[urls[3]]
    assert "empty" in failures[urls[4]]
    notices = hostile_night["site"].notices
    for index in (0, 1, 6):  # two ordinary pages and the GBK page served as UTF-8
        assert awards[urls[index]] == notices[index].vendor
    assert urls[7] in failures or awards.get(urls[7]) == notices[7].vendor
    assert hostile_night["report"]["documents_fetched"] == 7
