"""Money figures written in running text: US$7.5-billion, $110M, €2.3m, 1.9 billion kyats, 7.5亿元, 4950萬元.

Only figures that carry a currency are money: counts (35,000 cameras), scores (98.63分), percentages,
years and phone numbers never do. Exchange rates ("the dollar rate of Rs104") are left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_EN = r"trillion|billion|million|thousand|crore|lakh|bn|mn|mln|tn|m|b|k"
_SCALE_VALUES = {"trillion": 10 ** 12, "tn": 10 ** 12, "billion": 10 ** 9, "bn": 10 ** 9, "b": 10 ** 9,
                 "million": 10 ** 6, "mn": 10 ** 6, "mln": 10 ** 6, "m": 10 ** 6, "thousand": 10 ** 3, "k": 10 ** 3,
                 "crore": 10 ** 7, "lakh": 10 ** 5, "万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8,
                 "千万": 10 ** 7, "千萬": 10 ** 7, "百万": 10 ** 6, "百萬": 10 ** 6, "万亿": 10 ** 12, "萬億": 10 ** 12}
# Currency signs and codes written before the number; longest first so US$ wins over $.
_PREFIXES = {
    "US$": "USD", "$US": "USD", "U.S.$": "USD", "$A": "AUD", "$AU": "AUD", "$NZ": "NZD", "USD": "USD", "US $": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "S$": "SGD", "NZ$": "NZD", "R$": "BRL", "MX$": "MXN", "$": "USD", "€": "EUR",
    "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "CNY", "￥": "CNY", "RMB": "CNY", "CNY": "CNY", "人民币": "CNY",
    "人民幣": "CNY", "Rs.": "RS", "Rs": "RS", "PKR": "PKR", "INR": "INR", "₹": "INR", "MMK": "MMK", "₦": "NGN",
    "NGN": "NGN", "KES": "KES", "Ksh": "KES", "₩": "KRW", "KRW": "KRW", "JPY": "JPY", "CHF": "CHF", "AED": "AED",
    "₱": "PHP", "PHP": "PHP", "Rp": "IDR", "IDR": "IDR", "RM": "MYR", "MYR": "MYR", "ZAR": "ZAR", "R": "ZAR",
}
# Currency words written after the number (and scale).
_SUFFIXES = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pounds sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "kyats": "MMK", "kyat": "MMK",
    "rupees": "RS", "rupee": "RS", "naira": "NGN", "shillings": "KES", "ringgit": "MYR", "rupiah": "IDR", "pesos": "PESO", "peso": "PESO",
    "rand": "ZAR", "dirhams": "AED", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "CNY": "CNY", "MMK": "MMK", "PKR": "PKR",
    "INR": "INR",
}
_ZH_UNITS = {"元": "CNY", "圆": "CNY", "圓": "CNY", "人民币": "CNY", "人民幣": "CNY", "美元": "USD", "美金": "USD",
             "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "港元": "HKD", "港币": "HKD", "港幣": "HKD",
             "日元": "JPY", "韩元": "KRW", "韓元": "KRW", "卢比": "RS", "盧比": "RS", "缅元": "MMK", "緬元": "MMK",
             "新台币": "TWD", "新台幣": "TWD", "澳元": "AUD", "加元": "CAD", "卢布": "RUB", "盧布": "RUB"}

_prefix_alt = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_suffix_alt = "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True))
_zh_alt = "|".join(re.escape(u) for u in sorted(_ZH_UNITS, key=len, reverse=True))
# A currency written before the figure and its 元: 港幣1.86億元, 澳門幣3,200萬元, 新台幣5億元.
_ZH_PREFIXES = {"港币": "HKD", "港幣": "HKD", "澳门币": "MOP", "澳門幣": "MOP", "新台币": "TWD", "新台幣": "TWD", "新臺幣": "TWD",
                "美元": "USD", "美金": "USD"}
_zh_prefix_alt = "|".join(re.escape(u) for u in sorted(_ZH_PREFIXES, key=len, reverse=True))

_EN_PREFIXED = re.compile(
    rf"(?<![A-Za-z0-9])(?P<cur>{_prefix_alt})\s?(?P<num>{_NUM})(?:(?:\s?-\s?|\s)?(?P<scale>(?i:{_SCALE_EN}))\b|\s?(?P<zscale>万亿|萬億|千万|千萬|百万|百萬|万|萬|亿|億)元?)?"
    rf"(?:\s+(?P<cur2>{_suffix_alt})\b)?"
)
_EN_SUFFIXED = re.compile(
    rf"(?<![\w.$€£¥])(?P<num>{_NUM})(?:(?:\s?-\s?|\s)(?P<scale>(?i:{_SCALE_EN})))?\s+(?P<cur>{_suffix_alt})\b"
)
_ZH = re.compile(
    rf"(?:(?P<pre>人民币|人民幣|RMB|¥|￥|{_zh_prefix_alt})\s?)?(?P<num>{_NUM})\s?(?P<more>多|余|餘)?\s?(?P<scale>万亿|萬億|千万|千萬|百万|百萬|万|萬|亿|億)?"
    rf"\s?(?P<more2>多|余|餘)?\s?(?P<unit>{_zh_alt})"
)
# A Chinese figure with a scale but no unit is money only right after a money word: 投资1.2亿, 中标价3000万.
_ZH_BARE = re.compile(
    r"(?:金额|金額|总价|總價|价格|價格|中标价|中標價|合同价|合同價|报价|報價|投资|投資|预算|預算|资金|資金|拨款|撥款|总额|總額|"
    rf"营收|營收|收入)(?:为|為|约|約|达|達|近|超过|超過|逾|:|：)?\s?(?P<num>{_NUM})\s?(?P<more>多|余|餘)?\s?"
    r"(?P<scale>万亿|萬億|千万|千萬|百万|百萬|万|萬|亿|億)(?![\u4e00-\u9fff]*?[人个個台部套家所名户戶辆輛条條只件])")
# (whole words: "a separate £385 million contract" holds no rate)
_RATE_BEFORE = re.compile(r"(?:\b(?:rates?|exchange|per dollar|to the dollar|a dollar|per us\$)|汇率|匯率)\W*(?:\w+\W+){0,3}$", re.I)
_RATE_AFTER = re.compile(r"^\s*(?:/|per|to the|a)\s*(?:dollar|usd|\$|euro|share|unit)\b|^\s*(?:per|a)\s+(?:share)\b", re.I)

_PRICE_YEAR = re.compile(r"(?:19|20)\d{2}")
_PRICE_BASE = re.compile(r"\b(?:constant|current|real|nominal|in|of)\s*$", re.I)

# ("under a $470 million deal": a preposition; "under $5 million": a bound)
_QUALIFIERS_EN = re.compile(
    r"(?:(more than|nearly|almost|approximately|approx\.|roughly|some|up to|not to exceed|"
    r"no more than|not more than|at least|less than|in excess of|upwards of|an estimated|estimated|close to|"
    r"as much as|as little as|at most|a maximum of|a total of)\s*(?:an?\s+)?|(over|about|around|under)\s*)$",
    re.I,
)
_QUALIFIERS_ZH = re.compile(r"(超过|超過|逾|近|约|約|大约|大約|不超过|不超過|最高|高达|高達|至少|不足|接近|将近|將近|共计|共計|总计|總計)\s*$")
_QUALIFIER_NAMES = {"approx.": "approximately", "an estimated": "estimated", "超过": "more than", "超過": "more than",
                    "逾": "more than", "近": "nearly", "约": "about", "約": "about", "大约": "about", "大約": "about",
                    "不超过": "up to", "不超過": "up to", "最高": "up to", "高达": "as much as", "高達": "as much as",
                    "至少": "at least", "不足": "less than", "接近": "nearly", "将近": "nearly", "將近": "nearly",
                    "共计": "a total of", "共計": "a total of", "总计": "a total of", "總計": "a total of",
                    "多": "more than", "余": "more than", "餘": "more than"}


@dataclass(frozen=True)
class MoneySpan:
    start: int
    end: int
    raw: str  # as written, with its qualifier
    value: Decimal
    currency: str  # ISO code; "RS" or "PESO" until the document says which rupee or peso
    qualifier: str | None


def _value(number: str, scale: str | None) -> Decimal | None:
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= _SCALE_VALUES[scale if not scale.isascii() else scale.lower()]
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 40):start]
    for pattern in (_QUALIFIERS_EN, _QUALIFIERS_ZH):
        match = pattern.search(before)
        if match:
            word = next(g for g in match.groups() if g)
            return _QUALIFIER_NAMES.get(word.lower(), _QUALIFIER_NAMES.get(word, word.lower())), start - (len(before) - match.start())
    return None, start


def find_money(sentence: str) -> list[MoneySpan]:
    spans: list[MoneySpan] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: Decimal | None, currency: str, more: bool = False) -> None:
        if value is None or value <= 0 or any(start < e and s < end for s, e in taken):
            return
        if _RATE_BEFORE.search(sentence[max(0, start - 40):start]) or _RATE_AFTER.match(sentence[end:end + 20]):
            return  # an exchange or unit rate, not a sum of money
        qualifier, q_start = _qualifier(sentence, start)
        if more and not qualifier:
            qualifier, q_start = "more than", start
        taken.append((start, end))
        spans.append(MoneySpan(start, end, sentence[q_start:end].strip(), value, currency, qualifier))

    for match in _ZH.finditer(sentence):
        scale = match.group("scale")
        currency = _ZH_UNITS.get(match.group("unit"), "CNY")
        if currency == "CNY" and match.group("pre") in _ZH_PREFIXES:
            currency = _ZH_PREFIXES[match.group("pre")]
        add(match.start(), match.end(), _value(match.group("num"), scale), currency,
            bool(match.group("more") or match.group("more2")))
    for match in _ZH_BARE.finditer(sentence):
        add(match.start("num"), match.end(), _value(match.group("num"), match.group("scale")), "CNY",
            bool(match.group("more")))
    for match in _EN_PREFIXED.finditer(sentence):
        cur = match.group("cur")
        if cur in ("R", "RM", "Rp") and not (match.group("scale") or sentence[match.end("cur"):match.start("num")]):
            continue  # RM6116, R2: codes and labels, not ringgit or rand
        currency = _PREFIXES[cur]
        if match.group("cur2") and currency == "USD" and cur == "$":
            currency = _SUFFIXES[match.group("cur2")]
        scale = match.group("scale") or match.group("zscale")
        if scale and scale.lower() in ("m", "b", "k", "bn", "mn") and re.match(r"[A-Za-z]", sentence[match.end():match.end() + 1]):
            continue
        add(match.start(), match.end(), _value(match.group("num"), scale), currency)
    for match in _EN_SUFFIXED.finditer(sentence):
        if not match.group("scale") and _PRICE_YEAR.fullmatch(match.group("num")) and _PRICE_BASE.search(sentence[:match.start()]):
            continue  # "constant 2021 USD", "in 2015 dollars": the price base of other figures, not a sum
        add(match.start(), match.end(), _value(match.group("num"), match.group("scale")), _SUFFIXES[match.group("cur")])
    return sorted(spans, key=lambda s: s.start)
