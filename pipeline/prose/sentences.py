"""Sentence splitting for English and Chinese paragraphs."""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "inc", "co", "corp", "ltd", "jr", "sr", "no", "vs", "etc", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "gov", "govt",
    "dept", "sec", "ord", "art", "fig", "approx", "est", "lt", "gen", "col", "capt", "sgt", "rep", "sen", "hon", "rs",
    "n.y", "d.c", "p.m", "a.m", "al", "ave", "blvd", "dba",
}
_EN_BREAK = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ZH_BREAK = re.compile(r"(?<=[。！？!?])[”」』\"]*")


def _split_english(paragraph: str) -> list[str]:
    out, start = [], 0
    for match in _EN_BREAK.finditer(paragraph):
        before = paragraph[start:match.start()]
        last_word = re.search(r"([A-Za-z.]+)[.!?][\"”’)]*$", before)
        if last_word:
            word = last_word.group(1).lower().rstrip(".")
            if word in _ABBREVIATIONS or len(word) == 1:
                continue  # "Mr. Khan", "SST, Inc. dba", "N. Y." are not sentence ends
        out.append(paragraph[start:match.start()].strip())
        start = match.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _split_chinese(paragraph: str) -> list[str]:
    out, start = [], 0
    for match in _ZH_BREAK.finditer(paragraph):
        if match.end() > start:
            out.append(paragraph[start:match.end()].strip())
            start = match.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; Chinese ends at 。！？, English at . ! ? before a capital (not after Mr., Inc.)."""
    sentences = []
    for piece in _split_chinese(paragraph):
        if any("\u4e00" <= ch <= "\u9fff" for ch in piece):
            sentences.append(piece)
        else:
            sentences.extend(_split_english(piece))
    return sentences
