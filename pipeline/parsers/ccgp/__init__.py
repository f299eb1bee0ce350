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
from .markup import sniff
from .notice import NAME, VERSION, parse

KINDS = ("ccgp_notice",)

__all__ = ["KINDS", "NAME", "VERSION", "parse", "sniff"]
