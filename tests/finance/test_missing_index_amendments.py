"""The missing-index list and the start page's warning take amendments into account
(issue 14): a new level indexed from a year whose index is missing appears; a year an
amendment's new level covers from 1 January, and the years after a party has left, do not."""

import datetime as dt
from decimal import Decimal

import pytest

from finance import selectors
from finance.attention import attention_items
from finance.models import AmountChange, Compensation, IndexValue
from partnerships.models import Amendment
from tests.finance.factories import IndexValueFactory, opi

TODAY = dt.date(2026, 11, 23)
D = dt.date


@pytest.fixture
def compensation(world):
    IndexValue.objects.filter(year__gte=2024).delete()  # nothing published after 2023
    return Compensation.objects.create(
        agreement=world.agreement,  # 2024-01-01 - 2026-12-31
        party=world.agreement.parties.get(organisation=world.association),
        base_amount=500_000,
        base_year=2024,
        first_index_year=2025,
        index_series=opi(),
    )


def _amendment(world, **fields):
    return Amendment.objects.create(
        agreement=world.agreement, decided_on=D(2024, 11, 12), board=world.agreement.board,
        paragraph="§ 87", title="Tilläggsbeslut", **fields,
    )  # fmt: skip


def _new_level(world, compensation, effective_from, amount):
    AmountChange.objects.create(
        amendment=_amendment(world), compensation=compensation,
        effective_from=effective_from, amount=amount,
    )  # fmt: skip


def _missing(world):
    return [(m.organisation_name, m.reason, m.years)
            for m in selectors.missing_index_values(world.admin, TODAY)]  # fmt: skip


@pytest.mark.django_db
def test_without_amendments_the_missing_years_are_listed(world, compensation):
    assert _missing(world) == [(world.association.name, "OPI för 2025 saknas", (2025, 2026))]


@pytest.mark.django_db
def test_a_new_level_from_1_january_covers_its_year_and_is_indexed_after(world, compensation):
    _new_level(world, compensation, D(2025, 1, 1), 600_000)
    # 2025 is the amendment's level (not indexed that year); 2026 is indexed from it, and
    # OPI 2026 is missing.
    assert _missing(world) == [(world.association.name, "OPI för 2026 saknas", (2026,))]
    (item,) = attention_items(world.admin, TODAY)
    assert "OPI för 2026 saknas" in item.text and "kan inte räknas fram för 2026." in item.text


@pytest.mark.django_db
def test_a_new_level_from_mid_year_of_a_missing_index_still_appears(world, compensation):
    IndexValueFactory(year=2026, preliminary_percent=Decimal("2.0"))
    _new_level(world, compensation, D(2025, 7, 1), 600_000)
    # The first half of 2025 is indexed by the missing OPI 2025: the year is unknown; 2026
    # goes on from the new level and is known.
    assert _missing(world) == [(world.association.name, "OPI för 2025 saknas", (2025,))]


@pytest.mark.django_db
def test_the_years_after_a_party_has_left_are_not_listed(world, compensation):
    IndexValueFactory(year=2025, preliminary_percent=Decimal("2.0"))
    _amendment(world, party=compensation.party, party_change="leaves",
               party_change_on=D(2025, 7, 1))  # fmt: skip
    # OPI 2026 is missing, but the party is no party in 2026: nothing is unknown.
    assert _missing(world) == []
    assert attention_items(world.admin, TODAY) == []
