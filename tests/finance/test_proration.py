"""Periods off the calendar (issue 14): parts of a year by days or by whole months."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance import indexation
from finance.ledger import compensation_ledger
from finance.models import Compensation, IndexSeries, IndexValue, Proration
from finance.proration import (
    BY_DAYS,
    BY_MONTHS,
    part_of_year,
    share_text,
    year_share,
)
from partnerships import services as partnership_services

NBSP = "\u00a0"
FAR = dt.date(2099, 12, 31)
EARLY = dt.date(1999, 1, 1)


# --- the rule, without a database -----------------------------------------------------------


def test_from_1_july_in_a_leap_year_by_days():
    share = year_share(2024, dt.date(2024, 7, 1), FAR, BY_DAYS)
    assert share.share == Fraction(184, 366)
    assert part_of_year(366_000, share) == 184_000
    assert share_text(share, 2024, BY_DAYS) == "184 av 366 dagar"


def test_from_1_july_in_a_common_year_by_days():
    share = year_share(2025, dt.date(2025, 7, 1), FAR, BY_DAYS)
    assert share.share == Fraction(184, 365)
    assert part_of_year(365_000, share) == 184_000


def test_until_30_june_by_days_leap_and_common():
    assert year_share(2024, EARLY, dt.date(2024, 6, 30)).share == Fraction(182, 366)
    assert year_share(2025, EARLY, dt.date(2025, 6, 30)).share == Fraction(181, 365)


def test_by_whole_months_the_leap_day_does_not_matter():
    for year in (2024, 2025):
        share = year_share(year, dt.date(year, 5, 1), FAR, BY_MONTHS)
        assert share.share == Fraction(8, 12)
        assert part_of_year(120_000, share) == 80_000
        assert share_text(share, year, BY_MONTHS) == "8 av 12 månader"


def test_by_months_a_month_belongs_to_the_period_holding_its_last_day():
    assert year_share(2025, dt.date(2025, 5, 15), FAR, BY_MONTHS).share == Fraction(8, 12)
    assert year_share(2025, EARLY, dt.date(2025, 5, 14), BY_MONTHS).share == Fraction(4, 12)
    assert year_share(2025, EARLY, dt.date(2025, 5, 31), BY_MONTHS).share == Fraction(5, 12)


def test_a_whole_calendar_year_is_the_yearly_amount_itself():
    share = year_share(2024, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert share.whole
    assert part_of_year(339_690, share) == 339_690


def test_a_year_outside_the_period_is_nothing():
    share = year_share(2023, dt.date(2024, 7, 1), FAR)
    assert share.share == 0 and part_of_year(339_690, share) == 0


def test_rounding_is_half_up_and_the_halves_still_add_up():
    # 1 kr over a common year from 1 July: 184/365 = 0.504 -> 1 kr; the first half 0 kr.
    first = part_of_year(1, year_share(2025, EARLY, dt.date(2025, 6, 30)))
    second = part_of_year(1, year_share(2025, dt.date(2025, 7, 1), FAR))
    assert (first, second) == (0, 1)


# The machine is shared: slow draws are load, not a too-large strategy.
LOADED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
dates_2020_2030 = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@LOADED
@given(
    amount=st.integers(min_value=0, max_value=50_000_000),
    cuts=st.lists(dates_2020_2030, min_size=1, max_size=6),
    year=st.integers(min_value=2020, max_value=2030),
    rule=st.sampled_from([BY_DAYS, BY_MONTHS]),
)
def test_consecutive_parts_of_a_year_sum_to_the_yearly_amount(amount, cuts, year, rule):
    """Cut a year at any days: the periods that follow each other add up to the krona."""
    inside = sorted({d for d in cuts if d.year == year and d != dt.date(year, 1, 1)})
    starts = [dt.date(year, 1, 1), *inside]
    ends = [d - dt.timedelta(days=1) for d in inside] + [dt.date(year, 12, 31)]
    periods = zip(starts, ends, strict=True)
    parts = [part_of_year(amount, year_share(year, s, e, rule)) for s, e in periods]
    assert sum(parts) == amount
    assert all(part >= 0 for part in parts)


@LOADED
@given(
    amount=st.integers(min_value=0, max_value=50_000_000),
    start=dates_2020_2030,
    rule=st.sampled_from([BY_DAYS, BY_MONTHS]),
)
def test_a_part_is_the_share_rounded_within_a_krona(amount, start, rule):
    share = year_share(start.year, start, FAR, rule)
    assert abs(part_of_year(amount, share) - amount * share.share) <= 1
    assert part_of_year(amount, share) == part_of_year(amount, share)  # deterministic


def test_indexation_goes_on_from_the_yearly_level_not_from_the_part():
    shares = {
        2024: year_share(2024, dt.date(2024, 7, 1), dt.date(2026, 6, 30)),
        2026: year_share(2026, dt.date(2024, 7, 1), dt.date(2026, 6, 30)),
    }
    rows = indexation.compute_schedule(
        base_amount=366_000, base_year=2023, first_index_year=2025, years=[2024, 2025, 2026],
        index={2025: indexation.IndexPoint(Decimal("2.0")),
               2026: indexation.IndexPoint(Decimal("1.0"))},
        shares=shares,
    )  # fmt: skip
    assert [r.yearly for r in rows] == [366_000, 373_320, 377_053]
    # 2024: 184/366 of 366 000; 2026: 181/365 of 377 053 = 186 976.97 -> 186 977.
    assert [r.amount for r in rows] == [184_000, 373_320, 186_977]


# --- with the database ---------------------------------------------------------------------


@pytest.fixture
def july_agreement(world):
    agreement = world.agreement
    agreement.period_start, agreement.period_end = dt.date(2024, 7, 1), dt.date(2026, 6, 30)
    agreement.save()
    return agreement


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "first", "last"),
    [(Proration.BY_DAYS, 184_000, 181_496), (Proration.BY_MONTHS, 183_000, 183_000)],
)
def test_ledger_splits_the_first_and_last_years(july_agreement, world, rule, first, last):
    compensation = Compensation.objects.create(
        agreement=july_agreement, party=july_agreement.parties.get(organisation=world.association),
        base_amount=366_000, base_year=2024, fixed=True, proration=rule,
    )  # fmt: skip
    ledger = compensation_ledger(compensation, dt.date(2025, 1, 1))
    # 2026 by days: 181/365 of 366 000 = 181 495.9 -> 181 496.
    assert [r.schedule.amount for r in ledger.rows] == [first, 366_000, last]
    assert ledger.rows[0].expected == first


@pytest.mark.django_db
def test_economy_tab_states_the_rule_and_each_partial_year(july_agreement, world, client_for):
    party = july_agreement.parties.get(organisation=world.association)
    Compensation.objects.create(
        agreement=july_agreement, party=party, base_amount=366_000, base_year=2024, fixed=True
    )
    page = client_for(world.admin).get(reverse("finance:economy", args=[july_agreement.pk]))
    body = page.content.decode()
    assert "Ett delår räknas efter dagar" in body
    assert "delår: 184 av 366 dagar av 366" in body
    assert f"184{NBSP}000{NBSP}kr" in body


@pytest.mark.django_db
def test_renewal_continues_from_the_yearly_level_and_keeps_the_rule(july_agreement, world):
    opi = IndexSeries.objects.get(name="OPI")
    IndexValue.objects.update_or_create(series=opi, year=2025, defaults={"preliminary_percent": 2})
    IndexValue.objects.update_or_create(series=opi, year=2026, defaults={"preliminary_percent": 1})
    party = july_agreement.parties.get(organisation=world.association)
    Compensation.objects.create(
        agreement=july_agreement, party=party, base_amount=366_000, base_year=2024,
        index_series=opi, first_index_year=2025, proration=Proration.BY_MONTHS,
    )  # fmt: skip
    successor = partnership_services.agreement_start_renewal(agreement=july_agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    # The level of 2026 is the yearly 377 053, not its half-year part.
    assert (continued.base_year, continued.base_amount) == (2026, 377_053)
    assert continued.proration == Proration.BY_MONTHS
