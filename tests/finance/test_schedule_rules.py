"""Payment schedules and caps as pure functions (no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finance import schedule
from finance.caps import cap_state

D = dt.date
FULL = (D(2024, 1, 1), D(2027, 12, 31))


def _plan(kind, amount, year=2025, month=1, period=FULL, **kw):
    return schedule.instalments(
        amount=amount,
        kind=kind,
        year=year,
        payment_month=month,
        period_start=period[0],
        period_end=period[1],
        **kw,
    )


def test_yearly_is_todays_behaviour_one_payment_due_end_of_the_payment_month():
    assert _plan(schedule.YEARLY, 452_948) == [schedule.Instalment(D(2025, 1, 31), 452_948)]


def test_quarterly_splits_equally_rest_on_the_last_and_sums_exactly():
    plan = _plan(schedule.QUARTERLY, 100_001)
    assert [i.due_on for i in plan] == [
        D(2025, 1, 31),
        D(2025, 4, 30),
        D(2025, 7, 31),
        D(2025, 10, 31),
    ]
    assert [i.amount for i in plan] == [25_000, 25_000, 25_000, 25_001]
    assert sum(i.amount for i in plan) == 100_001


def test_half_yearly_and_monthly_step_from_the_payment_month():
    assert [i.due_on.month for i in _plan(schedule.HALF_YEARLY, 10, month=3)] == [3, 9]
    monthly = _plan(schedule.MONTHLY, 120_005)
    assert len(monthly) == 12 and monthly[1].due_on == D(2025, 2, 28)
    assert [i.amount for i in monthly] == [10_000] * 11 + [10_005]


def test_partial_first_year_from_1_july_only_instalments_due_inside_the_period():
    period = (D(2024, 7, 1), D(2026, 6, 30))
    first = _plan(schedule.QUARTERLY, 184_000, year=2024, period=period)
    assert [(i.due_on, i.amount) for i in first] == [
        (D(2024, 7, 31), 92_000),
        (D(2024, 10, 31), 92_000),
    ]
    last = _plan(schedule.QUARTERLY, 181_000, year=2026, period=period)
    assert [i.due_on for i in last] == [D(2026, 1, 31), D(2026, 4, 30)]
    assert sum(i.amount for i in last) == 181_000


def test_a_year_part_without_any_scheduled_date_is_due_in_its_first_month():
    period = (D(2024, 7, 1), D(2026, 6, 30))
    assert _plan(schedule.YEARLY, 50_000, year=2024, period=period) == [
        schedule.Instalment(D(2024, 7, 31), 50_000)
    ]
    # an agreement ending mid-month: never due after its end
    short = (D(2024, 3, 1), D(2024, 3, 15))
    assert _plan(schedule.QUARTERLY, 9, year=2024, period=short) == [
        schedule.Instalment(D(2024, 3, 15), 9)
    ]


def test_unknown_zero_or_outside_period_amount_has_no_instalments():
    assert _plan(schedule.QUARTERLY, None) == []
    assert _plan(schedule.QUARTERLY, 0) == []
    assert _plan(schedule.QUARTERLY, 100, year=2030) == []


def test_given_dates_are_taken_as_given_and_their_difference_reported():
    year = schedule.year_instalments(
        year=2025,
        amount=100_000,
        paid=0,
        kind=schedule.GIVEN_DATES,
        payment_month=1,
        period_start=FULL[0],
        period_end=FULL[1],
        today=D(2025, 1, 1),
        given=[(D(2025, 9, 1), 40_000), (D(2025, 3, 1), 50_000)],
    )
    assert [(i.due_on, i.amount) for i in year.instalments] == [
        (D(2025, 3, 1), 50_000),
        (D(2025, 9, 1), 40_000),
    ]
    assert year.given_difference == 10_000


def test_payments_fill_the_earliest_instalments_and_unpaid_past_due_ones_are_overdue():
    year = schedule.year_instalments(
        year=2025,
        amount=100_000,
        paid=30_000,
        kind=schedule.QUARTERLY,
        payment_month=1,
        period_start=FULL[0],
        period_end=FULL[1],
        today=D(2025, 5, 15),
    )
    assert [i.paid for i in year.instalments] == [25_000, 5_000, 0, 0]
    assert [i.overdue for i in year.instalments] == [False, True, False, False]
    assert [i.status_label for i in year.instalments][:3] == ["Betald", "Försenad", "Planerad"]
    assert year.outstanding == 70_000
    assert year.overdue == 20_000
    assert year.overdue_count == 1
    assert year.surplus == 0


def test_due_on_today_is_not_yet_overdue():
    items = _plan(schedule.YEARLY, 10)
    assert schedule.allocate(items, 0, D(2025, 1, 31))[0].overdue is False
    assert schedule.allocate(items, 0, D(2025, 2, 1))[0].overdue is True
    assert schedule.due_so_far(items, D(2025, 2, 1)) == 10


@given(
    amount=st.integers(min_value=1, max_value=10_000_000_000),
    kind=st.sampled_from(
        [schedule.YEARLY, schedule.HALF_YEARLY, schedule.QUARTERLY, schedule.MONTHLY]
    ),
    month=st.integers(min_value=1, max_value=12),
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2025, 12, 31)),
    days=st.integers(min_value=0, max_value=1500),
)
def test_instalments_always_sum_exactly_to_the_year_and_lie_inside_the_period(
    amount, kind, month, start, days
):
    end = start + dt.timedelta(days=days)
    for year in range(start.year, end.year + 1):
        plan = _plan(kind, amount, year=year, month=month, period=(start, end))
        assert sum(i.amount for i in plan) == amount
        assert all(start <= i.due_on <= end and i.due_on.year == year for i in plan)
        assert max(i.amount for i in plan) - min(i.amount for i in plan) < len(plan)


def test_split_equally_refuses_no_parts():
    with pytest.raises(ValueError):
        schedule.split_equally(10, 0)


# --- caps -------------------------------------------------------------------------------


def test_cap_within_shows_what_is_left():
    state = cap_state(4_000_000, [1_000_000, 1_200_000], [900_000, 1_000_000])
    assert state.amounts_total == 2_200_000
    assert state.paid_total == 1_900_000
    assert state.left == 1_800_000
    assert state.left_to_pay == 2_100_000
    assert not state.passed and state.warnings("Totalt") == []


def test_cap_passed_by_amounts_and_by_payments_warns_for_each():
    state = cap_state(1_000_000, [600_000, 500_000], [1_050_000])
    assert state.amounts_over == 100_000
    assert state.paid_over == 50_000
    assert state.left == 0
    warnings = state.warnings("Totalt")
    assert len(warnings) == 2
    assert "100\u00a0000\u00a0kr över taket på 1\u00a0000\u00a0000\u00a0kr" in warnings[0]
    assert "Utbetalningarna" in warnings[1]


def test_cap_with_an_unknown_year_knows_its_known_part_only():
    state = cap_state(1_000_000, [400_000, None], [])
    assert state.amounts_total is None
    assert state.known_amounts_total == 400_000
    assert state.left == 600_000
