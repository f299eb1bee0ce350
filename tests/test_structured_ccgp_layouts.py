"""Province result-notice layouts and their traps, each built as its own small page in the layout a portal uses
(facts of the kind real notices carry; the wording is ours)."""
from __future__ import annotations

import json
from decimal import Decimal

from pipeline.parse import parse_document
from pipeline.records import Document


def _notice(body: str | bytes, url: str = "https://ggzy.example.gov.cn/jyxx/1.html", kind: str = "ccgp_notice"):
    raw = body.encode() if isinstance(body, str) else body
    [notice] = parse_document(Document(url=url, body=raw, kind=kind)).notices
    return notice


def _winners(notice) -> list[tuple]:
    return [(a.vendor_raw, a.agency_raw, a.amount, a.lot, a.status) for a in notice.awards]


# Zhejiang county trading centre: the whole notice sits in one cell of a layout table whose first row is the
# title (written by the agent) and whose second row holds the numbered sections and a supplier table.
LAYOUT_WRAPPED = """<html><body><table id="tblInfo"><tr><td id="tdTitle"><b>某市工程咨询有限公司关于县体育馆照明改造工程的中标(成交)结果公告</b>
<br><font>【信息时间： 2021/5/17 阅读次数：80】</font></td></tr>
<tr><td class="infodetail"><div>
<p><strong>一、项目编号：</strong><span>ZJCX-2021-031</span></p>
<p><strong>二、项目名称：</strong><span>县体育馆照明改造工程</span></p>
<p><strong>三、中标（成交）信息</strong></p>
<p>1.中标结果：</p>
<table><thead><tr><th>序号</th><th>中标（成交）金额(元)</th><th>中标供应商名称</th><th>中标供应商地址</th></tr></thead>
<tbody><tr><td>1</td><td>最终报价:1268800.00(元)</td><td>浙江某市政建设有限公司</td><td>某县某路1号</td></tr></tbody></table>
<p>2.废标结果：</p>
<table><thead><tr><th>序号</th><th>标项名称</th><th>废标理由</th></tr></thead><tbody><tr><td>/</td><td>/</td><td>/</td></tr></tbody></table>
<p><strong>四、代理服务收费标准及金额：</strong></p><p>代理服务收费金额（元）：15000</p>
<p><strong>五、凡对本次公告内容提出询问，请按以下方式联系。</strong></p>
<p>1.采购人信息</p><p>名 称：县体育中心（县业余体校）</p><p>地 址：某县某路2号</p>
<p>2.采购代理机构信息</p><p>名 称：某市工程咨询有限公司</p><p>地 址：某市某路3号</p>
</div></td></tr></table></body></html>"""


def test_a_notice_wrapped_in_a_layout_table_is_read_section_by_section():
    notice = _notice(LAYOUT_WRAPPED)
    assert notice.buyer_raw == "县体育中心（县业余体校）" and notice.agent_raw == "某市工程咨询有限公司"
    assert _winners(notice) == [("浙江某市政建设有限公司", "县体育中心（县业余体校）", Decimal("1268800.00"), None, "active")]


# A caption above the table gives the unit of its bare figures; the header names none.
CAPTION_UNIT = """<html><head><title>某区教育局教学设备采购项目中标结果公告</title></head><body>
<h2>某区教育局教学设备采购项目中标结果公告</h2>
<p>一、项目编号：QJ-2023-118</p><p>二、项目名称：教学设备采购项目</p>
<p>三、中标信息</p><p>金额单位：万元</p>
<table><tr><td>包号</td><td>中标供应商名称</td><td>中标金额</td></tr>
<tr><td>1</td><td>某教育科技有限公司</td><td>59.7618</td></tr></table>
<p>四、采购人信息</p><p>采购人：某区教育局</p></body></html>"""


def test_a_caption_unit_applies_to_the_table_below_it():
    notice = _notice(CAPTION_UNIT)
    assert _winners(notice) == [("某教育科技有限公司", "某区教育局", Decimal("597618"), "1", "active")]


# A two-row header: the amount column's unit is in the second row, under a cell spanning two columns.
TWO_ROW_HEADER = """<html><head><title>某市卫生健康委员会信息系统运维项目成交结果公告</title></head><body>
<p>一、项目编号：WJ-2022-007</p><p>二、成交信息</p>
<table><tr><td rowspan="2">包号</td><td rowspan="2">成交供应商名称</td><td colspan="2">成交金额</td></tr>
<tr><td>金额（万元）</td><td>下浮率</td></tr>
<tr><td>1</td><td>某信息技术有限公司</td><td>12.5</td><td>/</td></tr>
<tr><td>2</td><td>某网络工程有限公司</td><td>8.3</td><td>/</td></tr></table>
<p>三、采购人：某市卫生健康委员会</p></body></html>"""


