"""Swedish presentation of numbers and dates, shared by pages and documents."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"


def format_sek(amount: int | Decimal | None, *, unit: bool = True) -> str:
    """452948 -> '452 948 kr' (non-breaking spaces, minus sign for negatives)."""
    if amount is None:
        return "–"
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    digits = f"{abs(value):,}".replace(",", NBSP)
    sign = "\u2212" if value < 0 else ""
    return f"{sign}{digits}{NBSP}kr" if unit else f"{sign}{digits}"


def format_date(value: dt.date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "–"


def format_months(months: int) -> str:
    """'1 månad', '6 månader'."""
    return f"{months} {'månad' if months == 1 else 'månader'}"
