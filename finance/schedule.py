"""Payment schedules: a year's amount as instalments with due dates. Pure, no database.

The year's amount is the ledger's (``YearRow.schedule.amount``: indexed or decided, a part
of the year in a partial year, and whatever an amendment made of it), so the instalments
follow the ledger; they are never stored, except the rows of a "given dates" schedule.

Due dates: an instalment in month M is due by the last day of M (as the yearly payment
always was, ``rules.payment_due_date``). The schedule's months step from the
compensation's payment month: yearly that month only; half-yearly every 6 months from it;
quarterly every 3 months; monthly every month. Only the dates inside the agreement's
period count; when a part of the year inside the period holds none of them (an agreement
from 1 July paid in January), its amount is due at the end of the period's first month in
that year.

Rounding (``ROUNDING_TEXT``): whole kronor, the year's amount divided equally and rounded
down; the kronor left over go on the year's last instalment, so the instalments add up to
the year's amount exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .rules import payment_due_date

YEARLY = "yearly"
HALF_YEARLY = "half_yearly"
QUARTERLY = "quarterly"
MONTHLY = "monthly"
GIVEN_DATES = "given_dates"

STEP_MONTHS = {YEARLY: 12, HALF_YEARLY: 6, QUARTERLY: 3, MONTHLY: 1}

ROUNDING_TEXT = (
    "Årsbeloppet delas lika på årets delbetalningar i hela kronor, avrundat nedåt; de kronor "
    "som blir över läggs på årets sista delbetalning, så att delbetalningarna blir exakt "
    "årsbeloppet."
)


@dataclass(frozen=True, order=True)
class Instalment:
    due_on: dt.date
    amount: int


@dataclass(frozen=True)
class InstalmentState:
    """An instalment against what is paid for its year (payments fill the earliest first)."""

    due_on: dt.date
    amount: int
    paid: int
    overdue: bool

    @property
    def outstanding(self) -> int:
        return self.amount - self.paid

    @property
    def status_label(self) -> str:
        if self.paid >= self.amount:
            return "Betald"
        if self.overdue:
            return "Försenad"
        return "Delvis betald" if self.paid else "Planerad"


@dataclass
class YearInstalments:
    """One year of a compensation's schedule: the instalments and what is paid of them."""

    year: int
    amount: int | None  # the ledger's amount of the year (None: not known yet)
    instalments: list[InstalmentState] = field(default_factory=list)
    paid: int = 0
    # For given dates only: the year's amount minus the sum of the given amounts (0: agree).
    given_difference: int = 0

    @property
    def scheduled(self) -> int:
        return sum(i.amount for i in self.instalments)

    @property
    def outstanding(self) -> int:
        return sum(i.outstanding for i in self.instalments)

    @property
    def overdue(self) -> int:
        return sum(i.outstanding for i in self.instalments if i.overdue)

    @property
    def overdue_count(self) -> int:
        return sum(1 for i in self.instalments if i.overdue and i.outstanding)

    @property
    def surplus(self) -> int:
        """Paid beyond every instalment of the year."""
        return max(self.paid - self.scheduled, 0)


def due_dates(
    kind: str, year: int, payment_month: int, period_start: dt.date, period_end: dt.date
) -> list[dt.date]:
    """The due dates of ``year`` inside the period for a regular schedule."""
    if kind not in STEP_MONTHS:
        raise ValueError(f"not a regular schedule: {kind}")
    first_day = max(period_start, dt.date(year, 1, 1))
    last_day = min(period_end, dt.date(year, 12, 31))
    if first_day > last_day:
        return []
    step = STEP_MONTHS[kind]
    months = [m for m in range(1, 13) if (m - payment_month) % step == 0]
    dates = [payment_due_date(year, m) for m in months]
    inside = [d for d in dates if first_day <= d <= last_day]
    if not inside:
        inside = [min(payment_due_date(year, first_day.month), last_day)]
    return inside


def split_equally(amount: int, count: int) -> list[int]:
    """``amount`` in ``count`` whole-krona parts: equal, rounded down, the rest on the last."""
    if count <= 0:
        raise ValueError("count must be positive")
    part = amount // count
    return [part] * (count - 1) + [amount - part * (count - 1)]


