"""Amount parsing for single field values, Chinese and English."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.money import chinese_numeral_amount, label_unit, parse_amount, parse_amount_with_unit


@pytest.mark.parametrize("text, value, currency", [
    ("总价形式报价:569800.00(元)", "569800", "CNY"),
    ("￥56.980000 万元（人民币）", "569800", "CNY"),
    ("报价:1444851.19(元)", "1444851.19", "CNY"),
    ("¥1,444,851.19", "1444851.19", "CNY"),
    ("人民币569800元", "569800", "CNY"),
    ("12.5万元", "125000", "CNY"),
    ("5.86亿元", "586000000", "CNY"),
    ("4950萬元", "49500000", "CNY"),
    ("77億元", "7700000000", "CNY"),
    ("432.3551萬元", "4323551", "CNY"),
    ("１２３４５６．７８元", "123456.78", "CNY"),
    ("壹佰贰拾万元整", "1200000", "CNY"),
    ("人民币捌仟贰佰元整", "8200", "CNY"),
    ("伍拾陆万玖仟捌佰元整", "569800", "CNY"),
    ("壹仟零伍元叁角伍分", "1005.35", "CNY"),
    ("壹亿贰仟万元", "120000000", "CNY"),
    ("US$7.5 million", "7500000", "USD"),
    ("more than US$7.5-billion", "7500000000", "USD"),
    ("$1,234.56", "1234.56", "USD"),
    ("EUR 2.3m", "2300000", "EUR"),
    ("€2.3 million", "2300000", "EUR"),
    ("HK$12.3m", "12300000", "HKD"),
    ("1.中标金额：569800元", "569800", "CNY"),
    ("5-10万元", "50000", "CNY"),
    ("合计，569800元", "569800", "CNY"),
    ("US$1,234,567,890.12", "1234567890.12", "USD"),
    ("382.47103 (万元)", "3824710.3", "CNY"),
    ("63.8600000（万元）", "638600", "CNY"),
    ("1 444 851.19 元", "1444851.19", "CNY"),
    ("报价：1\u2009444\u2009851.19(元)", "1444851.19", "CNY"),
    ("￥1,200,000.00（大写：壹佰贰拾万元整）", "1200000", "CNY"),
    ("人民币壹佰贰拾万元整（¥1,200,000.00）", "1200000", "CNY"),
    ("包1 2000元", "2000", "CNY"),
    ("150000元/年", "150000", "CNY"),
    ("总价：12000元（单价120元/台）", "12000", "CNY"),
])
def test_money_values(text, value, currency):
    assert parse_amount(text) == (Decimal(value), currency)


def test_plain_number_takes_the_default_currency():
    assert parse_amount("10656.23") == (Decimal("10656.23"), None)
    assert parse_amount("10656.23", default_currency="MDL") == (Decimal("10656.23"), "MDL")
    assert parse_amount("$500", default_currency="CAD") == (Decimal("500"), "CAD")  # a bare $ follows the source


@pytest.mark.parametrize("text", [
    "", "   ", "详见公告正文", "详见附件", "-", "/", "下浮率 5%", "费率：1.5%", "代理服务费按成交金额的1%收取",
    "98.63分", "综合得分 98.63", "2025年06月27日", "元", "9" * 40 + "元",
    "单价：12.78元", "单价形式报价:120(元)", "120元/平方米", "35元/人·天", "折扣率:95(%)", "费率形式报价:1.5(%)",
])
def test_not_money(text):
    assert parse_amount(text) is None


def test_units_from_labels():
    assert label_unit("中标（成交）金额(元)") == "元"
    assert label_unit("中标金额（万元）") == "万元"
    assert label_unit("供应商名称") is None
    assert parse_amount_with_unit("56.98", "万元") == (Decimal("569800"), "CNY")
    assert parse_amount_with_unit("56.98万元", "元") == (Decimal("569800"), "CNY")  # the value's own unit wins
    assert parse_amount_with_unit("下浮率：6", "元") is None  # a rate under a "金额（元）/下浮率" header


def test_chinese_numerals_directly():
    assert chinese_numeral_amount("拾万元整") == Decimal("100000")
    assert chinese_numeral_amount("壹拾贰万叁仟肆佰伍拾陆元柒角捌分") == Decimal("123456.78")
    assert chinese_numeral_amount("整") is None


# -- USD with provenance --------------------------------------------------------------------------------
from pipeline.fx import convert  # noqa: E402
from pipeline.normalise import Normaliser  # noqa: E402
from pipeline.records import AmountMention, Document, ParseResult  # noqa: E402


def test_ecb_rates_where_the_history_covers_the_day():
    conversion = convert(Decimal("569800"), "CNY", "2025-06-27")
    assert conversion.source == "ecb" and conversion.rate_date.isoformat() == "2025-06-27" and not conversion.far
    assert Decimal("70000") < conversion.usd < Decimal("90000")


def test_annual_table_for_currencies_the_ecb_lacks_with_a_far_flag():
    near = convert(Decimal("8605500"), "COP", "2016-07-19")  # World Bank 2016 average: 3,055.26 COP per USD
    assert (near.source, near.rate_date.isoformat(), near.usd, near.far) == ("wb_annual", "2016-07-01", Decimal("2816.62"), False)
    far = convert(Decimal("54389500"), "NGN", "2013-09-27")  # 157.31 NGN per USD in 2013, dated 1 July
    assert far.source == "wb_annual" and far.far and far.flag == "fx_rate_date_far"
    assert far.usd == (Decimal("54389500") / Decimal("157.31")).quantize(Decimal("0.01"))


@pytest.mark.parametrize("currency, day, per_usd, source", [
    # The ECB stopped RUB in March 2022: 2024 takes the World Bank's 2024 average, not the last ECB rate.
    ("RUB", "2024-05-01", "92.5524", "wb_annual"),
    ("CNY", "2003-05-01", "8.2770", "wb_annual"),   # ECB CNY history starts in April 2005
    ("INR", "2006-03-15", "45.3070", "wb_annual"),  # ECB INR history starts in 2009
    ("UAH", "2015-10-01", "21.8447", "wb_annual"),
    ("MDL", "2017-04-11", "18.4990", "wb_annual"),
    ("MMK", "2016-06-30", "1234.87", "wb_annual"),
    ("TWD", "2013-10-29", "29.6800", "frb_annual"),  # the World Bank has no Taiwan series
])
def test_annual_rates_for_what_the_ecb_lacks(currency, day, per_usd, source):
    conversion = convert(Decimal("1000000"), currency, day)
    assert conversion.source == source and conversion.rate_date.year == int(day[:4])
    assert conversion.usd == (Decimal("1000000") / Decimal(per_usd)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("currency, day", [
    ("RUB", "2025-05-01"),  # no 2025 average published, and the ECB's March 2022 rate is not reused
    ("MMK", "2011-05-01"),  # the fixed official kyat rate is left out on purpose
    ("MMK", "2023-05-01"),  # not published
    ("XAF", "2020-05-01"),  # in neither table
    ("CNY", None),          # no date: no rate of the deal
])
def test_no_silent_clamping(currency, day):
    assert convert(Decimal("1000"), currency, day).usd is None


def test_every_annual_row_names_a_known_series():
    from pipeline.fx import ANNUAL_SERIES, annual_rates
    rates = annual_rates()
    assert {source for _, source in rates.values()} == set(ANNUAL_SERIES.values())
    assert all(Decimal("0") < per_usd for per_usd, _ in rates.values())


def test_the_same_figure_twice_in_one_document_is_one_mention():
    evidence_en = "Hikvision won the RMB 7.7 billion contract for the city's surveillance network."
    evidence_zh = "海康威视中标77亿元的平安城市项目。"
    result = ParseResult("prose", "1", published_at="2013-05-10", amounts=[
        AmountMention("RMB 7.7 billion", Decimal("7700000000"), "CNY", evidence_en, kind="contract"),
        AmountMention("77亿元", Decimal("7700000000"), "CNY", evidence_zh, kind="contract", vendor_raw="海康威视"),
        AmountMention("more than RMB 20 billion", Decimal("20000000000"), "CNY", evidence_en, kind="investment"),
    ])
    rows = Normaliser().rows(Document("https://news.example.cn/2013/05/10/a.html", b"a"), result).amount_mentions
    assert [(r["raw"], r["also_written"]) for r in rows] == [("RMB 7.7 billion", "77亿元"), ("more than RMB 20 billion", None)]
    assert rows[0]["vendor_org_id"] == "hikvision"  # the restatement's attribution is kept
    assert rows[0]["fx_source"] == "ecb" and rows[0]["fx_rate_date"] == "2013-05-10"
