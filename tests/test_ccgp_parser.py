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


@pytest.mark.parametrize("pubdate, url, expected_date", [
    ("2025-03-18 09:30", "https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202503/t20250318_1.htm", "2025-03-18"),  # published
    ("", "file:///undated.html", "2012-05-04"),  # no publication date anywhere: the award date stands in
])
def test_consortium_winner_split_with_amount_on_the_lead(pubdate, url, expected_date):
    page = _page(
        "测试市城市报警平台建设项目中标公告",
        [("采购单位", "测试市公安局"), ("代理机构名称", "测试招标集团股份有限公司")],
        "<p>二、中标信息</p><table><tr><td>中标供应商名称</td><td>中标金额</td></tr>"
        "<tr><td>测试长峰科技有限公司（联合体牵头人）、测试电信控股有限公司</td><td>人民币58600万元</td></tr></table>"
        "<p>中标通知书发出日期：2012年05月04日</p>",
        pubdate=pubdate,
    )
    notice = _only_notice(_doc(page.encode(), url=url))
    assert [(a.vendor_raw, a.amount, a.date) for a in notice.awards] == [
        ("测试长峰科技有限公司", Decimal("586000000"), expected_date), ("测试电信控股有限公司", None, expected_date)]
    assert "中标通知书发出日期: 2012年05月04日" in notice.awards[0].evidence


ARCHIVE = Path(__file__).resolve().parents[1] / "spiders" / "archive" / "ccgp_national_award"


def test_replay_archive_detail_pages_parse():
    entries = [json.loads(line) for line in (ARCHIVE / "responses.jsonl").read_text(encoding="utf-8").splitlines() if line]
    details = [e for e in entries if "/cggg/" in e["url"]]
    assert len(details) >= 4  # the replay archive grows as portals are added
    vendors = {}
    for entry in details:
        charset = entry["headers"]["Content-Type"].rsplit("=", 1)[-1].lower()
        doc = Document(url=entry["url"], body=(ARCHIVE / entry["file"]).read_bytes(), kind="ccgp_notice", declared_encoding=charset)
        assert ccgp.sniff(doc)
        notice = _only_notice(doc)
        assert notice.buyer_raw
        if notice.notice_type in ("tender", "other"):
            assert notice.awards == []
            continue
        assert notice.awards  # an award notice, or a result change that states the award as it now stands
        vendors.update({a.vendor_raw: a.amount for a in notice.awards})
    assert vendors["江苏新煦光电科技有限公司"] == Decimal("569800")
    assert vendors["广西容县建筑工程总公司"] == Decimal("1444851.19")  # the GBK page
    assert vendors["北京中电兴发科技有限公司"] == Decimal("667000000")  # summary says 详见公告正文
    assert vendors["烽火通信科技股份有限公司"] == Decimal("58887200")  # the winner after a 中标结果变更公告
    assert any(e["headers"]["Content-Type"].endswith("GBK") for e in details)


# -- layouts of other portals, written here in their real shapes ----------------------------------------------
def _portal_page(title: str, body: str, site: str = "测试省政府采购网", head: str = "") -> str:
    """A provincial portal page: no ccgp metadata, the site name in <title>, the notice title in an <h1>."""
    return (f"<html><head><meta charset='utf-8'><title>{site}</title>{head}</head><body>"
            f"<div class='nav'><ul><li>首页</li><li>采购公告</li><li>中标公告</li><li>更正事项</li><li>采购合同</li></ul></div>"
            f"<h1 class='content-head-title'>{title}</h1>{body}</body></html>")


AWARD_TABLE_THEN_OBJECTS = (
    "<p>一、项目编号：CSCG-2024-0311</p><p>二、项目名称：测试区应急指挥平台采购项目</p>"
    "<p>三、中标（成交）信息</p>"
    "<table><tr><th>序号</th><th>中标供应商名称</th><th>中标供应商地址</th><th>中标金额（万元）</th></tr>"
    "<tr><td>1</td><td>测试数智科技有限公司</td><td>测试市高新区科技路8号</td><td>128.500000</td></tr></table>"
    "{objects_heading}"
    "<table><tr><td>序号</td><td>供应商名称</td><td>标的名称</td><td>品牌</td><td>数量</td><td>单价（元）</td><td>金额（元）</td></tr>"
    "<tr><td>1</td><td>测试数智科技有限公司</td><td>指挥调度服务器</td><td>测试牌</td><td>4</td><td>86000</td><td>344000</td></tr>"
    "<tr><td>2</td><td>测试数智科技有限公司</td><td>大屏显示系统</td><td>测试牌</td><td>1</td><td>941000</td><td>941000</td></tr></table>"
    "<p>总价：941000元</p>"
    "<p>九、对本次公告内容提出询问，请按以下方式联系</p><p>1.采购人信息</p><p>名 称：测试区应急管理局</p>"
    "<p>2.采购代理机构信息</p><p>名 称：测试项目咨询有限公司</p>"
)


