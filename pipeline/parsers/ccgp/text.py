"""Text helpers: cleaning, label normalisation, roles, dates, vendor names, label：value pairs in a line."""
from __future__ import annotations

import re
import unicodedata

from .vocabulary import LABELS, TRAILING_LABELS, simp

SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
SUBSECTION = re.compile(r"^[(（]?\d{1,2}\s*(?:[.、．)）](?!\d))\s*(.*)$")
LOT_HEADING = re.compile(
    r"^((?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项|批次|子包))|"
    r"(?:(?:包|标段|标包|分包|标项|包组|合同包|采购包)\s*[一二三四五六七八九十\d]+号?))(?![\d.])")
NUMBERING = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、．]|[(（][0-9一二三四五六七八九十]{1,3}[)）])\s*")
UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(?:元|币|单位)[^()（）]*[)）]$")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SEPARATORS = " ，,。；;、|\t:：（("  # a label may also open a bracket: "某公司（统一社会信用代码："
_PLACEHOLDER = re.compile(r"^(详见|詳見|见|見|请见|參見|参见|另见|/|-|—|－|无|無|暂无)")


# -- small text helpers ----------------------------------------------------------------------------
def clean(text: str | None) -> str:
    return re.sub(r"[\s\u3000\u00a0\u200b]+", " ", text or "").strip()


def norm_label(text: str) -> str:
    label = simp(unicodedata.normalize("NFKC", text))
    label = re.sub(r"\s+", "", label).rstrip(":：")
    label = NUMBERING.sub("", label)
    label = UNIT_SUFFIX.sub("", label)
    return label


_RANKED = re.compile(r"^(?:推荐)?第([一二三四五六七八九十\d]{1,2})(?:名)?(?:中标|成交|中选)?(?:\(成交\))?"
                     r"(?:候选人|候选供应商|候选单位|名|中标人)(?:名称|单位名称|单位)?$")
_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def ordinal(text: str) -> int | None:
    return int(text) if text.isdigit() else _CN_ORDINAL.get(text)


def candidate_rank(label: str) -> int | None:
    """1 for '第一中标候选人' / '第一名', 2 for '第二成交候选人' …; None when the label names no rank."""
    match = _RANKED.match(norm_label(label))
    return ordinal(match.group(1)) if match else None


def role_of(label: str) -> str | None:
    """The field a normalised label names; ranked candidates other than the first are 'candidate_other'."""
    if label in LABELS:
        return LABELS[label]
    match = _RANKED.match(label)
    rank = ordinal(match.group(1)) if match else None
    if rank is not None:
        return "candidate" if rank == 1 else "candidate_other"
    base = re.sub(r"\([^()]*\)$", "", label)  # 中标价(费率或单价等) -> 中标价
    if base != label and base in LABELS:
        return LABELS[base]
    if "/" in label:  # 成交金额/成交下浮率: the first named quantity decides
        head = UNIT_SUFFIX.sub("", label.split("/", 1)[0])
        return LABELS.get(head)
    return None


def is_placeholder(value: str) -> bool:
    return not value or bool(_PLACEHOLDER.match(value))


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    match = _DATE.search(unicodedata.normalize("NFKC", text))
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_CONSORTIUM_ROLE = re.compile(r"[(（]\s*(?:联合体)?\s*(?:牵头人|牵头方|主办方|成员|成员方|成员单位|联合体)\s*[)）]")
_CONSORTIUM_TAIL = re.compile(r"\s*[(（]?\s*(?:组成的)?联合体(?:成员)?\s*[)）]?$")
ORG_END = re.compile(r"(公司|集团|院|所|中心|局|厂|社|站|大学|学院|学校|医院|合作社|事务所|分公司|有限合伙\)?)$")


def split_vendors(text: str) -> list[str]:
    """One winner, or each member of a consortium (联合体) written in one cell: 'A（牵头人）、B'."""
    joint = text.strip().startswith("联合体") or bool(_CONSORTIUM_TAIL.search(text.strip()))
    plain = re.sub(r"^联合体\s*[:：]?\s*", "", text.strip())
    plain = _CONSORTIUM_TAIL.sub("", plain)  # "A、B联合体", "A、B（联合体）"
    plain = _CONSORTIUM_ROLE.sub("", plain)
    parts = [p.strip() for p in re.split(r"[、；;/]|\s+和\s*|(?<=公司)和", plain) if p.strip()]
    if len(parts) > 1 and all(ORG_END.search(p) for p in parts):
        return parts
    return [plain.strip()] if _CONSORTIUM_ROLE.search(text) or joint else [text.strip()]


def clean_value(value: str) -> str:
    value = clean(value).strip(" ，,。；;、|").strip()
    value = re.sub(r"\s+[一二三四五六七八九十]{1,3}$", "", value)  # the next section's number: "HCA2017040 一、…"
    if value.count("（") + value.count("(") > value.count("）") + value.count(")"):
        value = re.sub(r"\s*[（(][^（()）]*$", "", value)  # cut at a following label: "某公司（统一社会信用代码"
    return value


# A winner cell or line that says there is none.
_NO_WINNER = re.compile(r"废标|流标|终止|无中标|无成交|没有中标|未成交|不足三家")


def not_a_winner(value: str) -> bool:
    return is_placeholder(value) or len(value) < 2 or bool(_NO_WINNER.search(simp(value)))


# -- label：value pairs in a line ---------------------------------------------------------------------
def _label_at(line: str, end: int) -> tuple[str, str, int] | None:
    """The known label ending at line[end] (a colon): (role, label as written, start index)."""
    # Tokens split at separators; a label may be spread over tokens ("名  称").
    first = max(0, end - 64)  # labels are short: only the text just before the colon matters
    starts = ([0] if first == 0 else []) + [i + 1 for i in range(first, end) if line[i] in _SEPARATORS]
    candidates = sorted({s for s in starts if s < end}, reverse=True)[:3]
    for start in candidates:
        raw = line[start:end]
        label = norm_label(raw)
        role = role_of(label) or role_of(NUMBERING.sub("", label))
        if role:
            return role, raw.strip(), start
    tail = line[first:end].rstrip()
    key = simp(tail)
    for suffix in TRAILING_LABELS:
        if key.endswith(suffix):
            return "ignore", suffix, first + len(tail) - len(suffix)
    return None


def label_spans(line: str) -> list[tuple[str, str, int, str]]:
    """[(role, label as written, index where the label starts, value)] for each known label followed by a colon."""
    found = []
    for match in re.finditer(r"[:：]", line):
        hit = _label_at(line, match.start())
        if hit:
            found.append((hit[0], hit[1], hit[2], match.start(), match.end()))
    pairs = []
    for index, (role, raw, start, colon, after) in enumerate(found):
        if index and start < found[index - 1][4]:
            continue
        stop = found[index + 1][2] if index + 1 < len(found) else len(line)
        pairs.append((role, raw, start, clean_value(line[after:stop])))
    return pairs



# A price written as a ceiling ("投标总价不超过480万元") is a cap, not the price; a rate offer has no amount.
_CAP = re.compile(r"不超过|不高于|不大于|以内|以下|上限|最高")
RATE = re.compile(r"((?:[\u4e00-\u9fff]{0,6})(?:下浮率|下浮|折扣率|费率|优惠率|让利率)\s*(?:为|[:：])?\s*\d+(?:\.\d+)?\s*[%％])")


def is_cap(value: str) -> bool:
    """True when the first figure in the value is stated as a ceiling."""
    figure = re.search(r"\d", value)
    head = value[: figure.start() + 12] if figure else value
    return bool(_CAP.search(head))


def rates(value: str) -> list[str]:
    return [clean(m.group(1)) for m in RATE.finditer(value)]


# "设计费报价为300000元，建安工程费报价为17065219.25元": one price in several components.
COMPONENT = re.compile(r"([\u4e00-\u9fff]{1,10}费)(?:报价|金额|价格)?\s*(?:为|[:：])\s*([\d,，.]+\s*(?:万元|元))")


def price_components(value: str) -> list[tuple[str, str]]:
    found = [(m.group(1), m.group(2)) for m in COMPONENT.finditer(value)]
    return found if len(found) > 1 else []
