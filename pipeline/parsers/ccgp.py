"""Chinese government procurement notices: www.ccgp.gov.cn detail pages and provincial portals.

A notice page has a summary table (公告概要: label cell, value cell) and a body of numbered
sections (一、项目编号 二、项目名称 三、中标（成交）信息 … 九、联系方式) holding label：value lines
and supplier tables (供应商名称 | 中标金额 …). The page is read as one ordered stream of lines and
tables; a small state machine tracks the section, the lot (包/标段) and whose contact block
(采购人 / 代理机构) a bare "名 称：" belongs to. Summary values may be the placeholder
详见公告正文, in which case the body supplies them.
Provincial zcy-platform pages carry the notice as JSON (an articleDetail field or an API answer)
whose `content` is the same body HTML; those are unwrapped first.

Other portals write the same fields differently, and all of these are read: winners in tables (one row
per supplier, one column per lot, or one column per ranked candidate) or in label lines (several lots
on one line); 中标候选人公示 keep only the first candidate, as status 'candidate'; 更正公告 and tender
notices never yield awards; 主要标的信息 (line items, unit prices) never gives an award amount, nor do
rates (下浮率, 折扣率) or unit prices. Labels are matched in Simplified or Traditional script. An award's
date is the notice's publication date (metadata, the portal's date element, a 发布时间 label, the date
under the title, a gov.cn address …/t20210820_…, or the signing-off date); a stated 中标/定标/合同签订
date stands in only when no publication date is known, and is kept in the evidence.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..decode import decode_body, looks_binary
from ..money import label_unit, parse_amount_with_unit
from ..records import Award, Document, Notice, ParseError, ParseResult

NAME = "ccgp"
VERSION = "1.1"
KINDS = ("ccgp_notice",)

BLOCK_MARKERS = ("访问过于频繁", "稍后再试", "访问频率过高", "请求过于频繁")
NOTICE_MARKERS = ("采购人", "采购单位", "中标", "成交", "采购项目编号", "项目编号", "采购代理机构", "代理机构",
                  "招标", "供应商", "政府采购", "预算金额", "采购项目名称")

# -- field labels (compared after NFKC, without spaces, numbering or a trailing unit) -----------------
LABELS: dict[str, str] = {}
for _role, _names in {
    "code": "项目编号 采购项目编号 招标编号 招标项目编号 采购编号 项目编码 采购项目编码 政府采购项目编号 采购计划编号",
    "name": "项目名称 采购项目名称 招标项目名称 工程名称 采购项目",
    "buyer": "采购人 采购人名称 采购单位 采购单位名称 招标人 招标人名称 招标单位 采购人单位名称 建设单位 "
             "采购人(甲方) 甲方 甲方名称 采购人(甲方)名称 招标采购单位 采购人全称 业主单位 项目业主 招标人(采购人)",
    "agent": "采购代理机构 采购代理机构名称 代理机构 代理机构名称 招标代理机构 招标代理机构名称 招标代理 集中采购机构 "
             "集中采购机构名称 采购代理 采购代理人",
    "vendor": "中标供应商 中标供应商名称 成交供应商 成交供应商名称 中标(成交)供应商 中标(成交)供应商名称 中标人 中标人名称 "
              "中标单位 中标单位名称 成交人 成交单位 成交单位名称 中选供应商 中选单位 中标(成交)人 "
              "供应商(乙方) 乙方 乙方名称 供应商(乙方)名称 中标(成交)单位 中标(成交)单位名称 成交(中标)供应商 "
              "中标(成交)人名称 中选人 中选供应商名称 拟中标供应商 拟中标人 拟成交供应商 中标供应商全称 成交供应商全称",
    "vendor_weak": "供应商名称 供应商 单位名称",
    "candidate": "第一中标候选人 第一候选人 第一成交候选人 第一名 中标候选人 第一中标候选人名称 中标候选人名称 "
                 "第一中标(成交)候选人 第一中标(成交)候选人名称 第一成交候选人名称 第一候选人名称 推荐中标候选人",
    "amount": "中标金额 成交金额 中标(成交)金额 中标价 成交价 中标价格 成交价格 中标总价 成交总价 合同金额 中标(成交)价格 "
              "中标(成交)价 中选金额 中标报价 成交报价 合同总金额 合同价 中标(成交)总价 中选价 中标总额 成交总额 "
              "中标(成交)金额 成交结果金额 合同总价",
    "amount_weak": "报价 投标报价 总报价 响应报价 最终报价 总价 最后报价 磋商报价 谈判报价 投标总价 磋商总报价 谈判总报价 "
                   "最终报价总价 投标总报价",
    "total": "总中标金额 总成交金额 中标总金额 成交总金额 总中标(成交)金额 中标(成交)总金额",
    "budget": "预算金额 项目预算 采购预算 项目预算金额 采购预算金额 预算 预算总金额 采购项目预算金额 预算金额(总)",
    "pubdate": "公告时间 发布时间 发布日期 公告日期 公告发布时间 信息发布时间 发文日期 公告发布日期 信息发布日期 "
               "公示开始时间 公示开始日期 发稿时间 发布于 公示时间 公示日期",
    "awarddate": "中标日期 成交日期 定标日期 确定中标日期 中标(成交)日期 合同签订日期 签订日期 签约日期 定标时间 "
                 "中标通知书发出日期 成交通知书发出日期 中标通知书日期",
    "region": "行政区域 所属地区 项目所在地区 所属区域 区域 地区",
    "lot": "包号 标包 分包 分包号 标段 标段号 标项 标项号 包组 合同包 采购包 包件号 标项名称",
    "generic_name": "名称",
    "ignore": "代理服务费 代理服务收费标准 代理服务收费金额 招标代理服务费 招标代理费 代理费 服务费 代理服务费收取标准 "
              "下浮率 费率 优惠率 折扣率 最高限价 最高投标限价 控制价 单价 评审报价 评审价 地址 联系方式 联系人 "
              "项目联系人 项目联系方式 电话 联系电话 传真 评审专家名单 评审专家 品目 采购方式 开标时间 开标地点 "
              "首次公告日期 更正日期 原公告发布时间 公示期 公示期限 公告期限 中标费率 成交费率 中标下浮率 成交下浮率 "
              "中标折扣率 成交折扣率 中标单价 成交单价 综合单价 投标人 投标人名称 评标价 经评审的投标价 "
              "统一社会信用代码 社会信用代码 信用代码 供应商地址 中标供应商地址 成交供应商地址 法定代表人 项目负责人 "
              "项目经理 总监理工程师 注册地址 营业执照号",
}.items():
    for _name in _names.split():
        LABELS[_name] = _role

# Traditional characters met in notice labels and headings, each mapped to one Simplified character so
# that offsets stay aligned: labels are matched on the mapped text, values are cut from the text as written.
_TRADITIONAL = (
    "採采購购標标價价額额單单應应稱称構构機机項项號号編编碼码預预開开報报總总聯联繫系係系電电話话發发佈布時时間间"
    "資资訊讯結结選选約约簽签訂订區区務务規规數数詳详見见內内說说廠厂學学醫医設设備备與与費费續续處处縣县鎮镇鄉乡"
    "廣广東东華华國国為为負负責责證证書书審审評评專专複复則则萬万億亿圓圆幣币寫写貨货勞劳銷销鐵铁營营業业員员"
    "門门廳厅陽阳陰阴島岛灣湾鋼钢礦矿稅税個个臺台臨临辦办屬属藥药衛卫監监檢检測测環环節节實实條条")
_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL[0::2], _TRADITIONAL[1::2])
_HAS_TRADITIONAL = re.compile(f"[{_TRADITIONAL[0::2]}]")


def _simp(text: str) -> str:
    """Traditional label characters to Simplified, one for one (same length, same offsets)."""
    return text.translate(_TO_SIMPLIFIED) if _HAS_TRADITIONAL.search(text) else text


_VENDOR_HEADER = re.compile(r"^(第一)?(中标|成交|中选|中标\(成交\)|成交\(中标\))(供应商|人|单位|候选人)(名称)?$")
_WEAK_VENDOR_HEADER = {"供应商名称", "供应商", "单位名称", "供应商全称"}
_LOT_HEADER = re.compile(r"^(包号|标包|包|分包|分包号|标段|标段号|标项|标项号|包组|合同包|采购包|包件号|标项名称|分标)$")
_SCORE_HEADER = re.compile(r"得分|评分|排名|名次|分值")
_RANK_HEADER = re.compile(r"^(排名|名次|排序|顺序|推荐顺序|候选人排序|中标候选人排序|中标候选人顺序|候选人顺序|排名顺序)$")
# Bidder columns that name the winner only in a ranked candidate table.
_BIDDER_HEADER = {"投标人名称", "投标人", "投标单位", "投标单位名称", "候选人名称", "候选人", "单位名称", "供应商名称",
                  "企业名称", "响应供应商名称", "投标供应商名称", "投标供应商"}
_NAME_ROW = re.compile(r"^(中标候选人|候选人|投标人|投标单位|供应商|单位|企业)?(名称|单位名称|全称)$|^(投标人|投标单位|供应商)$")
_RANK_VALUE = re.compile(r"^第?([一二三四五六七八九十\d]{1,2})(?:名|位)?$")
_EXCLUDED_AMOUNT = re.compile(r"单价|评审|下浮|费率|折扣|优惠|限价|预算|代理|服务费|得分|比例")

_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
_SUBSECTION = re.compile(r"^[(（]?\d{1,2}\s*(?:[.、．)）](?!\d))\s*(.*)$")
_LOT_HEADING = re.compile(
    r"^((?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项|批次|子包))|"
    r"(?:(?:包|标段|标包|分包|标项|包组|合同包|采购包)\s*[一二三四五六七八九十\d]+号?))(?![\d.])")
_NUMBERING = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、．]|[(（][0-9一二三四五六七八九十]{1,3}[)）])\s*")
_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(?:元|币|单位)[^()（）]*[)）]$")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SEPARATORS = " ，,。；;、|\t:：（("  # a label may also open a bracket: "某公司（统一社会信用代码："
# Labels that follow a name on the same line without a separator ("采购人：甲单位地址：…").
_TRAILING_LABELS = ("联系地址", "地址", "联系方式", "联系人", "联系电话", "电话", "传真", "邮编", "邮政编码")
_PLACEHOLDER = re.compile(r"^(详见|詳見|见|見|请见|參見|参见|另见|/|-|—|－|无|無|暂无)")
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
               "blockquote", "dd", "dt", "dl", "form", "hr", "center", "pre", "header", "footer", "title", "td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}

_PROVINCE_HOSTS = {
    "beijing": "北京市", "tianjin": "天津市", "hebei": "河北省", "shanxi": "山西省", "neimenggu": "内蒙古自治区",
    "nmgp": "内蒙古自治区", "liaoning": "辽宁省", "jilin": "吉林省", "heilongjiang": "黑龙江省", "hlj": "黑龙江省",
    "shanghai": "上海市", "jiangsu": "江苏省", "zhejiang": "浙江省", "anhui": "安徽省", "fujian": "福建省",
    "jiangxi": "江西省", "shandong": "山东省", "henan": "河南省", "hubei": "湖北省", "hunan": "湖南省",
    "guangdong": "广东省", "guangxi": "广西壮族自治区", "gxzf": "广西壮族自治区", "hainan": "海南省",
    "chongqing": "重庆市", "sichuan": "四川省", "guizhou": "贵州省", "yunnan": "云南省", "xizang": "西藏自治区",
    "shaanxi": "陕西省", "gansu": "甘肃省", "qinghai": "青海省", "ningxia": "宁夏回族自治区", "xinjiang": "新疆维吾尔自治区",
    "bingtuan": "新疆生产建设兵团", "dalian": "大连市", "qingdao": "青岛市", "ningbo": "宁波市", "xiamen": "厦门市",
    "shenzhen": "深圳市",
}


# -- reading the bytes ------------------------------------------------------------------------------
def _decode(doc: Document) -> str:
    text, encoding = decode_body(doc.body, doc.declared_encoding)
    if not encoding.startswith("utf-8") and not encoding.startswith("utf-16"):
        # Valid UTF-8 with non-ASCII bytes is never accidental: a page mislabelled GBK is still UTF-8.
        try:
            utf8 = doc.body.decode("utf-8")
            if any(b > 0x7F for b in doc.body[:65536]):
                return utf8
        except UnicodeDecodeError:
            pass
    return text


def _sniff_text(body: bytes) -> str:
    head = body[:16384]
    text = head.decode("utf-8", "ignore")
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < 4:
        text = head.decode("gb18030", "ignore")
    return text


def sniff(doc: Document) -> bool:
    if not doc.body or looks_binary(doc.body):
        return False
    text = _sniff_text(doc.body)
    stripped = text.lstrip()
    if not (stripped.startswith("<") or stripped.startswith("{") or "<p" in text or "<table" in text or "<div" in text):
        return False
    if "ccgp" in text.lower() and any(m in text for m in ("采购", "中标", "成交")):
        return True
    return sum(1 for m in NOTICE_MARKERS if m in text) >= 3


# -- JSON wrappers (zcy-platform provincial portals) ------------------------------------------------
def _find_article(data, depth: int = 0) -> dict | None:
    """The dict holding the notice HTML under `content` / `noticeContent` (or a JSON string of it)."""
    if depth > 6:
        return None
    if isinstance(data, dict):
        for key in ("content", "noticeContent", "articleContent", "htmlContent"):
            value = data.get(key)
            if isinstance(value, str) and "<" in value:
                return {**data, "_html": value}
        for key in ("articleDetail",):
            value = data.get(key)
            if isinstance(value, str) and value.lstrip().startswith("{"):
                try:
                    found = _find_article(json.loads(value), depth + 1)
                except ValueError:
                    found = None
                if found:
                    return found
        for value in data.values():
            found = _find_article(value, depth + 1)
            if found:
                return found
    elif isinstance(data, list):
        for value in data[:50]:
            found = _find_article(value, depth + 1)
            if found:
                return found
    return None


def _epoch_or_text_date(value) -> str | None:
    if isinstance(value, (int, float)) and value > 10 ** 11:  # milliseconds since the epoch, China time
        moment = datetime.fromtimestamp(value / 1000, tz=timezone(timedelta(hours=8)))
        return moment.date().isoformat()
    if isinstance(value, str):
        if value.isdigit() and len(value) >= 12:
            return _epoch_or_text_date(int(value))
        return _iso_date(value)
    return None


# -- small text helpers ----------------------------------------------------------------------------
def _clean(text: str | None) -> str:
    return re.sub(r"[\s\u3000\u00a0\u200b]+", " ", text or "").strip()


def _norm_label(text: str) -> str:
    label = _simp(unicodedata.normalize("NFKC", text))
    label = re.sub(r"\s+", "", label).rstrip(":：")
    label = _NUMBERING.sub("", label)
    label = _UNIT_SUFFIX.sub("", label)
    return label


_RANKED = re.compile(r"^(?:推荐)?第([一二三四五六七八九十\d]{1,2})(?:名)?(?:中标|成交|中选)?(?:\(成交\))?"
                     r"(?:候选人|候选供应商|候选单位|名|中标人)(?:名称|单位名称|单位)?$")
_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _ordinal(text: str) -> int | None:
    return int(text) if text.isdigit() else _CN_ORDINAL.get(text)


def candidate_rank(label: str) -> int | None:
    """1 for '第一中标候选人' / '第一名', 2 for '第二成交候选人' …; None when the label names no rank."""
    match = _RANKED.match(_norm_label(label))
    return _ordinal(match.group(1)) if match else None


def role_of(label: str) -> str | None:
    """The field a normalised label names; ranked candidates other than the first are 'candidate_other'."""
    if label in LABELS:
        return LABELS[label]
    match = _RANKED.match(label)
    rank = _ordinal(match.group(1)) if match else None
    if rank is not None:
        return "candidate" if rank == 1 else "candidate_other"
    base = re.sub(r"\([^()]*\)$", "", label)  # 中标价(费率或单价等) -> 中标价
    if base != label and base in LABELS:
        return LABELS[base]
    if "/" in label:  # 成交金额/成交下浮率: the first named quantity decides
        head = _UNIT_SUFFIX.sub("", label.split("/", 1)[0])
        return LABELS.get(head)
    return None


def _is_placeholder(value: str) -> bool:
    return not value or bool(_PLACEHOLDER.match(value))


def _iso_date(text: str | None) -> str | None:
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
_ORG_END = re.compile(r"(公司|集团|院|所|中心|局|厂|社|站|大学|学院|学校|医院|合作社|事务所|分公司|有限合伙\)?)$")


def split_vendors(text: str) -> list[str]:
    """One winner, or each member of a consortium (联合体) written in one cell: 'A（牵头人）、B'."""
    plain = re.sub(r"^联合体\s*[:：]?\s*", "", text.strip())
    plain = _CONSORTIUM_ROLE.sub("", plain)
    parts = [p.strip() for p in re.split(r"[、；;/]|\s+和\s*|(?<=公司)和", plain) if p.strip()]
    if len(parts) > 1 and all(_ORG_END.search(p) for p in parts):
        return parts
    return [plain.strip()] if _CONSORTIUM_ROLE.search(text) or text.startswith("联合体") else [text.strip()]


def _clean_value(value: str) -> str:
    value = _clean(value).strip(" ，,。；;、|").strip()
    if value.count("（") + value.count("(") > value.count("）") + value.count(")"):
        value = re.sub(r"\s*[（(][^（()）]*$", "", value)  # cut at a following label: "某公司（统一社会信用代码"
    return value


# A winner cell or line that says there is none.
_NO_WINNER = re.compile(r"废标|流标|终止|无中标|无成交|没有中标|未成交|不足三家")


def _not_a_winner(value: str) -> bool:
    return _is_placeholder(value) or len(value) < 2 or bool(_NO_WINNER.search(_simp(value)))


# -- the page as an ordered stream of lines and tables ----------------------------------------------
@dataclass
class Cell:
    text: str
    css: str = ""


@dataclass
class Stream:
    items: list[tuple[str, object]] = field(default_factory=list)  # ("line", str) | ("table", [[Cell]])
    current: list[str] = field(default_factory=list)

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def flush(self) -> None:
        line = _clean("".join(self.current))
        self.current = []
        if line:
            self.items.append(("line", line))


def _table_rows(table) -> list[list[Cell]]:
    rows = []
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        cells = [Cell(_clean(td.text_content()), td.get("class") or "") for td in tr.xpath("./td | ./th")]
        if any(c.text for c in cells):
            rows.append(cells)
    return rows


def _stream(root) -> Stream:
    stream = Stream()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None:  # comment or processing instruction: its text is not page text
                continue
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag == "table":
                stream.flush()
                stream.items.append(("table", _table_rows(el)))
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                stream.flush()
            stream.add(el.text)
        else:
            if tag in _BLOCK_TAGS or tag == "table":
                stream.flush()
            stream.add(el.tail)
    stream.flush()
    return stream


# -- label：value pairs in a line ---------------------------------------------------------------------
def _label_at(line: str, end: int) -> tuple[str, str, int] | None:
    """The known label ending at line[end] (a colon): (role, label as written, start index)."""
    # Tokens split at separators; a label may be spread over tokens ("名  称").
    first = max(0, end - 64)  # labels are short: only the text just before the colon matters
    starts = ([0] if first == 0 else []) + [i + 1 for i in range(first, end) if line[i] in _SEPARATORS]
    candidates = sorted({s for s in starts if s < end}, reverse=True)[:3]
    for start in candidates:
        raw = line[start:end]
        label = _norm_label(raw)
        role = role_of(label) or role_of(_NUMBERING.sub("", label))
        if role:
            return role, raw.strip(), start
    tail = line[first:end].rstrip()
    key = _simp(tail)
    for suffix in _TRAILING_LABELS:
        if key.endswith(suffix):
            return "ignore", suffix, first + len(tail) - len(suffix)
    return None


def label_pairs(line: str) -> list[tuple[str, str, str]]:
    """[(role, label as written, value)] for each known label followed by a colon in the line."""
    return [(role, raw, value) for role, raw, _, value in _label_spans(line)]


def _label_spans(line: str) -> list[tuple[str, str, int, str]]:
    """label_pairs with the index where each label starts."""
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
        pairs.append((role, raw, start, _clean_value(line[after:stop])))
    return pairs


def _table_label_pairs(row: list[Cell]) -> list[tuple[str, str, str]]:
    pairs = []
    for i, cell in enumerate(row[:-1]):
        role = role_of(_norm_label(cell.text))
        if role and cell.text and len(cell.text) <= 30:
            value = _clean_value(row[i + 1].text)
            if role_of(_norm_label(value)):
                continue  # a column-header row ("标段 | 预算金额（万元） | 最高限价（万元）"), not label | value
            pairs.append((role, cell.text.rstrip(":："), value))
    return pairs


def _lot_budget_total(rows: list[list[Cell]]) -> tuple[Decimal, str | None] | None:
    """A per-lot budget table (包号 | 预算金额（元） | 最高限价 …): its 合计 row, else the sum of its lots."""
    for h, header in enumerate(rows[:3]):
        labels = [_norm_label(c.text) for c in header]
        columns = [i for i, lab in enumerate(labels) if LABELS.get(lab) == "budget"]
        if not columns or len(header) < 2:
            continue
        col, unit = columns[0], label_unit(header[columns[0]].text)
        total, currency, stated = Decimal(0), None, None
        for row in rows[h + 1:]:
            if len(row) != len(header):
                continue
            parsed = parse_amount_with_unit(row[col].text, unit)
            if not parsed:
                continue
            if any(re.search(r"^(合计|总计|小计)", c.text) for c in row[:col]):
                stated = parsed
                continue
            total += parsed[0]
            currency = currency or parsed[1]
        if stated:
            return stated
        return (total, currency) if total else None
    return None


# -- supplier tables -------------------------------------------------------------------------------
@dataclass
class Found:
    vendor: str
    vendor_label: str
    amount: Decimal | None = None
    currency: str | None = None
    amount_raw: str | None = None
    amount_label: str | None = None
    amount_rank: int = 9
    lot: str | None = None
    candidate: bool = False
    members: list[str] = field(default_factory=list)  # other consortium members, written after the lead


def _amount_rank(header: str) -> int | None:
    """0 for a winning-price column, 1 for a plain price column, None for anything else."""
    label = _norm_label(header)
    if "/" in label:  # 中标金额(元)/下浮率: the money part decides, the cell value tells rate from money
        return min((r for r in (_amount_rank(part) for part in label.split("/")) if r is not None), default=None)
    if _EXCLUDED_AMOUNT.search(label):
        return None
    if LABELS.get(label) in ("amount", "total") or (re.search(r"中标|成交|合同|中选", label) and re.search(r"金额|价", label)):
        return 0
    if LABELS.get(label) == "amount_weak" or re.search(r"(报价|总价|金额)$", label):
        return 1
    return None


def _row_rank(text: str) -> int | None:
    """The place a rank cell gives: '1', '第一名', '第一中标候选人'."""
    label = _norm_label(text)
    match = _RANK_VALUE.match(label)
    return _ordinal(match.group(1)) if match else candidate_rank(label)


def _column_of_ranks(rows: list[list[Cell]], col: int) -> bool:
    values = [r[col].text for r in rows if len(r) > col and r[col].text]
    return bool(values) and all(candidate_rank(v) is not None for v in values)


def _supplier_table(rows: list[list[Cell]], in_award: bool, lot: str | None, candidate_doc: bool = False) -> list[Found] | None:
    ranked = _transposed_candidates(rows, lot)
    if ranked is not None:
        return ranked
    for h, header in enumerate(rows[:3]):
        labels = [_norm_label(c.text) for c in header]
        body = rows[h + 1:]
        rank_cols = [i for i, lab in enumerate(labels) if _RANK_HEADER.match(lab)]
        strong = [i for i, lab in enumerate(labels) if _VENDOR_HEADER.match(lab)]
        for i in list(strong):  # a 中标候选人 column holding 第一/第二中标候选人 is a rank column, not names
            if _column_of_ranks(body, i):
                strong.remove(i)
                rank_cols.append(i)
        weak_names = _WEAK_VENDOR_HEADER | (_BIDDER_HEADER if candidate_doc or rank_cols else set())
        weak = [i for i, lab in enumerate(labels) if lab in weak_names and i not in rank_cols]
        amounts = [(rank, i) for i, c in enumerate(header) if (rank := _amount_rank(c.text)) is not None]
        scored = any(_SCORE_HEADER.search(lab) for lab in labels)
        if strong:
            vendor_col = strong[0]
        elif weak and amounts and in_award and (not scored or rank_cols):
            vendor_col = weak[0]
        elif weak and rank_cols and candidate_doc:
            vendor_col = weak[0]
        else:
            continue
        candidate = "候选" in labels[vendor_col] or bool(rank_cols and (candidate_doc or "候选" in "".join(labels)))
        amount_col = min(amounts)[1] if amounts else None
        amount_rank = min(amounts)[0] if amounts else 9
        unit = label_unit(header[amount_col].text) if amount_col is not None else None
        lot_cols = [i for i, lab in enumerate(labels) if _LOT_HEADER.match(lab)]
        out = []
        for row in body:
            if len(row) <= vendor_col:
                continue
            vendor = _clean_value(row[vendor_col].text)
            if _not_a_winner(vendor) or role_of(_norm_label(vendor)):
                continue
            if rank_cols and len(row) > rank_cols[0] and _row_rank(row[rank_cols[0]].text) not in (None, 1):
                continue  # second and later candidates never win
            members = split_vendors(vendor)
            found = Found(vendor=members[0], vendor_label=header[vendor_col].text, lot=lot, candidate=candidate)
            if lot_cols and len(row) > lot_cols[0] and row[lot_cols[0]].text not in ("", "/", "-"):
                found.lot = row[lot_cols[0]].text
            elif not lot:
                section = next((c.text for c in row if "sectionNo" in c.css and c.text), None)
                found.lot = section
            if amount_col is not None and len(row) > amount_col:
                raw = row[amount_col].text
                parsed = parse_amount_with_unit(raw, unit)
                if parsed:
                    found.amount, found.currency = parsed
                    found.amount_raw, found.amount_label, found.amount_rank = raw, header[amount_col].text, amount_rank
            out.append(found)
            # Consortium members: each is a winner; the joint amount stays with the lead member only.
            out.extend(Found(vendor=m, vendor_label=found.vendor_label, lot=found.lot, candidate=candidate) for m in members[1:])
        return out
    return None


def _transposed_candidates(rows: list[list[Cell]], lot: str | None) -> list[Found] | None:
    """A table whose columns are the entities and whose rows are the fields. Either the columns are ranked
    candidates ('排名 | 第一中标候选人 | 第二中标候选人 …', only the first is kept) or lots ('包号 | 包1 | 包2',
    each a winner); below come a row of names (单位名称 | A | B …) and a row of prices (投标报价（元） | … )."""
    for h, header in enumerate(rows[:3]):
        if len(header) < 3:
            continue
        first = next((j for j, c in enumerate(header) if j and candidate_rank(c.text) == 1), None)
        if first is not None and any(candidate_rank(c.text) for c in header[first + 1:]):
            columns, candidate = [first], True
        elif _LOT_HEADER.match(_norm_label(header[0].text)) and all(_LOT_CELL.match(_norm_label(c.text)) for c in header[1:]):
            columns, candidate = list(range(1, len(header))), False
        else:
            continue
        body = rows[h + 1:]
        name_row = next((r for r in body if len(r) == len(header) and _is_name_label(r[0].text)), None)
        if name_row is None:
            return None  # e.g. a per-lot budget table: not about suppliers
        out = []
        for j in columns:
            vendor = _clean_value(name_row[j].text)
            if _not_a_winner(vendor):
                continue
            found = Found(vendor=vendor, vendor_label=f"{header[j].text} {name_row[0].text}",
                          lot=lot if candidate else header[j].text, candidate=candidate)
            for row in body:
                rank = _amount_rank(row[0].text) if len(row) == len(header) else None
                if rank is None:
                    continue
                parsed = parse_amount_with_unit(row[j].text, label_unit(row[0].text))
                if parsed and rank < found.amount_rank:
                    found.amount, found.currency = parsed
                    found.amount_raw, found.amount_label, found.amount_rank = row[j].text, row[0].text, rank
            out.append(found)
        return out
    return None


_LOT_CELL = re.compile(r"^(?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项)|(?:包|标段|标包|分包|标项|包组)\s*[一二三四五六七八九十\d]+号?|[A-Z\d]{1,3})$")


def _is_name_label(text: str) -> bool:
    label = _norm_label(text)
    return bool(_NAME_ROW.match(label)) or role_of(label) in ("vendor", "candidate")


# -- the state machine over the stream ---------------------------------------------------------------
# Where one flattened line holds several blocks: a new contact block ("2.采购代理机构信息") or a new lot
# ("包2：", "第二标段 ") after a separator starts a segment of its own.
_INLINE_BREAK = re.compile(
    r"(?<=[\s；;。，,])(?=(?:[(（]?\d{1,2}\s*[.、．)）]\s*)?(?:采购人|采购单位|招标人|采购代理机构|代理机构|招标代理机构|"
    r"集中采购机构|项目联系)(?:信息|方式)?\s*(?:[:：]|名\s*称|$))"
    r"|(?<=[\s；;。，,])(?=(?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项|子包)|"
    r"(?:包|标段|标包|分包|标项|包组|合同包|采购包)\s*[一二三四五六七八九十\d]+号?)(?:[:：]|\s))")
_OBJECTS = re.compile(r"主要标的|标的信息|标的名称及|采购标的")


def _segments(text: str) -> list[str]:
    key = _simp(unicodedata.normalize("NFKC", text)) if len(unicodedata.normalize("NFKC", text)) == len(text) else None
    if key is None:
        return [text]
    cuts = [m.start() for m in _INLINE_BREAK.finditer(key) if m.start() > 0]
    if not cuts:
        return [text]
    bounds = [0] + cuts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


@dataclass
class Reader:
    in_award_doc: bool
    candidate_doc: bool = False
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (label, value), first wins
    table_found: list[Found] = field(default_factory=list)
    line_found: list[Found] = field(default_factory=list)
    pending: Found | None = None
    pending_amount: tuple | None = None
    section: str = ""
    in_award: bool = False
    in_objects: bool = False  # 主要标的信息: quantities and unit prices, never the award
    skip_amounts: bool = False  # after a second or third candidate: its price is not the winner's
    contact_role: str | None = None
    lot: str | None = None
    headings: list[str] = field(default_factory=list)
    loose_amounts: list[tuple] = field(default_factory=list)  # winning amounts stated apart from any supplier
    lot_budget: tuple | None = None  # from a per-lot budget table, when no overall 预算金额 is stated

    def keep(self, role: str, label: str, value: str) -> None:
        if value and not _is_placeholder(value) and role not in self.fields:
            self.fields[role] = (label, value)

    def finish_pending(self) -> None:
        if self.pending and self.pending.vendor:
            self.line_found.append(self.pending)
            p = self.pending
            self.line_found.extend(Found(vendor=m, vendor_label=p.vendor_label, lot=p.lot, candidate=p.candidate) for m in p.members)
        if self.pending_amount:
            self.loose_amounts.append(self.pending_amount)
        self.pending = None
        self.pending_amount = None

    def heading(self, text: str) -> None:
        self.finish_pending()
        self.headings.append(text)
        title = _simp(re.split(r"[:：]", text, maxsplit=1)[0])
        self.section = title
        self.contact_role = None
        self.skip_amounts = False
        self.in_objects = bool(_OBJECTS.search(title))
        self.in_award = (bool(re.search(r"中标|成交|中选|结果|候选人|供应商", title))
                         and not re.search(r"废标|流标|终止|代理服务", title) and not self.in_objects)
        self.lot = None

    def context(self, text: str) -> bool:
        """A bare sub-heading such as '1.采购人信息'; True when it set a context."""
        label = _norm_label(text)
        if re.search(r"代理机构", label) and len(label) <= 14:
            self.contact_role = "agent"
        elif re.search(r"采购人|采购单位|招标人", label) and len(label) <= 12:
            self.contact_role = "buyer"
        elif re.search(r"(中标|成交)(供应商|人)信息", label):
            self.contact_role = "vendor"
        elif re.search(r"联系方式|联系人", label):
            self.contact_role = None
        else:
            if _OBJECTS.search(label) and len(label) <= 16 and not re.search(r"[:：]\s*\S", text):
                self.finish_pending()
                self.in_objects, self.in_award = True, False
            elif re.search(r"废标|流标|终止", label):
                self.in_award = False
            elif re.search(r"中标|成交", label):
                self.in_award, self.in_objects = True, False
            return False
        return True

    def line(self, text: str) -> None:
        for part in _segments(text):
            self._line(part)

    def _line(self, text: str) -> None:
        section = _SECTION.match(text)
        if section:
            self.heading(section.group(2))
            text = section.group(2)
        lot = _LOT_HEADING.match(_simp(unicodedata.normalize("NFKC", text)))
        if lot:
            self.finish_pending()
            self.lot = lot.group(1)
        spans = _label_spans(text)
        if not spans:
            sub = _SUBSECTION.match(text)
            self.context(sub.group(1) if sub else text)
            return
        sub = _SUBSECTION.match(text)
        if sub and not section:
            self.context(re.split(r"[:：]", sub.group(1), maxsplit=1)[0])
        elif spans[0][2] > 0 and not section and not lot:
            self.context(text[: spans[0][2]])  # "采购人信息 名称：…" on one line
        for role, label, _, value in spans:
            self.pair(role, label, value)

    def pair(self, role: str, label: str, value: str) -> None:
        if role == "generic_name":
            if self.contact_role in ("buyer", "agent"):
                self.keep(self.contact_role, label, value)
            elif (self.contact_role == "vendor" or self.in_award) and not self.in_objects:
                self.vendor(label, value, weak=True)
            return
        if role == "vendor":
            self.vendor(label, value)
        elif role == "candidate":
            self.vendor(label, value, candidate=True)
        elif role == "candidate_other":
            self.finish_pending()
            self.skip_amounts = True
        elif role == "vendor_weak" and (self.in_award or self.contact_role == "vendor") and not self.in_objects:
            self.vendor(label, value, weak=True)
        elif role in ("amount", "amount_weak"):
            if role == "amount_weak" and not (self.in_award or self.pending):
                return
            self.amount(label, value, 0 if role == "amount" else 1)
        elif role == "lot":
            if value and not _is_placeholder(value):
                self.finish_pending()
                self.lot = value.split()[0][:30]  # "包号：1 供应商名称 报价总得分 …" (a flattened header row) is lot 1
        elif role in ("code", "name", "buyer", "agent", "total", "budget", "pubdate", "awarddate", "region"):
            self.keep(role, label, value)

    def vendor(self, label: str, value: str, weak: bool = False, candidate: bool = False) -> None:
        if _not_a_winner(value):
            return
        if self.pending and self.pending.vendor:
            if self.pending.vendor == value:
                return
            self.finish_pending()
        self.skip_amounts = False
        members = split_vendors(value)
        self.pending = Found(vendor=members[0], vendor_label=label, lot=self.lot, candidate=candidate, members=members[1:])
        if self.pending_amount:
            self.apply_amount(*self.pending_amount)
            self.pending_amount = None

    def amount(self, label: str, value: str, rank: int) -> None:
        if self.skip_amounts or self.in_objects:
            return
        parsed = parse_amount_with_unit(value, label_unit(label))
        if not parsed:
            return
        if self.pending is None:
            self.pending_amount = (label, value, parsed, rank)  # an amount stated before its supplier
            return
        self.apply_amount(label, value, parsed, rank)

    def apply_amount(self, label: str, value: str, parsed, rank: int) -> None:
        if self.pending.amount is None or rank < self.pending.amount_rank:
            self.pending.amount, self.pending.currency = parsed
            self.pending.amount_raw, self.pending.amount_label, self.pending.amount_rank = value, label, rank

    def table(self, rows: list[list[Cell]]) -> None:
        found = None if self.in_objects else _supplier_table(
            rows, self.in_award or self.in_award_doc, self.lot, self.candidate_doc)
        if found is not None:
            self.finish_pending()
            self.table_found.extend(found)
            return
        if self.lot_budget is None:
            self.lot_budget = _lot_budget_total(rows)
        for row in rows:
            pairs = _table_label_pairs(row)
            if pairs:
                for role, label, value in pairs:
                    self.pair(role, label, value)
            elif len(row) == 1:
                self.line(row[0].text)


# -- assembling the notice --------------------------------------------------------------------------
_CANDIDATE_TITLE = re.compile(r"候选人|候选供应商|评标结果公示|评审结果公示|拟中标|预中标|中标公示|成交公示")


def _notice_type(title: str, headings: list[str], awards: list[Found], has_budget: bool, corrected: bool = False) -> str:
    if title:
        if re.search(r"更正|变更|澄清|延期|补充公告", title):
            return "modification"
        if re.search(r"废标|流标|终止|失败", title):
            return "other"
        if re.search(r"中标|成交|中选|结果|候选人", title):
            return "award"
        if re.search(r"合同", title):
            return "contract"
        if re.search(r"招标公告|采购公告|磋商公告|谈判公告|询价公告|单一来源|邀请|资格预审|竞价公告|比选公告|征集公告|项目公告", title):
            return "tender"
    if corrected:
        return "modification"
    if awards or any(re.search(r"中标|成交", h) for h in headings):
        return "award"
    if has_budget:
        return "tender"
    return "other"


def _merge(table_found: list[Found], line_found: list[Found]) -> list[Found]:
    merged: list[Found] = list(table_found)
    for found in line_found:
        twin = next((m for m in merged if m.vendor == found.vendor and (m.lot == found.lot or not m.lot or not found.lot)), None)
        if twin is None:
            merged.append(found)
        elif twin.amount is None and found.amount is not None:
            twin.amount, twin.currency, twin.amount_raw, twin.amount_label = found.amount, found.currency, found.amount_raw, found.amount_label
    return merged


def _region(fields: dict, url: str, article: dict | None) -> str | None:
    if "region" in fields:
        return fields["region"][1]
    if article:
        for key in ("districtName", "district", "regionName", "areaName"):
            if isinstance(article.get(key), str) and article[key].strip():
                return article[key].strip()
    host = urlsplit(url).hostname or ""
    match = re.search(r"ccgp-([a-z]+)\.gov\.cn", host) or re.search(r"(gxzf|nmgp)\.gov\.cn", host)
    return _PROVINCE_HOSTS.get(match.group(1)) if match else None


def _tree(markup: str):
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"ccgp: page is not readable HTML ({exc})") from None


def _meta(root, name: str) -> str | None:
    values = root.xpath(f"//meta[@name='{name}']/@content")
    return _clean(values[0]) if values and _clean(values[0]) else None


# -- titles and dates -------------------------------------------------------------------------------
_TITLE_WORDS = re.compile(r"公告|公示|结果|合同|更正|变更|通知")
_PUBDATE_META = ("PubDate", "pubdate", "PublishDate", "publishdate", "ArticlePubDate", "pubDate", "publishDate")
_PUBDATE_NODES = ("//*[@id='pubTime' or @id='pubtime' or @id='publishTime' or @id='releaseTime']//text()",
                  "//*[contains(@class,'releaseTime') or contains(@class,'publishTime') or contains(@class,'pubTime')"
                  " or contains(@class,'pub-time') or contains(@class,'publish-time')]//text()")
# ccgp.gov.cn and most gov.cn sites publish pages as …/202108/t20210820_123456.htm: the date of publication.
_URL_DATE = re.compile(r"/t(20\d{2})(\d{2})(\d{2})_\d+\.s?html?(?:$|[?#])")
_LEAD_DATE = re.compile(r"^(?:(?:发布|公告|公示|信息)?(?:时间|日期)\s*[:：]?\s*)?(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?)"
                        r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s|$|来源|浏览|阅读|【)")
_BARE_DATE = re.compile(r"^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?$")


def _title(root, article: dict | None) -> str | None:
    """The notice title: the page's own title element first; a site name in <title> only as a last resort."""
    options = [_meta(root, "ArticleTitle"), (article or {}).get("title") if isinstance((article or {}).get("title"), str) else None,
               " ".join(root.xpath("//div[contains(@class,'vF_detail_header')]//h2//text()"))]
    options += [" ".join(el.xpath(".//text()")) for el in root.xpath(
        "//h1 | //h2 | //h3 | //*[self::div or self::p or self::span][contains(@class,'title') or contains(@id,'title')]")[:12]]
    options.append(" ".join(root.xpath("//title//text()")))
    cleaned = [_clean(o) for o in options if o and _clean(o)]
    for option in cleaned:
        if 6 <= len(option) <= 200 and _TITLE_WORDS.search(_simp(option)):
            return option
    return cleaned[0] if cleaned else None


