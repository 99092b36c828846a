"""The money side of a renewal: compensation continues from the current indexed level."""

import datetime as dt

import pytest

from finance.models import Compensation, IndexSeries, IndexValue, Payment
from partnerships import services
from partnerships.models import Agreement
from tests.factories import OrganisationFactory, agreement_with_parties

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement_2024(world):
    opi = IndexSeries.objects.get(name="OPI")
    agreement = world.agreement  # 2024-01-01 .. 2026-12-31
    party = agreement.parties.get(organisation=world.association)
    return agreement, Compensation.objects.create(
        agreement=agreement,
        party=party,
        base_amount=339_690,
        base_year=2023,
        index_series=opi,
        first_index_year=2024,
    )


def test_successor_continues_from_the_last_known_level_when_index_is_missing(agreement_2024):
    agreement, compensation = agreement_2024
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    # OPI 2024-2026 is not in the records: the level stays at 2023, indexed from 2024,
    # so the successor shows the same missing-value warnings instead of a silent zero.
    assert (continued.base_year, continued.base_amount) == (2023, 339_690)
    assert continued.first_index_year == 2024
    assert continued.continues_from == compensation
    assert continued.party.organisation == compensation.party.organisation


def test_successor_continues_from_the_indexed_level_of_the_last_year(agreement_2024):
    agreement, compensation = agreement_2024
    opi = IndexSeries.objects.get(name="OPI")
    for year, percent in [(2024, "4.1"), (2025, "3.0"), (2026, "2.5")]:
        IndexValue.objects.update_or_create(
            series=opi, year=year, defaults={"preliminary_percent": percent}
        )
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    # 339 690 x 1.041 = 353 617.29 -> 353 617; x 1.030 = 364 225.51 -> 364 226;
    # x 1.025 = 373 331.65 -> 373 332 (whole kronor, half up, each year).
    assert (continued.base_year, continued.base_amount) == (2026, 373_332)
    assert continued.first_index_year == 2027


def test_continuation_follows_an_organisation_to_its_successor(world):
    opi = IndexSeries.objects.get(name="OPI")
    sion = OrganisationFactory(name="Sion")
    pingst = OrganisationFactory(name="Pingst")
    sion.successor = pingst
    sion.save()
    agreement = agreement_with_parties(
        world.municipality,
        sion,
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    Compensation.objects.create(
        agreement=agreement,
        party=agreement.parties.get(organisation=sion),
        base_amount=400_000,
        base_year=2018,
        index_series=opi,
        first_index_year=2019,
    )
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    assert continued.party.organisation == pingst
    assert (continued.base_year, continued.base_amount) == (2020, 423_124)


def test_declining_removes_the_drafts_money_rows(agreement_2024):
    agreement, _ = agreement_2024
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    services.renewal_decide(
        agreement=agreement, outcome="declined", decided_on=dt.date(2026, 11, 20)
    )
    assert not Agreement.objects.filter(pk=successor.pk).exists()
    assert not Compensation.objects.filter(agreement_id=successor.pk).exists()


def test_a_draft_with_payments_cannot_be_discarded(agreement_2024, world):
    agreement, _ = agreement_2024
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    Payment.objects.create(
        agreement=successor,
        compensation=continued,
        year=2027,
        amount=1,
        paid_on=dt.date(2027, 1, 10),
        reference="X-1",
    )
    with pytest.raises(services.RenewalError):
        services.renewal_decide(
            agreement=agreement, outcome="declined", decided_on=dt.date(2026, 11, 20)
        )
    assert Agreement.objects.filter(pk=successor.pk).exists()


def _chain_of(world, length: int):
    """``length`` consecutive agreements of three years, each compensation continuing the
    previous one; returns the last agreement."""
    from tests.finance.factories import CompensationFactory

    previous_agreement, previous_compensation = None, None
    for n in range(length):
        agreement = agreement_with_parties(
            world.municipality,
            world.association,
            predecessor=previous_agreement,
            period_start=dt.date(2000 + 3 * n, 1, 1),
            period_end=dt.date(2002 + 3 * n, 12, 31),
        )
        previous_compensation = CompensationFactory(
            agreement=agreement,
            party=agreement.parties.get(organisation=world.association),
            base_year=1999 + 3 * n,
            first_index_year=2000 + 3 * n,
            continues_from=previous_compensation,
        )
        previous_agreement = agreement
    return previous_agreement


def test_economy_queries_do_not_grow_with_the_renewal_chain(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.admin)
    counts = []
    for length in (2, 6):
        last = _chain_of(world, length)
        url = f"/ekonomi/overenskommelser/{last.pk}/"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
