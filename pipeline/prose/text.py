"""Cleaning article text: pinyin artefacts, odd spaces, and page furniture lines."""
from __future__ import annotations

import re

# Some Chinese reposting sites print a character's pinyin after it: 江夏區(qū)政府 -> 江夏區政府.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

# Whole lines that are page furniture, never article text.
_FURNITURE = re.compile(
    r"newsletter|subscribe|subscription|sign up|sign-up|get emails|billed (?:once|monthly|annually|yearly)|"
    r"cancel (?:at )?any ?time|free trial|unlimited (?:digital )?access|\$[\d.,]+\s*(?:per|/|a)\s*month\b|/mo\b|add to cart|checkout|"
    r"leave a reply|akismet|uses cookies|cookies? (?:policy|settings)|"
    r"all rights reserved|copyright\s*©|©\s*\d{4}|share this|share on (?:facebook|twitter|x|linkedin|whatsapp|weibo)|"
    r"follow us|related (?:articles|stories|posts|news|reports)|read more|more stories|donate now|make a donation|"
    r"please donate|support (?:our|independent) journalism|advertisement|skip to (?:main )?content|\blog ?in\b|"
    r"register now|comments? \(\d+\)|print this|email this|cookie consent|accept (?:all )?cookies|"
    r"免责声明|免責聲明|版权所有|版權所有|设为首页|設為首頁|网站地图|網站地圖|分享到|扫一扫|掃一掃|关注我们|關注我們|"
    r"相关阅读|相關閱讀|相关新闻|相關新聞|责任编辑|責任編輯|上一篇|下一篇|返回顶部|返回頂部|打印本页|关闭窗口|"
    r"\{\{.*\}\}",
    re.I,
)
_SHORT_FURNITURE = re.compile(r"^(?:header-left|header|footer|menu|home|search|share|tweet|print|email|logo|image|photo|"
                              r"[\w ]{0,30} (?:logo|image|photo|icon)|\|+)$", re.I)


def clean_text(text: str) -> str:
    text = _INVISIBLE.sub("", text)
    text = _PINYIN.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def is_furniture(line: str) -> bool:
    """A line that belongs to the page around the article (menus, sign-ups, disclaimers, share bars)."""
    stripped = line.strip()
    if not stripped:
        return True
    if _SHORT_FURNITURE.match(stripped):
        return True
    if stripped.count("|") >= 2 and len(stripped) < 120:
        return True  # a row of menu links
    if stripped.endswith("|") and len(stripped) < 40:
        return True
    # Furniture phrases mark short lines; a long paragraph that mentions a cookie is still text, and so is a
    # whole sentence of news ("… the latest law enforcement sign up for the app is a $18,000 contract.").
    if len(stripped) >= 220 or (len(stripped.split()) >= 15 and re.search(r"[.!?。！？][\"”’)]?$", stripped)):
        return False
    return bool(_FURNITURE.search(stripped))


def language_of(text: str) -> str:
    cjk = sum(1 for ch in text[:4000] if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text[:4000] if ch.isascii() and ch.isalpha())
    return "zh" if cjk * 2 > latin else "en"
