"""Money figures in an article, each with its kind and a confidence that it is the value of a deal
between a vendor and a public body (or a spending estimate), rather than a total plan, a grant,
savings, an earlier purchase, a yearly component or another company's business."""
from __future__ import annotations

import re

from ..records import AmountMention, Relationship
from .analysis import Analysis, Sentence, agency_name, vendor_name
from .money_text import MoneySpan

_CONTRACT = re.compile(
    r"\b(?:contracts?|contracted|agreements?|deals?|award(?:ed|s)?|won|wins|purchas(?:e|es|ed|ing)|buy|buys|buying|bought|"
    r"acquir(?:e|ed|es|ing)|procure\w*|"
    r"expenditure|spend(?:ing)?|spent|paid|pay|worth|in the amount of|amount of|cost(?:ing|s)?|price|bid|order|"
    r"received|renewal|extension|subscription|to build)\b|"
    r"中标|中標|成交|合同|签约|簽約|大单|大單|订单|訂單|拨款|撥款|金额|金額|中标价|中標價|报价|報價|获得|獲得|竞得|競得|得标|得標|价款|價款|价格|價格|采购|採購", re.I)
_ESTIMATE = re.compile(r"\b(?:expected|estimated?|analysts?|projected|forecast|would cost|could cost|report(?:ed)?)\b|"
                       r"预计|預計|估计|估計|预估|預估", re.I)
_DISTRACTOR = (  # (kind, pattern) checked in the clause around the figure
    ("budget", re.compile(r"\b(?:budget(?:ed)?|set aside|allocat\w*|assigned|earmark\w*|portion|share|of the total|appropriat\w+ (?:to|for) it|"
                          r"a total of|part of(?! the (?:deal|contract|agreement|order|purchase))|overall|in total funding|fund(?:ing)? pool|available)\b|"
                          r"预算|預算|编列|編列|最高限价|最高限價|控制价|控制價|限价|限價", re.I)),
    ("investment", re.compile(r"\b(?:total investment|invest(?:s|ed|ing|ments?|ors?)?)\b|总投资|總投資|投资|投資|投入|规划|規劃|带动|帶動", re.I)),
    ("revenue", re.compile(r"\b(?:revenue|sales|turnover|profit|income|markets?|valuation|IPO|raised|"
                           r"(?:company|firm|business|startup|start-up|maker|giant|group)\s+(?:now\s+)?valued\s+at|"
                           r"market (?:value|capitali[sz]ation)|worth on the stock market|"
                           r"funding round|round of funding|shares?|stock|(?:closed|opened|trad(?:ed|ing)) at|per share)\b|收入|营收|營收|利润|利潤|净利|淨利|市值|"
                           r"增量市场|增量市場|市场规模|市場規模|市场空间|市場空間|市场容量|市場容量", re.I)),
    ("capital", re.compile(r"\b(?:registered capital|share capital|equity stake|stake|capital contribution)\b|"
                           r"注册资本|註冊資本|注册资金|註冊資金|出资|出資|增资|增資|股本|持股|认缴|認繳|实缴|實繳", re.I)),
    ("other", re.compile(r"\b(?:ordered to pay|arbitrat\w*|compensation|damages|liabilit(?:y|ies)|prize(?: money)?|grants?|(?:grant|funding) applications?|applications? for (?:a |the )?(?:grant|fund\w*)|savings?|saved|fine[ds]?|penalt\w+|loan|bail|salary|salaries)\b|"
                         r"奖金|獎金|奖励资金|獎勵資金|"  # a prize, not a price
                         r"贷款|貸款|借款|违约金|違約金|受理费|受理費|诉讼费|訴訟費|滞纳金|滯納金|"  # a loan, a court's award
                         r"节约|節約|节省|節省|罚款|罰款|涉案|诉讼|訴訟|起诉|起訴|罚没|罰沒|罚金|罰金|和解|赔偿|賠償|保释|保釋|洗钱|洗錢|市值|融资|融資|募集|库存|庫存|储备|儲備", re.I)),
)
_MARKET = re.compile(r"\b(?:market|industry)\b(?!\s+(?:rate|price|value of the (?:contract|deal)))|"
                     r"市场规模|市場規模|市场空间|市場空間|市场容量|市場容量|行业规模|行業規模|产值|產值", re.I)