@pytest.mark.parametrize("objects_heading", ["<p>四、主要标的信息</p>", "<p><strong>主要标的信息：</strong></p>"])
def test_award_table_in_wan_yuan_then_objects_table_gives_no_amounts(objects_heading):
    body = AWARD_TABLE_THEN_OBJECTS.format(objects_heading=objects_heading)
    notice = _only_notice(_doc(_portal_page("测试区应急指挥平台采购项目中标（成交）结果公告", body).encode(),
                               url="https://www.ccgp-zhejiang.gov.cn/site/detail?articleId=1"))
    assert notice.notice_type == "award"
    assert notice.buyer_raw == "测试区应急管理局" and notice.agent_raw == "测试项目咨询有限公司"
    assert [(a.vendor_raw, a.amount, a.currency) for a in notice.awards] == [
        ("测试数智科技有限公司", Decimal("1285000"), "CNY")]  # never the 344000 / 941000 line items


@pytest.mark.parametrize("value", ["下浮率：5%", "折扣率:95(%)", "费率形式报价:1.5(%)", "单价形式报价:120(元)", "120元/平方米",
                                   "详见附件"])
def test_rate_or_unit_price_is_not_an_award_amount(value):
    lines = _portal_page(
        "测试市市政道路养护服务项目成交结果公告",
        f"<p>一、采购人：测试市市政管理处</p><p>二、成交信息</p><p>成交供应商：测试养护工程有限公司</p><p>成交金额：{value}</p>",
    )
    table = _portal_page(
        "测试市市政道路养护服务项目成交结果公告",
        "<p>一、采购人：测试市市政管理处</p><p>二、中标（成交）信息</p>"
        "<table><tr><th>序号</th><th>中标供应商名称</th><th>中标（成交）金额</th></tr>"
        f"<tr><td>1</td><td>测试养护工程有限公司</td><td>{value}</td></tr></table>",
    )
    for page in (lines, table):
        notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-hubei.gov.cn/notice/1.html"))
        assert [(a.vendor_raw, a.amount, a.currency) for a in notice.awards] == [("测试养护工程有限公司", None, None)]
        assert notice.buyer_raw == "测试市市政管理处"


def test_lots_on_one_line_with_capital_numerals_and_spaced_digits():
    page = _portal_page(
        "测试县公安局执法记录仪采购项目中标公告",
        "<p>一、采购人名称：测试县公安局</p><p>二、中标信息</p>"
        "<p>包1：中标供应商：测试视界电子有限公司，中标金额：人民币壹佰贰拾万元整（¥1,200,000.00）；"
        "包2：中标供应商：测试存储技术有限公司，中标金额：1 444 851.19 元；"
        "包3：中标供应商：测试网络工程有限公司，中标金额：下浮率8%</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-sichuan.gov.cn/detail/1.html"))
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("包1", "测试视界电子有限公司", Decimal("1200000.00")), ("包2", "测试存储技术有限公司", Decimal("1444851.19")),
        ("包3", "测试网络工程有限公司", None)]
    assert all(a.agency_raw == "测试县公安局" for a in notice.awards)


