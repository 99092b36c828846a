"""A party that joins or leaves by amendment (issue 14): its money follows its own
membership, from the day it joins until the day before it leaves, split by the
agreement's rule (days or whole months). Pure functions, no database."""

import datetime as dt

from finance import indexation
from finance import schedule as payment_plan
from finance.amendments import party_year_shares
from finance.proration import BY_DAYS, BY_MONTHS
from partnerships.amendments import AmendmentTerms, party_period

D = dt.date
START, END = D(2024, 1, 1), D(2026, 12, 31)
YEARS = [2024, 2025, 2026]


def joins(day):
    return AmendmentTerms(decided_on=day, party_change="joins", party_change_on=day)


def leaves(day):
    return AmendmentTerms(decided_on=day, party_change="leaves", party_change_on=day)


def amounts(changes, *, base=365_000, rule=BY_DAYS, index=None, first_index_year=None):
    start, end = party_period(START, END, changes)
    rows = indexation.compute_schedule(
        base_amount=base,
        base_year=2024,
        first_index_year=first_index_year,
        years=YEARS,
        index=index or {},
        shares=party_year_shares(YEARS, start, end, rule),
        period=(start, end),
        proration_rule=rule,
    )
    return [row.amount for row in rows]


def test_a_party_joining_1_september_gets_money_from_that_date_by_days():
    # 2025: 1 September - 31 December is 122 of 365 days.
    assert amounts([joins(D(2025, 9, 1))]) == [0, 122_000, 365_000]


def test_joining_in_a_leap_year_by_days_and_by_months():
    # 2024 has 366 days: from 1 March is 306 of 366 days (60 days before it).
    assert amounts([joins(D(2024, 3, 1))], base=366_000) == [306_000, 366_000, 366_000]
    # By whole months the leap day does not matter: 10 of 12 months.
    assert amounts([joins(D(2024, 3, 1))], base=366_000, rule=BY_MONTHS) == [
        305_000, 366_000, 366_000,
    ]  # fmt: skip


def test_a_party_leaving_stops_at_its_date_and_has_nothing_after():
    # Leaves 1 July 2025: 181 of 365 days of 2025, nothing in 2026.
    assert amounts([leaves(D(2025, 7, 1))]) == [365_000, 181_000, 0]


def test_a_party_that_joins_and_later_leaves_has_both_dates():
    changes = [leaves(D(2026, 3, 1)), joins(D(2024, 9, 1))]  # the order recorded is no matter
    assert party_period(START, END, changes) == (D(2024, 9, 1), D(2026, 2, 28))
    assert amounts(changes, rule=BY_MONTHS, base=120_000) == [40_000, 120_000, 20_000]
    # By days in the leap year 2024: 122 of 366 days; 2026: 59 of 365 days.
    assert amounts(changes, base=366_000) == [122_000, 366_000, 59_162]


def test_a_year_after_leaving_is_never_unknown_for_want_of_an_index():
    # Indexed from 2025, but no index value for 2026: the party left in 2025, so its 2026
    # amount is 0 kr, not unknown.
    index = {2025: indexation.IndexPoint(preliminary=indexation.Decimal("2.0"))}
    result = amounts([leaves(D(2025, 7, 1))], index=index, first_index_year=2025)
    assert result == [365_000, round(372_300 * 181 / 365), 0]


def test_the_payment_schedule_follows_the_partys_own_period():
    start, end = party_period(START, END, [joins(D(2025, 9, 1))])
    due = payment_plan.instalments(
        amount=122_000, kind=payment_plan.QUARTERLY, year=2025, payment_month=1,
        period_start=start, period_end=end,
    )  # fmt: skip
    # Quarterly from January: only October's instalment lies after 1 September.
    assert due == [payment_plan.Instalment(D(2025, 10, 31), 122_000)]
    assert payment_plan.instalments(
        amount=0, kind=payment_plan.QUARTERLY, year=2024, payment_month=1,
        period_start=start, period_end=end,
    ) == []  # fmt: skip
