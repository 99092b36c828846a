"""Forms cannot reach outside the scope: a foreign id in a POST (another municipality's
party, goal, responsibility, compensation, board, agreement or contact) or extra fields
posted by a partner change nothing. Each test compares every table before and after."""

import pytest
from django.urls import reverse

from finance.models import Payment
from followups.models import Figures, Note, ReportStatus
from partnerships.models import Agreement, Goal, Responsibility
from tests.factories import BoardFactory, ContactPersonFactory, ResponsibilityFactory
from tests.finance.factories import CompensationFactory
from tests.followups.factories import RoundFactory
from tests.integrity.helpers import assert_unchanged, db_state
from tests.partnerships.helpers import agreement_post_data, existing_rows

pytestmark = pytest.mark.django_db


def _edit(world, **extra):
    parties, goals = existing_rows(world.agreement)
    return agreement_post_data(
        title=world.agreement.title,
        period_start="2024-01-01",
        period_end="2026-12-31",
        existing_parties=parties,
        existing_goals=goals,
        version=str(world.agreement.version),
        **extra,
    )


def _edit_url(world):
    return reverse("partnerships:agreement_update", args=[world.agreement.pk])


def _post_refused(client, url, data, status=400):
    before = db_state()
    response = client.post(url, data)
    assert response.status_code == status, response.content.decode()[:2000]
    assert_unchanged(before, db_state())
    return response


def _foreign_rows(world) -> dict:
    """Everything of the other municipality's agreement, and this agreement's row counts."""
    other = world.other_agreement
    return {
        "parties": list(other.parties.values()),
        "goals": list(other.goals.values()),
        "responsibilities": list(Responsibility.objects.filter(party__agreement=other).values()),
        "own_goals": world.agreement.goals.count(),
        "own_parties": world.agreement.parties.count(),
        "own_responsibilities": Responsibility.objects.filter(
            party__agreement=world.agreement
        ).count(),
    }


# A row id outside the formset's own rows: Django's model formset skips that row when
# saving ("an object outside the formset's queryset"); the rest of the valid edit is
# saved. What matters: the foreign row is untouched and no row is created from it.


def test_party_row_of_another_agreement_in_the_party_formset(world, client_for):
    foreign = world.other_agreement.parties.first()
    data = _edit(world)
    data["parties-1-id"] = str(foreign.pk)  # this agreement's second row -> a foreign party
    data["parties-1-organisation"] = str(world.other_association.pk)
    before = _foreign_rows(world)
    assert client_for(world.admin).post(_edit_url(world), data).status_code in (302, 400)
    assert _foreign_rows(world) == before
    assert not world.agreement.parties.filter(organisation=world.other_association).exists()


def test_goal_row_of_another_agreement_in_the_goal_formset(world, client_for):
    foreign = world.other_agreement.goals.first()
    data = _edit(world)
    data["goals-0-id"] = str(foreign.pk)
    data["goals-0-text"] = "Kapat mål"
    before = _foreign_rows(world)
    assert client_for(world.admin).post(_edit_url(world), data).status_code in (302, 400)
    assert _foreign_rows(world) == before
    assert not Goal.objects.filter(text="Kapat mål").exists()


def test_board_of_another_municipality(world, client_for):
    foreign_board = BoardFactory(organisation=world.other_municipality)
    _post_refused(client_for(world.admin), _edit_url(world), _edit(world, board=foreign_board.pk))


def test_predecessor_the_user_cannot_see(world, client_for):
    data = _edit(world, predecessor=world.other_agreement.pk)
    _post_refused(client_for(world.admin), _edit_url(world), data)


def test_responsibility_of_another_agreement_in_the_party_form(world, client_for):
    foreign_party = world.other_agreement.parties.first()
    foreign = ResponsibilityFactory(party=foreign_party, text="Främmande ansvar")
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("partnerships:party_update", args=[world.agreement.pk, party.pk])
    data = {
        "resp-TOTAL_FORMS": "1",
        "resp-INITIAL_FORMS": "1",
        "resp-MIN_NUM_FORMS": "0",
        "resp-MAX_NUM_FORMS": "1000",
        "resp-0-id": str(foreign.pk),
        "resp-0-text": "Kapat",
        "resp-0-position": "1",
        "sign-TOTAL_FORMS": "0",
        "sign-INITIAL_FORMS": "0",
        "sign-MIN_NUM_FORMS": "0",
        "sign-MAX_NUM_FORMS": "1000",
    }
    before = _foreign_rows(world)
    assert client_for(world.admin).post(url, data).status_code in (302, 400)
    assert _foreign_rows(world) == before
    assert not Responsibility.objects.filter(text="Kapat").exists()


def test_compensation_for_a_party_of_another_agreement(world, client_for):
    foreign = world.other_agreement.parties.get(organisation=world.other_association)
    url = reverse("finance:compensation_create", args=[world.agreement.pk])
    data = {
        "party": foreign.pk,
        "base_amount": "100000",
        "base_year": "2023",
        "index_series": _opi().pk,
        "first_index_year": "2024",
        "index_rule": "preliminary_first",
        "payment_month": "1",
    }
    _post_refused(client_for(world.admin), url, data)


