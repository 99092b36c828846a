"""An audit trail nothing bypasses and anyone entitled can read (issue 11): named business
events with who and when, every status change in the history, a scoped history tab."""

import datetime as dt

import pytest
from django.urls import reverse

from finance import services as finance_services
from followups.models import Note, ReportStatus
from partnerships.models import AuditEvent
from tests.factories import PartyFactory
from tests.finance.factories import CompensationFactory, PaymentFactory
from tests.followups.factories import NoteFactory, RoundFactory, linkoping_indicators
from tests.followups.test_rounds import post_data, report_url

pytestmark = pytest.mark.django_db


def idea_party(world):
    return world.agreement.parties.get(organisation=world.association)


def history_url(agreement, **query) -> str:
    url = reverse("partnerships:agreement_history", args=[agreement.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_submitting_and_reopening_a_report_is_in_history_and_events(world, client_for):
    linkoping_indicators(world.agreement)  # the report posts Linköping's figures
    round = RoundFactory(agreement=world.agreement)
    client = client_for(world.partner)
    assert client.post(report_url(round), post_data(round, submit="1")).status_code == 302
    submitted = AuditEvent.objects.get(action="followups.report_submitted")
    assert submitted.user == world.partner and submitted.organisation == world.association
    before = Note.history.count()
    reopen = reverse("followups:round_reopen", args=[round.pk, world.association.pk])
    assert client_for(world.admin).post(reopen).status_code == 302
    assert Note.history.count() > before  # the status change is in the history now
    latest = Note.history.order_by("-history_id").first()
    assert latest.status == ReportStatus.DRAFT and latest.history_user == world.admin
    event = AuditEvent.objects.get(action="followups.report_reopened")
    assert event.user == world.admin and event.agreement == world.agreement


def test_a_payment_is_an_event_with_who_and_when(world):
    compensation = CompensationFactory(party=idea_party(world))
    year = world.agreement.period_start.year
    payment = finance_services.payment_register(
        user=world.admin,
        compensation=compensation,
        year=year,
        paid_on=dt.date(year, 1, 25),
        amount=1000,
        reference="VER-1",
    )
    event = AuditEvent.objects.get(action="finance.paid")
    assert event.user == world.admin and event.target_id == payment.pk
    assert "VER-1" in event.text


def test_history_tab_shows_payments_notes_and_events_with_filters(world, client_for):
    compensation = CompensationFactory(party=idea_party(world))
    PaymentFactory(compensation=compensation, reference="VER-77")
    AuditEvent.objects.create(
        agreement=world.agreement,
        action="x.old",
        text="gammal händelse",
        user=world.admin,
        created_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )
    client = client_for(world.admin)
    html = client.get(history_url(world.agreement)).content.decode()
    assert "utbetalning VER-77" in html and "gammal händelse" in html
    html = client.get(history_url(world.agreement, kind="economy")).content.decode()
    assert "utbetalning VER-77" in html and "gammal händelse" not in html
    html = client.get(history_url(world.agreement, from_date="2021-01-01")).content.decode()
    assert "gammal händelse" not in html and "VER-77" in html
    assert client.get(history_url(world.agreement, from_date="x")).status_code == 400


def test_history_tab_is_scoped(world, client_for):
    url = history_url(world.agreement)
    assert client_for(world.outsider_admin).get(url).status_code == 404
    assert client_for(world.other_partner).get(url).status_code == 404


def test_partner_sees_neither_another_partys_drafts_nor_its_money(world, client_for):
    second = PartyFactory(agreement=world.agreement).organisation
    round = RoundFactory(agreement=world.agreement)
    goal = world.agreement.goals.first() or None
    NoteFactory(round=round, organisation=second, narrative="hemligt utkast", goal=goal)
    CompensationFactory(party=world.agreement.parties.get(organisation=second))
    html = client_for(world.partner).get(history_url(world.agreement)).content.decode()
    assert f"anteckning från {second.name}" not in html
    assert f"ersättning till {second.name}" not in html
    html = client_for(world.admin).get(history_url(world.agreement)).content.decode()
    assert f"ersättning till {second.name}" in html
    # The administration does not see a party's draft either, until it is submitted.
    assert f"anteckning från {second.name}" not in html


def test_history_tab_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.admin)
    compensation = CompensationFactory(party=idea_party(world))
    for index in range(3):
        PaymentFactory(compensation=compensation, reference=f"A-{index}")
    with django_assert_max_num_queries(40) as few:
        client.get(history_url(world.agreement))
    for index in range(30):
        PaymentFactory(compensation=compensation, reference=f"B-{index}")
        AuditEvent.objects.create(agreement=world.agreement, action="x", text=f"h {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(history_url(world.agreement)).status_code == 200
