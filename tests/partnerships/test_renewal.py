import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from partnerships import services
from partnerships.models import Agreement, RenewalDecision
from partnerships.signals import successor_created
from tests.factories import OrganisationFactory, ResponsibilityFactory, SignatoryFactory

pytestmark = pytest.mark.django_db


def test_start_renewal_creates_a_draft_successor_with_everything_copied(world):
    agreement = world.agreement
    party = agreement.parties.get(organisation=world.association)
    ResponsibilityFactory(party=party, text="Öppen verksamhet")
    SignatoryFactory(party=party)
    successor = services.agreement_start_renewal(agreement=agreement, years=3)
    assert successor.approved is False
    assert successor.predecessor == agreement
    assert successor.period_start == dt.date(2027, 1, 1)
    assert successor.period_end == dt.date(2029, 12, 31)
    assert successor.background == agreement.background
    assert [g.text for g in successor.goals.all()] == [g.text for g in agreement.goals.all()]
    assert {p.organisation_id for p in successor.parties.all()} == {
        p.organisation_id for p in agreement.parties.all()
    }
    new_party = successor.parties.get(organisation=world.association)
    assert [r.text for r in new_party.responsibilities.all()] == ["Öppen verksamhet"]
    assert not new_party.signatories.exists()  # signed anew


def test_a_party_whose_work_continues_elsewhere_is_replaced_by_its_successor(world):
    continuation = OrganisationFactory(name="Pingstförsamlingen")
    world.association.successor = continuation
    world.association.save()
    successor = services.agreement_start_renewal(agreement=world.agreement, years=2)
    names = {p.organisation.name for p in successor.parties.all()}
    assert "Pingstförsamlingen" in names and world.association.name not in names


def test_renewal_receivers_run_in_the_same_transaction(world):
    def broken_receiver(**kwargs):
        raise RuntimeError("finance failed")

    successor_created.connect(broken_receiver)
    try:
        with pytest.raises(RuntimeError):
            services.agreement_start_renewal(agreement=world.agreement, years=3)
    finally:
        successor_created.disconnect(broken_receiver)
    assert not Agreement.objects.filter(predecessor=world.agreement).exists()


def test_renewal_cannot_be_started_twice(world):
    services.agreement_start_renewal(agreement=world.agreement, years=3)
    with pytest.raises(services.RenewalError):
        services.agreement_start_renewal(agreement=world.agreement, years=3)


def test_approved_decision_makes_the_successor_approved_then_active(world):
    successor = services.agreement_start_renewal(agreement=world.agreement, years=3)
    services.renewal_decide(
        agreement=world.agreement,
        outcome="approved",
        decided_on=dt.date(2026, 11, 20),
        paragraph="§ 112",
    )
    successor.refresh_from_db()
    assert successor.approved
    assert successor.status_on(dt.date(2026, 12, 31)) == "approved"
    assert successor.status_on(dt.date(2027, 1, 1)) == "active"
    assert world.agreement.status_on(dt.date(2027, 1, 1)) == "ended"


def test_declined_decision_removes_the_draft_and_lets_the_agreement_end(world):
    services.agreement_start_renewal(agreement=world.agreement, years=3)
    services.renewal_decide(
        agreement=world.agreement, outcome="declined", decided_on=dt.date(2026, 11, 20)
    )
    assert not Agreement.objects.filter(predecessor=world.agreement).exists()
    assert RenewalDecision.objects.get(agreement=world.agreement).outcome == "declined"
    with pytest.raises(services.RenewalError):
        services.agreement_start_renewal(agreement=world.agreement, years=3)


def test_approving_without_a_successor_is_refused(world):
    with pytest.raises(services.RenewalError):
        services.renewal_decide(
            agreement=world.agreement, outcome="approved", decided_on=dt.date(2026, 11, 20)
        )


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
def test_renewal_through_the_browser(world, client_for):
    client = client_for(world.admin)
    start_url = reverse("partnerships:renewal_start", args=[world.agreement.pk])
    response = client.post(start_url, {"years": "3"})
    successor = Agreement.objects.get(predecessor=world.agreement)
    assert response["Location"] == successor.get_absolute_url()
    html = client.get(reverse("start")).content.decode()
    assert "Utkast finns, beslut saknas" in html and "2026-06-30" in html
    decide_url = reverse("partnerships:renewal_decide", args=[world.agreement.pk])
    response = client.post(
        decide_url, {"outcome": "approved", "decided_on": "2026-11-20", "paragraph": "§ 112"}
    )
    assert response.status_code == 302
    html = client.get(world.agreement.get_absolute_url()).content.decode()
    assert "Förnyelse beslutad" in html and "§ 112" in html
    html = client.get(reverse("start")).content.decode()
    assert "saknar beslutad fortsättning" not in html


@pytest.mark.parametrize("role", ["board_staff", "partner"])
def test_only_administrators_renew(world, client_for, role):
    client = client_for(getattr(world, role))
    url = reverse("partnerships:renewal_start", args=[world.agreement.pk])
    assert client.post(url, {"years": "3"}).status_code == 403
    url = reverse("partnerships:renewal_decide", args=[world.agreement.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["outsider_admin", "other_partner"])
def test_renewal_checks_ownership(world, client_for, role):
    client = client_for(getattr(world, role))
    url = reverse("partnerships:renewal_start", args=[world.agreement.pk])
    assert client.post(url, {"years": "3"}).status_code == 404
    url = reverse("partnerships:renewal_decide", args=[world.agreement.pk])
    assert client.get(url).status_code == 404
