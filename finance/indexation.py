"""Indexation of compensations: pure functions, no database.

The rule, checked against the Linköping records (DOMAIN.md, Money):

- The amount of the base year is the base amount ("2023 års nivå").
- Every following year from the first indexation year, the previous year's amount is
  multiplied by (1 + index/100) and rounded to whole kronor HALF UP, year by year.
  Years between the base year and the first indexation year keep the previous amount.
- A decided amount recorded for a year rules for that year and is the base of the following
  years (a new level); the deviation from the computed amount is kept and shown. A decided
  amount that is a one-off sum rules its own year only: the following years go on from
  the computed amount of that year, as if nothing had been decided.
- A fixed amount (``first_index_year`` None) is never indexed: every year keeps the
  previous ruling amount, and no index value is ever missing for it.
- An amendment's new level from a date (``finance.amendments``) splits its year: the old
  level before the date, the new level from it, each by the proration rule; the following
  years go on from the new level. A one-off sum added by an amendment adds to its year only.
- A missing index value makes that year and every later year *unknown* (with the reason),
  never zero - unless a decided amount is recorded for the year, which then rules again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from . import amendments, proration

NEW_LEVEL = "new_level"
ONE_OFF = "one_off"

PRELIMINARY_FIRST = "preliminary_first"
DEFINITIVE = "definitive"

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class IndexPoint:
    """The published values of one index for one year (percent, one decimal)."""

    preliminary: Decimal | None = None
    definitive: Decimal | None = None
    definitive_published: dt.date | None = None  # when the definitive value came out


@dataclass(frozen=True)
class AppliedIndex:
    percent: Decimal
    kind: str  # "preliminary" or "definitive"

    @property
    def label(self) -> str:
        text = f"{self.percent:.1f}".replace(".", ",").replace("-", "\u2212")
        return f"{text} % ({'prel.' if self.kind == 'preliminary' else 'def.'})"


@dataclass(frozen=True)
class YearAmount:
    year: int
    index: AppliedIndex | None  # the index applied this year (None: base year or no indexation)
    computed: int | None  # from the previous ruling amount; None when unknown
    decided: int | None  # recorded decision, if any
    missing_reason: str = ""  # why ``computed`` is unknown
    definitive_difference: int | None = None  # computed with definitive minus with preliminary
    one_off: bool = False  # the decided amount rules this year only
    share: proration.YearShare = proration.WHOLE_YEAR  # the part of the year in the period
    # An amendment's new level during the year: the parts at each level, the level after.
    segments: tuple[amendments.Segment, ...] = ()
    new_level: int | None = None
    one_off_sum: int = 0  # one-off sums added by amendments to this year

    @property
    def changed(self) -> bool:
        """An amendment changes the level during (or from the start of) this year."""
        return bool(self.segments) or self.new_level is not None

    @property
    def level(self) -> int | None:
        """What the following years go on from: the ruling amount, or the computed one when
        the decided amount is a one-off sum; an amendment's new level when one is given."""
        if self.changed:
            return self.new_level
        return self.computed if self.one_off and self.decided is not None else self.yearly

    @property
    def yearly(self) -> int | None:
        """The ruling yearly amount: the decided one if recorded, else the computed one."""
        return self.decided if self.decided is not None else self.computed

    @property
    def amount(self) -> int | None:
        """The ruling amount of the year: the yearly one, or its part of a partial year;
        in a year an amendment changes, the sum of its parts at each level; plus the
        amendments' one-off sums."""
        if self.changed:
            parts = [segment.amount for segment in self.segments]
            if any(part is None for part in parts):
                return None
            return sum(parts) + self.one_off_sum  # type: ignore[arg-type]
        if self.share.share == 0:
            return self.one_off_sum  # not a party this year (joined later or left): no money
        yearly = self.yearly
        if yearly is None:
            return None
        return proration.part_of_year(yearly, self.share) + self.one_off_sum

    @property
    def split(self) -> bool:
        """The year is split between two or more levels (shown with its basis)."""
        return len(self.segments) > 1

    @property
    def partial(self) -> bool:
        return not self.share.whole

    @property
    def deviation(self) -> int | None:
        if self.decided is None or self.computed is None:
            return None
        return self.decided - self.computed

    @property
    def known(self) -> bool:
        return self.amount is not None


