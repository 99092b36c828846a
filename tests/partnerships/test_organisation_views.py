import pytest
from django.urls import reverse

from partnerships.models import ContactPerson, Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def org_data(**overrides):
    data = {
        "name": "Stadsmissionen",
        "organisation_number": "802506-5742",
        "sector": "idea_based",
        "street_address": "Storgatan 1",
        "postal_code": "582 22",
        "city": "Linköping",
        "successor": "",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": "Kim Kontakt",
        "contacts-0-email": "kim@example.org",
    }
    data.update(overrides)
    return data


def test_administrator_registers_an_organisation_with_contacts(world, client_for):
    Organisation.objects.filter(organisation_number="802506-5742").delete()
    response = client_for(world.admin).post(
        reverse("partnerships:organisation_create"), org_data(organisation_number="8025065742")
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Stadsmissionen")
    assert organisation.organisation_number == "802506-5742"
    contact = ContactPerson.objects.get(organisation=organisation)
    assert contact.name == "Kim Kontakt"
    assert contact.owner == world.municipality  # the registering body's own record
    assert organisation.registered_by == world.municipality


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("802506-5743", "Kontrollsiffran stämmer inte"),
        ("850709-9805", "Tredje siffran"),
        ("12345", "tio siffror"),
    ],
)
def test_bad_organisation_number_is_shown_next_to_the_field(world, client_for, number, message):
    before = Organisation.objects.count()
    response = client_for(world.admin).post(
        reverse("partnerships:organisation_create"), org_data(organisation_number=number)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Stadsmissionen"' in html and "Kim Kontakt" in html  # nothing typed is lost
    assert Organisation.objects.count() == before
    assert not ContactPerson.objects.filter(name="Kim Kontakt").exists()  # nothing half-saved


def test_duplicate_organisation_number_names_the_existing_one(world, client_for):
    existing = OrganisationFactory(name="Redan registrerad")
    response = client_for(world.admin).post(
        reverse("partnerships:organisation_create"),
        org_data(organisation_number=existing.organisation_number),
    )
    assert response.status_code == 400
    assert "Redan registrerad" in response.content.decode()


def test_organisation_page_lists_only_agreements_the_viewer_may_see(world, client_for):
    shared = OrganisationFactory(name="Delad förening")
    from tests.factories import PartyFactory

    PartyFactory(agreement=world.agreement, organisation=shared)
    PartyFactory(agreement=world.other_agreement, organisation=shared)
    url = reverse("partnerships:organisation_detail", args=[shared.pk])
    html = client_for(world.admin).get(url).content.decode()
    assert world.agreement.title in html and world.other_agreement.title not in html
    html = client_for(world.outsider_admin).get(url).content.decode()
    assert world.other_agreement.title in html and world.agreement.title not in html


def test_successor_is_linked_both_ways(world, client_for):
    pingst = OrganisationFactory(name="Pingstkyrkan")
    sion = OrganisationFactory(name="Sionförsamlingen", organisation_number=None, successor=pingst)
    client = client_for(world.board_staff)
    url = reverse("partnerships:organisation_detail", args=[sion.pk])
    html = client.get(url).content.decode()
    assert "Verksamheten fortsätter i" in html and "Pingstkyrkan" in html
    url = reverse("partnerships:organisation_detail", args=[pingst.pk])
    html = client.get(url).content.decode()
    assert "Sionförsamlingen" in html


@pytest.mark.parametrize("role", ["board_staff", "partner"])
def test_only_administrators_register_or_edit_organisations(world, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("partnerships:organisation_create")).status_code == 403
    url = reverse("partnerships:organisation_update", args=[world.association.pk])
    assert client.get(url).status_code == 403


def test_administrator_edits_own_body_but_not_a_partner_it_did_not_register(world, client_for):
    client = client_for(world.admin)
    url = reverse("partnerships:organisation_update", args=[world.other_association.pk])
    assert client.get(url).status_code == 403
    # A partner in the administrator's own agreement is still not theirs to change.
    url = reverse("partnerships:organisation_update", args=[world.association.pk])
    assert client.get(url).status_code == 403
    url = reverse("partnerships:organisation_update", args=[world.municipality.pk])
    assert client.get(url).status_code == 200


def test_organisation_list_searches_name_and_number(world, client_for):
    client = client_for(world.partner)
    response = client.get(reverse("partnerships:organisation_list"), {"q": "IOGT"})
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["IOGT-NTO Kamratstödet"]
    number = world.association.organisation_number
    response = client.get(reverse("partnerships:organisation_list"), {"q": number})
    assert [o.name for o in response.context["page"].object_list] == ["IOGT-NTO Kamratstödet"]


def test_unknown_organisation_is_404(world, client_for):
    client = client_for(world.admin)
    assert client.get("/organisationer/999999/").status_code == 404
    assert client.get("/organisationer/x1/").status_code == 404
