"""A new round is offered the agreement year that holds today, as the plan counts it."""

import datetime as dt

import time_machine

from followups.forms import RoundForm
from followups.schedule import default_round_period
from partnerships.models import Agreement

D = dt.date


def test_calendar_year_plan_offers_the_calendar_year():
    assert default_round_period(
        today=D(2025, 5, 3), period_start=D(2024, 1, 1), period_end=D(2026, 12, 31)
    ) == (D(2025, 1, 1), D(2025, 12, 31), D(2025, 12, 15))


def test_july_to_june_plan_offers_july_to_june():
    assert default_round_period(
        today=D(2025, 3, 10), period_start=D(2024, 7, 1), period_end=D(2027, 6, 30)
    ) == (D(2024, 7, 1), D(2025, 6, 30), D(2025, 6, 14))
    assert default_round_period(
        today=D(2025, 7, 1), period_start=D(2024, 7, 1), period_end=D(2027, 6, 30)
    )[:2] == (D(2025, 7, 1), D(2026, 6, 30))


def test_before_and_after_the_agreement_the_first_and_last_year():
    start, end = D(2024, 7, 1), D(2027, 6, 30)
    assert default_round_period(today=D(2023, 1, 1), period_start=start, period_end=end)[:2] == (
        D(2024, 7, 1),
        D(2025, 6, 30),
    )
    assert default_round_period(today=D(2030, 1, 1), period_start=start, period_end=end)[:2] == (
        D(2026, 7, 1),
        D(2027, 6, 30),
    )


def test_a_short_last_year_ends_with_the_agreement():
    assert default_round_period(
        today=D(2026, 8, 1), period_start=D(2024, 7, 1), period_end=D(2026, 12, 31)
    ) == (D(2026, 7, 1), D(2026, 12, 31), D(2026, 12, 31))


@time_machine.travel(dt.datetime(2025, 2, 1, 12, 0), tick=False)
def test_round_form_defaults_follow_the_plan_year():
    agreement = Agreement(period_start=D(2024, 7, 1), period_end=D(2027, 6, 30))
    form = RoundForm(agreement=agreement)
    assert form.initial["period_start"] == D(2024, 7, 1)
    assert form.initial["period_end"] == D(2025, 6, 30)