CANDIDATE_BODIES = {
    "lines": "<p>二、评标结果</p><p>第一中标候选人：测试路桥建设有限公司</p><p>投标报价：¥3,456,789.00元</p>"
             "<p>第二中标候选人：测试市政工程有限公司</p><p>投标报价：¥3,500,000.00元</p>"
             "<p>第三中标候选人：测试交通建设集团有限公司</p><p>投标报价：¥3,612,000.00元</p>",
    "ranked table": "<p>二、中标候选人</p><table><tr><td>排名</td><td>投标人名称</td><td>投标报价（元）</td><td>综合得分</td></tr>"
                    "<tr><td>2</td><td>测试市政工程有限公司</td><td>3500000.00</td><td>88.12</td></tr>"
                    "<tr><td>1</td><td>测试路桥建设有限公司</td><td>3456789.00</td><td>93.50</td></tr>"
                    "<tr><td>3</td><td>测试交通建设集团有限公司</td><td>3612000.00</td><td>80.01</td></tr></table>",
    "candidate columns": "<table><tr><td>排名</td><td>第一中标候选人</td><td>第二中标候选人</td><td>第三中标候选人</td></tr>"
                         "<tr><td>单位名称</td><td>测试路桥建设有限公司</td><td>测试市政工程有限公司</td><td>测试交通建设集团有限公司</td></tr>"
                         "<tr><td>投标报价（万元）</td><td>345.6789</td><td>350</td><td>361.2</td></tr>"
                         "<tr><td>项目经理</td><td>张三</td><td>李四</td><td>王五</td></tr></table>",
    "supplier name prefix": "<p>三、中标（成交）信息</p><p>供应商名称：第一中标候选人：测试路桥建设有限公司</p>"
                            "<p>中标（成交）金额：345.6789（万元）</p><p>供应商名称：第二中标候选人：测试市政工程有限公司</p>"
                            "<p>中标（成交）金额：350（万元）</p>",
}


@pytest.mark.parametrize("layout", sorted(CANDIDATE_BODIES))
def test_candidate_publicity_keeps_only_the_first_candidate(layout):
    page = _portal_page(
        "测试县城区道路改造工程施工中标候选人公示",
        "<p>一、招标人：测试县交通运输局</p><p>招标代理机构：测试工程咨询有限公司</p>" + CANDIDATE_BODIES[layout]
        + "<p>公示时间：2024年05月07日至2024年05月09日</p>",
        site="测试市公共资源交易中心",
    )
    notice = _only_notice(_doc(page.encode(), url="https://ggzy.example.gov.cn/jyxx/1.html"))
    assert notice.notice_type == "award"
    assert notice.buyer_raw == "测试县交通运输局" and notice.agent_raw == "测试工程咨询有限公司"
    assert [(a.vendor_raw, a.amount, a.status) for a in notice.awards] == [
        ("测试路桥建设有限公司", Decimal("3456789"), "candidate")]
    # Kept for the procedure's lifecycle, below the confidence at which a record is read as an award.
    assert notice.awards[0].confidence < 0.5
    assert notice.published_at == "2024-05-07"


@pytest.mark.parametrize("title, site_title", [
    ("测试市第一中学多媒体教室采购项目中标结果更正公告", True), ("测试省政府采购网", False)])
def test_a_result_correction_gives_the_award_as_corrected(title, site_title):
    body = ("<p>一、项目基本情况</p><p>原公告的采购项目编号：CSJY-2024-018</p><p>原公告的采购项目名称：测试市第一中学多媒体教室采购项目</p>"
            "<p>首次公告日期：2024年03月01日</p><p>二、更正信息</p><p>更正事项：采购结果</p>"
            "<p>更正内容：中标供应商由测试教育装备有限公司更正为测试智慧教育科技有限公司，中标金额：98.6万元</p>"
            "<p>更正日期：2024年03月08日</p><p>三、对本次公告内容提出询问，请按以下方式联系</p>"
            "<p>1.采购人信息</p><p>名 称：测试市第一中学</p>")
    page = _portal_page(title, body) if site_title else f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-jiangsu.gov.cn/a/1.html"))
    assert notice.notice_type == "modification"
    # The winner after the change, never the one it replaces: the warehouse lets it supersede the first award.
    assert [(a.vendor_raw, a.amount, a.status) for a in notice.awards] == [("测试智慧教育科技有限公司", Decimal("986000"), "active")]
    assert notice.buyer_raw == "测试市第一中学"


def test_site_menu_words_do_not_make_an_award_a_correction():
    page = _portal_page(
        "测试市公安局警用无人机采购项目",  # a title without any notice word: the body decides
        "<p>一、采购人：测试市公安局</p><p>二、中标信息</p><p>中标供应商：测试航空科技有限公司</p><p>中标金额：856000元</p>",
        site="全国公共资源交易平台",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ggzy.gov.cn/information/deal/html/1.html"))
    assert notice.notice_type == "award"
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("测试航空科技有限公司", Decimal("856000"))]


