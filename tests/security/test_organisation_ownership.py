"""Organisation data is changed only by those it belongs to, and contact people are shown
only to those who work with the organisation (issue 11, the two blockers)."""

import pytest
from django.urls import reverse

from followups.services import party_contacts
from partnerships.models import ContactPerson, Organisation
from tests.factories import ContactPersonFactory, OrganisationFactory, PartyFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(organisation: Organisation, **overrides) -> dict:
    data = {
        "name": organisation.name,
        "organisation_number": organisation.organisation_number or "",
        "sector": organisation.sector,
        "street_address": "Kapargatan 1",
        "postal_code": "",
        "city": "",
        "successor": "",
        "version": getattr(organisation, "version", 1),
    }
    data.update(overrides)
    return data


def contacts_post(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "contacts-TOTAL_FORMS": str(len(rows)),
        "contacts-INITIAL_FORMS": str(initial),
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"contacts-{index}-{key}"] = value
    return data


@pytest.fixture
def linkoping_contact(world):
    return ContactPersonFactory(
        organisation=world.municipality, name="Linda", email="linda@linkoping.example"
    )


def test_other_municipality_cannot_change_linkopings_record(world, client_for):
    # Even after making Linköping and its partner parties to its own agreement.
    PartyFactory(agreement=world.other_agreement, organisation=world.municipality)
    PartyFactory(agreement=world.other_agreement, organisation=world.association)
    client = client_for(world.outsider_admin)
    for organisation in (world.municipality, world.association):
        url = reverse("partnerships:organisation_update", args=[organisation.pk])
        assert client.get(url).status_code == 403
        response = client.post(url, record(organisation, name="Kapat"))
        assert response.status_code == 403
        organisation.refresh_from_db()
        assert organisation.name != "Kapat"


def test_organisation_registered_by_linkoping_is_not_the_other_municipalitys(world, client_for):
    registered = OrganisationFactory(name="Ny förening", registered_by=world.municipality)
    url = reverse("partnerships:organisation_update", args=[registered.pk])
    response = client_for(world.outsider_admin).post(url, record(registered, name="Kapat"))
    assert response.status_code == 403
    response = client_for(world.admin).post(url, record(registered, name="Ny förening ek. för."))
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.name == "Ny förening ek. för."


def test_once_the_organisation_has_its_own_administrator_it_keeps_its_record(world, client_for):
    world.association.registered_by = world.municipality
    world.association.save()
    url = reverse("partnerships:organisation_update", args=[world.association.pk])
    assert client_for(world.admin).get(url).status_code == 200
    own_admin = UserFactory(
        organisation=world.association, partner=True, is_organisation_admin=True
    )
    assert client_for(world.admin).get(url).status_code == 403
    assert client_for(world.partner).get(url).status_code == 403  # a partner, not its admin
    response = client_for(own_admin).post(url, record(world.association, city="Linköping"))
    assert response.status_code == 302
    world.association.refresh_from_db()
    assert world.association.city == "Linköping"


def test_operator_may_correct_any_record(world, client_for):
    operator = UserFactory(organisation=None, role="operator", username="drift")
    url = reverse("partnerships:organisation_update", args=[world.municipality.pk])
    assert client_for(operator).get(url).status_code == 200


def test_other_municipality_cannot_redirect_linkopings_invitations(
    world, client_for, linkoping_contact
):
    client = client_for(world.outsider_admin)
    url = reverse("partnerships:organisation_contacts", args=[world.municipality.pk])
    # It cannot reach Linköping's own row: the row is not in its formset.
    response = client.post(
        url,
        contacts_post(
            [{"id": linkoping_contact.pk, "name": "Linda", "email": "evil@example.org"}], 1
        ),
    )
    assert response.status_code == 400
    linkoping_contact.refresh_from_db()
    assert linkoping_contact.email == "linda@linkoping.example"
    # What it adds is its own record, used for its own agreements only.
    response = client.post(url, contacts_post([{"name": "Fejk", "email": "evil@example.org"}]))
    assert response.status_code == 302
    added = ContactPerson.objects.get(email="evil@example.org")
    assert added.owner == world.other_municipality
    assert [c.email for c in party_contacts(world.agreement)] == ["linda@linkoping.example"]


def test_linkopings_own_contacts_for_its_partner_go_to_its_invitations(world, client_for):
    url = reverse("partnerships:organisation_contacts", args=[world.association.pk])
    response = client_for(world.admin).post(
        url, contacts_post([{"name": "Lisa", "email": "lisa@iogt.example"}])
    )
    assert response.status_code == 302
    lisa = ContactPerson.objects.get(name="Lisa")
    assert lisa.owner == world.municipality and lisa.organisation == world.association
    assert lisa in party_contacts(world.agreement)
    assert lisa not in party_contacts(world.other_agreement)


@pytest.mark.parametrize("role", ["board_staff", "partner", "other_partner"])
def test_only_administrators_and_own_admins_keep_contacts(world, client_for, role):
    url = reverse("partnerships:organisation_contacts", args=[world.association.pk])
    assert client_for(getattr(world, role)).get(url).status_code == 403


def test_contact_people_shown_only_to_those_who_work_with_the_organisation(world, client_for):
    ContactPersonFactory(organisation=world.association, email="kamrat@iogt.example")
    url = reverse("partnerships:organisation_detail", args=[world.association.pk])
    for user in (world.admin, world.board_staff, world.partner):
        html = client_for(user).get(url).content.decode()
        assert "kamrat@iogt.example" in html, user
    for user in (world.outsider_admin, world.other_partner):
        response = client_for(user).get(url)
        assert response.status_code == 200  # the register stays shared
        html = response.content.decode()
        assert world.association.name in html
        assert "kamrat@iogt.example" not in html, user
        assert "visas bara för dem som arbetar med organisationen" in html


def test_another_bodys_records_about_a_partner_are_not_shown(world, client_for):
    PartyFactory(agreement=world.other_agreement, organisation=world.association)
    ContactPersonFactory(
        organisation=world.association, owner=world.other_municipality, email="x@annan.example"
    )
    url = reverse("partnerships:organisation_detail", args=[world.association.pk])
    assert "x@annan.example" not in client_for(world.admin).get(url).content.decode()
    assert "x@annan.example" in client_for(world.outsider_admin).get(url).content.decode()
