"""Amounts in one field or table cell, Chinese or English, to (Decimal whole units, ISO currency).

Handles 元 / 万元 / 亿元 (and 萬 / 億), ¥ ￥ 人民币 RMB, US$ € £ and ISO codes, thousands
separators, full-width digits, 大写 numerals (壹佰贰拾万元整, with 角 and 分), and English
scale words (US$7.5 million, EUR 2.3m), digit groups split by spaces (1 444 851.19 元) and a unit in
brackets after the figure (382.47103 (万元)). Percentages, rates, scores, unit prices (单价, 120元/平方米)
and placeholders ("详见公告正文") are not money and give None.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Longest first: 美元 must win over 元, US$ over $.
CURRENCY_WORDS: dict[str, str] = {
    "人民币元": "CNY", "人民币": "CNY", "RMB": "CNY", "CNY": "CNY", "元": "CNY", "圆": "CNY", "圓": "CNY",
    "美元": "USD", "美金": "USD", "US$": "USD", "USD": "USD", "U.S.$": "USD",
    "欧元": "EUR", "歐元": "EUR", "EUR": "EUR", "€": "EUR", "euros": "EUR", "euro": "EUR",
    "英镑": "GBP", "英鎊": "GBP", "GBP": "GBP", "£": "GBP", "pounds sterling": "GBP",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "HK$": "HKD", "HKD": "HKD",
    "日元": "JPY", "日圆": "JPY", "JPY": "JPY", "円": "JPY", "JP¥": "JPY",
    "新台币": "TWD", "新台幣": "TWD", "NT$": "TWD", "TWD": "TWD",
    "澳元": "AUD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "加元": "CAD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD",
    "新加坡元": "SGD", "S$": "SGD", "SGD": "SGD", "NZ$": "NZD", "NZD": "NZD",
    "卢布": "RUB", "RUB": "RUB", "₽": "RUB", "韩元": "KRW", "KRW": "KRW", "₩": "KRW",
    "INR": "INR", "₹": "INR", "PKR": "PKR", "UAH": "UAH", "₴": "UAH", "грн": "UAH",
    "MDL": "MDL", "lei": "MDL", "MXN": "MXN", "MX$": "MXN", "COP": "COP", "NGN": "NGN", "₦": "NGN",
    "BRL": "BRL", "R$": "BRL", "CHF": "CHF", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN",
    "MMK": "MMK", "kyat": "MMK", "dollars": "USD", "dollar": "USD",
    "¥": "CNY",  # in this project's sources ¥/￥ with 元 is renminbi; 円 / JPY mark yen
    "$": "USD",  # a bare $ is taken as US dollars unless the caller's default says otherwise
}
_AMBIGUOUS = {"$", "dollars", "dollar", "¥"}

_SCALES: dict[str, Decimal] = {
    "亿": Decimal(10) ** 8, "億": Decimal(10) ** 8, "千万": Decimal(10) ** 7, "千萬": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6, "百萬": Decimal(10) ** 6, "万": Decimal(10) ** 4, "萬": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9,
    "million": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mil": Decimal(10) ** 6,
    "m": Decimal(10) ** 6, "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3,
}

# Words that make a figure a rate, share or score rather than money.
_NOT_MONEY = re.compile(r"%|百分之|下浮|浮动率|费率|利率|折扣率|优惠率|让利率|得分|评分|分值|percent|per cent", re.I)
_PLACEHOLDER = re.compile(r"^(详见|見|见|詳見|另见|参见|请见|/|-|—|无|無|暂无|n/?a|none|tbd)", re.I)

_CN_DIGITS = {"零": 0, "〇": 0, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
              "柒": 7, "捌": 8, "玖": 9, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_CN_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
_CN_YUAN = "元圆圓"
_CN_RUN = re.compile(r"[零〇壹贰貳叁參肆伍陆陸柒捌玖一二两兩三四五六七八九拾十佰百仟千万萬亿億元圆圓角分整正]+")
_CAPITAL_DIGIT = re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖]")

# At most 15 integer digits: longer runs are identifiers (phone, ID, account numbers), never amounts.
_NUMBER = re.compile(r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?!\d|,\d)(\.\d{1,8})?(?!\d)")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?")
_SCALE_AFTER = re.compile(r"^[\s-]*(千万|千萬|百万|百萬|亿|億|万|萬|千(?=\s*[元圆美欧英港日]|\s*$)|trillion|billion|million|thousand|mln|mil|mn|bn|tn|[mbk])(?![a-z])", re.I)
_RANGE_AFTER = re.compile(r"^\s*[-~至到]\s*\d[\d,]*(?:\.\d+)?")
# A price per unit of quantity ("120元/平方米", "35元/人·天") is not a contract total; per year is.
_UNIT_PRICE = re.compile(r"(?:元|圆|¥)\s*/\s*(?!年|年度|期)[^\s\d/,，;；)）]{1,4}|单价")
# Digit groups written with spaces or thin spaces: "1 444 851.19 元".
_SPACED_GROUPS = re.compile(r"(?<![\d.])(\d{1,3})((?:[ \u2009\u202f]\d{3})+)(?![\d])")
# A unit in brackets after the figure: "345.6789(万元)" is 345.6789 万元.
_BRACKETED_SCALE = re.compile(r"(?<=\d)\s*\(\s*((?:千万|千萬|百万|百萬|亿|億|万|萬)\s*(?:元|圆|美元|欧元|港元)?)\s*\)")
_CURRENCY_NEXT = re.compile(r"^\s*[(（]?\s*(?:人民币)?\s*(?:元|圆|美元|欧元|英镑|港元|日元)", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:[¥$€£]|人民币|RMB|CNY|USD|EUR|GBP|US\$|HK\$)\s*[:：]?\s*$", re.I)
_INDEX_AFTER = re.compile(r"^\s*(?:[、．]|\.(?!\d)|[)）]|(?:包|标段|标包|分包|个|项|年|月|日|天|人|家|名|次|号|%|％|分(?!\d)))")


def normalise_text(text: str) -> str:
    """Full-width digits, symbols and spaces to their plain forms (NFKC), nbsp to space."""
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def _currency_in(text: str) -> tuple[str | None, bool]:
    """The currency named in text (longest word first), and whether it was only an ambiguous sign."""
    lowered = text.lower()
    for word in sorted(CURRENCY_WORDS, key=len, reverse=True):
        if word.isascii() and word.isalpha():
            if re.search(rf"(?<![a-z]){re.escape(word.lower())}(?![a-z])", lowered):
                return CURRENCY_WORDS[word], word in _AMBIGUOUS
        elif word in text:
            return CURRENCY_WORDS[word], word in _AMBIGUOUS
    return None, False


def chinese_numeral_amount(text: str) -> Decimal | None:
    """大写 (or 小写 Chinese) money numerals: 壹佰贰拾万元整 -> 1200000, 叁角伍分 -> 0.35."""
    total = Decimal(0)
    section = Decimal(0)
    number: Decimal | None = None
    fraction = Decimal(0)
    seen_digit = False
    in_fraction = False
    for ch in text:
        if ch in _CN_DIGITS:
            number = Decimal(_CN_DIGITS[ch])
            seen_digit = seen_digit or _CN_DIGITS[ch] > 0
        elif ch in _CN_SMALL and not in_fraction:
            section += (number if number is not None else Decimal(1)) * _CN_SMALL[ch]
            number = None
            seen_digit = True
        elif ch in _CN_BIG and not in_fraction:
            unit = _CN_BIG[ch]
            if unit == 10 ** 8:
                total = (total + section + (number or 0)) * unit
            else:
                total += (section + (number or 0)) * unit
            section, number = Decimal(0), None
        elif ch in _CN_YUAN:
            total += section + (number or 0)
            section, number = Decimal(0), None
            in_fraction = True
        elif ch == "角":
            fraction += (number or 0) / 10
            number, in_fraction = None, True
        elif ch == "分":
            fraction += (number or 0) / 100
            number, in_fraction = None, True
        elif ch in "整正":
            break
    if not seen_digit:
        return None
    if not in_fraction:
        total += section + (number or 0)
    return total + fraction


def _chinese_numeral_run(text: str) -> str | None:
    """The longest run of Chinese money numerals holding a 大写 digit and a money unit."""
    best = None
    for match in _CN_RUN.finditer(text):
        run = match.group(0)
        capital = _CAPITAL_DIGIT.search(run) and re.search(r"[元圆圓角分万萬亿億拾佰仟]", run)
        plain_money = re.search(r"[元圆圓]|[万萬亿億]$", run) and re.search(r"[一二两兩三四五六七八九十百千]", run)
        if capital or plain_money:
            if best is None or len(run) > len(best):
                best = run
    return best


def _to_decimal(integer: str, fraction: str | None) -> Decimal | None:
    try:
        return Decimal(integer.replace(",", "") + (fraction or ""))
    except InvalidOperation:
        return None


def _arabic_candidates(text: str) -> list[tuple[Decimal, int, str]]:
    """(value with scale applied, how surely it is money 0-2, raw) for each figure that is not a date, index or rate."""
    cleaned = _DATE.sub(" ", text)
    out = []
    for match in _NUMBER.finditer(cleaned):
        after = cleaned[match.end():]
        before = cleaned[: match.start()]
        if _INDEX_AFTER.match(after) or before.rstrip().endswith(("第", "No.", "No")):
            continue
        value = _to_decimal(match.group(1), match.group(2))
        if value is None:
            continue
        scale = _SCALE_AFTER.match(after)
        if not scale:  # the low end of a range takes the high end's scale: 5-10万元
            ranged = _RANGE_AFTER.match(after)
            scale = _SCALE_AFTER.match(after[ranged.end():]) if ranged else None
        marked = 0
        window = before[-6:] + after[:8]
        if re.search(r"[元圆¥$€£]|人民币|RMB|CNY|USD|EUR|GBP", window, re.I):
            marked = 1
        if scale:
            value *= _SCALES[scale.group(1).lower() if scale.group(1).isascii() else scale.group(1)]
            marked = 2
        elif _CURRENCY_NEXT.match(after) or _CURRENCY_BEFORE.search(before):
            marked = 2  # the currency touches this figure, not a neighbouring one ("包1 2000元")
        out.append((value, marked, match.group(0)))
    return out


def _tidy(value: Decimal) -> Decimal:
    """569800.0000000 -> 569800; 1444851.190 -> 1444851.19 (no exponent notation)."""
    try:
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize() if value.normalize().as_tuple().exponent >= -8 else value
    except InvalidOperation:
        return value


def parse_amount(text: str | None, default_currency: str | None = None) -> tuple[Decimal, str | None] | None:
    """(value in whole units, ISO currency or None) for one field value; None when it is not money."""
    if not text:
        return None
    plain = _SPACED_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\s", "", m.group(2)), normalise_text(text).strip())
    plain = _BRACKETED_SCALE.sub(r"\1", plain)
    if not plain or _PLACEHOLDER.match(plain) and not re.search(r"\d", plain):
        return None
    if _UNIT_PRICE.search(plain) and not re.search(r"总价|合计|总金额|总计", plain):
        return None
    if _NOT_MONEY.search(plain) and not re.search(r"[元¥$€£]|人民币|RMB|USD|EUR", plain):
        return None
    if re.search(r"\d\s*分(?![之钟])", plain) and not re.search(r"[元圆角¥$]|人民币", plain):
        return None  # a score (98.63分), not 分 the coin
    currency, ambiguous = _currency_in(plain)
    if ambiguous and default_currency:
        currency = default_currency
    currency = currency or (default_currency.upper() if default_currency else None)
    candidates = _arabic_candidates(plain)
    if candidates:
        best = max(c[1] for c in candidates)
        marked = [c for c in candidates if c[1] == best] if best else []
        value = (marked or candidates)[0][0] if marked or len(candidates) == 1 else max(c[0] for c in candidates)
        return _tidy(value), currency
    run = _chinese_numeral_run(plain)
    if run:
        value = chinese_numeral_amount(run)
        if value is not None:
            return _tidy(value), currency or "CNY"
    return None


def label_unit(label: str | None) -> str | None:
    """The unit a field label or column header gives its values: '中标金额（万元）' -> '万元'."""
    if not label:
        return None
    plain = normalise_text(label)
    match = re.search(r"[(\[]\s*((?:人民币)?\s*(?:千万|百万|万|萬|亿|億)?\s*(?:元|圆|美元|欧元|港元)(?:人民币)?)\s*[)\]]", plain)
    if match:
        return match.group(1).replace(" ", "")
    match = re.search(r"[(（]?\s*单位\s*[:：]\s*((?:千万|百万|万|萬|亿|億)?元)", plain)
    return match.group(1) if match else None


_OWN_CURRENCY = re.compile(r"[元圆¥$€£]|人民币|RMB|USD|EUR", re.I)


def parse_amount_with_unit(value: str | None, unit: str | None, default_currency: str | None = None) -> tuple[Decimal, str | None] | None:
    """parse_amount, applying a unit from the label when the value carries none of its own."""
    if not value:
        return None
    plain = normalise_text(value)
    if unit and _NOT_MONEY.search(plain) and not _OWN_CURRENCY.search(plain):
        return None  # "下浮率：6" under a "金额（元）/下浮率" header is a rate, whatever the header's unit
    if unit and not re.search(r"[元圆¥$€£万萬亿億]|人民币|RMB|USD|EUR|million|billion", plain, re.I):
        return parse_amount(f"{plain}{unit}", default_currency)
    return parse_amount(plain, default_currency)
