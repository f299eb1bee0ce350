"""The ccgp notice parser on the two corpus notices and on small notices written here."""
from __future__ import annotations

import json
from pathlib import Path
from decimal import Decimal

import pytest

from pipeline.parsers import ccgp
from pipeline.records import Document, ParseError


def _doc(body: bytes, url: str = "https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202501/t20250101_1.htm",
         encoding: str | None = None) -> Document:
    return Document(url=url, body=body, kind="ccgp_notice", declared_encoding=encoding)


def _page(title: str, summary: list[tuple[str, str]], body: str, charset: str = "utf-8",
          pubdate: str = "2025-03-18 09:30") -> str:
    rows = "".join(f"<tr><td class='title'>{label}</td><td colspan='3'>{value}</td></tr>" for label, value in summary)
    return (
        f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
        f"<meta name='ArticleTitle' content='{title}'><meta name='PubDate' content='{pubdate}'>"
        f"<title>{title}</title></head><body><div class='vF_detail_header'><h2>{title}</h2></div>"
        f"<div class='table'><h5>公告概要：</h5><table>{rows}</table></div>"
        f"<div class='vF_detail_content'>{body}</div></body></html>"
    )


CONTACTS = (
    "<p><strong>九、对本次公告内容提出询问，请按以下方式联系</strong></p>"
    "<p>1.采购人信息</p><p>名&nbsp;&nbsp;&nbsp; 称：<span>测试县公安局</span></p><p>地 址：测试县人民路1号</p>"
    "<p>2.采购代理机构信息</p><p>名 称：<span>测试招标代理有限公司</span></p><p>联系方式：0771-1234567</p>"
    "<p>3.项目联系方式</p><p>项目联系人：张三</p>"
)

SMALL_AWARD = _page(
    "测试县公安局视频监控系统采购项目中标（成交）结果公告",
    [("采购项目名称", "测试县公安局视频监控系统采购项目"), ("采购单位", "测试县公安局"), ("行政区域", "广西壮族自治区"),
     ("总中标金额", "￥128.500000 万元（人民币）"), ("代理机构名称", "测试招标代理有限公司")],
    "<p><strong>一、项目编号：</strong>CSZC2025-G1-000123</p><p><strong>二、项目名称：</strong>测试县公安局视频监控系统采购项目</p>"
    "<p><strong>三、中标（成交）信息</strong></p>"
    "<table><tr><th>序号</th><th>中标供应商名称</th><th>中标供应商地址</th><th>中标（成交）金额(元)</th></tr>"
    "<tr><td class='code-sectionNo'>1</td><td>测试视讯科技有限公司</td><td>南宁市青秀区</td><td>报价:1285000.00(元)</td></tr></table>"
    "<p><strong>六、代理服务收费标准及金额：</strong></p><p>1.代理服务收费标准：按成交金额的1%收取</p>"
    "<p>2.代理服务收费金额（元）：12850</p>" + CONTACTS,
)


def _only_notice(doc: Document):
    result = ccgp.parse(doc)
    assert len(result.notices) == 1
    return result.notices[0]


# -- the corpus notices ---------------------------------------------------------------------------------
def test_corpus_guizhou_national_portal_award(corpus):
    body = (corpus / "ccgp_gz_qingzhen_solar_streetlight_award.html").read_bytes()
    doc = Document(url="https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202506/t20250627_0.htm", body=body, kind="ccgp_notice")
    assert ccgp.sniff(doc)
    notice = _only_notice(doc)
    assert notice.notice_type == "award"
    assert notice.buyer_raw == "清镇市麦格苗族布依族乡人民政府"
    assert notice.agent_raw == "贵州励柯工程咨询有限公司"
    assert notice.project_code == "LKZX2025-CG013"
    assert notice.published_at == "2025-06-27"
    assert notice.region == "贵州省"
    assert [a.vendor_raw for a in notice.awards] == ["江苏新煦光电科技有限公司"]
    award = notice.awards[0]
    assert (award.amount, award.currency, award.date) == (Decimal("569800"), "CNY", "2025-06-27")
    assert award.agency_raw == "清镇市麦格苗族布依族乡人民政府"
    assert "569800.00(元)" in award.evidence and "中标（成交）金额" in award.evidence
    # The agent is never a vendor, and the 8200 元 agency fee is never an award.
    assert all(a.vendor_raw != notice.agent_raw and a.amount != Decimal("8200") for a in notice.awards)