def instalments(
    *,
    amount: int | None,
    kind: str,
    year: int,
    payment_month: int,
    period_start: dt.date,
    period_end: dt.date,
    given: Iterable[tuple[dt.date, int]] = (),
) -> list[Instalment]:
    """The instalments of a year's amount. Given dates: the rows as given (their sum is
    checked by ``year_instalments``). Unknown or zero amount: no instalments."""
    if kind == GIVEN_DATES:
        return sorted(Instalment(due, value) for due, value in given)
    if not amount:
        return []
    dates = due_dates(kind, year, payment_month, period_start, period_end)
    if not dates:
        return []
    return [Instalment(d, a) for d, a in zip(dates, split_equally(amount, len(dates)), strict=True)]


def allocate(items: list[Instalment], paid: int, today: dt.date) -> list[InstalmentState]:
    """What is paid for the year, put on the instalments in due order; an instalment due
    before ``today`` and not fully paid is overdue."""
    remaining = paid
    states = []
    for item in sorted(items):
        covered = min(max(remaining, 0), item.amount)
        remaining -= covered
        states.append(
            InstalmentState(
                due_on=item.due_on,
                amount=item.amount,
                paid=covered,
                overdue=covered < item.amount and item.due_on < today,
            )
        )
    return states


def year_instalments(
    *,
    year: int,
    amount: int | None,
    paid: int,
    kind: str,
    payment_month: int,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    given: Iterable[tuple[dt.date, int]] = (),
) -> YearInstalments:
    given = list(given)
    items = instalments(
        amount=amount,
        kind=kind,
        year=year,
        payment_month=payment_month,
        period_start=period_start,
        period_end=period_end,
        given=given,
    )
    difference = 0
    if kind == GIVEN_DATES and amount is not None:
        difference = amount - sum(value for _due, value in given)
    return YearInstalments(
        year=year,
        amount=amount,
        instalments=allocate(items, paid, today),
        paid=paid,
        given_difference=difference,
    )


def due_so_far(items: list[Instalment], today: dt.date) -> int:
    """The sum of the instalments due before ``today``."""
    return sum(i.amount for i in items if i.due_on < today)


@dataclass(frozen=True)
class PlannedInstalment:
    """An instalment still to export as a planned payment: its number in the year
    ("delbetalning 2 av 4"), due date and what is outstanding of it."""

    number: int
    count: int
    due_on: dt.date
    amount: int


def planned_instalments(
    year: YearInstalments, *, until: dt.date, exported: Mapping[dt.date, int] | None = None
) -> list[PlannedInstalment]:
    """The instalments of ``year`` to export as planned payments: due by ``until``, not
    exported before, with what is outstanding of them (payments fill the earliest first).
    Unpaid and never exported, the amounts add up to the year's amount.

    ``exported`` is what earlier batches planned for the year (due date -> amount). A line
    on an instalment's due date of at most its amount is that instalment, exported once.
    Any other line was planned under another payment schedule (the year was exported
    yearly, say, and the compensation then paid quarterly): its amount covers the year's
    other instalments from the last one back, so that the year's planned vouchers together
    never exceed its amount (``tests/finance/test_sie_instalments.py``)."""
    exported = dict(exported or {})
    own = {
        item.due_on
        for item in year.instalments
        if item.due_on in exported and exported[item.due_on] <= item.amount
    }
    foreign = sum(amount for due_on, amount in exported.items() if due_on not in own)
    left = [0 if item.due_on in own else item.outstanding for item in year.instalments]
    for index in reversed(range(len(left))):  # the other schedule's amount: from the end
        taken = min(foreign, left[index])
        left[index] -= taken
        foreign -= taken
    count = len(year.instalments)
    return [
        PlannedInstalment(number, count, item.due_on, amount)
        for number, (item, amount) in enumerate(zip(year.instalments, left, strict=True), 1)
        if amount > 0 and item.due_on <= until
    ]


def unplanned_year(outstanding: int, exported: Mapping[dt.date, int], due_on: dt.date) -> int:
    """What a yearly compensation still has to export as planned for a year: nothing when
    its due date was exported; else the outstanding amount less what earlier batches
    planned under another payment schedule (never below zero)."""
    if due_on in exported:
        return 0
    return max(outstanding - sum(exported.values()), 0)
