"""Plausibility checks shared by the structured parsers: an award amount that cannot be right for its notice
is flagged (Award.flags) and kept, never silently stored as if it were sound."""
from __future__ import annotations

from decimal import Decimal

from ..records import Award

UNIT_MISMATCH = "unit_mismatch_1e4"  # off by 10⁴ against the budget: 元 read as 万元 or the reverse
ABOVE_BUDGET = "above_10x_budget"


def _near(ratio: Decimal, target: Decimal) -> bool:
    return target / 3 <= ratio <= target * 3


def budget_flags(amount: Decimal | None, budget: Decimal | None) -> list[str]:
    if amount is None or budget is None or amount <= 0 or budget <= 0:
        return []
    ratio = amount / budget
    if _near(ratio, Decimal(10) ** 4) or _near(ratio, Decimal(10) ** -4):
        return [UNIT_MISMATCH]
    if ratio > 10:
        return [ABOVE_BUDGET]
    return []


def flag_against_budget(awards: list[Award], budget: Decimal | None) -> None:
    """Each award against the notice's stated budget (a lot's award may be far below the whole budget, never 10⁴ off)."""
    for award in awards:
        for flag in budget_flags(award.amount, budget):
            if flag not in award.flags:
                award.flags.append(flag)