def test_a_two_row_header_with_spans_keeps_each_lots_amount_and_unit():
    notice = _notice(TWO_ROW_HEADER)
    assert _winners(notice) == [
        ("某信息技术有限公司", "某市卫生健康委员会", Decimal("125000"), "1", "active"),
        ("某网络工程有限公司", "某市卫生健康委员会", Decimal("83000"), "2", "active"),
    ]


# The national portal's four-lot layout: a one-column table per section, label：value per row, the amount
# label carrying a note in brackets and a second colon; the buyer repeated once per lot in the summary.
LOTS = """<html><head><title>某大学学生公寓改造项目施工中标（成交）结果公告</title></head><body>
<table><tr><td>采购单位</td><td>某大学,某大学</td></tr><tr><td>总中标金额</td><td>￥5202.8 万元（人民币）</td></tr></table>
<table><tr><td><b>一、项目编号：SDGP3700002025001</b></td></tr>
<tr><td><b>三、中标（成交）信息：</b></td></tr>
<tr><td><table>
<tr><td>标包：<u>A</u></td></tr><tr><td>供应商名称：<u>某建设集团有限公司</u></td></tr>
<tr><td>中标（成交）金额：（可填写下浮率、折扣率或费率）：<u>2767万元</u></td></tr>
<tr><td>标包：<u>B</u></td></tr><tr><td>供应商名称：<u>某工程局有限公司</u></td></tr>
<tr><td>中标（成交）金额：（可填写下浮率、折扣率或费率）：<u>2435.8万元</u></td></tr>
</table></td></tr>
<tr><td><b>九、未中标（成交）供应商的未中标（成交）原因：</b></td></tr>
<tr><td>1、某工程局有限公司：兼投不兼中</td></tr></table></body></html>"""


def test_each_lot_has_its_winner_and_amount_and_a_repeated_buyer_is_one_buyer():
    notice = _notice(LOTS, url="https://www.ccgp.gov.cn/cggg/dfgg/zbgg/202507/t20250714_1.htm")
    assert notice.buyer_raw == "某大学"
    assert _winners(notice) == [
        ("某建设集团有限公司", "某大学", Decimal("27670000"), "A", "active"),
        ("某工程局有限公司", "某大学", Decimal("24358000"), "B", "active"),
    ]


def _epoint(content: str, title: str) -> str:
    """An Epoint trading-centre record: the notice HTML in `infocontent`."""
    return json.dumps({"infoid": "x", "title": title, "infodate": "2025-06-05", "infocontent": content}, ensure_ascii=False)


def _kv_table(*rows: tuple[str, str]) -> str:
    return "<table>" + "".join(f"<tr><td>{k}</td><td colspan='3'>{v}</td></tr>" for k, v in rows) + "</table>"


def test_a_consortium_is_one_award_listing_each_member_with_the_price_once():
    page = _epoint(_kv_table(("招标人:", "某置业有限公司"), ("招标机构:", "某项目管理有限公司"),
                             ("中标人:", "某建设集团有限公司、某建筑设计有限公司联合体"), ("中标价(元):", "180014035.01"),
                             ("公告发布日期:", "2025-03-21")), "某定制商品房项目EPC工程总承包中标结果公告")
    notice = _notice(page)
    assert _winners(notice) == [
        ("某建设集团有限公司", "某置业有限公司", Decimal("180014035.01"), None, "active"),
        ("某建筑设计有限公司", "某置业有限公司", None, None, "active"),
    ]
    assert all(a.consortium == ["某建设集团有限公司", "某建筑设计有限公司"] for a in notice.awards)


def test_a_rate_offer_keeps_its_rate_and_a_price_ceiling_is_not_the_price():
    page = _epoint(_kv_table(("招标人:", "某区城建项目管理服务中心"),
                             ("中标人:", "某设计研究总院有限公司、某地质设计有限公司联合体"),
                             ("中标价(报价承诺):", "1、投标总价不超过480万元。2、设计费下浮率40%，勘察费下浮率5%。")),
                   "某污水处理厂勘察设计中标结果公告")
    notice = _notice(page)
    assert [a.amount for a in notice.awards] == [None, None]
    assert notice.awards[0].rate == "设计费下浮率40%；勘察费下浮率5%"