# "10个项目 … 中标金额合计约17.2亿元", "awards to 40 vendors totalling $2 billion": a sum over many deals
_AGGREGATE = re.compile(r"\d+\s*(?:个|個|家|项|項|大)[^，,。；;]{0,20}(?:项目|項目|工程|企业|企業|公司|订单|訂單)[^。]*?"
                        r"(?:合计|合計|累计|累計|总计|總計|共计|共計|总额|總額|总中标金额|總中標金額|总金额|總金額)|"
                        r"\b\d+\s+(?:contracts|deals|awards|projects|vendors|companies)\b[^.]*\b(?:total(?:l?ing)?|combined|in all)\b", re.I)
_PROJECT_VALUE = re.compile(r"(?:项目|項目|工程)?(?:总投资|總投資|投资额|投資額|投资|投資)(?:额|額)?(?:约|約|达|達|为|為|超过|超過|逾|近)?\s*$")
_WON = re.compile(r"中标|中標|成交|得标|得標|竞得|競得|\b(?:won|wins|awarded)\b", re.I)
_PER_PERIOD = re.compile(r"^[\s-]*(?:a|per|each|every)[\s-]+(?:year|month|annum|week|day|officer|camera|unit)\b|^\s*annually\b|"
                         r"^\s*/\s*(?:year|yr|month)|^\s*(?:每年|每月|/年)", re.I)
# The price of one item on sale, not of a deal: "each camera costs about $699", "retails for $199" (a buyer's
# price per item stays a deal's figure: "would buy lanes at $18,000 each")
_UNIT_PRICE_BEFORE = re.compile(r"(?:\b(?:each|every|a single)\s+(?:[\w-]+\s+){0,2}?(?:costs?|costing|priced at|sells? for|"
                                r"sold for|is priced at)|\bretail(?:s|ed|ing)? (?:for|at)|\b(?:list|sticker|retail|unit) price"
                                r"(?: of| is| was)?|\bMSRP(?: of)?)\s+(?:of\s+)?(?:about|around|roughly|some|nearly|just|up to)?\s*$", re.I)
# ... or of one unit of a service: 每路电路服务费为2100元, 单价, 费率
_ZH_UNIT_PRICE_BEFORE = re.compile(r"(?:单价|單價|费率|費率|每(?:路|台|个|個|套|支|只|件|人|户|戶|次|平方米|米|公里|小时|小時|度|辆|輛|间|間)"
                                   r"[^，,。；;\d]{0,12}?)(?:为|為|是|约|約|达|達|仅|僅)?\s*$")
# The tender agent's fee, written before its figure: "代理服务收费标准及金额：…收费金额为12.6万元", "agency fee of"
_AGENT_FEE = re.compile(r"代理(?:服务|服務)?(?:费|費|收费|收費)|招标代理费|\b(?:agency|agent['’]s|broker(?:age)?) fees?\b", re.I)
# A figure of the stock market, not of a deal: a share price, a day's turnover, a market value
_STOCK = re.compile(r"股价|股價|收于|收於|收盘|收盤|收报|收報|涨停|漲停|跌停|每股|元?/股")
# The price of a company changing hands, not of a sale to a buyer: "the company was bought by Oracle in a $28.3
# billion deal", "agreed to be acquired by Thales … in a deal valued at €4.8bn"
_TAKEOVER = re.compile(r"\b(?:takeover|merger|buyout|agreed to be (?:acquired|bought))\b|"
                       r"\b(?:company|firm|business|maker|startup)\s+(?:was|were|is)\s+(?:acquired|bought)\s+by\b|"
                       r"收购|收購|并购|併購", re.I)
_TURNOVER = re.compile(r"成交额|成交額")
# A figure the writer says is no deal's value: "59101.7万元是…多个项目中标金额的合计数，并不是某一个项目的合同金额",
# "8000万元是…的投资口径"
_SAID_NO_DEAL_VALUE = re.compile(r"^\s*(?:是|为|為)[^。；;]{0,40}?(?:合计|合計|总和|總和|之和|口径|口徑|投资|投資|预算|預算)|"
                                 r"^[^。；;]{0,40}?(?:并不是|並不是|不是|并非|並非|而非)[^。；;]{0,20}?(?:合同|中标|中標|成交)(?:金额|金額|价|價)")