def test_compensation_continuing_one_of_another_municipality(world, client_for):
    foreign = CompensationFactory(
        party=world.other_agreement.parties.get(organisation=world.other_association)
    )
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("finance:compensation_create", args=[world.agreement.pk])
    data = {
        "party": party.pk,
        "base_amount": "100000",
        "base_year": "2023",
        "index_series": _opi().pk,
        "first_index_year": "2024",
        "index_rule": "preliminary_first",
        "payment_month": "1",
        "continues_from": foreign.pk,
    }
    _post_refused(client_for(world.admin), url, data)


def test_repayment_claim_on_a_party_of_another_agreement(world, client_for):
    foreign = world.other_agreement.parties.get(organisation=world.other_association)
    url = reverse("finance:claim_create", args=[world.agreement.pk])
    data = {"party": foreign.pk, "amount": "1000", "reason": "Skäl", "status": "draft"}
    _post_refused(client_for(world.admin), url, data)


def test_payment_extra_fields_cannot_move_it(world, client_for):
    """``agreement``, ``compensation``, ``recorded_by`` in the body are ignored: the
    payment belongs to the compensation in the URL and the signed-in user."""
    compensation = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association)
    )
    foreign = CompensationFactory(
        party=world.other_agreement.parties.get(organisation=world.other_association)
    )
    url = reverse("finance:payment_create", args=[compensation.pk])
    data = {
        "form_token": "t-1",
        "year": "2025",
        "paid_on": "2025-01-20",
        "amount": "1000",
        "reference": "VER-1",
        "agreement": world.other_agreement.pk,
        "compensation": foreign.pk,
        "recorded_by": world.outsider_admin.pk,
    }
    assert client_for(world.admin).post(url, data).status_code == 302
    payment = Payment.objects.get(reference="VER-1")
    assert (payment.compensation, payment.agreement, payment.recorded_by) == (
        compensation,
        world.agreement,
        world.admin,
    )
    assert not foreign.payments.exists()


def test_meeting_attendee_of_an_organisation_elsewhere(world, client_for):
    stranger = ContactPersonFactory(organisation=world.other_association)
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    data = {
        "title": "Möte",
        "starts_at": "2026-12-03T13:00",
        "ends_at": "2026-12-03T15:00",
        "status": "planned",
        "attendees": [stranger.pk],
    }
    _post_refused(client_for(world.admin), url, data)


def test_notice_given_by_an_organisation_elsewhere(world, client_for):
    url = reverse("partnerships:termination_create", args=[world.agreement.pk])
    data = {"given_by": world.other_municipality.pk, "notice_date": "2025-03-01"}
    _post_refused(client_for(world.admin), url, data)


def test_reopening_the_report_of_an_organisation_elsewhere_is_404(world, client_for):
    round_ = RoundFactory(agreement=world.agreement)
    url = reverse("followups:round_reopen", args=[round_.pk, world.other_association.pk])
    _post_refused(client_for(world.admin), url, {}, status=404)


def test_partner_note_on_a_goal_of_another_agreement_and_extra_fields(world, client_for):
    """A partner posts a foreign goal id, another organisation, a status, an amount and
    ``approved``: only the partner's own draft notes on their own agreement's goals are
    saved, still drafts."""
    round_ = RoundFactory(agreement=world.agreement)
    foreign_goal = world.other_agreement.goals.first()
    own_goals = list(world.agreement.goals.all())
    data = {f"goal_{g.pk}": "Vi har haft öppet." for g in own_goals}
    data["version"] = "0"  # the version the form was read at: nothing saved yet
    data |= {
        f"goal_{foreign_goal.pk}": "Främmande mål",
        "organisation": world.other_association.pk,
        "party": world.other_agreement.parties.first().pk,
        "status": ReportStatus.SUBMITTED,
        "figures-status": ReportStatus.SUBMITTED,
        "amount": "1000000",
        "approved": "on",
        "round": RoundFactory(agreement=world.other_agreement).pk,
    }
    before = Agreement.objects.values().get(pk=world.agreement.pk)
    url = reverse("followups:round_report", args=[round_.pk])
    assert client_for(world.partner).post(url, data).status_code == 302
    notes = Note.objects.all()
    assert {(n.round_id, n.organisation_id, n.status) for n in notes} == {
        (round_.pk, world.association.pk, ReportStatus.DRAFT)
    }
    assert {n.goal_id for n in notes} == {g.pk for g in own_goals}
    assert not Note.objects.filter(goal=foreign_goal).exists()
    assert Figures.objects.get().organisation == world.association
    assert Figures.objects.get().status == ReportStatus.DRAFT
    assert Agreement.objects.values().get(pk=world.agreement.pk) == before


def test_partner_posting_a_whole_agreement_form_is_403_and_changes_nothing(world, client_for):
    data = _edit(world, approved="on", board="")
    data["title"] = "Partnerns rubrik"
    _post_refused(client_for(world.partner), _edit_url(world), data, status=403)


def _opi():
    from finance.models import IndexSeries

    return IndexSeries.objects.get(name="OPI")