CONTACT_BLOCKS = {
    "one flattened line": "<p>九、联系方式 1.采购人信息 名 称：测试市卫生健康委员会 地 址：测试市健康路1号 联系方式：0571-1111111 "
                          "2.采购代理机构信息 名 称：测试招标咨询有限公司 地 址：测试市文一路2号 联系方式：0571-2222222</p>",
    "agent block first": "<p>九、联系方式</p><p>1、采购代理机构信息</p><p>名称：测试招标咨询有限公司</p><p>地址：测试市文一路2号</p>"
                         "<p>2、采购人信息</p><p>名称：测试市卫生健康委员会</p><p>地址：测试市健康路1号</p>",
    "unnumbered headings": "<p>采购人信息 名称：测试市卫生健康委员会</p><p>地址：测试市健康路1号</p>"
                           "<p>采购代理机构信息 名称：测试招标咨询有限公司</p>",
}


@pytest.mark.parametrize("layout", sorted(CONTACT_BLOCKS))
def test_buyer_and_agent_contact_blocks(layout):
    page = _portal_page(
        "测试市卫生健康委员会信息系统运维项目成交公告",
        "<p>一、成交信息</p><p>成交供应商：测试软件股份有限公司</p><p>成交金额：￥680,000.00</p>" + CONTACT_BLOCKS[layout],
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-shandong.gov.cn/sdgp2017/site/read.jsp?id=1"))
    assert notice.buyer_raw == "测试市卫生健康委员会"
    assert notice.agent_raw == "测试招标咨询有限公司"
    assert [(a.vendor_raw, a.agency_raw, a.amount) for a in notice.awards] == [
        ("测试软件股份有限公司", "测试市卫生健康委员会", Decimal("680000.00"))]


@pytest.mark.parametrize("buyer_line", ["采购单位：测试区城市管理局", "招标人：测试区城市管理局", "采购人名称：测试区城市管理局",
                                        "采  购  人：测试区城市管理局 地址：测试区人民路9号",
                                        "测试招标有限公司受测试区城市管理局委托，就测试区路灯改造项目进行竞争性磋商，现将结果公告如下："])
def test_buyer_label_variants(buyer_line):
    page = _portal_page(
        "测试区路灯改造项目成交结果公告",
        f"<p>{buyer_line}</p><p>一、成交信息</p><p>成交供应商：测试照明工程有限公司</p><p>成交金额：52.3万元</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://gdgpo.czt.gd.gov.cn/freecms/site/gd/ggxx/info/1.html"))
    assert notice.buyer_raw == "测试区城市管理局"
    assert [(a.vendor_raw, a.agency_raw, a.amount) for a in notice.awards] == [
        ("测试照明工程有限公司", "测试区城市管理局", Decimal("523000"))]


@pytest.mark.parametrize("date_html, url", [
    ("<p>发布时间：2021年08月20日</p>", "https://www.ccgp-beijing.gov.cn/xxgg/1.html"),
    ("<p>公告日期：2021-08-20</p>", "https://www.ccgp-beijing.gov.cn/xxgg/1.html"),
    ("<div class='content-head-info'><span>2021-08-20 10:00</span> <span>来源：测试市政府采购中心</span></div>",
     "https://www.ccgp-beijing.gov.cn/xxgg/1.html"),
    ("<span class='content-head-info-releaseTime'>发布时间：2021-08-20 10:00:00</span>", "https://www.ccgp-yunnan.gov.cn/1.html"),
    ("", "https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202108/t20210820_16543210.htm"),
])
def test_publication_date_from_the_body_or_address_wins_over_the_award_date(date_html, url):
    page = _portal_page(
        "测试市交通局信号灯采购项目中标公告",
        date_html + "<p>一、采购人：测试市交通局</p><p>二、中标信息</p><p>中标供应商：测试交通设施有限公司</p>"
        "<p>中标金额：1,280,000.00元</p><p>定标日期：2021年08月18日</p>",
    )
    notice = _only_notice(_doc(page.encode(), url=url))
    assert notice.published_at == "2021-08-20"
    assert [(a.vendor_raw, a.date) for a in notice.awards] == [("测试交通设施有限公司", "2021-08-20")]
    assert "定标日期: 2021年08月18日" in notice.awards[0].evidence


def test_signing_off_date_is_the_publication_date_of_a_bare_page():
    page = _portal_page(
        "测试镇人民政府办公设备采购成交公告",
        "<p>一、采购人：测试镇人民政府</p><p>二、成交信息</p><p>成交供应商：测试办公用品有限公司</p><p>成交金额：86,500.00元</p>"
        "<p>测试镇人民政府</p><p>2023年11月3日</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.example.gov.cn/zfcg/1.html"))
    assert notice.published_at == "2023-11-03"
    assert notice.awards[0].date == "2023-11-03"