_PER_PERIOD_BEFORE = re.compile(r"(?:每年|每月|annual(?:ly)?|yearly|monthly)\s*$", re.I)
_EARLIER = re.compile(r"\b(?:in|since|during)\s+(?:19|20)\d{2}\b.*\b(?:purchased|bought|acquired|added|paid|spent)\b|"
                      r"\b(?:purchased|bought|acquired|added)\b.*\bin\s+(?:19|20)\d{2}\b", re.I)
_OTHER_DEALS = re.compile(r"\b(?:previously|earlier(?! this (?:year|month|week))|prior|last year|other contracts?|also won|in the past|track record)\b|"
                          r"先后|先後|此前|曾经|曾經|又以|另外|其他项目|其他項目|多个|多個|累计|累計|延续|延續|势头|勢頭", re.I)
_ATTRIBUTION = (
    re.compile(r"\banalysts?\s+(?:with|at|from)\s+((?:[A-Z][\w&.-]*\s?)+)"),
    re.compile(r"\baccording to\s+(?:a\s+|an\s+|the\s+)?(?:\d{4}\s+)?(?:report|study|estimate|analysis|data)?\s*(?:by|from)?\s*((?:[A-Z][\w&.-]*\s?)+)"),
    re.compile(r"((?:[A-Z][\w&.-]*\s?){1,4})\s+(?:said|says|wrote|estimated|estimates|reported|reports|calculated)\b"),
    re.compile(r"据([\u4e00-\u9fff]{2,12}?)(?:统计|統計|报道|報道|估计|估計|测算|測算|称|稱|介绍|介紹)"),
)
_SUBJECT_EN = re.compile(r"^[\s\-]*(?:\w+\s+)?(?:contract|deal|agreement|order)?\s*(?:for|on|to)\s+([^,.;:()]{3,80})", re.I)
_SUBJECT_ZH = re.compile(r"[“\"《]([^”\"》]{4,60}(?:项目|項目|工程|系统|系統))[”\"》]|([\u4e00-\u9fffA-Za-z0-9()（）]{4,60}?(?:项目|項目|工程))")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)(?!\s*(?:年\s*\d|[-/]\d))")
_NOT_SPEAKERS = {"The", "It", "He", "She", "They", "We", "Officials", "Staff", "Critics"}


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause text before and after a figure (commas, semicolons and brackets end a clause)."""
    left = max(text.rfind(ch, 0, start) for ch in ",，;；(（:：")
    right_candidates = [i for i in (text.find(ch, end) for ch in ",，;；)）。") if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:start], text[end:right]


# Where one sentence joins two reports ("X wrote …, while Y reported …"), each figure belongs to its own part.
_REPORT_JOIN = re.compile(r",?\s+(?:while|whereas|but|and)\s+(?=(?:[A-Z][\w&.-]*\s?){1,4}\s+(?:said|says|wrote|reported|"
                          r"reports|estimated|estimates|calculated)\b)|;\s+|，而|；")


def _reporting_part(text: str, start: int) -> str:
    """The part of a sentence, between joins of two reports, that holds the figure starting at `start`."""
    bounds = [0] + [m.start() for m in _REPORT_JOIN.finditer(text)] + [len(text)]
    for left, right in zip(bounds, bounds[1:]):
        if left <= start < right:
            return text[left:right]
    return text


def _attribution(text: str) -> str | None:
    for pattern in _ATTRIBUTION:
        match = pattern.search(text)
        if match:
            name = re.sub(r"^(?:The|A|An)\s+", "", match.group(1).strip().rstrip(".,;:"))
            if name and name.split()[0] not in _NOT_SPEAKERS and len(name) > 1:
                return name
    return None


def _subject(sentence: Sentence, span: MoneySpan) -> str | None:
    if any("\u4e00" <= ch <= "\u9fff" for ch in sentence.text):
        match = _SUBJECT_ZH.search(sentence.text)
        return (match.group(1) or match.group(2)) if match else None
    match = _SUBJECT_EN.match(sentence.text[span.end:])
    return match.group(1).strip() if match else None


def _year(text: str, span: MoneySpan) -> int | None:
    """The year a figure belongs to: one written before it in the sentence ("In 2017, Dahua received …"),
    or the year of the report it comes from ("… wrote in a 2018 report"); never a later deadline."""
    report = re.search(r"\b((?:19|20)\d{2})\s+(?:report|study|survey|estimate|analysis|budget|filing)\b", text, re.I)
    if report:
        return int(report.group(1))
    years = [int(m.group(1)) for m in _YEAR.finditer(text[:span.start])]
    return years[-1] if years else None


def _without_names(sentence: Sentence) -> str:
    """The sentence with the organisations it names blanked out (same length): the words of a name
    ("Kenya Revenue Authority", "Grant County", 国投资本) say nothing of what a figure is."""
    chars = list(sentence.text)
    for mention in sentence.mentions:
        if mention.role in ("agency", "vendor", "company") and not mention.generic:
            chars[mention.start:mention.end] = "_" * (mention.end - mention.start)
    return "".join(chars)


_INVESTING = re.compile(r"投入|投资|投資|出资|出資|\binvest", re.I)
_SPENDING = re.compile(r"\b(?:will|would|to|plans to|pledged to) spend\b", re.I)


def _invested_by_a_company(sentence: Sentence, span: MoneySpan, words: re.Pattern = _INVESTING) -> bool:
    """"玉溪移动投入网络建设资金2.16亿元", "China Telecom will invest $1 billion", "Microsoft would spend A$5
    billion expanding its data centres": the company spends its own money; no public body buys anything with it."""
    before = [m for m in sentence.mentions if m.end <= span.start and m.role in ("vendor", "company", "agency")]
    if not before or before[-1].role == "agency":
        return False
    return bool(words.search(sentence.text[before[-1].end:span.start]))


