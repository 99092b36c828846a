import datetime as dt
import itertools

import pytest

from partnerships.models import Agreement
from partnerships.rules import (
    AgreementStatus,
    add_months,
    agreement_status,
    last_notice_date,
    months_and_days_left,
    termination_end_date,
)
from tests.factories import AgreementFactory, OrganisationFactory, TerminationFactory

D = dt.date


def test_add_months_clamps_to_the_end_of_a_short_month():
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2026, 12, 31), -6) == D(2026, 6, 30)


def test_notice_runs_six_months_from_the_day_it_is_given():
    end = termination_end_date(
        notice_date=D(2025, 3, 15), notice_months=6, period_end=D(2026, 12, 31)
    )
    assert end == D(2025, 9, 15)


def test_notice_never_runs_past_the_period_end():
    end = termination_end_date(
        notice_date=D(2026, 10, 1), notice_months=6, period_end=D(2026, 12, 31)
    )
    assert end == D(2026, 12, 31)


def test_last_notice_date_is_end_minus_notice_period():
    assert last_notice_date(period_end=D(2026, 12, 31), notice_months=6) == D(2026, 6, 30)


@pytest.mark.parametrize(
    ("approved", "notice", "today", "expected"),
    [
        (False, None, D(2025, 1, 1), AgreementStatus.DRAFT),
        (True, None, D(2023, 12, 31), AgreementStatus.APPROVED),
        (True, None, D(2024, 1, 1), AgreementStatus.ACTIVE),
        (True, None, D(2026, 12, 31), AgreementStatus.ACTIVE),
        (True, None, D(2027, 1, 1), AgreementStatus.ENDED),
        (True, D(2025, 3, 1), D(2025, 2, 28), AgreementStatus.ACTIVE),
        (True, D(2025, 3, 1), D(2025, 3, 1), AgreementStatus.TERMINATED),
        (True, D(2025, 3, 1), D(2027, 6, 1), AgreementStatus.TERMINATED),
    ],
)
def test_status_follows_the_dates(approved, notice, today, expected):
    status = agreement_status(
        approved=approved,
        period_start=D(2024, 1, 1),
        period_end=D(2026, 12, 31),
        notice_date=notice,
        today=today,
    )
    assert status == expected


def test_time_left_counts_months_and_days_to_the_last_day():
    assert months_and_days_left(today=D(2026, 11, 23), end=D(2026, 12, 31)) == (1, 9)
    assert months_and_days_left(today=D(2027, 1, 1), end=D(2026, 12, 31)) == (0, 0)


@pytest.mark.django_db
def test_database_status_annotation_agrees_with_the_python_rule():
    agreements = []
    for approved, with_notice in itertools.product([True, False], [True, False]):
        agreement = AgreementFactory(approved=approved)
        if with_notice:
            TerminationFactory(
                agreement=agreement, given_by=OrganisationFactory(), notice_date=D(2025, 3, 1)
            )
        agreements.append(agreement)
    for today in [D(2023, 6, 1), D(2024, 1, 1), D(2025, 3, 1), D(2026, 12, 31), D(2027, 1, 1)]:
        annotated = {a.pk: a.current_status for a in Agreement.objects.with_status(today)}
        for agreement in Agreement.objects.select_related("termination"):
            assert annotated[agreement.pk] == agreement.status_on(today).value, (today, agreement)