def test_traditional_script_and_full_width_figures():
    page = _portal_page(
        "測試市警察局監控設備採購項目中標結果公告",
        "<p>一、採購人：測試市警察局</p><p>二、採購代理機構：測試招標代理有限公司</p><p>三、中標信息</p>"
        "<p>中標供應商名稱：測試電子科技股份有限公司</p><p>中標金額：４３２．３５５１萬元</p>"
        "<p>發佈時間：２０２２年０３月１５日</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="file:///traditional.html"))
    assert notice.notice_type == "award"
    assert notice.buyer_raw == "測試市警察局" and notice.agent_raw == "測試招標代理有限公司"  # names as written
    assert [(a.vendor_raw, a.amount, a.currency, a.date) for a in notice.awards] == [
        ("測試電子科技股份有限公司", Decimal("4323551"), "CNY", "2022-03-15")]


def test_gb2312_page_whose_meta_says_utf8():
    page = _portal_page(
        "测试县水利局水文监测设备采购项目成交公告",
        "<p>一、采购人：测试县水利局</p><p>二、成交信息</p><p>成交供应商：测试水文仪器有限公司</p>"
        "<p>成交金额：人民币叁拾肆万伍仟元整（￥345,000.00）</p>",
    )
    doc = _doc(page.encode("gb2312"), url="https://www.ccgp-guangxi.gov.cn/1.html")  # no header; <meta charset='utf-8'>
    assert ccgp.sniff(doc)
    notice = _only_notice(doc)
    assert notice.buyer_raw == "测试县水利局"
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("测试水文仪器有限公司", Decimal("345000.00"))]


def test_contract_notice_parties_and_amount():
    page = _page(
        "测试市公安局交通管理支队电子警察运维服务合同公告",
        [("采购单位", "测试市公安局交通管理支队")],
        "<p>一、合同编号：CS-HT-2023-045</p><p>二、合同名称：电子警察运维服务合同</p><p>三、项目编号：CSJJ-2023-009</p>"
        "<p>五、合同主体</p><p>采购人（甲方）：测试市公安局交通管理支队</p><p>地 址：测试市交警路1号</p>"
        "<p>供应商（乙方）：测试智能交通科技有限公司</p><p>地 址：测试市创新大道5号</p>"
        "<p>六、合同主要信息</p><p>主要标的名称：电子警察运维服务</p><p>服务要求：详见合同</p>"
        "<p>合同金额（万元）：356.8</p><p>七、合同签订日期：2023-06-30</p><p>八、合同公告日期：2023-07-03</p>",
        pubdate="2023-07-03 16:20",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp.gov.cn/contract/1.html"))
    assert notice.notice_type == "contract"
    assert [(a.vendor_raw, a.agency_raw, a.amount, a.date) for a in notice.awards] == [
        ("测试智能交通科技有限公司", "测试市公安局交通管理支队", Decimal("3568000"), "2023-07-03")]


def test_result_notice_with_supplier_section_and_generic_name_lines():
    page = _portal_page(
        "测试市人民医院信息化建设项目成交结果公告",
        "<p>一、采购人：测试市人民医院</p><p>二、采购代理机构：测试政府采购中心</p><p>三、采购项目名称：信息化建设项目</p>"
        "<p>四、采购方式：竞争性磋商</p><p>五、成交供应商</p><p>名称：测试医疗信息技术有限公司</p><p>地址：测试市软件园1号</p>"
        "<p>成交金额：壹佰万元整（¥1,000,000.00）</p><p>六、评审小组成员名单：张三、李四、王五</p>",
        site="测试省政府采购网",
    )
    notice = _only_notice(_doc(page.encode(), url="http://www.ccgp-jiangsu.gov.cn/ggxx/cjgg/1.html"))
    assert (notice.buyer_raw, notice.agent_raw) == ("测试市人民医院", "测试政府采购中心")
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("测试医疗信息技术有限公司", Decimal("1000000.00"))]


def test_zcy_candidate_free_table_with_rate_column_header():
    page = _portal_page(
        "测试县教育局校园安保服务项目结果公告",
        "<p>一、项目编号：CSJY-2023-101</p><p>三、中标（成交）信息</p>"
        "<table><tr><th>序号</th><th>供应商名称</th><th>供应商地址</th><th>成交金额（元）/下浮率（%）</th></tr>"
        "<tr><td class='code-sectionNo'>1</td><td>测试保安服务有限公司</td><td>测试县城关镇</td><td>1,234,000.00</td></tr>"
        "<tr><td class='code-sectionNo'>2</td><td>测试物业管理有限公司</td><td>测试县城南镇</td><td>下浮率：6</td></tr></table>"
        "<p>1.采购人信息</p><p>名 称：测试县教育局</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-xinjiang.gov.cn/portal/detail?articleId=1"))
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("1", "测试保安服务有限公司", Decimal("1234000.00")), ("2", "测试物业管理有限公司", None)]


