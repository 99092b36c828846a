"""A published list with everything that must NOT leak next to what must be shown."""

import datetime as dt

import pytest
import time_machine

from partnerships.models import Sector, Termination
from publication.models import Publication
from tests.factories import ContactPersonFactory, agreement_with_parties
from tests.finance.factories import CompensationFactory, DecidedAmountFactory, PaymentFactory
from tests.followups.factories import NoteFactory, RoundFactory

# Text that is in the database but must never appear on a public page or download.
SECRETS = [
    "HEMLIG-BAKGRUND",
    "UTKAST-IOP",
    "hemlig.kontakt@example.org",
    "Kontakt Hemlig",
    "HEMLIG-BERATTELSE",
    "HEMLIG-BETALREF",
    "HEMLIG-UPPSAGNINGSSKAL",
    "HEMLIG-BESLUTSANTECKNING",
    "Annan kommuns IOP",
]


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def published(world, frozen):
    agreement = world.agreement
    agreement.background = "HEMLIG-BAKGRUND i texten"
    agreement.save()
    idea_party = agreement.parties.get(role=Sector.IDEA_BASED)
    compensation = CompensationFactory(
        party=idea_party, base_amount=100_000, base_year=2023, first_index_year=2024
    )
    for year, amount in ((2024, 101_000), (2025, 102_000), (2026, 103_000)):
        DecidedAmountFactory(
            compensation=compensation, year=year, amount=amount, note="HEMLIG-BESLUTSANTECKNING"
        )
    PaymentFactory(
        compensation=compensation, year=2024, amount=101_000, reference="HEMLIG-BETALREF"
    )
    ContactPersonFactory(
        organisation=world.association, name="Kontakt Hemlig", email="hemlig.kontakt@example.org"
    )
    round_ = RoundFactory(agreement=agreement)
    NoteFactory(
        round=round_,
        organisation=world.association,
        goal=agreement.goals.first(),
        narrative="HEMLIG-BERATTELSE",
    )
    draft = agreement_with_parties(
        world.municipality, world.association, title="UTKAST-IOP", approved=False
    )
    ended = agreement_with_parties(
        world.municipality,
        world.other_association,
        title="Uppsagd IOP",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2025, 12, 31),
        registry_number="SOCN 2021-0099",
    )
    Termination.objects.create(
        agreement=ended,
        given_by=world.municipality,
        notice_date=dt.date(2024, 3, 1),
        reason="HEMLIG-UPPSAGNINGSSKAL",
    )
    publication = Publication.objects.create(
        organisation=world.municipality, slug="linkopings-kommun", enabled=True
    )
    Publication.objects.create(organisation=world.other_municipality, slug="annan-kommun")
    return {
        "publication": publication,
        "agreement": agreement,
        "draft": draft,
        "ended": ended,
        "compensation": compensation,
    }
