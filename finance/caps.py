"""Shared caps (tak): "upp till 4 000 000 kr totalt" over the compensations a cap covers.
Pure, no database.

The amounts are the ledger's ruling amounts (decided or computed) of every year of the
period of every covered compensation; a year whose amount is not known yet makes the total
unknown for the "amounts" side (paid is always known). What is left is the cap minus the
larger of the two (amounts or paid), never below 0; passing the cap is reported for each
side separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from partnerships.formatting import format_sek as _sek


@dataclass(frozen=True)
class CapState:
    cap: int
    amounts_total: int | None  # None: some year's amount is not known yet
    known_amounts_total: int  # the sum of the years that are known
    paid_total: int

    @property
    def amounts_over(self) -> int:
        """How far the (known) amounts pass the cap (0: within)."""
        return max(self.known_amounts_total - self.cap, 0)

    @property
    def paid_over(self) -> int:
        return max(self.paid_total - self.cap, 0)

    @property
    def left(self) -> int:
        """What is left under the cap after the larger of the known amounts and the paid."""
        return max(self.cap - max(self.known_amounts_total, self.paid_total), 0)

    @property
    def left_to_pay(self) -> int:
        return max(self.cap - self.paid_total, 0)

    @property
    def passed(self) -> bool:
        return bool(self.amounts_over or self.paid_over)

    def warnings(self, label: str) -> list[str]:
        """Swedish warnings when the cap is passed (empty when within)."""
        out = []
        if self.amounts_over:
            out.append(
                f"Beloppen under taket ”{label}” är {_sek(self.known_amounts_total)}, "
                f"{_sek(self.amounts_over)} över taket på {_sek(self.cap)}."
            )
        if self.paid_over:
            out.append(
                f"Utbetalningarna under taket ”{label}” är {_sek(self.paid_total)}, "
                f"{_sek(self.paid_over)} över taket på {_sek(self.cap)}."
            )
        return out


def cap_state(cap: int, amounts: Iterable[int | None], paid: Iterable[int]) -> CapState:
    """The cap against the yearly amounts and the payments it covers."""
    amounts = list(amounts)
    known = sum(a for a in amounts if a is not None)
    return CapState(
        cap=cap,
        amounts_total=None if any(a is None for a in amounts) else known,
        known_amounts_total=known,
        paid_total=sum(paid),
    )