def test_lots_as_table_columns():
    page = _portal_page(
        "测试市教育局课桌椅采购项目中标公告",
        "<p>一、采购单位：测试市教育局</p><p>二、中标信息</p>"
        "<table><tr><td>包号</td><td>包1</td><td>包2</td></tr>"
        "<tr><td>中标供应商名称</td><td>测试家具制造有限公司</td><td>测试教学设备有限公司</td></tr>"
        "<tr><td>中标金额（元）</td><td>1,086,000.00</td><td>543,210.50</td></tr></table>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-hubei.gov.cn/notice/2.html"))
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("包1", "测试家具制造有限公司", Decimal("1086000.00")), ("包2", "测试教学设备有限公司", Decimal("543210.50"))]


@pytest.mark.parametrize("winner", ["测试环境科技有限公司（统一社会信用代码：91330100MA2XXXXXX1）",
                                    "测试环境科技有限公司 统一社会信用代码：91330100MA2XXXXXX1"])
def test_vendor_value_stops_at_the_next_label(winner):
    page = _portal_page(
        "测试区污水处理厂运维项目成交公告",
        f"<p>一、采购人：测试区水务局</p><p>二、成交信息</p><p>成交供应商：{winner}</p><p>成交金额：2,340,000.00元</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-yunnan.gov.cn/2.html"))
    assert [(a.vendor_raw, a.amount) for a in notice.awards] == [("测试环境科技有限公司", Decimal("2340000.00"))]


def test_failed_lot_and_generic_entrusting_body_give_nothing():
    page = _portal_page(
        "测试区社区服务中心物业服务项目结果公告",
        "<p>测试招标有限公司受采购人委托，就测试区社区服务中心物业服务项目进行竞争性磋商。</p>"
        "<p>一、中标（成交）信息</p><p>包1：成交供应商：测试物业服务有限公司，成交金额：360000元</p>"
        "<p>包2：成交供应商：流标（有效供应商不足三家）</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-guangxi.gov.cn/2.html"))
    assert notice.buyer_raw is None  # 采购人 is a role word, not the buyer's name
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [("包1", "测试物业服务有限公司", Decimal("360000"))]


def test_lot_label_lines_then_score_table_of_all_bidders():
    page = _portal_page(
        "测试市疾控中心试剂采购项目中标（成交）结果公告",
        "<p>发布日期：2024-08-16 20:32</p><p>一、项目编号：CSJK-2024-066</p><p>三、中标（成交）信息：</p>"
        "<p>包号：1 供应商名称：测试生物科技股份有限公司 供应商地址：测试市经开区1号 中标（成交）金额：382.47103 (万元)</p>"
        "<p>包号：2 供应商名称：测试医疗器械有限公司 供应商地址：测试市东湖区2号 中标（成交）金额：单价：12.78元</p>"
        "<p>七、中标（成交）候选供应商评审得分及报价表</p>"
        "<p>包号：1 供应商名称 报价总得分 技术总得分 商务总得分 合计 排序</p>"
        "<table><tr><td>供应商名称</td><td>投标报价（元）</td><td>合计</td><td>排序</td></tr>"
        "<tr><td>测试生物科技股份有限公司</td><td>3824710.30</td><td>98.87</td><td>1</td></tr>"
        "<tr><td>测试试剂贸易有限公司</td><td>3900000.00</td><td>90.12</td><td>2</td></tr></table>"
        "<p>九、联系方式 1、采购人信息 名 称：测试市疾病预防控制中心 地 址：测试市卫生路3号</p>",
    )
    notice = _only_notice(_doc(page.encode(), url="https://www.ccgp-hubei.gov.cn/notice/202408/notice_1.html"))
    assert notice.published_at == "2024-08-16"
    assert notice.buyer_raw == "测试市疾病预防控制中心"
    assert [(a.lot, a.vendor_raw, a.amount) for a in notice.awards] == [
        ("1", "测试生物科技股份有限公司", Decimal("3824710.3")), ("2", "测试医疗器械有限公司", None)]
