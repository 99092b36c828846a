"""The index series is chosen per compensation: in one agreement a municipality's party
follows SKR's OPI and a region's party the region's own LPIK (issue 14)."""

from decimal import Decimal

from django.urls import reverse

from finance.models import IndexSeries
from tests.factories import OrganisationFactory, PartyFactory

from .factories import CompensationFactory, IndexValueFactory


def test_two_compensations_of_one_agreement_follow_their_own_series(world, client_for):
    region = OrganisationFactory(public=True, name="Region Östergötland")
    PartyFactory(agreement=world.agreement, organisation=region)
    lpik = IndexSeries.objects.create(name="LPIK", owner=region)
    club = OrganisationFactory(name="Fotbollsklubben Ljungsbro")
    club_party = PartyFactory(agreement=world.agreement, organisation=club)
    own = world.agreement.parties.get(organisation=world.association)
    CompensationFactory(party=own, base_amount=300_000, base_year=2023, first_index_year=2024)
    IndexValueFactory(year=2024, definitive_percent=Decimal("3.0"))
    CompensationFactory(
        party=club_party,
        base_amount=300_000,
        base_year=2023,
        first_index_year=2024,
        index_series=lpik,
    )
    IndexValueFactory(series=lpik, year=2024, definitive_percent=Decimal("2.0"))
    client = client_for(world.admin)
    body = client.get(reverse("finance:economy", args=[world.agreement.pk])).content.decode()
    body = " ".join(body.replace("\xa0", " ").split())
    assert "OPI från 2024" in body and "LPIK från 2024" in body
    assert "309 000 kr" in body  # 300 000 x 1.030
    assert "306 000 kr" in body  # 300 000 x 1.020
    # The region's own series is offered to this agreement's compensations, not elsewhere.
    url = reverse("finance:compensation_create", args=[world.agreement.pk])
    form = client.get(url).context["form"]
    assert lpik in form.fields["index_series"].queryset
    other = reverse("finance:compensation_create", args=[world.other_agreement.pk])
    assert client.get(other).status_code == 404
    assert club_party.compensations.get().index_series == lpik
