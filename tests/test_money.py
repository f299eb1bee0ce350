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
