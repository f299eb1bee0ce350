"""Chinese government procurement notices: www.ccgp.gov.cn detail pages and provincial portals.

A notice page has a summary table (公告概要: label cell, value cell) and a body of numbered
sections (一、项目编号 二、项目名称 三、中标（成交）信息 … 九、联系方式) holding label：value lines
and supplier tables (供应商名称 | 中标金额 …). The page is read as one ordered stream of lines and
tables; a small state machine tracks the section, the lot (包/标段) and whose contact block
(采购人 / 代理机构) a bare "名 称：" belongs to. Summary values may be the placeholder
详见公告正文, in which case the body supplies them.
Provincial zcy-platform pages carry the notice as JSON (an articleDetail field or an API answer)
whose `content` is the same body HTML; those are unwrapped first.
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
VERSION = "1.0"
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
             "采购人(甲方) 甲方 甲方名称 采购人(甲方)名称",
    "agent": "采购代理机构 采购代理机构名称 代理机构 代理机构名称 招标代理机构 招标代理机构名称 招标代理 集中采购机构 "
             "集中采购机构名称 采购代理 采购代理人",
    "vendor": "中标供应商 中标供应商名称 成交供应商 成交供应商名称 中标(成交)供应商 中标(成交)供应商名称 中标人 中标人名称 "
              "中标单位 中标单位名称 成交人 成交单位 成交单位名称 中选供应商 中选单位 中标(成交)人 "
              "供应商(乙方) 乙方 乙方名称 供应商(乙方)名称",
    "vendor_weak": "供应商名称 供应商 单位名称",
    "candidate": "第一中标候选人 第一候选人 第一成交候选人 第一名 中标候选人 第一中标候选人名称",
    "amount": "中标金额 成交金额 中标(成交)金额 中标价 成交价 中标价格 成交价格 中标总价 成交总价 合同金额 中标(成交)价格 "
              "中标(成交)价 中选金额 中标报价 成交报价 合同总金额 合同价",
    "amount_weak": "报价 投标报价 总报价 响应报价 最终报价 总价 最后报价 磋商报价 谈判报价 投标总价",
    "total": "总中标金额 总成交金额 中标总金额 成交总金额 总中标(成交)金额 中标(成交)总金额",
    "budget": "预算金额 项目预算 采购预算 项目预算金额 采购预算金额 预算 预算总金额 采购项目预算金额 预算金额(总)",
    "pubdate": "公告时间 发布时间 发布日期 公告日期 公告发布时间 信息发布时间 发文日期",
    "awarddate": "中标日期 成交日期 定标日期 确定中标日期 中标(成交)日期 合同签订日期 签订日期 签约日期 定标时间 "
                 "中标通知书发出日期 成交通知书发出日期 中标通知书日期",
    "region": "行政区域 所属地区 项目所在地区 所属区域 区域 地区",
    "lot": "包号 标包 分包 分包号 标段 标段号 标项 标项号 包组 合同包 采购包 包件号 标项名称",
    "generic_name": "名称",
    "ignore": "代理服务费 代理服务收费标准 代理服务收费金额 招标代理服务费 招标代理费 代理费 服务费 代理服务费收取标准 "
              "下浮率 费率 优惠率 折扣率 最高限价 最高投标限价 控制价 单价 评审报价 评审价 地址 联系方式 联系人 "
              "项目联系人 项目联系方式 电话 联系电话 传真 评审专家名单 评审专家 品目 采购方式 开标时间 开标地点",
}.items():
    for _name in _names.split():
        LABELS[_name] = _role

_VENDOR_HEADER = re.compile(r"^(第一)?(中标|成交|中选|中标\(成交\)|成交\(中标\))(供应商|人|单位|候选人)(名称)?$")
_WEAK_VENDOR_HEADER = {"供应商名称", "供应商", "单位名称", "供应商全称"}
_LOT_HEADER = re.compile(r"^(包号|标包|包|分包|分包号|标段|标段号|标项|标项号|包组|合同包|采购包|包件号|标项名称|分标)$")
_SCORE_HEADER = re.compile(r"得分|评分|排名|名次|分值")
_EXCLUDED_AMOUNT = re.compile(r"单价|评审|下浮|费率|折扣|优惠|限价|预算|代理|服务费|得分|比例")

_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
_SUBSECTION = re.compile(r"^[(（]?\d{1,2}\s*(?:[.、．)）](?!\d))\s*(.*)$")
_LOT_HEADING = re.compile(
    r"^((?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项|批次|子包))|"
    r"(?:(?:包|标段|标包|分包|标项|包组|合同包|采购包)\s*[一二三四五六七八九十\d]+号?))(?![\d.])")
_NUMBERING = re.compile(r"^(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.、．]|[(（][0-9一二三四五六七八九十]{1,3}[)）])\s*")
_UNIT_SUFFIX = re.compile(r"[(（][^()（）]*(?:元|币|单位)[^()（）]*[)）]$")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SEPARATORS = " ，,。；;、|\t:："
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
    label = unicodedata.normalize("NFKC", text)
    label = re.sub(r"\s+", "", label).rstrip(":：")
    label = _NUMBERING.sub("", label)
    label = _UNIT_SUFFIX.sub("", label)
    return label


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
    return _clean(value).strip(" ，,。；;、|").strip()


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
def _label_at(before: str) -> tuple[str, str, int] | None:
    """The known label ending just before a colon: (role, label as written, start index)."""
    # Tokens split at separators; a label may be spread over tokens ("名  称").
    end = len(before)
    starts = [0] + [i + 1 for i, ch in enumerate(before) if ch in _SEPARATORS]
    candidates = sorted({s for s in starts if s < end}, reverse=True)[:3]
    for start in candidates:
        raw = before[start:end]
        label = _norm_label(raw)
        if label in LABELS:
            return LABELS[label], raw.strip(), start
        stripped = _NUMBERING.sub("", label)
        if stripped in LABELS:
            return LABELS[stripped], raw.strip(), start
    for suffix in _TRAILING_LABELS:
        if before.rstrip().endswith(suffix):
            start = len(before.rstrip()) - len(suffix)
            return "ignore", suffix, start
    return None


def label_pairs(line: str) -> list[tuple[str, str, str]]:
    """[(role, label as written, value)] for each known label followed by a colon in the line."""
    found = []
    for match in re.finditer(r"[:：]", line):
        hit = _label_at(line[: match.start()])
        if hit:
            found.append((hit[0], hit[1], hit[2], match.start(), match.end()))
    pairs = []
    for index, (role, raw, start, colon, after) in enumerate(found):
        if index and start < found[index - 1][4]:
            continue
        stop = found[index + 1][2] if index + 1 < len(found) else len(line)
        pairs.append((role, raw, _clean_value(line[after:stop])))
    return pairs


def _table_label_pairs(row: list[Cell]) -> list[tuple[str, str, str]]:
    pairs = []
    for i, cell in enumerate(row[:-1]):
        label = _norm_label(cell.text)
        if label in LABELS and cell.text and len(cell.text) <= 30:
            value = _clean_value(row[i + 1].text)
            if _norm_label(value) in LABELS:
                continue  # a column-header row ("标段 | 预算金额（万元） | 最高限价（万元）"), not label | value
            pairs.append((LABELS[label], cell.text.rstrip(":："), value))
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
    if _EXCLUDED_AMOUNT.search(label):
        return None
    if LABELS.get(label) in ("amount", "total") or (re.search(r"中标|成交|合同|中选", label) and re.search(r"金额|价", label)):
        return 0
    if LABELS.get(label) == "amount_weak" or re.search(r"(报价|总价|金额)$", label):
        return 1
    return None


def _supplier_table(rows: list[list[Cell]], in_award: bool, lot: str | None) -> list[Found] | None:
    for h, header in enumerate(rows[:3]):
        labels = [_norm_label(c.text) for c in header]
        strong = [i for i, lab in enumerate(labels) if _VENDOR_HEADER.match(lab)]
        weak = [i for i, lab in enumerate(labels) if lab in _WEAK_VENDOR_HEADER]
        amounts = [(rank, i) for i, c in enumerate(header) if (rank := _amount_rank(c.text)) is not None]
        scored = any(_SCORE_HEADER.search(lab) for lab in labels)
        if strong:
            vendor_col = strong[0]
        elif weak and amounts and in_award and not scored:
            vendor_col = weak[0]
        else:
            continue
        candidate = "候选" in labels[vendor_col]
        amount_col = min(amounts)[1] if amounts else None
        amount_rank = min(amounts)[0] if amounts else 9
        unit = label_unit(header[amount_col].text) if amount_col is not None else None
        lot_cols = [i for i, lab in enumerate(labels) if _LOT_HEADER.match(lab)]
        out = []
        for row in rows[h + 1:]:
            if len(row) <= vendor_col:
                continue
            vendor = _clean_value(row[vendor_col].text)
            if _is_placeholder(vendor) or _norm_label(vendor) in LABELS or len(vendor) < 2:
                continue
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


# -- the state machine over the stream ---------------------------------------------------------------
@dataclass
class Reader:
    in_award_doc: bool
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # role -> (label, value), first wins
    table_found: list[Found] = field(default_factory=list)
    line_found: list[Found] = field(default_factory=list)
    pending: Found | None = None
    pending_amount: tuple | None = None
    section: str = ""
    in_award: bool = False
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
        title = re.split(r"[:：]", text, maxsplit=1)[0]
        self.section = title
        self.contact_role = None
        self.in_award = bool(re.search(r"中标|成交|中选|结果|候选人|供应商", title)) and not re.search(r"废标|流标|终止|代理服务", title)
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
            if re.search(r"废标|流标|终止", label):
                self.in_award = False
            elif re.search(r"中标|成交", label):
                self.in_award = True
            return False
        return True

    def line(self, text: str) -> None:
        section = _SECTION.match(text)
        if section:
            self.heading(section.group(2))
            text = section.group(2)
        lot = _LOT_HEADING.match(unicodedata.normalize("NFKC", text))
        if lot:
            self.finish_pending()
            self.lot = lot.group(1)
        pairs = label_pairs(text)
        if not pairs:
            sub = _SUBSECTION.match(text)
            self.context(sub.group(1) if sub else text)
            return
        sub = _SUBSECTION.match(text)
        if sub and not section:
            self.context(re.split(r"[:：]", sub.group(1), maxsplit=1)[0])
        for role, label, value in pairs:
            self.pair(role, label, value)

    def pair(self, role: str, label: str, value: str) -> None:
        if role == "generic_name":
            if self.contact_role in ("buyer", "agent"):
                self.keep(self.contact_role, label, value)
            elif self.contact_role == "vendor" or self.in_award:
                self.vendor(label, value, weak=True)
            return
        if role == "vendor":
            self.vendor(label, value)
        elif role == "candidate":
            self.vendor(label, value, candidate=True)
        elif role == "vendor_weak" and (self.in_award or self.contact_role == "vendor"):
            self.vendor(label, value, weak=True)
        elif role in ("amount", "amount_weak"):
            if role == "amount_weak" and not (self.in_award or self.pending):
                return
            self.amount(label, value, 0 if role == "amount" else 1)
        elif role == "lot":
            if value and not _is_placeholder(value):
                self.finish_pending()
                self.lot = value
        elif role in ("code", "name", "buyer", "agent", "total", "budget", "pubdate", "awarddate", "region"):
            self.keep(role, label, value)

    def vendor(self, label: str, value: str, weak: bool = False, candidate: bool = False) -> None:
        if _is_placeholder(value) or len(value) < 2:
            return
        if self.pending and self.pending.vendor:
            if self.pending.vendor == value:
                return
            self.finish_pending()
        members = split_vendors(value)
        self.pending = Found(vendor=members[0], vendor_label=label, lot=self.lot, candidate=candidate, members=members[1:])
        if self.pending_amount:
            self.apply_amount(*self.pending_amount)
            self.pending_amount = None

    def amount(self, label: str, value: str, rank: int) -> None:
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
        found = _supplier_table(rows, self.in_award or self.in_award_doc, self.lot)
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
def _notice_type(title: str, headings: list[str], awards: list[Found], has_budget: bool) -> str:
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

    visible = _clean(root.text_content())
    markers = sum(1 for m in NOTICE_MARKERS if m in visible)
    blocked = next((m for m in BLOCK_MARKERS if m in visible), None)
    if blocked and (markers < 2 or len(visible) < 1500):
        raise ParseError(f"blocked page: the portal answered with a rate-limit page ('{blocked}')")
    if markers < 2:
        raise ParseError("ccgp: not a procurement notice (no 采购人/中标/项目编号 markers)")

    title = (_meta(root, "ArticleTitle") or (article or {}).get("title")
             or _clean(" ".join(root.xpath("//div[contains(@class,'vF_detail_header')]//h2//text()")))
             or _clean(" ".join(root.xpath("//title//text()"))) or None)
    title = _clean(title) or None
    published = (_iso_date(_meta(root, "PubDate")) or _epoch_or_text_date((article or {}).get("publishDate"))
                 or _iso_date(" ".join(root.xpath("//*[@id='pubTime']//text()"))))

    stream = _stream(root)
    award_doc = bool(title and re.search(r"中标|成交|结果|候选人", title))
    reader = Reader(in_award_doc=award_doc)
    for kind, item in stream.items:
        if kind == "line":
            reader.line(item)
        else:
            reader.table(item)
    reader.finish_pending()
    fields = reader.fields
    published = published or _iso_date(fields.get("pubdate", ("", ""))[1])

    found = _merge(reader.table_found, reader.line_found)
    budget = parse_amount_with_unit(fields["budget"][1], label_unit(fields["budget"][0])) if "budget" in fields else None
    budget = budget or reader.lot_budget
    notice_type = _notice_type(title or "", reader.headings, found, budget is not None)
    if notice_type in ("tender", "modification"):
        found = []

    buyer = fields.get("buyer", (None, None))[1] or _article_text(article, "purchaseName", "buyerName")
    agent = fields.get("agent", (None, None))[1] or _article_text(article, "agencyName")
    if agent and buyer and agent == buyer:
        agent = None  # a page naming one body twice: it is the buyer
    found = [f for f in found if f.vendor not in (buyer, agent)]
    candidates = bool(title and "候选人" in title)
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

    award_date = _iso_date(fields.get("awarddate", ("", ""))[1]) or published
    awards = []
    for f in found:
        evidence = f"{f.vendor_label.rstrip(':：')}: {f.vendor}"
        if f.amount_raw:
            evidence += f"; {f.amount_label.rstrip(':：')}: {f.amount_raw}"
        confidence = 0.6 if (candidates or f.candidate) else (1.0 if f.amount_rank == 0 or f.amount is None else 0.85)
        awards.append(Award(
            vendor_raw=f.vendor, agency_raw=buyer, amount=f.amount,
            currency=(f.currency or "CNY") if f.amount is not None else None,
            amount_raw=f.amount_raw, date=award_date, lot=f.lot,
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