def test_a_price_written_in_components_keeps_each_component():
    page = _epoint(_kv_table(("招标人:", "某生物科技有限公司"), ("中标人:", "某建设集团有限公司"),
                             ("中标价(报价承诺):", "设计费报价为300000元，建安工程费报价为17065219.25元（其中暂列金165万元）")),
                   "某仓库工程总承包中标结果公告")
    notice = _notice(page)
    assert [(a.vendor_raw, a.component, a.amount) for a in notice.awards] == [
        ("某建设集团有限公司", "设计费", Decimal("300000")), ("某建设集团有限公司", "建安工程费", Decimal("17065219.25"))]


DAXIE = """<div><p class="titleT">某职业技术学院软件模块升级项目采购成交公告</p></div>
<div><p>某职业技术学院对软件模块升级项目进行了竞争性磋商，现将结果公告如下：</p>
<p>1、采购方式：竞争性磋商</p><p>2、采购结果如下：</p>
<p>成交供应商名称：某科技有限公司</p><p>成交价格：{daxie}（75,000.00元）</p></div>
<div><p>某职业技术学院设备管理处</p><p>2019-7-12</p></div>"""


def test_daxie_is_checked_against_the_digits_and_the_opening_sentence_names_the_buyer():
    good = _notice(DAXIE.format(daxie="柒万伍仟元整"))
    assert _winners(good) == [("某科技有限公司", "某职业技术学院", Decimal("75000.00"), None, "active")]
    assert good.awards[0].flags == []
    bad = _notice(DAXIE.format(daxie="柒万伍佰元整"))
    assert bad.awards[0].flags == ["daxie_mismatch"]


def test_a_provisional_winner_is_a_candidate_never_an_award():
    page = """<html><head><title>某市城南绿化工程预中标结果公示</title></head><body>
<p>一、招标人：某城建开发有限公司</p><p>二、预中标结果</p>
<table><tr><td>预中标单位</td><td>投标报价（万元）</td><td>得分</td></tr><tr><td>某建设有限公司</td><td>59.7618</td><td>79.18</td></tr></table>
</body></html>"""
    notice = _notice(page)
    assert [(a.vendor_raw, a.amount, a.status) for a in notice.awards] == [("某建设有限公司", Decimal("597618"), "candidate")]
    assert notice.awards[0].confidence < 0.5


def test_a_correction_and_a_failed_procurement_give_no_award():
    correction = """<html><head><title>某区公安分局合成作战平台升级改造设备采购更正公告</title></head><body>
<p>一、项目编号：NNZC2017-0412</p><p>二、更正信息</p><p>更正事项：投标截止时间</p>
<p>原公告：2017年07月11日09:30</p><p>采购人：某区公安分局</p><p>中标供应商：待定</p></body></html>"""
    assert _notice(correction).notice_type == "modification" and _notice(correction).awards == []
    failed = """<html><head><title>某县医院设备采购项目废标公告</title></head><body>
<p>一、项目编号：XY-2020-09</p><p>二、废标原因：有效投标人不足三家</p>
<p>三、投标供应商：某医疗器械有限公司</p><p>投标报价：980000元</p><p>采购人：某县医院</p></body></html>"""
    notice = _notice(failed)
    # No winner: one cancelled record, so that the procedure's earlier award is no longer counted.
    assert notice.notice_type == "other"
    assert [(a.vendor_raw, a.agency_raw, a.amount, a.status) for a in notice.awards] == [(None, "某县医院", None, "cancelled")]


# A list of awarded products cut into several tables, only the first with a header; unit prices are not awards.
PRODUCT_LIST = """<html><head><meta charset="gb2312"><title>某省第二类疫苗集中采购成交产品公布</title></head><body>
<p>某省第二类疫苗集中采购成交产品公布</p><p>省疾控中心联合省公共资源交易中心通过价格谈判确定成交产品，现予公布。</p>
<table><tr><td>序号</td><td>疫苗名称</td><td>剂型</td><td>规格</td><td>批准文号</td><td>企业名称</td><td>成交价格（元）</td></tr>
<tr><td>1</td><td>甲型肝炎灭活疫苗</td><td>注射剂</td><td>0.5ml/支</td><td>国药准字S2017</td><td>某生物制品研究所有限责任公司</td><td>182</td></tr>
<tr><td>2</td><td>水痘减毒活疫苗</td><td>冻干粉针剂</td><td>0.5ml/瓶</td><td>国药准字S2016</td><td>某生物技术有限公司</td><td>165</td></tr></table>
<table><tr><td>3</td><td>流感病毒裂解疫苗</td><td>注射剂</td><td>0.5ml/支</td><td>国药准字S2013</td><td>某生物制品研究所有限责任公司</td><td>45</td></tr>
<tr><td>4</td><td>狂犬病疫苗</td><td>冻干粉针剂</td><td>1.0ml/瓶</td><td>国药准字S2012</td><td>某生物药业有限公司</td><td>210</td></tr></table>
<p>某省疾病预防控制中心</p><p>某省公共资源交易中心</p><p>2017年10月24日</p></body></html>"""