def _published(root, article: dict | None, url: str, fields: dict, lines: list[str]) -> str | None:
    """Publication date: page metadata, the portal's date element, a 发布时间 label, a date line under the
    title, the date in a gov.cn page address, then the date line that signs off the notice."""
    for name in _PUBDATE_META:
        found = _iso_date(_meta(root, name))
        if found:
            return found
    found = _epoch_or_text_date((article or {}).get("publishDate"))
    for path in _PUBDATE_NODES:
        found = found or _iso_date(" ".join(root.xpath(path)))
    found = found or _iso_date(fields.get("pubdate", ("", ""))[1])
    if found:
        return found
    for line in lines:
        if _SECTION.match(line):
            break  # only the header area above 一、…: a date there is the page's own
        match = _LEAD_DATE.match(unicodedata.normalize("NFKC", line))
        if match and len(line) < 80:
            return _iso_date(match.group(1))
    match = _URL_DATE.search(url)
    if match:
        return _iso_date("-".join(match.groups()))
    signed = [line for line in lines[-15:] if _BARE_DATE.match(unicodedata.normalize("NFKC", line))]
    return _iso_date(signed[-1]) if signed else None


# -- who buys, when the page names no 采购人 field --------------------------------------------------------
_ENTRUSTED_BY = re.compile(r"受\s*([^\s，,。；;：:（()）“”\"]{2,40}?)\s*(?:[（(][^（()）]{0,20}[)）])?\s*(?:的)?\s*委托")
_ROLE_WORDS = {"采购人", "采购单位", "招标人", "业主", "甲方", "建设单位", "委托人", "采购方", "招标单位"}


