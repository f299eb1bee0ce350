"""From what the reader found to awards: consortium members, price components, statuses, the buyer when no
field names it, and the plausibility checks (大写 against digits, amount against budget)."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ...money import label_unit
from ...records import Award
from ..plausibility import UNIT_MISMATCH, flag_against_budget
from .tables import Found, read_price
from .text import ORG_END, clean

# A candidate is kept for the notice's lifecycle, below the confidence at which a record counts as an award.
CANDIDATE_CONFIDENCE = 0.4


def one_name(value: str | None) -> str | None:
    """'济南大学,济南大学,济南大学' (one buyer repeated once per lot) -> '济南大学'."""
    if not value:
        return value
    parts = {p.strip() for p in re.split(r"[,，、;；]", value) if p.strip()}
    return parts.pop() if len(parts) == 1 else value


def awards_of(found: list[Found], buyer: str | None, published: str | None, award_date: str | None,
              award_date_field: tuple[str, str] | None, candidates: bool) -> list[Award]:
    """One award per winner and lot; a consortium gives one award per member (the price stays with the lead,
    every member lists the whole consortium); a price in components gives one award per component."""
    awards = []
    for f in found:
        candidate = candidates or f.candidate
        status = "candidate" if candidate else "active"
        members = [f.vendor] + [m for m in f.members if m != f.vendor]
        evidence = f"{f.vendor_label.rstrip(':：')}: {f.vendor}" if f.vendor else "winner not named"
        if f.members:
            evidence += "、" + "、".join(f.members) + "（联合体）"
        if f.amount_raw:
            evidence += f"; {f.amount_label.rstrip(':：')}: {f.amount_raw}"
        if f.rate:
            evidence += f"; rate: {f.rate}"
        if award_date_field and award_date:
            evidence += f"; {award_date_field[0].rstrip(':：')}: {award_date_field[1]}"
        if candidate:
            confidence = CANDIDATE_CONFIDENCE
        else:
            confidence = 1.0 if f.amount_rank == 0 or f.amount is None else 0.85
            if not f.vendor:
                confidence = 0.8
        prices = [(name, raw, amount, currency) for name, raw, amount, currency in f.components] or \
                 [(None, f.amount_raw, f.amount, f.currency)]
        consortium = members if len(members) > 1 else []
        for name, raw, amount, currency in prices:
            awards.append(Award(
                vendor_raw=f.vendor or None, agency_raw=buyer, amount=amount,
                currency=(currency or "CNY") if amount is not None else None,
                amount_raw=raw, date=published or award_date, lot=f.lot, status=status,
                evidence=evidence, confidence=confidence, decision_date=award_date, consortium=list(consortium),
                rate=f.rate, component=name, flags=daxie_flags(f.amount_raw) if amount is not None else [],
                identifiers=dict(f.identifiers),
            ))
        for member in members[1:]:
            awards.append(Award(
                vendor_raw=member, agency_raw=buyer, date=published or award_date, lot=f.lot, status=status,
                evidence=evidence, confidence=confidence, decision_date=award_date, consortium=list(consortium),
                rate=f.rate,
            ))
    return awards


def flag_implausible(awards: list[Award], budget: Decimal | None, lines: list[str]) -> None:
    flag_against_budget(awards, budget)
    for award in awards:
        if _written_in_wan(award) and UNIT_MISMATCH not in award.flags:
            award.flags.append(UNIT_MISMATCH)


# "59.7618" read as 元: figures in 万元 are written with four to six decimals; a yuan award under 10,000 written
# that way is almost surely a 万元 figure whose unit was lost.
_WAN_DECIMALS = re.compile(r"(?<![\d.])\d{1,4}\.\d{4,6}(?![\d.])")


def _written_in_wan(award: Award) -> bool:
    if award.amount is None or award.currency != "CNY" or award.amount >= 10000 or not award.amount_raw:
        return False
    raw = unicodedata.normalize("NFKC", award.amount_raw)
    return bool(_WAN_DECIMALS.search(raw)) and not re.search(r"万|亿", raw)


# -- 大写 (financial numerals) against the digits written beside them ---------------------------------------
_DAXIE_DIGITS = {"零": 0, "〇": 0, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
                 "柒": 7, "捌": 8, "玖": 9, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}
_DAXIE_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_DAXIE_BIG = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}
_DAXIE = re.compile(r"(?:人民币)?([零〇壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]{2,})(?:元|圆)(?:([零壹贰叁肆伍陆柒捌玖])角)?(?:([零壹贰叁肆伍陆柒捌玖])分)?")


def daxie_value(text: str) -> Decimal | None:
    """'柒万伍仟元整' -> 75000; None when the text holds no 大写 amount."""
    match = _DAXIE.search(text)
    if not match:
        return None
    total, section, digit = 0, 0, 0
    for ch in match.group(1):
        if ch in _DAXIE_DIGITS:
            digit = _DAXIE_DIGITS[ch]
        elif ch in _DAXIE_UNITS:
            section += (digit or 1) * _DAXIE_UNITS[ch]
            digit = 0
        elif ch in _DAXIE_BIG:
            total = (total + section + digit) * _DAXIE_BIG[ch]
            section, digit = 0, 0
    value = Decimal(total + section + digit)
    if match.group(2):
        value += Decimal(_DAXIE_DIGITS[match.group(2)]) / 10
    if match.group(3):
        value += Decimal(_DAXIE_DIGITS[match.group(3)]) / 100
    return value


_DIGITS = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|元)")


def daxie_flags(raw: str | None) -> list[str]:
    """['daxie_mismatch'] when a price written both in 大写 and in digits gives two different values."""
    if not raw:
        return []
    text = unicodedata.normalize("NFKC", raw)
    written = daxie_value(text)
    digits = _DIGITS.search(text)
    if written is None or digits is None:
        return []
    number = Decimal(digits.group(1).replace(",", "").replace("，", ""))
    if digits.group(2) == "万元":
        number *= 10 ** 4
    return [] if abs(number - written) < 1 else ["daxie_mismatch"]


# -- who buys, when the page names no 采购人 field --------------------------------------------------------
_ENTRUSTED_BY = re.compile(r"受\s*([^\s，,。；;：:（()）“”\"]{2,40}?)\s*(?:[（(][^（()）]{0,20}[)）])?\s*(?:的)?\s*委托")
_ROLE_WORDS = {"采购人", "采购单位", "招标人", "业主", "甲方", "建设单位", "委托人", "采购方", "招标单位"}
# "某学院对某项目进行了竞争性磋商，现将结果公告如下": the body that ran the procurement opens the notice.
_OPENER = re.compile(r"^([^\s，,。；;：:“”\"]{4,40}?)(?:对|就)\S{2,60}?(?:项目)?(?:进行了?|组织了?|实施了?)\S{0,6}?"
                     r"(?:公开招标|邀请招标|竞争性磋商|竞争性谈判|询价|单一来源|比选|采购)")
_NOT_BUYER = re.compile(r"供应商|投标人|中标人|代理|招标有限公司|咨询|交易中心|交易管理|我(?:单位|公司|中心)|本(?:单位|公司)")
_SIGNED_DATE = re.compile(r"^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?$")


def buyer_from_prose(lines: list[str]) -> str | None:
    """The buyer from the entrusting sentence, the opening sentence, or the sign-off above the closing date."""
    for line in lines:
        match = _ENTRUSTED_BY.search(line)
        if match and match.group(1) not in _ROLE_WORDS and not _NOT_BUYER.search(match.group(1)):
            return match.group(1).strip()
    for line in lines[:12]:
        match = _OPENER.match(clean(line))
        if match and ORG_END.search(match.group(1)) and not _NOT_BUYER.search(match.group(1)):
            return match.group(1)
    return buyer_from_signature(lines)


def buyer_from_signature(lines: list[str]) -> str | None:
    """'湖北省疾病预防控制中心 / 湖北省公共资源交易中心 / 2017年10月24日': the first signing body that is not an
    agent or a trading centre."""
    for i in range(len(lines) - 1, 0, -1):
        if not _SIGNED_DATE.match(unicodedata.normalize("NFKC", lines[i])):
            continue
        signers = []
        for line in reversed(lines[max(0, i - 4):i]):
            name = clean(line)
            if len(name) > 40 or not ORG_END.search(name):
                break
            signers.insert(0, name)
        own = [name for name in signers if not _NOT_BUYER.search(name)]
        if own:
            return own[0]
    return None


# -- result corrections (中标结果更正公告) -------------------------------------------------------------------
# "中标金额：原为100万元，现更正为120万元" / "中标供应商由甲公司变更为乙公司": the value after the change counts.
_CHANGED_TO = re.compile(r"(?P<field>中标(?:\(成交\)|（成交）)?(?:金额|价格|价|总价)|成交(?:金额|价格|价)|"
                         r"中标(?:\(成交\)|（成交）)?(?:供应商|人|单位)(?:名称)?|成交(?:供应商|人|单位)(?:名称)?)"
                         r"[^。；;]{0,40}?(?:更正为|更正后为|变更为|变更后为|调整为|修改为|改为)\s*[:：]?\s*"
                         r"(?P<value>[￥¥]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|亿元)?|[^。；;，,]+)")


def corrected_awards(found: list[Found], lines: list[str]) -> list[Found]:
    """The award a result correction leaves standing: the corrected winner and amount where it states them, the
    winner named elsewhere in the notice otherwise. No stated change to a winner or an amount: no award."""
    vendor, amount = None, None
    for line in lines:
        for match in _CHANGED_TO.finditer(unicodedata.normalize("NFKC", line)):
            value = match.group("value").strip()
            if re.search(r"金额|价", match.group("field")):
                amount = amount or (match.group("field"), value)
            elif ORG_END.search(value):
                vendor = vendor or (match.group("field"), value)
    if vendor is None and amount is None:
        return []
    if vendor is not None:
        named = next((f for f in found if f.vendor == vendor[1]), None)
        base = named or Found(vendor=vendor[1], vendor_label=vendor[0])  # the notice's own table may price it
    elif len({f.vendor for f in found}) == 1:
        base = Found(vendor=found[0].vendor, vendor_label=found[0].vendor_label, lot=found[0].lot)
    else:
        return []  # an amount changed, but whose is not clear
    if amount is not None:
        read_price(base, amount[0], amount[1], label_unit(amount[0]), 0)
    return [base]
