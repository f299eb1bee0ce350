"""Tables: label | value rows, per-lot budget tables and supplier tables (one row per supplier, or one column per lot or candidate)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...money import label_unit, parse_amount_with_unit
from .markup import Cell
from .text import ORG_END, clean_value, candidate_rank, is_cap, price_components, rates, norm_label, not_a_winner, ordinal, role_of, split_vendors
from .vocabulary import BIDDER_HEADER, LABELS, WEAK_VENDOR_HEADER

_VENDOR_HEADER = re.compile(r"^(第一)?(预|拟)?(中标|成交|中选|中标\(成交\)|成交\(中标\))(供应商|人|单位|候选人)(名称)?$")
_PROVISIONAL = re.compile(r"^(预|拟)|候选")  # 预中标单位, 拟成交供应商, 中标候选人: not yet the winner
_LOT_HEADER = re.compile(r"^(包号|标包|包|分包|分包号|标段|标段号|标项|标项号|包组|合同包|采购包|包件号|标项名称|分标)$")
_SCORE_HEADER = re.compile(r"得分|评分|排名|名次|分值")
_RANK_HEADER = re.compile(r"^(排名|名次|排序|顺序|推荐顺序|候选人排序|中标候选人排序|中标候选人顺序|候选人顺序|排名顺序)$")
_NAME_ROW = re.compile(r"^(中标候选人|候选人|投标人|投标单位|供应商|单位|企业)?(名称|单位名称|全称)$|^(投标人|投标单位|供应商)$")
_RANK_VALUE = re.compile(r"^第?([一二三四五六七八九十\d]{1,2})(?:名|位)?$")
_EXCLUDED_AMOUNT = re.compile(r"单价|评审|下浮|费率|折扣|优惠|限价|预算|代理|服务费|得分|比例")


def table_label_pairs(row: list[Cell]) -> list[tuple[str, str, str]]:
    pairs = []
    for i, cell in enumerate(row[:-1]):
        role = role_of(norm_label(cell.text))
        if role and cell.text and len(cell.text) <= 30:
            value = clean_value(row[i + 1].text)
            if role_of(norm_label(value)):
                continue  # a column-header row ("标段 | 预算金额（万元） | 最高限价（万元）"), not label | value
            pairs.append((role, cell.text.rstrip(":："), value))
    return pairs


def lot_budget_total(rows: list[list[Cell]]) -> tuple[Decimal, str | None] | None:
    """A per-lot budget table (包号 | 预算金额（元） | 最高限价 …): its 合计 row, else the sum of its lots."""
    for h, header in enumerate(rows[:3]):
        labels = [norm_label(c.text) for c in header]
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
    rate: str | None = None  # a rate offer (下浮率 40%): kept, never turned into an amount
    components: list[tuple[str, str, Decimal, str | None]] = field(default_factory=list)  # (name, raw, amount, currency)
    consortium: list[str] = field(default_factory=list)  # every member, lead first, when the winner is a 联合体
    identifiers: dict[str, str] = field(default_factory=dict)  # CN-USCC: the 18-character unified social credit code


_USCC = re.compile(r"\b([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})\b")


def credit_code(text: str) -> str | None:
    """The 统一社会信用代码 (18 characters, GB 32100) in a cell or value."""
    match = _USCC.search(text.upper())
    return match.group(1) if match else None


def read_price(found: Found, label: str, raw: str, unit: str | None, rank: int) -> bool:
    """Read a price cell or value into `found`; True when it gave an amount. A ceiling is not a price, a rate
    is kept as a rate, and a price written in components keeps each component."""
    offered = rates(raw)
    if offered and not found.rate:
        found.rate = "；".join(offered)
    if is_cap(raw):
        return False
    parts = price_components(raw)
    if parts:
        if found.components and rank >= found.amount_rank:
            return False
        found.components = [(name, text, *parsed) for name, text in parts
                            if (parsed := parse_amount_with_unit(text, unit))]
        found.amount, found.currency = found.components[0][2], found.components[0][3]
        found.amount_raw, found.amount_label, found.amount_rank = raw, label, rank
        return True
    parsed = None if (offered and not re.search(r"\d\s*(?:万元|元|亿元)", raw)) else parse_amount_with_unit(raw, unit)
    if not parsed:
        return False
    if found.amount is None or rank < found.amount_rank:
        found.amount, found.currency = parsed
        found.amount_raw, found.amount_label, found.amount_rank = raw, label, rank
        found.components = []
    return True


def _amount_rank(header: str) -> int | None:
    """0 for a winning-price column, 1 for a plain price column, None for anything else."""
    label = norm_label(header)
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
    label = norm_label(text)
    match = _RANK_VALUE.match(label)
    return ordinal(match.group(1)) if match else candidate_rank(label)


def _column_of_ranks(rows: list[list[Cell]], col: int) -> bool:
    values = [r[col].text for r in rows if len(r) > col and r[col].text]
    return bool(values) and all(candidate_rank(v) is not None for v in values)


def supplier_table(rows: list[list[Cell]], in_award: bool, lot: str | None, candidate_doc: bool = False,
                   default_unit: str | None = None) -> list[Found] | None:
    if _PAST_WORK.match(norm_label(rows[0][0].text)) if rows and rows[0] else False:
        return []  # past contracts listed as a bidder's references (业绩): neither winners nor amounts
    ranked = _transposed_candidates(rows, lot)
    if ranked is not None:
        return ranked
    named = _names_across(rows, lot, candidate_doc)
    if named is not None:
        return named
    for h, header in enumerate(rows[:3]):
        labels = [norm_label(c.text) for c in header]
        body = rows[h + 1:]
        rank_cols = [i for i, lab in enumerate(labels) if _RANK_HEADER.match(lab)]
        strong = [i for i, lab in enumerate(labels) if _VENDOR_HEADER.match(lab)]
        for i in list(strong):  # a 中标候选人 column holding 第一/第二中标候选人 is a rank column, not names
            if _column_of_ranks(body, i):
                strong.remove(i)
                rank_cols.append(i)
        weak_names = WEAK_VENDOR_HEADER | (BIDDER_HEADER if candidate_doc or rank_cols else set())
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
        candidate = bool(_PROVISIONAL.search(labels[vendor_col])) or bool(rank_cols and (candidate_doc or "候选" in "".join(labels)))
        amount_col = min(amounts)[1] if amounts else None
        amount_rank = min(amounts)[0] if amounts else 9
        unit = (label_unit(header[amount_col].text) or default_unit) if amount_col is not None else None
        lot_cols = [i for i, lab in enumerate(labels) if _LOT_HEADER.match(lab)]
        id_cols = [i for i, lab in enumerate(labels) if LABELS.get(lab) == "identifier"]
        out = []
        for row in body:
            if len(row) <= vendor_col:
                continue
            vendor = clean_value(row[vendor_col].text)
            if not_a_winner(vendor) or role_of(norm_label(vendor)):
                continue
            if rank_cols and len(row) > rank_cols[0] and _row_rank(row[rank_cols[0]].text) not in (None, 1):
                continue  # second and later candidates never win
            members = split_vendors(vendor)
            found = Found(vendor=members[0], vendor_label=header[vendor_col].text, lot=lot, candidate=candidate,
                          members=members[1:])
            if lot_cols and len(row) > lot_cols[0] and row[lot_cols[0]].text not in ("", "/", "-"):
                found.lot = row[lot_cols[0]].text
            elif not lot:
                section = next((c.text for c in row if "sectionNo" in c.css and c.text), None)
                found.lot = section
            if amount_col is not None and len(row) > amount_col:
                read_price(found, header[amount_col].text, row[amount_col].text, unit, amount_rank)
            code = credit_code(row[id_cols[0]].text) if id_cols and len(row) > id_cols[0] else None
            if code:
                found.identifiers["CN-USCC"] = code
            out.append(found)
        if out:
            return out
    return None


_PAST_WORK = re.compile(r"^(?:类似)?(?:项目)?业绩|^以往业绩|^类似项目")


def _distinct(row: list[Cell]) -> list[tuple[int, Cell]]:
    """(column, cell) once per cell: a cell spanning columns is listed at its first."""
    seen: set[int] = set()
    out = []
    for j, cell in enumerate(row):
        if id(cell) not in seen:
            seen.add(id(cell))
            out.append((j, cell))
    return out


def _names_across(rows: list[list[Cell]], lot: str | None, candidate_doc: bool) -> list[Found] | None:
    """A table whose first row is its names ('中标候选人名称 | A | B | C') and whose other rows are fields of each
    ('投标报价 | …', '质量目标 | …'): one entity per column."""
    header = rows[0] if rows else []
    cells = _distinct(header)
    if len(cells) < 2 or not _is_name_label(cells[0][1].text):
        return None
    names = [(j, clean_value(c.text)) for j, c in cells[1:]]
    if not names or not all(ORG_END.search(n) for _, n in names):
        return None
    candidate = candidate_doc or "候选" in cells[0][1].text
    out = []
    for j, name in names:
        members = split_vendors(name)
        found = Found(vendor=members[0], vendor_label=cells[0][1].text, lot=lot, candidate=candidate, members=members[1:])
        for row in rows[1:]:
            rank = _amount_rank(row[0].text) if len(row) == len(header) else None
            if rank is not None:
                read_price(found, row[0].text, row[j].text, label_unit(row[0].text), rank)
        out.append(found)
    return out


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
        elif _LOT_HEADER.match(norm_label(header[0].text)) and all(_LOT_CELL.match(norm_label(c.text)) for c in header[1:]):
            columns, candidate = list(range(1, len(header))), False
        else:
            continue
        body = rows[h + 1:]
        name_row = next((r for r in body if len(r) == len(header) and _is_name_label(r[0].text)), None)
        if name_row is None:
            return None  # e.g. a per-lot budget table: not about suppliers
        out = []
        for j in columns:
            vendor = clean_value(name_row[j].text)
            if not_a_winner(vendor):
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
    label = norm_label(text)
    return bool(_NAME_ROW.match(label)) or role_of(label) in ("vendor", "candidate")




# A list of awarded products (集中采购成交产品: one row per product, with its maker and a unit price): each maker
# is a winner, and the prices are unit prices, never an award amount.
_MAKER_HEADER = re.compile(r"^(?:生产|供应|投标|中标|成交)?企业(?:名称)?$|^生产(?:企业|厂家|厂商)(?:名称)?$|^(?:生产)?厂家(?:名称)?$")
_PRODUCT_HEADER = re.compile(r"规格|剂型|批准文号|品名|产品名称|通用名|型号|包装|注册证")


def product_list(rows: list[list[Cell]], in_award: bool, lot: str | None,
                 carried: list[Cell] | None = None) -> tuple[list[Found], list[Cell]] | None:
    """(makers, header); `carried` is the header of a list continued from the table before (long lists are cut
    into several tables, only the first with a header row)."""
    if not in_award or not rows:
        return None
    heads = list(enumerate(rows[:3]))
    if carried and len(rows[0]) == len(carried) and not any(_MAKER_HEADER.match(norm_label(c.text)) for c in rows[0]):
        heads, rows = [(0, carried)], [carried] + rows
    for h, header in heads:
        labels = [norm_label(c.text) for c in header]
        makers = [i for i, lab in enumerate(labels) if _MAKER_HEADER.match(lab)]
        if not makers or sum(1 for lab in labels if _PRODUCT_HEADER.search(lab)) < 2:
            continue
        seen: dict[str, Found] = {}
        for row in rows[h + 1:]:
            if len(row) <= makers[0]:
                continue
            maker = clean_value(row[makers[0]].text)
            if not_a_winner(maker) or role_of(norm_label(maker)) or maker in seen:
                continue
            seen[maker] = Found(vendor=maker, vendor_label=header[makers[0]].text, lot=lot)
        return list(seen.values()), header
    return None