def test_corpus_guangxi_fragment_award(corpus):
    body = (corpus / "ccgp_gx_rongxian_road_award_fragment.html").read_bytes()
    notice = _only_notice(Document(url="file:///fragment.html", body=body, kind="ccgp_notice"))
    assert notice.notice_type == "award"
    assert notice.project_code == "YLZC2021-J2-210518-GXYY"
    assert notice.project_name == "容县容州镇厢西社区荔枝根安置用地道路配套工程项目"
    assert notice.buyer_raw == "容县征地服务中心"
    assert notice.agent_raw == "广西宇鹰招标代理有限公司"
    assert notice.published_at is None  # a fragment: no publication date is stated
    assert len(notice.awards) == 1
    award = notice.awards[0]
    assert award.vendor_raw == "广西容县建筑工程总公司"
    assert (award.amount, award.currency) == (Decimal("1444851.19"), "CNY")
    assert award.amount != Decimal("14450")


# -- notices written here -------------------------------------------------------------------------------
def _check_small_award(notice):
    assert notice.notice_type == "award"
    assert notice.buyer_raw == "测试县公安局"
    assert notice.agent_raw == "测试招标代理有限公司"
    assert notice.project_code == "CSZC2025-G1-000123"
    assert notice.region == "广西壮族自治区"
    assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in notice.awards] == [
        ("测试视讯科技有限公司", Decimal("1285000.00"), "CNY", "2025-03-18")]


def test_utf8_notice():
    _check_small_award(_only_notice(_doc(SMALL_AWARD.encode("utf-8"))))


def test_gbk_notice_with_gbk_header():
    body = SMALL_AWARD.replace("charset=utf-8", "charset=gbk").encode("gbk")
    _check_small_award(_only_notice(_doc(body, encoding="gbk")))


def test_gbk_bytes_declared_utf8():
    body = SMALL_AWARD.encode("gbk")  # the page and the header both claim UTF-8
    _check_small_award(_only_notice(_doc(body, encoding="utf-8")))


def test_utf8_bytes_declared_gbk():
    body = SMALL_AWARD.replace("charset=utf-8", "charset=GB2312").encode("utf-8")
    _check_small_award(_only_notice(_doc(body, encoding="gbk")))


def test_see_body_placeholder_summary_reads_body_table():
    page = _page(
        "测试市教育局智慧校园采购项目成交结果公告",
        [("采购项目名称", "详见公告正文"), ("采购单位", "详见公告正文"), ("总成交金额", "详见公告正文"),
         ("代理机构名称", "详见公告正文")],
        "<p>一、项目编号：CSJY-2024-077</p><p>二、项目名称：测试市教育局智慧校园采购项目</p>"
        "<p>三、中标（成交）信息</p>"
        "<table><tr><td>包号</td><td>成交供应商</td><td>成交金额（万元）</td><td>下浮率</td></tr>"
        "<tr><td>1</td><td>测试教育科技股份有限公司</td><td>86.5</td><td>3%</td></tr></table>"
        "<p>四、其他补充事宜</p><p>1.采购人信息</p><p>名称：测试市教育局</p>"
        "<p>2.采购代理机构信息</p><p>名称：测试政采咨询有限公司</p>",
    )
    notice = _only_notice(_doc(page.encode()))
    assert notice.buyer_raw == "测试市教育局"
    assert notice.agent_raw == "测试政采咨询有限公司"
    assert notice.project_name == "测试市教育局智慧校园采购项目"
    assert [(a.vendor_raw, a.amount, a.lot) for a in notice.awards] == [("测试教育科技股份有限公司", Decimal("865000"), "1")]
    assert "成交金额（万元）: 86.5" in notice.awards[0].evidence