def _label(text: str, start: int) -> str:
    """The label of a figure written as a field ("预算金额：13,500万元", "Budget: $2m"), else ""."""
    match = re.search(r"([^,，;；:：。()（）\n]{1,20})[:：]\s*$", text[:start])
    return match.group(1) if match else ""


# A losing bidder's price: "第二名：X，投标报价…", "分列第二、第三名，投标报价分别为…", "the runner-up bid …".
_RANKED_BELOW = re.compile(r"第[二三四五六七八九2-9](?:[、，,和及至][二三四五六七八九2-9])*(?:名|中标候选人|中標候選人|候选人|候選人)|"
                           r"排名第[二三四五六七八九2-9]|"
                           r"未中标|未中標|落标|落標|落选|落選|\b(?:runner-up|losing bid(?:der)?s?|rival bids?|other bidders?|"
                           r"unsuccessful bid(?:der)?s?)\b", re.I)


# A candidate's price, whatever its rank, before any winner is named: "被列为第一中标候选人，投标报价为5420万元".
_CANDIDATE_BID = re.compile(r"(?:候选人|候選人|候选单位|候選單位)[^。；;]{0,30}?(?:投标报价|投標報價|投标价|投標價|报价|報價)"
                            r"(?:为|為|是|约|約)?\s*$")


def _bid_of_a_loser(text: str, start: int) -> bool:
    """Is the figure at `start` a losing bidder's price (a rank below the first before it, no win between), or
    a candidate's?"""
    ranks = list(_RANKED_BELOW.finditer(text, 0, start))
    if _CANDIDATE_BID.search(text, max(0, start - 50), start):
        return True
    return bool(ranks) and not _WON.search(text, ranks[-1].end(), start)


