"""Awards with more than one buyer: every buyer is linked to the winner, the amount is carried once.

A joint procurement (two buyers in one eForms notice) or an award whose buyer is written at two levels
(a department and the agency that made the award) gives each buyer its own award record; only the first
carries the amount, so totals never count it twice."""
from __future__ import annotations

from dataclasses import replace

from ..records import Award


def for_each_buyer(awards: list[Award], buyers: list[str]) -> list[Award]:
    out: list[Award] = []
    for award in awards:
        out.append(award)
        for buyer in buyers:
            if buyer and buyer != award.agency_raw:
                out.append(replace(award, agency_raw=buyer, amount=None, currency=None, amount_raw=None, buyer_link_only=True,
                                   flags=list(award.flags), identifiers=dict(award.identifiers),
                                   consortium=list(award.consortium),
                                   evidence=f"{award.evidence}; joint buyer: {buyer}"))
    return out
