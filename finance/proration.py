"""Parts of a year: a compensation over a period that does not follow the calendar.

Pure functions, no database. The yearly amount (the level: indexed or decided) is split
by the rule the compensation states:

- by days (the default): the part of a year is its share of that year's days (365 or 366);
- by whole months: the part is its share of the year's twelve months, a month counting
  to the period that holds its last day (a period from 15 May has May; one ending 14 May
  has not).

Rounding is deterministic and never loses a krona: the share of the year elapsed at the
end of each day (or month) is rounded to whole kronor (half up), and a period's part is
the rounded share at its end minus the rounded share just before its start. So the parts
of one year that follow each other (e.g. an agreement ending 30 June and its successor
from 1 July, or an amount changed from a date) add up to the yearly amount exactly, and a
whole calendar year is the yearly amount itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

BY_DAYS = "days"
BY_MONTHS = "months"
RULES = (BY_DAYS, BY_MONTHS)

RULE_TEXTS = {
    BY_DAYS: "Ett delår räknas efter dagar: årsbeloppet gånger periodens dagar delat med "
    "årets dagar (365 eller 366), avrundat till hela kronor",
    BY_MONTHS: "Ett delår räknas efter hela månader: årsbeloppet gånger periodens "
    "månader delat med 12, avrundat till hela kronor; en månad räknas till den period som "
    "har månadens sista dag",
}


def elapsed(day: dt.date, rule: str) -> Fraction:
    """The share of ``day.year`` that has passed at the end of ``day``."""
    if rule == BY_MONTHS:
        whole = day.month - 1 + (day.day == calendar.monthrange(day.year, day.month)[1])
        return Fraction(whole, 12)
    days_in_year = 366 if calendar.isleap(day.year) else 365
    return Fraction(day.timetuple().tm_yday, days_in_year)


@dataclass(frozen=True)
class YearShare:
    """The part of a year a period covers, as shares of the year elapsed at its bounds."""

    before: Fraction  # elapsed just before the period starts in this year
    end: Fraction  # elapsed at the period's last day in this year

    @property
    def share(self) -> Fraction:
        return self.end - self.before

    @property
    def whole(self) -> bool:
        return self.before == 0 and self.end == 1


WHOLE_YEAR = YearShare(Fraction(0), Fraction(1))


def year_share(year: int, start: dt.date, end: dt.date, rule: str = BY_DAYS) -> YearShare:
    """The part of ``year`` within the period ``start``..``end`` (both days included)."""
    first = max(start, dt.date(year, 1, 1))
    last = min(end, dt.date(year, 12, 31))
    if first > last:
        return YearShare(Fraction(0), Fraction(0))
    before = (
        Fraction(0)
        if first.month == 1 and first.day == 1
        else elapsed(first - dt.timedelta(days=1), rule)
    )
    return YearShare(before, elapsed(last, rule))


def _round(value: Fraction) -> int:
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


def part_of_year(amount: int, share: YearShare) -> int:
    """The whole kronor of ``amount`` (a yearly amount) for that part of the year."""
    if share.whole:
        return amount
    return _round(amount * share.end) - _round(amount * share.before)


def share_text(share: YearShare, year: int, rule: str) -> str:
    """E.g. '184 av 365 dagar' or '6 av 12 månader'."""
    if rule == BY_MONTHS:
        return f"{share.share * 12} av 12 månader"
    days = 366 if calendar.isleap(year) else 365
    return f"{share.share * days} av {days} dagar"
