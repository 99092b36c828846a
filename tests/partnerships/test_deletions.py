"""Destructive actions: refused where reported or paid data depends on them, confirmed on
a page that says what goes along, never a silent cascade."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError
from django.urls import reverse

from partnerships import services
from partnerships.models import ContactPerson, Goal, Party, Responsibility
from tests.factories import (
    ContactPersonFactory,
    OrganisationFactory,
    PartyFactory,
    ResponsibilityFactory,
)
from tests.finance.factories import CompensationFactory
from tests.followups.factories import MeetingFactory, NoteFactory, RoundFactory
from tests.partnerships.helpers import agreement_post_data, existing_rows

pytestmark = pytest.mark.django_db


def edit_url(agreement):
    return reverse("partnerships:agreement_update", args=[agreement.pk])


def edit_data(agreement, *, delete_goal=None, delete_party=None, title=None, **extra):
    parties, goals = existing_rows(agreement)
    for row in goals:
        if row["id"] == getattr(delete_goal, "pk", None):
            row["DELETE"] = "on"
    for row in parties:
        if row["id"] == getattr(delete_party, "pk", None):
            row["DELETE"] = "on"
    return agreement_post_data(
        title=title or agreement.title,
        period_start=agreement.period_start.isoformat(),
        period_end=agreement.period_end.isoformat(),
        version=agreement.version,
        existing_parties=parties,
        existing_goals=goals,
        **extra,
    )


def test_a_goal_partners_reported_on_cannot_be_deleted(world, client_for):
    agreement = world.agreement
    goal = agreement.goals.first()
    NoteFactory(round=RoundFactory(agreement=agreement), organisation=world.association, goal=goal)

    response = client_for(world.admin).post(
        edit_url(agreement), edit_data(agreement, delete_goal=goal, confirm_delete="1")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "kan inte tas bort" in page and "1 anteckning" in page
    assert Goal.objects.filter(pk=goal.pk).exists()
    agreement.refresh_from_db()
    assert agreement.version == world.agreement.version  # nothing of the edit saved


def test_the_database_refuses_it_too(world):
    goal = world.agreement.goals.first()
    NoteFactory(round=RoundFactory(agreement=world.agreement), goal=goal)
    with pytest.raises(RestrictedError):
        goal.delete()


def test_a_party_with_a_compensation_cannot_be_removed(world, client_for):
    agreement = world.agreement
    third = PartyFactory(agreement=agreement, organisation=OrganisationFactory(name="Tredje"))
    CompensationFactory(party=third)

    response = client_for(world.admin).post(
        edit_url(agreement), edit_data(agreement, delete_party=third, confirm_delete="1")
    )

    assert response.status_code == 400
    assert "ersättning" in response.content.decode()
    assert Party.objects.filter(pk=third.pk).exists()


def test_removing_a_party_with_responsibilities_is_confirmed_first(world, client_for):
    agreement = world.agreement
    third = PartyFactory(agreement=agreement, organisation=OrganisationFactory(name="Tredje"))
    ResponsibilityFactory(party=third)
    ResponsibilityFactory(party=third)
    client = client_for(world.admin)

    response = client.post(
        edit_url(agreement), edit_data(agreement, delete_party=third, title="Ny titel")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bekräfta borttagningen" in page
    assert "tas bort tillsammans med 2 ansvarsområden" in page
    assert 'value="Ny titel"' in page  # everything typed is kept
    assert 'name="confirm_delete"' in page
    assert Party.objects.filter(pk=third.pk).exists()

    response = client.post(
        edit_url(agreement),
        edit_data(agreement, delete_party=third, title="Ny titel", confirm_delete="1"),
    )
    assert response.status_code == 302
    assert not Party.objects.filter(pk=third.pk).exists()
    assert not Responsibility.objects.filter(party_id=third.pk).exists()


def test_declining_a_renewal_says_what_is_removed(world, client_for):
    services.agreement_start_renewal(agreement=world.agreement, years=3)
    page = client_for(world.admin).get(
        reverse("partnerships:renewal_decide", args=[world.agreement.pk])
    )
    text = page.content.decode()
    assert "tas utkastet" in text and "2 mål" in text and "2 parter" in text


def _contacts_url(organisation):
    return reverse("partnerships:organisation_contacts", args=[organisation.pk])


def _delete_contact_post(contact, **extra):
    data = {
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "1",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-id": str(contact.pk),
        "contacts-0-name": contact.name,
        "contacts-0-title": "Ändrad titel",
        "contacts-0-email": contact.email,
        "contacts-0-phone": "",
        "contacts-0-DELETE": "on",
    }
    data.update(extra)
    return data


@pytest.fixture
def lisa(world):
    return ContactPersonFactory(
        organisation=world.association, owner=world.municipality, name="Lisa Lind",
        email="lisa@iogt.example",
    )  # fmt: skip


def test_a_contact_person_on_a_held_meeting_cannot_be_deleted(world, client_for, lisa):
    meeting = MeetingFactory(agreement=world.agreement, held=True)
    meeting.attendees.add(lisa)

    response = client_for(world.admin).post(
        _contacts_url(world.association), _delete_contact_post(lisa, confirm_delete="1")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Kontaktperson ”Lisa Lind” kan inte tas bort" in page
    assert "1 uppföljningsmöte" in page
    assert "Ändrad titel" in page  # what was typed is kept
    assert list(meeting.attendees.all()) == [lisa]
    with pytest.raises(ValidationError):  # and the service refuses it too
        services.contacts_save(
            user=world.admin, owner=world.municipality, contact_formset=_bound_formset(world, lisa)
        )
    assert ContactPerson.objects.filter(pk=lisa.pk).exists()


def test_a_contact_person_invited_to_planned_meetings_is_deleted_only_when_confirmed(
    world, client_for, lisa
):
    planned = MeetingFactory(agreement=world.agreement)
    planned.attendees.add(lisa)
    client = client_for(world.admin)

    response = client.post(_contacts_url(world.association), _delete_contact_post(lisa))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Bekräfta borttagningen" in page
    assert "Kontaktperson ”Lisa Lind” tas bort ur 1 uppföljningsmöte." in page
    assert 'name="confirm_delete"' in page
    assert ContactPerson.objects.filter(pk=lisa.pk).exists()

    response = client.post(
        _contacts_url(world.association), _delete_contact_post(lisa, confirm_delete="1")
    )
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=lisa.pk).exists()
    assert planned.attendees.count() == 0


def test_a_contact_person_nothing_refers_to_is_deleted_at_once(world, client_for, lisa):
    response = client_for(world.admin).post(
        _contacts_url(world.association), _delete_contact_post(lisa)
    )
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=lisa.pk).exists()


def _bound_formset(world, contact):
    from partnerships.forms import ContactFormSet

    formset = ContactFormSet(
        _delete_contact_post(contact),
        instance=world.association,
        queryset=ContactPerson.objects.filter(pk=contact.pk),
        prefix="contacts",
    )
    assert formset.is_valid(), formset.errors
    return formset
