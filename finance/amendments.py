"""Amounts changed by an amendment (ändring) during the period: pure functions, no database.

An amendment of an agreement may change a party's compensation in two ways:

- a new yearly level from an effective date (raised or lowered): in the year of the
  change the year's amount is the old level for the part of the year before the date plus
  the new level for the part from the date, each part by the compensation's proration
  rule (days by default, or whole months; ``finance.proration``), whole kronor. The new
  level is the yearly amount at that year's price level: indexation goes on from it in the
  following years. A change effective on 1 January is simply the new level of that year.
- a one-off sum added for a purpose in a year: added to that year's amount only, never
  split and never a level.

Rounding is the proration rule's: the share of the year elapsed at each bound is rounded,
so two parts at one level add up to that level exactly, and the result is reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import proration

NEW_LEVEL = "new_level"
ONE_OFF = "one_off"


@dataclass(frozen=True)
class LevelChange:
    """A new yearly level from ``effective_from`` (an amendment's amount change)."""

    effective_from: dt.date
    amount: int
    label: str = ""  # e.g. "ändring 2025-05-12"


@dataclass(frozen=True)
class OneOffSum:
    """A one-off sum added to the amount of ``year`` for a purpose."""

    year: int
    amount: int
    purpose: str = ""
    label: str = ""


@dataclass(frozen=True)
class Segment:
    """A part of one year at one yearly level."""

    first: dt.date
    last: dt.date
    yearly: int | None
    share: proration.YearShare
    rule: str = proration.BY_DAYS

    @property
    def amount(self) -> int | None:
        if self.yearly is None:
            return None
        return proration.part_of_year(self.yearly, self.share)

    def text(self, year: int) -> str:
        """E.g. '2025-01-01–2025-06-30: 181 av 365 dagar av 500 000 kr = 247 945 kr'."""
        level = "okänt" if self.yearly is None else kronor(self.yearly)
        amount = "okänt" if self.amount is None else kronor(self.amount)
        part = proration.share_text(self.share, year, self.rule)
        return f"{self.first:%Y-%m-%d}–{self.last:%Y-%m-%d}: {part} av {level} = {amount}"


def kronor(amount: int) -> str:
    """'500 000 kr' (a no-break space between the groups)."""
    return f"{amount:,}".replace(",", "\u00a0").replace("-", "\u2212") + "\u00a0kr"


def changes_in_year(changes: Iterable[LevelChange], year: int) -> list[LevelChange]:
    """The level changes effective in ``year``, in date order (the later of two on one
    date wins, as given)."""
    return sorted(
        (c for c in changes if c.effective_from.year == year), key=lambda c: c.effective_from
    )


def split_year(
    *,
    year: int,
    before: int | None,
    changes: Sequence[LevelChange],
    start: dt.date,
    end: dt.date,
    rule: str = proration.BY_DAYS,
) -> list[Segment]:
    """The parts of ``year`` inside the period ``start``..``end`` at each level: ``before``
    until the first change, then each change's amount from its date. Parts outside the
    period are left out; ``changes`` are those of this year (``changes_in_year``)."""
    ordered = sorted(changes, key=lambda c: c.effective_from)
    bounds: list[tuple[dt.date, dt.date, int | None]] = []
    level, first = before, dt.date(year, 1, 1)
    for change in ordered:
        if change.effective_from > first:
            bounds.append((first, change.effective_from - dt.timedelta(days=1), level))
        level, first = change.amount, max(first, change.effective_from)
    bounds.append((first, dt.date(year, 12, 31), level))
    segments = []
    for seg_first, seg_last, yearly in bounds:
        lo, hi = max(seg_first, start), min(seg_last, end)
        if lo > hi:
            continue
        share = proration.year_share(year, lo, hi, rule)
        segments.append(Segment(lo, hi, yearly, share, rule))
    return segments


def level_after(before: int | None, changes: Sequence[LevelChange]) -> int | None:
    """The yearly level at the end of the year: the last change's amount, else ``before``."""
    ordered = sorted(changes, key=lambda c: c.effective_from)
    return ordered[-1].amount if ordered else before


def one_off_total(sums: Iterable[OneOffSum], year: int) -> int:
    return sum(s.amount for s in sums if s.year == year)


def one_offs_by_year(sums: Iterable[OneOffSum]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for item in sums:
        totals[item.year] = totals.get(item.year, 0) + item.amount
    return totals


def party_year_shares(
    years: Iterable[int], start: dt.date, end: dt.date, rule: str = proration.BY_DAYS
) -> dict[int, proration.YearShare]:
    """The part of each of the agreement's ``years`` a party is a party in, its own period
    ``start``..``end`` (from the day it joins, until the day before it leaves): a part of
    the year it joins or leaves by the proration rule, nothing in a year before it joins or
    after it leaves (an empty share: its amount that year is 0 kr, never unknown)."""
    return {year: proration.year_share(year, start, end, rule) for year in years}


def change_text(kind: str, amount: int, effective_from: dt.date, purpose: str = "") -> str:
    """What an amount change does, in words for the amendment list and the documents."""
    if kind == ONE_OFF:
        text = f"engångsbelopp {kronor(amount)} för {effective_from.year}"
        return f"{text} ({purpose})" if purpose else text
    return f"ny årsnivå {kronor(amount)} från och med {effective_from:%Y-%m-%d}"
