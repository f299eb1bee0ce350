"""The state machine over the stream: sections, lots, contact blocks, and the suppliers and amounts they hold."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ...money import label_unit
from .markup import Cell
from .tables import Found, credit_code, lot_budget_total, product_list, read_price, supplier_table, table_label_pairs
from .text import LOT_HEADING, SECTION, SUBSECTION, is_placeholder, label_spans, norm_label, not_a_winner, role_of, split_vendors
from .vocabulary import simp

# -- the state machine over the stream ---------------------------------------------------------------
# Where one flattened line holds several blocks: a new contact block ("2.采购代理机构信息") or a new lot
# ("包2：", "第二标段 ") after a separator starts a segment of its own.
_INLINE_BREAK = re.compile(
    r"(?<=[\s；;。，,])(?=(?:[(（]?\d{1,2}\s*[.、．)）]\s*)?(?:采购人|采购单位|招标人|采购代理机构|代理机构|招标代理机构|"
    r"集中采购机构|项目联系)(?:信息|方式)?\s*(?:[:：]|名\s*称|$))"
    r"|(?<=[\s；;。，,:：])(?=(?:第[一二三四五六七八九十\d]+(?:包|标段|标包|分包|标项|子包)|"
    r"(?:包|标段|标包|分包|标项|包组|合同包|采购包)\s*[一二三四五六七八九十\d]+号?)(?:[:：]|\s))")
_OBJECTS = re.compile(r"主要标的|标的信息|标的名称及|采购标的")


def _segments(text: str) -> list[str]:
    key = simp(unicodedata.normalize("NFKC", text)) if len(unicodedata.normalize("NFKC", text)) == len(text) else None
    if key is None:
        return [text]
    cuts = [m.start() for m in _INLINE_BREAK.finditer(key) if m.start() > 0]
    if not cuts:
        return [text]
    bounds = [0] + cuts + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


_LABEL_LIKE = re.compile(r"(?:^|(?<=[\s，,。；;]))([\u4e00-\u9fff（）()]{2,12})\s*[:：]")
_CAPTION = re.compile(r"(?:^|[(（\s])(?:金额|价格|报价|货币)?单位\s*[:：]\s*(?:人民币)?\s*(?:千万|百万|万|亿)?元")


def caption_unit(text: str) -> str | None:
    """'金额单位：万元' / '（单位：万元）' as a caption, a summary line or a heading's tail -> '万元'."""
    plain = unicodedata.normalize("NFKC", text)
    if len(plain) > 60 or not _CAPTION.search(plain):
        return None
    return label_unit(plain.replace("人民币", "")) or label_unit(f"（{plain}）")


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
    caption_unit: str | None = None  # "金额单位：万元" above a table or in a summary line: the unit of bare figures
    lot_budget: tuple | None = None
    list_header: list | None = None  # header of the product list the last table belonged to
    unread: set = field(default_factory=set)  # labels written "X：" that no field reads  # from a per-lot budget table, when no overall 预算金额 is stated

    def keep(self, role: str, label: str, value: str) -> None:
        if value and not is_placeholder(value) and role not in self.fields:
            self.fields[role] = (label, value)

    def finish_pending(self) -> None:
        if self.pending and self.pending.vendor:
            self.line_found.append(self.pending)
        if self.pending_amount:
            self.loose_amounts.append(self.pending_amount)
        self.pending = None
        self.pending_amount = None

    def heading(self, text: str) -> None:
        self.finish_pending()
        self.headings.append(text)
        self.caption_unit = caption_unit(text)
        title = simp(re.split(r"[:：]", text, maxsplit=1)[0])
        self.section = title
        self.contact_role = None
        self.skip_amounts = False
        self.in_objects = bool(_OBJECTS.search(title))
        self.in_award = (bool(re.search(r"中标|成交|中选|结果|候选人|供应商", title))
                         and not re.search(r"废标|流标|终止|代理服务", title) and not self.in_objects)
        self.lot = None

    def context(self, text: str) -> bool:
        """A bare sub-heading such as '1.采购人信息'; True when it set a context."""
        label = norm_label(text)
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

    def note_labels(self, text: str) -> None:
        for match in _LABEL_LIKE.finditer(text):
            label = norm_label(match.group(1))
            if label and role_of(label) is None and not SECTION.match(match.group(1)):
                self.unread.add(label)

    def _line(self, text: str) -> None:
        self.note_labels(text)
        unit = caption_unit(text)
        if unit:
            self.caption_unit = unit
        section = SECTION.match(text)
        if section:
            self.heading(section.group(2))
            text = section.group(2)
        lot = LOT_HEADING.match(simp(unicodedata.normalize("NFKC", text)))
        if lot:
            self.finish_pending()
            self.lot = lot.group(1)
        spans = label_spans(text)
        if not spans:
            sub = SUBSECTION.match(text)
            self.context(sub.group(1) if sub else text)
            return
        sub = SUBSECTION.match(text)
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
            if value and not is_placeholder(value):
                self.finish_pending()
                self.lot = value.split()[0][:30]  # "包号：1 供应商名称 报价总得分 …" (a flattened header row) is lot 1
        elif role == "identifier":
            code = credit_code(value)
            if code and self.pending is not None and self.contact_role not in ("buyer", "agent"):
                self.pending.identifiers.setdefault("CN-USCC", code)
        elif role in ("code", "name", "buyer", "agent", "total", "budget", "pubdate", "awarddate", "region"):
            self.keep(role, label, value)

    def vendor(self, label: str, value: str, weak: bool = False, candidate: bool = False) -> None:
        if not_a_winner(value):
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
        if self.pending is None:
            probe = Found(vendor="", vendor_label="")
            if read_price(probe, label, value, label_unit(label) or self.caption_unit, rank):
                self.pending_amount = (label, value, rank)  # an amount stated before its supplier
            return
        self.apply_amount(label, value, rank)

    def apply_amount(self, label: str, value: str, rank: int) -> None:
        read_price(self.pending, label, value, label_unit(label) or self.caption_unit, rank)

    def table(self, rows: list[list[Cell]]) -> None:
        captions = [caption_unit(row[0].text) for row in rows[:2] if len(set(id(c) for c in row)) == 1]
        unit = next((u for u in captions if u), None) or self.caption_unit
        listed = product_list(rows, self.in_award or self.in_award_doc, self.lot, self.list_header)
        if listed is not None:
            known = {(f.vendor, f.lot) for f in self.table_found}
            self.table_found.extend(f for f in listed[0] if (f.vendor, f.lot) not in known)
            self.list_header = listed[1]
            return
        self.list_header = None
        found = None if self.in_objects else supplier_table(
            rows, self.in_award or self.in_award_doc, self.lot, self.candidate_doc, unit)
        if found is not None:
            self.finish_pending()
            self.table_found.extend(found)
            return
        if self.lot_budget is None:
            self.lot_budget = lot_budget_total(rows)
        for row in rows:
            if len(row) >= 2 and re.search(r"[:：]$", row[0].text):
                self.note_labels(row[0].text)
            pairs = table_label_pairs(row)
            if pairs:
                for role, label, value in pairs:
                    self.pair(role, label, value)
            elif len(row) == 1:
                self.line(row[0].text)


