"""Chinese government procurement notices: www.ccgp.gov.cn detail pages and provincial portals.

A notice page has a summary table (公告概要: label cell, value cell) and a body of numbered
sections (一、项目编号 二、项目名称 三、中标（成交）信息 … 九、联系方式) holding label：value lines
and supplier tables (供应商名称 | 中标金额 …). The page is read as one ordered stream of lines and
tables (markup); a small state machine (reading) tracks the section, the lot (包/标段), a caption unit
(金额单位：万元) and whose contact block (采购人 / 代理机构) a bare "名 称：" belongs to; tables (tables) and the
notice (notice, assembly) are built from what it finds. The labels are data: pipeline/data/ccgp_vocabulary.toml.
Provincial zcy-platform pages carry the notice as JSON (an articleDetail field or an API answer) and Epoint
trading-centre records as JSON with `infocontent`; those are unwrapped first. A table that lays out the page
(it holds another table, or paragraphs) is read as page blocks, never as data; spanned cells are repeated
into each place they cover, and a two-row header is joined into one.

Other portals write the same fields differently, and all of these are read: winners in tables (one row
per supplier, one column per lot, one column per candidate, one maker per product row) or in label lines
(several lots on one line); a 联合体 is one award per member with the price on the lead and every member
listed; a price in components (设计费 …, 建安工程费 …) is one award per component; a ceiling (不超过…万元) is
no price and a rate offer (下浮率 40%) keeps its rate without an amount; 大写 amounts are checked against the
digits. 候选人 / 预中标 / 拟中标 are status 'candidate' below award confidence (ranked: the first of each lot);
a result correction gives the award as it now stands, other corrections and tenders none; 废标/流标/终止 gives
one cancelled record. 主要标的信息 (line items, unit prices) and a bidder's 业绩 never give an award amount.
Labels are matched in Simplified or Traditional script. An award's date is the notice's publication date
(metadata, the portal's date element, a 发布时间 label, the date or byline under the title, a gov.cn address
…/t20210820_…, or the signing-off date); a stated 中标/定标/合同签订 date is the decision date and stands in
only when no publication date is known. Amounts implausible for the notice are flagged (Award.flags).
"""
from .markup import sniff
from .notice import NAME, VERSION, parse

KINDS = ("ccgp_notice",)

__all__ = ["KINDS", "NAME", "VERSION", "parse", "sniff"]