def round_kronor(value: Decimal) -> int:
    """Whole kronor, half up (0.5 kr rounds away from zero)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def index_factor(percent: Decimal) -> Decimal:
    return Decimal(1) + Decimal(percent) / HUNDRED


def applied_index(point: IndexPoint | None, rule: str) -> AppliedIndex | None:
    """The value the agreement follows for a year, or None when it is not (yet) published."""
    if point is None:
        return None
    if rule == PRELIMINARY_FIRST and point.preliminary is not None:
        return AppliedIndex(Decimal(point.preliminary), "preliminary")
    if point.definitive is not None:
        return AppliedIndex(Decimal(point.definitive), "definitive")
    return None


def missing_text(series_name: str, year: int, rule: str, point: IndexPoint | None) -> str:
    if rule == DEFINITIVE and point is not None and point.preliminary is not None:
        return f"Definitivt {series_name} för {year} saknas (bara preliminärt finns)"
    return f"{series_name} för {year} saknas"


def compute_schedule(
    *,
    base_amount: int,
    base_year: int,
    first_index_year: int | None,
    years: Iterable[int],
    index: Mapping[int, IndexPoint],
    rule: str = PRELIMINARY_FIRST,
    decided: Mapping[int, int] | None = None,
    series_name: str = "OPI",
    one_off_years: Collection[int] = (),
    shares: Mapping[int, proration.YearShare] | None = None,
    level_changes: Sequence[amendments.LevelChange] = (),
    one_off_sums: Mapping[int, int] | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    proration_rule: str = proration.BY_DAYS,
) -> list[YearAmount]:
    """The amount of each requested year (see the module docstring for the rule).
    ``first_index_year=None``: a fixed amount, never indexed. ``one_off_years``: the years
    whose decided amount is a one-off sum (rules that year only). ``shares``: the part of
    a year the period covers (``proration``), a whole year when not given: indexation
    goes on from the yearly level, the year's amount is its part. ``level_changes``: new
    levels from a date (``finance.amendments``), split within ``period`` by
    ``proration_rule``; ``one_off_sums``: sums added to a year by amendments."""
    shares = shares or {}
    one_off_sums = one_off_sums or {}
    decided = decided or {}
    wanted = sorted(set(years))
    if not wanted:
        return []
    results: dict[int, YearAmount] = {}
    previous: int | None = base_amount
    reason = ""
    last = max(wanted)
    for year in range(min(base_year, wanted[0]), last + 1):
        if year < base_year:
            results[year] = YearAmount(
                year,
                None,
                None,
                decided.get(year),
                missing_reason=f"Året ligger före basåret {base_year}",
                share=shares.get(year, proration.WHOLE_YEAR),
            )
            continue
        index_used: AppliedIndex | None = None
        difference: int | None = None
        if year == base_year:
            computed: int | None = base_amount
        elif first_index_year is None or year < first_index_year:
            computed = previous
        else:
            point = index.get(year)
            index_used = applied_index(point, rule)
            if previous is None:
                computed = None
            elif index_used is None:
                computed = None
                reason = missing_text(series_name, year, rule, point)
            else:
                computed = round_kronor(Decimal(previous) * index_factor(index_used.percent))
                if (
                    index_used.kind == "preliminary"
                    and point is not None
                    and point.definitive is not None
                ):
                    with_definitive = round_kronor(
                        Decimal(previous) * index_factor(Decimal(point.definitive))
                    )
                    difference = with_definitive - computed
        row = YearAmount(
            year=year,
            index=index_used,
            computed=computed,
            decided=decided.get(year),
            missing_reason="" if computed is not None else reason,
            definitive_difference=difference,
            one_off=year in one_off_years,
            share=shares.get(year, proration.WHOLE_YEAR),
            one_off_sum=one_off_sums.get(year, 0),
        )
        row = _with_changes(row, level_changes, period, proration_rule)
        results[year] = row
        previous = row.level
        if previous is not None:
            reason = ""
    return [results[year] for year in wanted]


def _with_changes(
    row: YearAmount,
    level_changes: Sequence[amendments.LevelChange],
    period: tuple[dt.date, dt.date] | None,
    rule: str,
) -> YearAmount:
    """The row split at the new levels that amendments give from a date in its year."""
    changes = amendments.changes_in_year(level_changes, row.year)
    if not changes:
        return row
    start, end = period or (dt.date(row.year, 1, 1), dt.date(row.year, 12, 31))
    segments = amendments.split_year(
        year=row.year, before=row.yearly, changes=changes, start=start, end=end, rule=rule
    )
    return replace(
        row, segments=tuple(segments), new_level=amendments.level_after(row.yearly, changes)
    )


def exact_amount(*, base_amount: int, percents: Iterable[Decimal]) -> Decimal:
    """The unrounded product: base x (1 + p1) x (1 + p2) ... (for the drift bound)."""
    value = Decimal(base_amount)
    for percent in percents:
        value *= index_factor(percent)
    return value


def rounding_bound(percents: Iterable[Decimal]) -> Decimal:
    """The most that yearly rounding (at most 0.5 kr a year) can drift from the exact product.

    The error made in year k is carried forward and multiplied by the later factors, so the
    bound is 0.5 x sum over k of (product of the factors after year k)."""
    factors = [index_factor(p) for p in percents]
    bound = Decimal(0)
    carried = Decimal(1)
    for factor in reversed(factors):
        bound += Decimal("0.5") * carried
        carried *= factor
    return bound
