"""SKR's shared OPI is changed by operators only; a public body keeps its own series,
seen and changed by its administrators alone, chosen per compensation (issue 11)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import Compensation, IndexSeries, IndexValue
from tests.factories import UserFactory
from tests.finance.test_views import kr

pytestmark = pytest.mark.django_db


def opi_2023() -> IndexValue:
    return IndexValue.objects.get(series__name="OPI", series__owner__isnull=True, year=2023)


def value_post(value: IndexValue, **overrides) -> dict:
    data = {
        "series": value.series_id,
        "year": str(value.year),
        "preliminary_percent": "40",
        "definitive_percent": "40",
        "source": "kapad",
        "version": str(value.version),
    }
    data.update(overrides)
    return data


def overview_2023(client) -> str:
    return client.get(reverse("finance:overview") + "?ar=2023").content.decode()


def test_other_municipalitys_admin_cannot_change_skrs_2023_value(seeded, client_for):
    value = opi_2023()
    before = (value.preliminary_percent, value.definitive_percent, value.version)
    board_staff = client_for(seeded.users["board_staff"])
    assert kr(792_638) in overview_2023(board_staff)
    client = client_for(seeded.users["outsider"])
    url = reverse("finance:index_value_update", args=[value.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, value_post(value)).status_code == 403
    # Nor through a new value or the import aimed at the shared series.
    response = client.post(reverse("finance:index_value_create"), value_post(value, year="2031"))
    assert response.status_code == 400
    assert not IndexValue.objects.filter(year=2031).exists()
    value.refresh_from_db()
    assert (value.preliminary_percent, value.definitive_percent, value.version) == before
    assert kr(792_638) in overview_2023(client_for(seeded.users["board_staff"]))


def test_linkopings_own_admin_cannot_change_the_shared_series_either(seeded, client_for):
    url = reverse("finance:index_value_update", args=[opi_2023().pk])
    response = client_for(seeded.users["admin"]).get(url)
    assert response.status_code == 403
    assert "driftansvarig" in response.content.decode()


def test_operator_changes_the_shared_series(seeded, client_for, operator):
    value = opi_2023()
    url = reverse("finance:index_value_update", args=[value.pk])
    response = client_for(operator).post(url, value_post(value, preliminary_percent="4,7"))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.preliminary_percent == Decimal("4.7")


def test_a_bodys_own_series_is_its_own(seeded, client_for):
    outsider = seeded.users["outsider"]
    client = client_for(outsider)
    response = client.post(reverse("finance:index_series_create"), {"name": "OPI"})
    assert response.status_code == 302  # its own OPI, beside the shared one
    own = IndexSeries.objects.get(owner=outsider.organisation)
    response = client.post(
        reverse("finance:index_value_create"),
        {"series": own.pk, "year": "2023", "definitive_percent": "40", "version": ""},
    )
    assert response.status_code == 302
    own_value = IndexValue.objects.get(series=own)
    # Linköping neither sees nor reaches it, and its figures do not move.
    linkoping = client_for(seeded.users["admin"])
    page = linkoping.get(reverse("finance:index_values")).content.decode()
    assert "Egen serie för" not in page
    url = reverse("finance:index_value_update", args=[own_value.pk])
    assert linkoping.get(url).status_code == 404
    assert kr(792_638) in overview_2023(client_for(seeded.users["board_staff"]))
    # Another administrator of the same body keeps it too.
    colleague = UserFactory(organisation=outsider.organisation)
    assert client_for(colleague).get(url).status_code == 200


def test_compensation_offers_only_shared_and_own_series(seeded, client_for):
    other = IndexSeries.objects.create(name="Egen", owner=seeded.users["outsider"].organisation)
    compensation = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:compensation_update", args=[compensation.agreement_id, compensation.pk])
    client = client_for(seeded.users["admin"])
    form = client.get(url).context["form"]
    assert other not in form.fields["index_series"].queryset
    own = IndexSeries.objects.create(name="Egen", owner=seeded.users["admin"].organisation)
    form = client.get(url).context["form"]
    assert own in form.fields["index_series"].queryset