def _buyer_from_prose(lines: list[str]) -> str | None:
    """'某招标公司受某市公安局委托，就…进行公开招标': the body that entrusted the agent is the buyer."""
    for line in lines:
        match = _ENTRUSTED_BY.search(line)
        if match and match.group(1) not in _ROLE_WORDS and not re.search(r"供应商|投标人|中标人", match.group(1)):
            return match.group(1).strip()
    return None


# A correction notice's own sections ("二、更正信息", "更正事项：…"); a bare menu item "更正事项" is site navigation.
_CORRECTION = re.compile(r"^(?:[一二三四五六七八九十\d]{1,3}\s*[、.．]\s*(?:更正信息|更正事项|更正内容|变更内容|变更事项|变更信息)"
                         r"|(?:更正事项|更正内容|变更内容|原公告[^:：]{0,8}|首次公告日期|更正日期)\s*[:：])")


def parse(doc: Document) -> ParseResult:
    if not doc.body or not doc.body.strip():
        raise ParseError("ccgp: empty document")
    if looks_binary(doc.body):
        raise ParseError("ccgp: binary content, not a notice page")
    text = _decode(doc)
    article = None
    if text.lstrip().startswith(("{", "[")):
        try:
            article = _find_article(json.loads(text))
        except ValueError:
            raise ParseError("ccgp: JSON body that does not parse") from None
        if article is None:
            raise ParseError("ccgp: JSON body without notice content")
    root = _tree(article["_html"] if article else text)
    if article is None:
        detail = root.xpath("//input[@name='articleDetail']/@value")
        if detail:
            try:
                article = _find_article(json.loads(detail[0]))
            except ValueError:
                article = None
            if article:
                root = _tree(article["_html"])

    visible = _simp(_clean(root.text_content()))
    markers = sum(1 for m in NOTICE_MARKERS if m in visible)
    blocked = next((m for m in BLOCK_MARKERS if m in visible), None)
    if blocked and (markers < 2 or len(visible) < 1500):
        raise ParseError(f"blocked page: the portal answered with a rate-limit page ('{blocked}')")
    if markers < 2:
        raise ParseError("ccgp: not a procurement notice (no 采购人/中标/项目编号 markers)")

    title = _title(root, article)
    title_key = _simp(title or "")

    stream = _stream(root)
    lines = [item for kind, item in stream.items if kind == "line"]
    award_doc = bool(re.search(r"中标|成交|结果|候选人|中选", title_key))
    candidates = bool(_CANDIDATE_TITLE.search(title_key))
    reader = Reader(in_award_doc=award_doc, candidate_doc=candidates)
    for kind, item in stream.items:
        if kind == "line":
            reader.line(item)
        else:
            reader.table(item)
    reader.finish_pending()
    fields = reader.fields
    published = _published(root, article, doc.url, fields, lines)

    found = _merge(reader.table_found, reader.line_found)
    budget = parse_amount_with_unit(fields["budget"][1], label_unit(fields["budget"][0])) if "budget" in fields else None
    budget = budget or reader.lot_budget
    corrected = any(_CORRECTION.match(_simp(line)) for line in lines)
    notice_type = _notice_type(title_key, reader.headings, found, budget is not None, corrected)
    if notice_type in ("tender", "modification"):
        found = []

    buyer = (fields.get("buyer", (None, None))[1] or _article_text(article, "purchaseName", "buyerName")
             or _buyer_from_prose(lines))
    agent = fields.get("agent", (None, None))[1] or _article_text(article, "agencyName")
    if agent and buyer and agent == buyer:
        agent = None  # a page naming one body twice: it is the buyer
    found = [f for f in found if f.vendor not in (buyer, agent)]
    if candidates:
        seen_lots, first_only = set(), []
        for f in found:
            if f.lot not in seen_lots:
                seen_lots.add(f.lot)
                first_only.append(f)
        found = first_only

    strong_loose = [a for a in reader.loose_amounts if a[3] == 0]
    if len(found) == 1 and found[0].amount is None and len(strong_loose) == 1:
        label, value, parsed, rank = strong_loose[0]  # e.g. a contract notice: parties in one section, amount in the next
        found[0].amount, found[0].currency = parsed
        found[0].amount_raw, found[0].amount_label, found[0].amount_rank = value, label, rank
    total = fields.get("total")
    if total and len(found) == 1 and found[0].amount is None:
        parsed = parse_amount_with_unit(total[1], label_unit(total[0]))
        if parsed:
            found[0].amount, found[0].currency = parsed
            found[0].amount_raw, found[0].amount_label, found[0].amount_rank = total[1], total[0], 1

    # The notice's date is its publication; a stated award or contract date stands in only when none is known.
    award_date = _iso_date(fields.get("awarddate", ("", ""))[1])
    awards = []
    for f in found:
        evidence = f"{f.vendor_label.rstrip(':：')}: {f.vendor}"
        if f.amount_raw:
            evidence += f"; {f.amount_label.rstrip(':：')}: {f.amount_raw}"
        if award_date:
            evidence += f"; {fields['awarddate'][0].rstrip(':：')}: {fields['awarddate'][1]}"
        confidence = 0.6 if (candidates or f.candidate) else (1.0 if f.amount_rank == 0 or f.amount is None else 0.85)
        awards.append(Award(
            vendor_raw=f.vendor, agency_raw=buyer, amount=f.amount,
            currency=(f.currency or "CNY") if f.amount is not None else None,
            amount_raw=f.amount_raw, date=published or award_date, lot=f.lot,
            status="candidate" if (candidates or f.candidate) else "active",
            evidence=evidence, confidence=confidence,
        ))

    project_code = fields.get("code", (None, None))[1] or _article_text(article, "projectCode")
    notice = Notice(
        notice_key=_notice_key(doc, project_code, notice_type),
        notice_type=notice_type,
        title=title,
        project_name=fields.get("name", (None, None))[1] or _article_text(article, "projectName"),
        project_code=project_code,
        buyer_raw=buyer,
        agent_raw=agent,
        published_at=published,
        region=_region(fields, doc.url, article),
        budget=budget[0] if budget else None,
        budget_currency=(budget[1] or "CNY") if budget else None,
        awards=awards,
    )
    return ParseResult(parser=NAME, parser_version=VERSION, title=title, published_at=published, language="zh",
                       notices=[notice])


def _article_text(article: dict | None, *keys: str) -> str | None:
    for key in keys:
        value = (article or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _notice_key(doc: Document, project_code: str | None, notice_type: str) -> str:
    if doc.url.startswith(("http://", "https://")):
        return doc.url
    if project_code:
        return f"{project_code}:{notice_type}"
    return hashlib.sha256(doc.body).hexdigest()[:24]
