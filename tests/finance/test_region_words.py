"""A region's economy says "regionen", never "kommunen" (issue 14)."""

from django.urls import reverse

from partnerships.models import PublicKind


def test_a_regions_economy_tab_says_regionen(seeded, client_for):
    agreement = seeded.agreements["2021"]
    municipality = agreement.municipality
    client = client_for(seeded.users["admin"])
    url = reverse("finance:economy", args=[agreement.pk])
    assert "Summa ersättning från kommunen per år" in client.get(url).content.decode()

    municipality.public_kind = PublicKind.REGION
    municipality.save()
    body = client.get(url).content.decode()
    assert "Summa ersättning från regionen per år" in body
    assert "från kommunen" not in body and "Kommunens" not in body
