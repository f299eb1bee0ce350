"""Assembling the notice: title, dates, buyer, notice type and the awards."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from urllib.parse import urlsplit

from ...decode import looks_binary
from ...money import label_unit, parse_amount_with_unit
from ...records import Award, Document, Notice, ParseError, ParseResult
from .markup import as_markup, decode, epoch_or_text_date, find_article, meta, stream_of, tree
from .assembly import awards_of, buyer_from_prose, corrected_awards, flag_implausible, one_name
from .reading import Reader
from .tables import Found, read_price
from .text import SECTION, clean, iso_date
from .vocabulary import BLOCK_MARKERS, NOTICE_MARKERS, PROVINCE_HOSTS, simp

NAME = "ccgp"
VERSION = "2.0"

# -- assembling the notice --------------------------------------------------------------------------
_CANDIDATE_TITLE = re.compile(r"候选人|候选供应商|评标结果公示|评审结果公示|拟中标|预中标|中标公示|成交公示")


_RESULT_CHANGE = re.compile(r"^(?:更正|变更)(?:事项|内容)\s*[:：]\s*\S{0,8}(?:结果|中标|成交)")
_UNRANKED = re.compile(r"不标明排序|不排序|排名不分先后|不分先后顺序")
_CANCELLED = re.compile(r"废标|流标|终止|失败")


def _notice_type(title: str, headings: list[str], awards: list[Found], has_budget: bool, corrected: bool = False) -> str:
    if title:
        if re.search(r"更正|变更|澄清|延期|补充公告", title):
            return "modification"
        if _CANCELLED.search(title):
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
    return PROVINCE_HOSTS.get(match.group(1)) if match else None



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
_FULL_DATE = re.compile(r"(?<!\d)(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2})")
_BYLINE = re.compile(r"来源|字号|浏览|阅读|点击|作者|编辑|发布者|【打印】|\[打印\]")
_BARE_DATE = re.compile(r"^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?$")


def _title(root, article: dict | None) -> str | None:
    """The notice title: the page's own title element first; a site name in <title> only as a last resort."""
    options = [meta(root, "ArticleTitle"), (article or {}).get("title") if isinstance((article or {}).get("title"), str) else None,
               " ".join(root.xpath("//div[contains(@class,'vF_detail_header')]//h2//text()"))]
    options += [" ".join(el.xpath(".//text()")) for el in root.xpath(
        "//h1 | //h2 | //h3 | //*[self::div or self::p or self::span][contains(@class,'title') or contains(@id,'title')]")[:12]]
    options.append(" ".join(root.xpath("//title//text()")))
    cleaned = [clean(o) for o in options if o and clean(o)]
    for option in cleaned:
        if 6 <= len(option) <= 200 and _TITLE_WORDS.search(simp(option)):
            return option
    return cleaned[0] if cleaned else None


# A field dump ("announcementType : 更正公告", "公告类型：中标公告") names the notice's type where no title does.
_TYPE_LINE = re.compile(r"^\s*(?:[A-Za-z]*(?:[Tt]ype|[Tt]itle)|公告类型|公告标题|信息类型)\s*[:：]\s*(\S{2,40}(?:公告|公示))\s*$", re.M)


def _typed_title(text: str) -> str | None:
    match = _TYPE_LINE.search(text[:20000])
    return match.group(1) if match else None


def _published(root, article: dict | None, url: str, fields: dict, lines: list[str]) -> str | None:
    """Publication date: page metadata, the portal's date element, a 发布时间 label, a date line under the
    title, the date in a gov.cn page address, then the date line that signs off the notice."""
    for name in _PUBDATE_META:
        found = iso_date(meta(root, name))
        if found:
            return found
    found = epoch_or_text_date((article or {}).get("publishDate"))
    for path in _PUBDATE_NODES:
        found = found or iso_date(" ".join(root.xpath(path)))
    found = found or iso_date(fields.get("pubdate", ("", ""))[1])
    if found:
        return found
    for line in lines[:40]:
        if SECTION.match(line):
            break  # only the header area above 一、…: a date there is the page's own
        plain = unicodedata.normalize("NFKC", line)
        match = _LEAD_DATE.match(plain)
        if match and len(line) < 80:
            return iso_date(match.group(1))
        # The byline under a title: "site 2017-10-25 source 字号：大 中 小" — one date among source and view words.
        dates = _FULL_DATE.findall(plain)
        if len(dates) == 1 and len(plain) < 120 and _BYLINE.search(plain):
            return iso_date(dates[0])
    match = _URL_DATE.search(url)
    if match:
        return iso_date("-".join(match.groups()))
    signed = [line for line in lines[-15:] if _BARE_DATE.match(unicodedata.normalize("NFKC", line))]
    return iso_date(signed[-1]) if signed else None