def _score(analysis: Analysis, sentence: Sentence, span: MoneySpan, linked: bool = False) -> tuple[float, str, str]:
    """(confidence, kind, reason) for one figure."""
    text = _without_names(sentence)
    before, after = _clause(text, span.start, span.end)
    near = f"{_label(text, span.start)} {before[-60:]} {after[:50]}"
    if _bid_of_a_loser(text, span.start):
        return 0.3, "other", "a losing bid"
    if _PER_PERIOD.match(text[span.end:]) or _PER_PERIOD_BEFORE.search(text[:span.start]):
        return 0.25, "other", "per period"
    if _UNIT_PRICE_BEFORE.search(text[:span.start]) or _ZH_UNIT_PRICE_BEFORE.search(text, max(0, span.start - 20), span.start):
        return 0.25, "other", "price of one item on sale"
    fee = _AGENT_FEE.search(text, 0, span.start)
    if fee and not _WON.search(text, fee.end(), span.start):
        return 0.25, "other", "the tender agent's fee"
    if _STOCK.search(near) or _STOCK.search(text) and _TURNOVER.search(near):
        return 0.25, "other", "stock market figure"
    if _SAID_NO_DEAL_VALUE.match(text[span.end:]):
        return 0.25, "other", "said to be no deal's value"
    if _TAKEOVER.search(text, 0, span.start):
        return 0.25, "other", "price of a company"
    if _invested_by_a_company(sentence, span, _SPENDING):
        return 0.25, "other", "a company's own spending"
    if _MARKET.search(text) and not _CONTRACT.search(near):
        return 0.25, "revenue", "market size"
    if _AGGREGATE.search(text[:span.start]):
        return 0.35, "other", "sum over many deals"
    for kind, pattern in _DISTRACTOR:
        if pattern.search(near):
            if kind == "investment" and _PROJECT_VALUE.search(before[-12:]) and _WON.search(text):
                return 0.6, kind, "value of the project won"  # "中标…项目,项目总投资约60亿元"
            if kind == "investment" and _invested_by_a_company(sentence, span):
                return 0.25, "other", "a company's own investment"
            return (0.25 if kind != "budget" else 0.3), kind, f"distractor:{kind}"
    if _EARLIER.search(text) and not re.search(r"\b(?:contract|agreement|deal|extension|renewal)\b", near, re.I):
        return 0.3, "other", "earlier purchase"
    if not linked and any(m.role == "company" for m in sentence.mentions) and not any(m.role == "agency" for m in sentence.mentions):
        return 0.3, "other", "commercial buyer"
    if _OTHER_DEALS.search(text[:span.start]):
        if _WON.search(before[-8:]):
            return 0.6, "contract", "another deal won"  # "先后斩获多个项目:10月中标3.8亿元…项目": a deal all the same
        return 0.35, "contract", "another deal"
    # A figure is about procurement when a deal word or a party stands beside it; alone it is background.
    confidence, kind = 0.45, "other"
    if _CONTRACT.search(near) or _CONTRACT.search(text):
        confidence, kind = 0.75, "contract"
    if _ESTIMATE.search(text):
        kind = "estimate"
        confidence = max(confidence, 0.62)
    if any(m.role == "vendor" for m in sentence.mentions) and kind != "other":
        confidence += 0.1  # a company beside a deal's figure; beside a figure with no deal word, nothing yet
    if any(m.role in ("agency", "official") for m in sentence.mentions) and (kind != "other" or confidence > 0.45):
        confidence += 0.05  # a body beside a deal's figure; beside a figure with no deal word, nothing yet
    return min(confidence, 0.95), kind, "deal"


def _is_rounded_restatement(span: MoneySpan, sentence: Sentence, others: list[tuple[Sentence, MoneySpan]]) -> bool:
    """A headline's '$9 million' when the body says 'about $9.1 million'."""
    if not sentence.is_title and sentence.index > 0:
        return False
    digits = len(re.sub(r"\D", "", format(span.value.normalize(), "f")).rstrip("0"))
    for other_sentence, other in others:
        if other is span or other.currency != span.currency or other.value == span.value:
            continue
        other_digits = len(re.sub(r"\D", "", format(other.value.normalize(), "f")).rstrip("0"))
        if other_digits > digits and abs(other.value - span.value) <= other.value / 10:
            return True
    return False


# A figure that is part of the one before it: "revenue of $9 million, of which $2 million …", "其中…"
_PART_OF = re.compile(r"其中|\bof which\b|\bincluding\b", re.I)


# Between a figure and its conversion in brackets: "£265 million (US$429.7 million)", "2000万美金（约合1.3亿元".
_CONVERSION = re.compile(r"\s*[(（]\s*(?:about|around|approximately|roughly|or|约合|約合|约|約|折合|合)?\s*")


