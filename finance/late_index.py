"""An index value that arrives after the year's payment (pure, no database).

The January payment is made with what is known then: the preliminary index, or the
previous level while the value is missing. When the definitive value is published later,
what the agreement owes for the year can change. What is still to pay (or to claim back)
is then, in whole kronor:

- an agreement that follows the preliminary value: the difference definitive minus
  preliminary, until the administrator records how it is settled (``IndexSettlement``);
- an agreement that follows the definitive value: the year's amount minus what was paid.

Only when the definitive value was published after the last payment of the year: other
gaps between expected and paid (a payment schedule not yet through) are not the index's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from partnerships.formatting import format_sek


@dataclass(frozen=True)
class LateIndex:
    year: int
    difference: int  # > 0: still to pay; < 0: paid too much, to claim back
    published: dt.date  # when the definitive value came out
    last_paid_on: dt.date
    follows_preliminary: bool

    @property
    def to_pay(self) -> bool:
        return self.difference > 0

    @property
    def amount(self) -> int:
        return abs(self.difference)

    def text(self, organisation_name: str) -> str:
        came = (
            f"Definitivt index för {self.year} publicerades {self.published:%Y-%m-%d}, efter "
            f"utbetalningen {self.last_paid_on:%Y-%m-%d}."
        )
        if self.to_pay:
            what = f"{format_sek(self.amount)} återstår att betala till {organisation_name}"
        else:
            what = (
                f"{format_sek(self.amount)} har betalats ut för mycket till "
                f"{organisation_name} och kan krävas tillbaka"
            )
        how = (
            " (överenskommelsen följer preliminärt index: registrera hur skillnaden avräknas)."
            if self.follows_preliminary
            else "."
        )
        return f"{came} {what}{how}"


def late_index(
    *,
    year: int,
    payment_dates: Sequence[dt.date],
    paid: int,
    expected: int | None,
    applied_kind: str | None,
    definitive_difference: int | None,
    settled: bool,
    published: dt.date | None,
) -> LateIndex | None:
    """What a definitive index value published after the year's payments leaves to pay
    (or to claim back), or None. ``applied_kind``: "preliminary"/"definitive" as applied."""
    if not payment_dates or published is None or applied_kind is None:
        return None
    last = max(payment_dates)
    if published <= last:
        return None
    if applied_kind == "preliminary":
        if settled or not definitive_difference:
            return None
        difference = definitive_difference
    else:
        if expected is None or expected == paid:
            return None
        difference = expected - paid
    return LateIndex(year, difference, published, last, applied_kind == "preliminary")
