"""The de minimis ledger: pure functions, no database.

Commission Regulation (EU) 2023/2831 (general de minimis): at most EUR 300 000 to one
undertaking over any period of three years. Regulation (EU) 2023/2832 (services of general
economic interest, SGEI): at most EUR 750 000 over three years, and general de minimis aid
may be cumulated with SGEI de minimis aid up to that higher ceiling. The period is rolling:
for a decision on a date, every grant made in the three years before it counts (the same
calendar date three years earlier is outside; 29 February falls back to 28 February).

Amounts granted in kronor are converted to euro at the rate of the decision date, and that
rate is recorded with the grant, so a later change of rate never moves a past figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

GENERAL_CAP_EUR = Decimal("300000")
SGEI_CAP_EUR = Decimal("750000")
WINDOW_YEARS = 3
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Grant:
    """One amount of de minimis aid to an organisation."""

    granted_on: dt.date
    amount_eur: Decimal
    sgei: bool = False
    grantor: str = ""  # empty: granted by this public body; else the declared grantor


@dataclass(frozen=True)
class CapCheck:
    cap_eur: Decimal
    counted_eur: Decimal  # already granted inside the window (the aid that counts for the cap)
    proposed_eur: Decimal
    window_start: dt.date  # first day inside the window
    window_end: dt.date  # the decision date

    @property
    def total_eur(self) -> Decimal:
        return self.counted_eur + self.proposed_eur

    @property
    def remaining_eur(self) -> Decimal:
        return max(self.cap_eur - self.counted_eur, Decimal(0))

    @property
    def exceeds(self) -> bool:
        return self.total_eur > self.cap_eur

    @property
    def warning(self) -> str:
        if not self.exceeds:
            return ""
        return (
            f"Beslutet skulle ge {format_eur(self.total_eur)} i stöd av mindre betydelse "
            f"under perioden {self.window_start.isoformat()}–{self.window_end.isoformat()}, "
            f"över taket {format_eur(self.cap_eur)}. Utrymme kvar: "
            f"{format_eur(self.remaining_eur)}."
        )


def format_eur(amount: Decimal) -> str:
    whole = f"{amount.quantize(CENT, ROUND_HALF_UP):,.2f}"
    return whole.replace(",", " ").replace(".", ",") + " euro"


def sek_to_eur(amount_sek: Decimal, sek_per_eur: Decimal) -> Decimal:
    """Kronor to euro at the recorded rate (kronor per euro), to the cent."""
    if sek_per_eur <= 0:
        raise ValueError("the exchange rate must be positive")
    return (Decimal(amount_sek) / Decimal(sek_per_eur)).quantize(CENT, ROUND_HALF_UP)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def window_start(decision_date: dt.date) -> dt.date:
    """The first day of the rolling three-year window that ends on ``decision_date``."""
    return _years_before(decision_date, WINDOW_YEARS) + dt.timedelta(days=1)


def in_window(grant: Grant, decision_date: dt.date) -> bool:
    return window_start(decision_date) <= grant.granted_on <= decision_date


def counted_total(grants: Iterable[Grant], decision_date: dt.date, *, sgei: bool) -> Decimal:
    """The aid that counts against the cap of a new grant: for a general grant only the
    general de minimis aid; for an SGEI grant all de minimis aid (general and SGEI)."""
    return sum(
        (g.amount_eur for g in grants if in_window(g, decision_date) and (sgei or not g.sgei)),
        Decimal(0),
    )


def cap_check(
    grants: Iterable[Grant],
    *,
    decision_date: dt.date,
    proposed_eur: Decimal,
    sgei: bool = False,
) -> CapCheck:
    """Whether a grant of ``proposed_eur`` on ``decision_date`` would pass the cap."""
    grants = list(grants)
    return CapCheck(
        cap_eur=SGEI_CAP_EUR if sgei else GENERAL_CAP_EUR,
        counted_eur=counted_total(grants, decision_date, sgei=sgei),
        proposed_eur=Decimal(proposed_eur),
        window_start=window_start(decision_date),
        window_end=decision_date,
    )