def find_amounts(analysis: Analysis, relationships: list[Relationship]) -> list[AmountMention]:
    figures = [(s, m) for s in analysis.sentences for m in s.money]
    mentions: list[AmountMention] = []
    conversions: set[int] = set()
    previous: tuple[Sentence, MoneySpan, float, str] | None = None
    for sentence, span in figures:
        pair = next((r for r in relationships if r.evidence == sentence.text and not r.negated and r.confidence >= 0.5), None)
        # a sentence whose deal links the company to a public body is no commercial purchase
        confidence, kind, _ = _score(analysis, sentence, span, linked=pair is not None)
        if pair is None and any(r.evidence == sentence.text and r.negated and r.confidence >= 0.5 for r in relationships):
            confidence = min(confidence, 0.4)  # the value of a deal voted down, denied or cancelled was never paid
        if _is_rounded_restatement(span, sentence, figures):
            confidence = min(confidence, 0.3)
        converted = bool(previous and previous[0] is sentence
                         and _CONVERSION.fullmatch(sentence.text[previous[1].end:span.start]))
        if converted:
            # "£265 million (US$429.7 million)": the same figure converted by the writer; the figure as agreed
            # is the one written first, its conversion is no second amount
            confidence, kind = min(previous[2], 0.3), previous[3]
            conversions.add(len(mentions))
        if (previous and previous[0] is sentence and previous[2] < 0.5 and _PART_OF.search(sentence.text[previous[1].end:span.start])
                and not _CONTRACT.search(_clause(sentence.text, span.start, span.end)[0])):
            confidence, kind = min(confidence, previous[2]), previous[3]  # "收入3.79亿元，其中母公司实现2.36亿元"
        previous = (sentence, span, confidence, kind)
        vendor = next((vendor_name(analysis, m) for m in sentence.mentions if m.role == "vendor" and vendor_name(analysis, m)), None)
        vendor = _unit_named_in_full(vendor, relationships)
        # a deal with no company named ("approved a contract with a Texas company"): the buyer is the one body named
        bodies = {agency_name(m) for m in sentence.mentions if m.role == "agency" and agency_name(m)}
        buyer = pair.agency_raw if pair else (bodies.pop() if len(bodies) == 1 and not vendor else None)
        mentions.append(AmountMention(
            raw=span.raw, value=span.value, currency=span.currency, evidence=sentence.text, qualifier=span.qualifier,
            subject=_subject(sentence, span), attributed_to=_attribution(_reporting_part(sentence.text, span.start)), year=_year(sentence.text, span),
            kind=kind, vendor_raw=(pair.vendor_raw if pair else vendor) if kind in ("contract", "estimate") else None,
            agency_raw=buyer if kind in ("contract", "estimate") else None,
            confidence=round(confidence, 2)))
    _budgets_without_an_award([m for i, m in enumerate(mentions) if i not in conversions])
    _promote_main_figure(mentions)
    return mentions


def _unit_named_in_full(vendor: str | None, relationships: list[Relationship]) -> str | None:
    """A headline's "NEC" is the "NEC Australia" the article's deal names."""
    if not vendor:
        return vendor
    units = {r.vendor_raw for r in relationships if r.vendor_raw.startswith(vendor + " ") and not r.negated}
    return units.pop() if len(units) == 1 else vendor


# A budget is a procurement figure when its sentence is about a purchase: a tender, a project, a lot.
_PROCUREMENT = re.compile(r"\b(?:tenders?|procure\w*|purchas\w*|buy\w*|projects?|bids?|lots?|contracts?|deals?|"
                          r"agreements?|orders?|schemes?|spen[dt]\w*|pa(?:y|id|ying|yment)s?)\b|"
                          r"采购|採購|招标|招標|投标|投標|项目|項目|工程|标段|標段|最高限价|最高限價|控制价|控制價|PPP|"
                          r"合同|支付|付给|付給|付款|购买|購買|购置|購置", re.I)


def _budgets_without_an_award(mentions: list[AmountMention]) -> None:
    """Where an article states no deal value, its tender budgets and project investments are the procurement
    figures it reports (a tender list, a PPP project); beside a deal value they are only context, and a
    budget no purchase is named beside (a national reserve, a ministry's year) is never one."""
    if any(m.confidence >= 0.5 and m.kind in ("contract", "estimate") for m in mentions):
        return
    for mention in mentions:
        if mention.kind in ("budget", "investment") and mention.confidence < 0.5 and _PROCUREMENT.search(mention.evidence):
            mention.confidence = 0.55


def _promote_main_figure(mentions: list[AmountMention]) -> None:
    """The document's main deal value: the most confident figure (first on a tie) gets the top confidence."""
    deal = [m for m in mentions if m.confidence >= 0.5]
    if not deal:
        return
    top = max(m.confidence for m in deal)
    main = next(m for m in deal if m.confidence == top)
    for mention in mentions:
        if mention.value == main.value and mention.currency == main.currency:
            mention.confidence = round(min(0.97, top + 0.05), 2)
            if mention.kind == "other":
                mention.kind = "contract"