def test_a_product_list_names_each_maker_once_without_unit_prices_and_the_sign_off_names_the_buyer():
    notice = _notice(PRODUCT_LIST.encode("gb18030") + b"\xff")  # one broken byte: decoded as declared, not as UTF-8
    assert _winners(notice) == [(name, "某省疾病预防控制中心", None, None, "active") for name in
                                ("某生物制品研究所有限责任公司", "某生物技术有限公司", "某生物药业有限公司")]


def test_an_award_far_above_the_budget_is_flagged_not_dropped():
    page = """<html><head><title>某局办公设备采购项目中标公告</title></head><body>
<p>一、项目编号：BG-2024-01</p><p>二、预算金额：50000元</p><p>三、中标信息</p>
<p>中标供应商：某办公用品有限公司</p><p>中标金额：500000000元</p><p>四、采购人：某局</p></body></html>"""
    [award] = _notice(page).awards
    assert award.amount == Decimal("500000000") and award.flags == ["unit_mismatch_1e4"]
    page = page.replace("500000000元", "900000元")
    assert _notice(page).awards[0].flags == ["above_10x_budget"]


def test_a_summary_without_the_winners_name_keeps_the_amount_unattributed():
    page = """<table><tr><td>公告信息：</td></tr><tr><td>采购项目名称</td><td>某学院公务印刷项目结果公告</td></tr>
<tr><td>采购单位</td><td>某学院</td></tr><tr><td>行政区域</td><td>某市</td><td>公告时间</td><td>2019年02月27日 10:29</td></tr>
<tr><td>总中标金额</td><td>￥54.745000 万元（人民币）</td></tr>
<tr><td>代理机构名称</td><td>某市公共资源交易管理中心</td></tr></table>"""
    notice = _notice(page)
    assert notice.notice_type == "award" and notice.agent_raw == "某市公共资源交易管理中心"
    assert [(a.vendor_raw, a.agency_raw, a.amount, a.date) for a in notice.awards] == [
        (None, "某学院", Decimal("547450"), "2019-02-27")]


def test_the_byline_under_the_title_dates_a_reposted_notice():
    page = PRODUCT_LIST.replace("<p>某省第二类疫苗集中采购成交产品公布</p>",
                                "<p>某省第二类疫苗集中采购成交产品公布</p><p>news.example.com.cn 2017-10-25 某省公共资源交易中心 字号：大 中 小</p>")
    assert _notice(page.encode("gb18030")).published_at == "2017-10-25"  # not the sign-off date 2017-10-24


def test_the_suppliers_unified_social_credit_code_is_kept_as_its_identifier():
    table = """<html><head><title>某市交通运输局视频监控项目中标（成交）结果公告</title></head><body>
<p>一、项目编号：GDZC-2024-0113</p><p>二、中标（成交）信息</p>
<table><tr><td>序号</td><td>中标（成交）供应商名称</td><td>统一社会信用代码</td><td>中标（成交）金额(元)</td></tr>
<tr><td>1</td><td>广州某智能科技有限公司</td><td>91440101MA5CUL8B2Q</td><td>1,280,000.00</td></tr></table>
<p>三、采购人信息</p><p>名 称：某市交通运输局</p></body></html>"""
    [award] = _notice(table).awards
    assert (award.vendor_raw, award.agency_raw, award.amount) == ("广州某智能科技有限公司", "某市交通运输局", Decimal("1280000.00"))
    assert award.identifiers == {"CN-USCC": "91440101MA5CUL8B2Q"}
    lines = table.replace(table[table.index("<table>"):table.index("</table>") + 8],
                          "<p>供应商名称：广州某智能科技有限公司（统一社会信用代码：91440101MA5CUL8B2Q）</p><p>中标（成交）金额：1280000元</p>")
    [award] = _notice(lines).awards
    assert award.vendor_raw == "广州某智能科技有限公司" and award.identifiers == {"CN-USCC": "91440101MA5CUL8B2Q"}


def test_a_wanyuan_figure_read_as_yuan_is_flagged():
    page = CAPTION_UNIT.replace("<p>金额单位：万元</p>", "")
    [award] = _notice(page).awards
    assert award.amount == Decimal("59.7618") and award.flags == ["unit_mismatch_1e4"]


