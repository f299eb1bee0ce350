"""What real documents look like, in distribution: names, currencies, amounts, dates.

Read from the development corpus's gold columns when it sits beside the project; a small
built-in sample otherwise. Synthetic sites and warehouses draw from these, so their rows
have the lengths, scripts and spreads of real ones.
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

# Used only when the corpus is absent.
_FALLBACK_VENDORS = ("江苏新煦光电科技有限公司", "广西容县建筑工程总公司", "Axon Enterprise", "Motorola Solutions, Inc.",
                     "Huawei Technologies Co.", "ShotSpotter, Inc.", "Hegeman Bouw & Infra B.V.", "RIELCO LTDA")
_FALLBACK_BUYERS = ("清镇市麦格苗族布依族乡人民政府", "容县征地服务中心", "City of Wilmington", "Thurrock Council",
                    "Waterschap Rivierenland", "Punjab Safe Cities Authority", "Department of Homeland Security")
_FALLBACK_CURRENCIES = {"CNY": 10, "USD": 14, "EUR": 6, "GBP": 1, "MXN": 2, "UAH": 2, "MDL": 3, "PLN": 2}

# Synthetic Chinese names: place + trade + legal form, like most CCGP vendors and buyers.
PLACES = ("清镇市", "容县", "南平市", "遵义市", "荣成市", "高密市", "武进区", "江夏区", "赫章县", "重庆市", "贵阳市", "南宁市",
          "杭州市", "成都市", "昆明市", "常州市", "潍坊市", "武汉市", "长沙市", "合肥市")
TRADES = ("光电科技", "智能安防", "信息技术", "建筑工程", "电子科技", "网络科技", "视频技术", "通信工程", "数字技术", "系统集成")
LEGAL = ("有限公司", "股份有限公司", "有限责任公司")
BUYER_UNITS = ("公安局", "人民政府", "教育局", "交通运输局", "卫生健康局", "自然资源局", "城市管理局", "财政局")
PROJECTS = ("视频监控系统建设项目", "雪亮工程采购项目", "太阳能路灯采购", "平安城市二期", "人脸识别门禁采购", "道路改造工程",
            "办公设备采购", "校园安防升级", "数据中心运维服务", "天网工程扩容")

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Shapes:
    vendors: tuple[str, ...]
    buyers: tuple[str, ...]
    currencies: dict[str, int]  # ISO code -> how many documents use it
    years: dict[int, int] = field(default_factory=dict)  # year -> documents
    log_amounts: tuple[float, ...] = ()  # natural log of plain amounts seen

    def amount_spread(self) -> tuple[float, float]:
        """Mean and standard deviation of log(amount): real award values are roughly log-normal."""
        values = self.log_amounts or (math.log(569800.0), math.log(10656.23), math.log(9396000.0))
        mean = sum(values) / len(values)
        sd = (sum((v - mean) ** 2 for v in values) / max(1, len(values) - 1)) ** 0.5
        return mean, max(sd, 1.0)


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=1)
def load_shapes(corpus: Path = CORPUS) -> Shapes:
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.exists():
        return Shapes(_FALLBACK_VENDORS, _FALLBACK_BUYERS, dict(_FALLBACK_CURRENCIES),
                      {y: 1 for y in range(2009, 2026)})
    vendors, buyers, currencies, years, logs = [], [], {}, {}, []
    with open(manifest, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            vendors += _split(row.get("gold_vendors"))
            buyers += _split(row.get("gold_buyers"))
            for code in set(_split(row.get("gold_currency"))):
                currencies[code] = currencies.get(code, 0) + 1
            date = (row.get("gold_iso_date") or "").strip()
            if date[:4].isdigit():
                years[int(date[:4])] = years.get(int(date[:4]), 0) + 1
            for amount in _split(row.get("gold_amount_as_written")):
                match = _NUMBER.search(amount)
                if match:
                    value = float(match.group(0).replace(",", ""))
                    if value >= 100:
                        logs.append(math.log(value))
    return Shapes(tuple(dict.fromkeys(vendors)) or _FALLBACK_VENDORS, tuple(dict.fromkeys(buyers)) or _FALLBACK_BUYERS,
                  currencies or dict(_FALLBACK_CURRENCIES), years, tuple(logs))


def chinese_vendor(i: int) -> str:
    return f"{PLACES[i % len(PLACES)]}{_ordinal_word(i // len(PLACES))}{TRADES[(i * 7) % len(TRADES)]}{LEGAL[i % len(LEGAL)]}"


def chinese_buyer(i: int) -> str:
    return f"{PLACES[(i * 3) % len(PLACES)]}{BUYER_UNITS[i % len(BUYER_UNITS)]}"


def _ordinal_word(n: int) -> str:
    """Distinct short syllables so generated names stay realistic-looking and unique."""
    syllables = "华信达安恒瑞通博源泰康明宏远联创"
    word, n = "", n + 1
    while n:
        n, r = divmod(n - 1, len(syllables))
        word = syllables[r] + word
    return word
