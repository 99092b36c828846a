"""Payment status and budget balance: pure functions, no database."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import models


class PaymentStatus(models.TextChoices):
    UNKNOWN = "unknown", "Belopp okänt"
    PLANNED = "planned", "Planerad"
    PAID = "paid", "Betald"
    PARTLY_PAID = "partly_paid", "Delvis betald"
    OVERDUE = "overdue", "Försenad"
    OVERPAID = "overpaid", "Överbetald"


PAYMENT_STATUS_LABELS = {status: status.label for status in PaymentStatus}


def payment_due_date(year: int, month: int) -> dt.date:
    """Payment in month M of year Y is due by the last day of that month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def payment_status(
    *,
    expected: int | None,
    paid: int,
    year: int,
    payment_month: int,
    today: dt.date,
    due_so_far: int | None = None,
) -> PaymentStatus:
    """``due_so_far``: what a payment schedule made due before today (``finance.schedule``);
    without it the whole year is due by the end of its payment month."""
    if expected is None:
        return PaymentStatus.UNKNOWN
    if paid > expected:
        return PaymentStatus.OVERPAID
    if paid == expected:
        return PaymentStatus.PAID
    if due_so_far is not None:
        if paid < due_so_far:
            return PaymentStatus.OVERDUE
    elif today > payment_due_date(year, payment_month):
        return PaymentStatus.OVERDUE
    if paid > 0:
        return PaymentStatus.PARTLY_PAID
    return PaymentStatus.PLANNED


def budget_difference(
    *, total_cost: int, municipal: int | None, own: int, in_kind: int = 0
) -> int | None:
    """Costs minus financing (municipal + own money + the value of contributions in kind,
    "värde av insats"). 0 is balanced; None when municipal is unknown."""
    if municipal is None:
        return None
    return total_cost - municipal - own - in_kind


def in_kind_of_budget(
    *, own_value: int, public_value: int, idea_based_budgets_that_year: int
) -> int:
    """The value of contributions in kind counted in an idea-based party's budget year: its
    own, and the public side's when it is the only idea-based party with a budget that year
    (with several, the public side's value is counted in the whole agreement's balance)."""
    return own_value + (public_value if idea_based_budgets_that_year == 1 else 0)