# A correction notice's own sections ("二、更正信息", "更正事项：…"); a bare menu item "更正事项" is site navigation.
_CORRECTION = re.compile(r"^(?:[一二三四五六七八九十\d]{1,3}\s*[、.．]\s*(?:更正信息|更正事项|更正内容|变更内容|变更事项|变更信息)"
                         r"|(?:更正事项|更正内容|变更内容|原公告[^:：]{0,8}|首次公告日期|更正日期)\s*[:：])")


def parse(doc: Document) -> ParseResult:
    if not doc.body or not doc.body.strip():
        raise ParseError("ccgp: empty document")
    if looks_binary(doc.body):
        raise ParseError("ccgp: binary content, not a notice page")
    text = decode(doc)
    article = None
    if text.lstrip().startswith(("{", "[")):
        try:
            article = find_article(json.loads(text))
        except ValueError:
            raise ParseError("ccgp: JSON body that does not parse") from None
        if article is None:
            raise ParseError("ccgp: JSON body without notice content")
    root = tree(article["_html"] if article else as_markup(text))
    if article is None:
        detail = root.xpath("//input[@name='articleDetail']/@value")
        if detail:
            try:
                article = find_article(json.loads(detail[0]))
            except ValueError:
                article = None
            if article:
                root = tree(article["_html"])

    visible = simp(clean(root.text_content()))
    markers = sum(1 for m in NOTICE_MARKERS if m in visible)
    blocked = next((m for m in BLOCK_MARKERS if m in visible), None)
    if blocked and (markers < 2 or len(visible) < 1500):
        raise ParseError(f"blocked page: the portal answered with a rate-limit page ('{blocked}')")
    if markers < 2:
        raise ParseError("ccgp: not a procurement notice (no 采购人/中标/项目编号 markers)")

    title = _title(root, article) or _typed_title(text if article is None else "")
    title_key = simp(title or "")

    stream = stream_of(root)
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
    corrected = any(_CORRECTION.match(simp(line)) for line in lines)
    notice_type = _notice_type(title_key, reader.headings, found, budget is not None, corrected)
    result_change = re.search(r"中标|成交|结果", title_key) or any(_RESULT_CHANGE.match(simp(line)) for line in lines)
    if notice_type == "modification" and result_change:
        found = corrected_awards(found, lines)  # a result correction states the award as it now stands
    elif notice_type in ("tender", "modification"):
        found = []

    buyer = (one_name(fields.get("buyer", (None, None))[1]) or _article_text(article, "purchaseName", "buyerName")
             or buyer_from_prose(lines))
    agent = fields.get("agent", (None, None))[1] or _article_text(article, "agencyName")
    if agent and buyer and agent == buyer:
        agent = None  # a page naming one body twice: it is the buyer
    found = [f for f in found if f.vendor not in (buyer, agent)]
    unranked = any(_UNRANKED.search(line) for line in lines)
    if candidates and not unranked:  # ranked candidates: only the first of each lot stands to win
        seen_lots, first_only = set(), []
        for f in found:
            if f.lot not in seen_lots:
                seen_lots.add(f.lot)
                first_only.append(f)
        found = first_only

    strong_loose = [a for a in reader.loose_amounts if a[2] == 0]
    if len(found) == 1 and found[0].amount is None and len(strong_loose) == 1:
        label, value, rank = strong_loose[0]  # e.g. a contract notice: parties in one section, amount in the next
        read_price(found[0], label, value, label_unit(label), rank)
    total = fields.get("total")
    if total and len(found) == 1 and found[0].amount is None and not found[0].rate:
        read_price(found[0], total[0], total[1], label_unit(total[0]), 1)
    if total and not found and notice_type in ("award", "other") and not candidates:
        # Only the summary survives (总中标金额, stated by result notices only, without the winner's name):
        # the amount is kept, unattributed.
        unnamed = Found(vendor="", vendor_label=total[0])
        if read_price(unnamed, total[0], total[1], label_unit(total[0]), 1):
            found, notice_type = [unnamed], "award"

    award_date = iso_date(fields.get("awarddate", ("", ""))[1])
    if _CANCELLED.search(title_key) and notice_type != "modification":
        # 废标 / 流标 / 终止: the procedure ended without a winner; whoever the page lists did not win.
        awards = [Award(vendor_raw=None, agency_raw=buyer, date=published, status="cancelled", confidence=0.9,
                        evidence=f"title: {title}")]
    else:
        awards = awards_of(found, buyer, published, award_date, fields.get("awarddate"), candidates)
    flag_implausible(awards, budget[0] if budget else None, lines)
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
                       unread_fields=sorted(reader.unread)[:60],
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
