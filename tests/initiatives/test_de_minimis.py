"""The rolling three-year window, the conversion at the recorded rate and both caps:
pure functions, no database."""

import datetime as dt
from decimal import Decimal

import pytest

from initiatives.de_minimis import (
    GENERAL_CAP_EUR,
    SGEI_CAP_EUR,
    Grant,
    cap_check,
    counted_total,
    in_window,
    sek_to_eur,
    window_start,
)

D = Decimal


def test_window_is_three_years_back_to_the_day_after():
    assert window_start(dt.date(2026, 3, 15)) == dt.date(2023, 3, 16)
    assert window_start(dt.date(2026, 1, 1)) == dt.date(2023, 1, 2)


def test_window_from_29_february_starts_on_1_march():
    assert window_start(dt.date(2028, 2, 29)) == dt.date(2025, 3, 1)


def test_grants_across_the_year_boundary_count_until_three_years_have_passed():
    december = Grant(dt.date(2023, 12, 20), D("100000"))
    assert in_window(december, dt.date(2026, 12, 19))
    assert not in_window(december, dt.date(2026, 12, 20))  # three full years later
    assert not in_window(Grant(dt.date(2027, 1, 5), D("1")), dt.date(2026, 12, 31))  # future


def test_conversion_at_the_recorded_rate_to_the_cent():
    assert sek_to_eur(D("1000000"), D("11.2345")) == D("89011.53")  # 89 011,527...
    assert sek_to_eur(D("339690"), D("10.95")) == D("31021.92")
    with pytest.raises(ValueError):
        sek_to_eur(D("1"), D("0"))


def test_general_cap_warns_only_when_the_new_grant_would_pass_300000():
    grants = [
        Grant(dt.date(2024, 2, 1), D("150000")),
        Grant(dt.date(2025, 6, 1), D("100000"), grantor="Region Östergötland"),
        Grant(dt.date(2022, 6, 1), D("250000")),  # outside the window of 2026-01-10
    ]
    day = dt.date(2026, 1, 10)
    ok = cap_check(grants, decision_date=day, proposed_eur=D("50000"))
    assert ok.counted_eur == D("250000") and ok.total_eur == GENERAL_CAP_EUR
    assert not ok.exceeds and ok.warning == ""
    over = cap_check(grants, decision_date=day, proposed_eur=D("50000.01"))
    assert over.exceeds
    assert over.remaining_eur == D("50000")
    assert "300 000,00 euro" in over.warning and "2023-01-11" in over.warning


def test_sgei_cap_of_750000_counts_general_aid_too_and_general_cap_ignores_sgei_aid():
    grants = [
        Grant(dt.date(2025, 1, 1), D("500000"), sgei=True),
        Grant(dt.date(2025, 2, 1), D("200000")),
    ]
    day = dt.date(2026, 1, 1)
    assert counted_total(grants, day, sgei=False) == D("200000")
    assert counted_total(grants, day, sgei=True) == D("700000")
    sgei = cap_check(grants, decision_date=day, proposed_eur=D("50000"), sgei=True)
    assert sgei.cap_eur == SGEI_CAP_EUR and not sgei.exceeds
    assert cap_check(grants, decision_date=day, proposed_eur=D("50001"), sgei=True).exceeds
    general = cap_check(grants, decision_date=day, proposed_eur=D("100001"))
    assert general.cap_eur == GENERAL_CAP_EUR and general.exceeds
