"""The notice vocabulary (labels, markers, script map, portal hosts), read from pipeline/data/ccgp_vocabulary.toml."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

_DATA = tomllib.loads((Path(__file__).resolve().parents[2] / "data" / "ccgp_vocabulary.toml").read_text(encoding="utf-8"))

BLOCK_MARKERS: tuple[str, ...] = tuple(_DATA["markers"]["blocked"])
NOTICE_MARKERS: tuple[str, ...] = tuple(_DATA["markers"]["notice"])
LABELS: dict[str, str] = {name: role for role, names in _DATA["labels"].items() for name in names}
WEAK_VENDOR_HEADER = frozenset(_DATA["headers"]["weak_vendor"])
BIDDER_HEADER = frozenset(_DATA["headers"]["bidder"])
TRAILING_LABELS: tuple[str, ...] = tuple(_DATA["headers"]["trailing_labels"])
PROVINCE_HOSTS: dict[str, str] = dict(_DATA["province_hosts"])

_TRADITIONAL = _DATA["script"]["traditional_simplified"]
_TO_SIMPLIFIED = str.maketrans(_TRADITIONAL[0::2], _TRADITIONAL[1::2])
_HAS_TRADITIONAL = re.compile(f"[{_TRADITIONAL[0::2]}]")


def simp(text: str) -> str:
    """Traditional label characters to Simplified, one for one (same length, same offsets)."""
    return text.translate(_TO_SIMPLIFIED) if _HAS_TRADITIONAL.search(text) else text