def test_multi_lot_table_two_suppliers():
    page = _page(
        "测试县人民医院设备采购项目中标公告",
        [("采购单位", "测试县人民医院"), ("代理机构名称", "测试招标代理有限公司")],
        "<p>三、中标（成交）信息</p>"
        "<table><tr><th>包号</th><th>中标供应商名称</th><th>中标金额</th><th>单价（元）</th></tr>"
        "<tr><td>包1</td><td>测试医疗器械有限公司</td><td>￥350,000.00元</td><td>35000</td></tr>"
        "<tr><td>包2</td><td>测试信息技术有限公司</td><td>￥1,200,000.00元</td><td>600000</td></tr></table>",
    )
    notice = _only_notice(_doc(page.encode()))
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("包1", "测试医疗器械有限公司", Decimal("350000.00")), ("包2", "测试信息技术有限公司", Decimal("1200000.00"))]
    assert all(a.agency_raw == "测试县人民医院" for a in notice.awards)


def test_multi_lot_label_lines_with_capital_numerals():
    page = _page(
        "测试区公安分局监控设备采购项目成交公告",
        [("采购单位", "测试区公安分局"), ("代理机构名称", "测试招标代理有限公司")],
        "<p>三、成交信息</p>"
        "<p>第一包：前端摄像机</p><p>成交供应商：测试安防科技有限公司</p><p>地址：测试区一路</p>"
        "<p>成交金额：人民币壹佰贰拾万元整（￥1,200,000.00）</p>"
        "<p>第二包：存储设备</p><p>成交供应商：测试存储有限公司</p><p>成交金额：叁拾肆万伍仟元整</p>"
        "<p>四、代理服务费</p><p>代理服务费：人民币捌仟元整</p>",
    )
    notice = _only_notice(_doc(page.encode()))
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("第一包", "测试安防科技有限公司", Decimal("1200000.00")), ("第二包", "测试存储有限公司", Decimal("345000"))]


def test_tender_notice_budget_and_no_awards():
    page = _page(
        "测试县公安局雪亮工程建设项目公开招标公告",
        [("采购项目名称", "测试县公安局雪亮工程建设项目"), ("采购单位", "测试县公安局"),
         ("预算金额", "￥980.000000 万元（人民币）"), ("代理机构名称", "测试招标代理有限公司")],
        "<p>一、项目基本情况</p><p>项目编号：CSGA-2025-009</p><p>预算金额：9800000元</p><p>最高限价：9800000元</p>"
        "<p>采购需求：视频监控前端及平台建设</p>" + CONTACTS,
    )
    notice = _only_notice(_doc(page.encode()))
    assert notice.notice_type == "tender"
    assert (notice.budget, notice.budget_currency) == (Decimal("9800000"), "CNY")
    assert notice.awards == []
    assert notice.buyer_raw == "测试县公安局" and notice.agent_raw == "测试招标代理有限公司"


@pytest.mark.parametrize("total_row, expected", [("", Decimal("2000000")), ("<tr><td>合计</td><td>/</td><td>200</td><td>/</td></tr>", Decimal("2000000"))])
def test_tender_budget_from_per_lot_table_not_its_header(total_row, expected):
    page = _page(
        "测试市公安局监控运维服务公开招标公告",
        [("采购单位", "测试市公安局")],
        "<p>一、项目基本情况</p><p>采购需求：本项目分两个包。</p>"
        "<table><tr><th>包号</th><th>包名称</th><th>预算金额（万元）</th><th>最高限价（万元）</th></tr>"
        "<tr><td>1</td><td>前端运维</td><td>120</td><td>118</td></tr>"
        f"<tr><td>2</td><td>平台运维</td><td>80</td><td>80</td></tr>{total_row}</table>",
    )
    notice = _only_notice(_doc(page.encode()))
    assert notice.notice_type == "tender" and notice.awards == []
    assert (notice.budget, notice.budget_currency) == (expected, "CNY")  # never the 最高限价 column, never 'None'