def test_unranked_candidates_across_a_table_are_each_a_candidate_and_past_contracts_are_not_amounts():
    content = ("<p>中标候选人公示</p><p>根据评标报告，现将中标候选人公示如下（中标候选人不标明排序）：</p>"
               "<table><tr><td colspan='2'>中标候选人名称</td><td>某勘察设计院集团有限公司</td><td>某工程局集团有限公司</td></tr>"
               "<tr><td colspan='2'>投标报价(元/%)</td><td>下浮率20.50%</td><td>下浮率29.00%</td></tr>"
               "<tr><td colspan='2'>质量目标</td><td>符合国家规范</td><td>符合国家规范</td></tr></table>"
               "<table><tr><td>业绩</td><td>单位名称</td><td>项目名称</td><td>合同金额（万元）</td></tr>"
               "<tr><td>业绩</td><td>某工程局集团有限公司</td><td>某立交工程</td><td>281.62</td></tr></table>"
               "<p>招标人：某区城建项目管理服务中心</p>")
    notice = _notice(_epoint(content, "某道路涉铁工程设计中标候选人公示"))
    assert [(a.vendor_raw, a.amount, a.rate, a.status) for a in notice.awards] == [
        ("某勘察设计院集团有限公司", None, "下浮率20.50%", "candidate"), ("某工程局集团有限公司", None, "下浮率29.00%", "candidate")]
    assert all(a.confidence < 0.5 for a in notice.awards)


def test_lots_written_on_one_line_after_a_label_keep_their_own_lot():
    page = """<html><head><title>某大学实验设备采购中标公告</title></head><body><p>采购人：某大学</p>
<p>中标信息：第1包：供应商名称：甲仪器有限公司，中标金额：10万元；第2包：供应商名称：乙科技有限公司，中标金额：20万元。</p></body></html>"""
    assert _winners(_notice(page)) == [("甲仪器有限公司", "某大学", Decimal("100000"), "第1包", "active"),
                                       ("乙科技有限公司", "某大学", Decimal("200000"), "第2包", "active")]


def test_a_result_correction_gives_the_award_as_corrected():
    page = """<html><head><title>某市人民医院信息化项目中标结果更正公告</title></head><body>
<p>一、项目编号：RMYY-2023-015</p><p>二、更正信息</p>
<p>更正事项：中标结果</p><p>更正内容：中标金额原为1,280,000.00元，现更正为1,250,000.00元。</p>
<p>中标供应商：某信息技术有限公司</p><p>三、采购人：某市人民医院</p></body></html>"""
    notice = _notice(page)
    assert notice.notice_type == "modification"
    assert _winners(notice) == [("某信息技术有限公司", "某市人民医院", Decimal("1250000.00"), None, "active")]
    moved = page.replace("中标金额原为1,280,000.00元，现更正为1,250,000.00元",
                         "中标供应商由某信息技术有限公司变更为某网络科技有限公司")
    assert [a.vendor_raw for a in _notice(moved).awards] == ["某网络科技有限公司"]
    deadline = page.replace("更正事项：中标结果", "更正事项：开标时间").replace(
        "中标金额原为1,280,000.00元，现更正为1,250,000.00元", "开标时间更正为2023年5月8日")
    assert _notice(deadline).awards == []  # nothing about the award changed


def test_a_plain_text_field_dump_keeps_its_lines_and_its_type():
    dump = """procurementName : 合成作战平台升级改造设备采购
announcementType : 更正公告
procurementCompany : 某区公安分局
content : 项目名称：合成作战平台升级改造设备采购 项目编号：NNZC(4)2017041 一、项目联系方式： 项目联系人：某某 二、更正事项、内容： 投标截止时间顺延 三、采购人名称：某区公安分局
"""
    notice = _notice(dump.encode(), url="memory:dump.txt")
    assert notice.notice_type == "modification" and notice.awards == []
    assert notice.project_code == "NNZC(4)2017041"


def test_a_supplier_table_with_long_paragraph_cells_stays_a_table():
    scope = "<p>" + "</p><p>".join(["供货范围包括执法记录仪及配套软件的供货、安装、调试和培训，质保期三年。"] * 8) + "</p>"
    page = f"""<html><head><title>某县公安局执法记录仪采购项目中标公告</title></head><body><p>采购人：某县公安局</p>
<table><tr><td>中标供应商名称</td><td>中标金额（元）</td><td>主要标的</td></tr>
<tr><td>某电子有限公司</td><td>568000</td><td>{scope}</td></tr></table></body></html>"""
    assert _winners(_notice(page)) == [("某电子有限公司", "某县公安局", Decimal("568000"), None, "active")]
