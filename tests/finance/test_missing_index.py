"""``missing_index_values`` loads only compensations that can have an unknown year; the
result must equal the full computation over every visible compensation."""

import datetime as dt
from decimal import Decimal

import pytest

from finance import selectors
from finance.models import Compensation, IndexRule, IndexValue
from tests.finance.factories import CompensationFactory, opi

TODAY = dt.date(2026, 11, 23)


def _brute_force(user, today):
    """The rule without the pruning: every approved, started compensation in scope."""
    points = selectors.index_points()
    found = []
    for compensation in selectors.ledger_queryset(
        selectors.compensations_visible_to(user).filter(
            agreement__approved=True, agreement__period_start__year__lte=today.year
        )
    ).order_by("agreement__period_end", "party__organisation__name"):
        years = [y for y in selectors.agreement_years(compensation.agreement) if y <= today.year]
        ledger = selectors.build_ledger(compensation, points, today, years=years)
        unknown = [
            r for r in ledger.rows if r.schedule.amount is None and r.schedule.missing_reason
        ]
        if unknown:
            found.append(
                (
                    compensation.pk,
                    unknown[0].schedule.missing_reason,
                    tuple(r.year for r in unknown),
                )
            )
    return found


def _same(user, today=TODAY):
    expected = _brute_force(user, today)
    names = dict(Compensation.objects.values_list("pk", "party__organisation__name"))
    agreements = dict(Compensation.objects.values_list("pk", "agreement_id"))
    expected = [(agreements[pk], names[pk], reason, years) for pk, reason, years in expected]
    actual = [
        (m.agreement.pk, m.organisation_name, m.reason, m.years)
        for m in selectors.missing_index_values(user, today)
    ]
    assert actual == expected
    return actual


@pytest.mark.parametrize("user_key", ["admin", "iogt", "outsider"])
def test_same_result_as_full_computation_with_gap_in_opi(seeded, user_key):
    _same(seeded.users[user_key])


def test_nothing_is_missing_once_the_index_is_complete(seeded):
    for year in (2024, 2025, 2026):
        IndexValue.objects.update_or_create(
            series=opi(), year=year, defaults={"definitive_percent": Decimal("2.0")}
        )
    assert _same(seeded.users["admin"]) == []


def test_year_before_base_year_and_definitive_rule_are_still_found(seeded):
    for year in (2024, 2025, 2026):
        IndexValue.objects.update_or_create(
            series=opi(), year=year, defaults={"preliminary_percent": Decimal("2.0")}
        )
    agreement = seeded.agreements["2024"]
    CompensationFactory(party__agreement=agreement, base_year=2025, first_index_year=2026)
    CompensationFactory(
        party__agreement=agreement,
        base_year=2023,
        first_index_year=2024,
        index_rule=IndexRule.DEFINITIVE,
    )
    found = _same(seeded.users["admin"])
    assert len(found) == 2
    assert any("före basåret" in reason for _, _, reason, _ in found)
    assert any(reason.startswith("Definitivt OPI för 2024") for _, _, reason, _ in found)


def test_gap_before_the_agreement_makes_its_years_unknown(seeded):
    IndexValue.objects.filter(series=opi(), year=2015).delete()
    CompensationFactory(
        party__agreement=seeded.agreements["2024"], base_year=2014, first_index_year=2015
    )
    found = _same(seeded.users["admin"])
    assert any(reason == "OPI för 2015 saknas" for _, _, reason, _ in found)