def test_zcy_article_detail_json_page():
    content = ("<p>一、项目编号：XJZC-2024-1001</p><p>二、项目名称：测试市公安局指挥中心升级项目</p><p>三、中标（成交）信息</p>"
               "<table><tr><td>序号</td><td>供应商名称</td><td>中标（成交）金额</td></tr>"
               "<tr><td>1</td><td>测试通信技术有限公司</td><td>报价:2980000(元)</td></tr></table>"
               "<p>1.采购人信息</p><p>名 称：测试市公安局</p><p>2.采购代理机构信息</p><p>名 称：测试项目管理有限公司</p>")
    detail = {"title": "测试市公安局指挥中心升级项目结果公告", "publishDate": 1717200000000, "districtName": "乌鲁木齐市",
              "content": content}
    page = f"<html><body><input type='hidden' name='articleDetail' value='{json.dumps(detail, ensure_ascii=False)}'></body></html>"
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-xinjiang.gov.cn/ZcyAnnouncement/ZcyAnnouncement4/x.html"))
    assert notice.notice_type == "award"
    assert notice.published_at == "2024-06-01"
    assert notice.region == "乌鲁木齐市"
    assert notice.buyer_raw == "测试市公安局" and notice.agent_raw == "测试项目管理有限公司"
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("测试通信技术有限公司", Decimal("2980000"))]


def test_block_page_is_never_a_notice():
    page = "<html><head><title>提示</title></head><body><p>您的访问过于频繁，请稍后再试。</p></body></html>"
    doc = _doc(page.encode())
    with pytest.raises(ParseError, match="blocked page"):
        ccgp.parse(doc)


@pytest.mark.parametrize("body", [b"", b"   ", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
                                  "<html><body><p>网站首页 新闻动态</p></body></html>".encode(), b'{"success": true}'])
def test_unreadable_pages_raise_parse_error(body):
    with pytest.raises(ParseError):
        ccgp.parse(_doc(body))


def test_sniff_rejects_plain_prose():
    prose = "记者今天获悉，该项目已完成开标，最终以2580万元的中标价完成采购任务。".encode()
    assert not ccgp.sniff(_doc(prose))
    assert ccgp.sniff(_doc(SMALL_AWARD.encode("gbk")))


def test_consortium_winner_split_with_amount_on_the_lead():
    page = _page(
        "测试市城市报警平台建设项目中标公告",
        [("采购单位", "测试市公安局"), ("代理机构名称", "测试招标集团股份有限公司")],
        "<p>二、中标信息</p><table><tr><td>中标供应商名称</td><td>中标金额</td></tr>"
        "<tr><td>测试长峰科技有限公司（联合体牵头人）、测试电信控股有限公司</td><td>人民币58600万元</td></tr></table>"
        "<p>中标通知书发出日期：2012年05月04日</p>",
    )
    notice = _only_notice(_doc(page.encode()))
    assert [(a.vendor_raw, a.amount, a.date) for a in notice.awards] == [
        ("测试长峰科技有限公司", Decimal("586000000"), "2012-05-04"), ("测试电信控股有限公司", None, "2012-05-04")]


ARCHIVE = Path(__file__).resolve().parents[1] / "spiders" / "archive" / "ccgp_national_award"


def test_replay_archive_detail_pages_parse():
    entries = [json.loads(line) for line in (ARCHIVE / "responses.jsonl").read_text(encoding="utf-8").splitlines() if line]
    details = [e for e in entries if "/cggg/" in e["url"]]
    assert 4 <= len(details) <= 6
    vendors = {}
    for entry in details:
        charset = entry["headers"]["Content-Type"].rsplit("=", 1)[-1].lower()
        doc = Document(url=entry["url"], body=(ARCHIVE / entry["file"]).read_bytes(), kind="ccgp_notice", declared_encoding=charset)
        assert ccgp.sniff(doc)
        notice = _only_notice(doc)
        assert notice.notice_type == "award" and notice.awards and notice.buyer_raw
        vendors.update({a.vendor_raw: a.amount for a in notice.awards})
    assert vendors["江苏新煦光电科技有限公司"] == Decimal("569800")
    assert vendors["广西容县建筑工程总公司"] == Decimal("1444851.19")  # the GBK page
    assert vendors["北京中电兴发科技有限公司"] == Decimal("667000000")  # summary says 详见公告正文
    assert any(e["headers"]["Content-Type"].endswith("GBK") for e in details)
