"""Payment schedules, contributions in kind and caps on the economy tab: forms, scope (404),
history, audit, CSV, the start page's attention list and query counts (issue 14)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from finance import attention
from finance.models import (
    AgreementCap,
    Compensation,
    DecidedAmount,
    GivenInstalment,
    InKindContribution,
    PaymentSchedule,
)
from partnerships.models import AuditEvent, Sector
from tests.factories import OrganisationFactory, PartyFactory
from tests.finance.factories import CompensationFactory, PartyBudgetFactory, PaymentFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kr"


def economy_url(agreement):
    return reverse("finance:economy", args=[agreement.pk])


def _quarterly(world, amount=100_000) -> Compensation:
    party = world.agreement.parties.get(role=Sector.IDEA_BASED)
    return CompensationFactory(
        party=party,
        base_amount=amount,
        base_year=2024,
        fixed=True,
        index_series=None,
        first_index_year=None,
        payment_schedule=PaymentSchedule.QUARTERLY,
    )


@time_machine.travel(dt.date(2025, 5, 15), tick=False)
def test_economy_tab_shows_quarterly_instalments_paid_outstanding_and_overdue(world, client_for):
    compensation = _quarterly(world, 100_001)
    PaymentFactory(compensation=compensation, year=2024, amount=100_001)
    PaymentFactory(
        compensation=compensation, year=2025, amount=30_000, paid_on=dt.date(2025, 1, 20)
    )
    body = client_for(world.admin).get(economy_url(world.agreement)).content.decode()
    assert "Utbetalningsplan för IOGT-NTO Kamratstödet" in body
    assert "Kvartalsvis, i januari, april, juli och oktober" in body
    assert "2025-04-30" in body and kr(25_001) in body
    assert "Försenad</strong> (förföll 2025-04-30)" in body
    assert "1 delbetalning(ar) till IOGT-NTO Kamratstödet har passerat förfallodagen" in body
    # the year's status follows the schedule: one instalment is overdue
    ledger_table = body.split("Belopp per år för")[1]
    row = ledger_table.split('<th scope="row">2025</th>')[1].split("</tr>")[0]
    assert "Försenad" in row


@time_machine.travel(dt.date(2025, 2, 15), tick=False)
def test_a_paid_first_quarter_is_not_overdue_in_february(world, client_for):
    compensation = _quarterly(world)
    PaymentFactory(compensation=compensation, year=2024, amount=100_000)
    PaymentFactory(
        compensation=compensation, year=2025, amount=25_000, paid_on=dt.date(2025, 1, 20)
    )
    body = client_for(world.admin).get(economy_url(world.agreement)).content.decode()
    assert "har passerat förfallodagen" not in body
    assert attention.schedule_items(world.admin, dt.date(2025, 2, 15)) == []


def test_the_schedule_follows_a_decided_amount_of_the_year(world, client_for):
    compensation = _quarterly(world)
    DecidedAmount.objects.create(compensation=compensation, year=2025, amount=200_000)
    body = client_for(world.admin).get(economy_url(world.agreement)).content.decode()
    assert body.count(kr(50_000)) >= 4  # four quarters of the decided 200 000 kr


@time_machine.travel(dt.date(2025, 5, 15), tick=False)
def test_attention_list_says_when_instalments_are_overdue_and_is_scoped(world):
    _quarterly(world)
    items = attention.schedule_items(world.admin, dt.date(2025, 5, 15))
    assert len(items) == 1
    assert "delbetalning(ar) till IOGT-NTO Kamratstödet" in items[0].text
    assert items[0].url == economy_url(world.agreement)
    assert attention.schedule_items(world.outsider_admin, dt.date(2025, 5, 15)) == []
    assert attention.schedule_items(world.other_partner, dt.date(2025, 5, 15)) == []


def test_attention_items_are_constant_in_queries(world, django_assert_max_num_queries):
    _quarterly(world)
    today = dt.date(2025, 5, 15)
    with django_assert_max_num_queries(12) as ctx:
        assert len(attention.schedule_items(world.admin, today)) == 1
    baseline = len(ctx.captured_queries)
    AgreementCap.objects.create(agreement=world.agreement, label="Totalt", amount=2)
    for name in ("A", "B", "C"):
        party = PartyFactory(
            agreement=world.agreement, organisation=OrganisationFactory(name=f"Förening {name}")
        )
        comp = CompensationFactory(
            party=party, fixed=True, index_series=None, first_index_year=None,
            base_year=2024, payment_schedule=PaymentSchedule.MONTHLY,
        )  # fmt: skip
        PaymentFactory(compensation=comp, year=2025, amount=1)
    with django_assert_max_num_queries(baseline + 2):  # + the caps and their compensations
        items = attention.schedule_items(world.admin, today)
    assert len(items) == 4 + 2  # four overdue plans, the cap passed by amounts and payments


def test_given_dates_are_entered_per_year_and_checked_against_the_years_amount(world, client_for):
    compensation = _quarterly(world)
    compensation.payment_schedule = PaymentSchedule.GIVEN_DATES
    compensation.save()
    client = client_for(world.admin)
    url = reverse("finance:given_instalments_edit", args=[compensation.pk, 2025])
    assert client.get(url).status_code == 200
    data = {"version": "0", "due_0": "2025-03-01", "amount_0": "60 000", "due_1": "2025-09-01"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Ange beloppet för förfallodagen." in response.content.decode()
    assert 'value="60 000"' in response.content.decode() or "60000" in response.content.decode()
    assert not GivenInstalment.objects.exists()
    data["amount_1"] = "30 000"
    assert client.post(url, data).status_code == 302
    assert list(GivenInstalment.objects.values_list("amount", flat=True).order_by("due_on")) == [
        60_000,
        30_000,
    ]
    body = client.get(economy_url(world.agreement)).content.decode()
    assert "Delbetalningarna 2025 till IOGT-NTO Kamratstödet summerar till" in body
    assert AuditEvent.objects.filter(action="finance.instalments_given").exists()
    assert GivenInstalment.history.count() == 2
    # the version read is stale now: a second save on it is refused with 409
    assert client.post(url, {**data, "amount_1": "40 000"}).status_code == 409


def test_given_dates_refused_for_a_regular_schedule(world, client_for):
    compensation = _quarterly(world)
    url = reverse("finance:given_instalments_edit", args=[compensation.pk, 2025])
    response = client_for(world.admin).post(
        url, {"version": "0", "due_0": "2025-03-01", "amount_0": "1"}
    )
    assert response.status_code == 400
    assert "betalas inte på angivna datum" in response.content.decode()


def test_in_kind_contribution_from_the_public_side_counts_in_the_budget_balance(world, client_for):
    client = client_for(world.admin)
    public = world.agreement.parties.get(role=Sector.PUBLIC)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    url = reverse("finance:in_kind_create", args=[world.agreement.pk])
    data = {
        "version": "0",
        "party": public.pk,
        "year": "2025",
        "kind": "premises",
        "description": "Lokal på Storgatan 4",
        "value": "174 000",
        "valuation_basis": "",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Ange vad värderingen grundar sig på." in response.content.decode()
    assert "Lokal på Storgatan 4" in response.content.decode()
    data["valuation_basis"] = "120 m² × 1 450 kr/m² och år"
    assert client.post(url, data).status_code == 302
    item = InKindContribution.objects.get()
    assert item.value == 174_000 and item.history.count() == 1
    assert AuditEvent.objects.filter(action="finance.in_kind_saved").exists()
    budget = PartyBudgetFactory(
        agreement=world.agreement, party=idea, year=2025, own_contribution=26_000
    )
    budget.lines.create(category="premises", amount=200_000)
    body = client.get(economy_url(world.agreement)).content.decode()
    assert "Insatser (värde av insats)" in body and "Lokaler utan hyra" in body
    assert 'Värde av insats</th><td class="num">' + kr(174_000) in body
    assert "i balans" in body  # 200 000 = 0 (no compensation) + 26 000 + 174 000
    assert "Överenskommelsen har ingen ekonomisk ersättning" in body


def test_in_kind_is_edited_and_removed_with_the_version_read(world, client_for):
    client = client_for(world.admin)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    item = InKindContribution.objects.create(
        agreement=world.agreement, party=idea, kind="staff_time", description="Volontärer"
    )
    url = reverse("finance:in_kind_update", args=[world.agreement.pk, item.pk])
    base = {"party": idea.pk, "year": "", "kind": "staff_time", "description": "Volontärer 2 h"}
    assert client.post(url, {**base, "version": "7"}).status_code == 409
    saved = client.post(url, {**base, "version": "1"})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("finance:economy", args=[world.agreement.pk])
    assert [m.message for m in get_messages(saved.wsgi_request)] == ["Insatsen har sparats."]
    item.refresh_from_db()
    assert item.description == "Volontärer 2 h" and item.year is None and item.version == 2
    removed = client.post(url, {**base, "version": "2", "delete": "on"})
    assert removed.status_code == 302
    # The saved message above was never shown (no page followed), so it is still queued.
    assert [m.message for m in get_messages(removed.wsgi_request)][-1] == (
        "Insatsen har tagits bort."
    )
    assert not InKindContribution.objects.exists()
    assert AuditEvent.objects.filter(action="finance.in_kind_removed").exists()


def test_in_kind_text_refuses_a_personal_number(world, client_for):
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    url = reverse("finance:in_kind_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(
        url,
        {"version": "0", "party": idea.pk, "kind": "other", "description": "Kontakt 850709-9805"},
    )
    assert response.status_code == 400
    assert not InKindContribution.objects.exists()


@time_machine.travel(dt.date(2025, 5, 15), tick=False)
def test_cap_shows_what_is_left_and_warns_when_passed(world, client_for):
    compensation = _quarterly(world, 1_000_000)
    client = client_for(world.admin)
    url = reverse("finance:cap_create", args=[world.agreement.pk])
    response = client.post(
        url,
        {"version": "0", "label": "Totalt för perioden", "amount": "2 500 000",
         "compensations": [compensation.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:economy", args=[world.agreement.pk])
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Taket har sparats."]
    cap = AgreementCap.objects.get()
    assert list(cap.compensations.all()) == [compensation]
    assert cap.history.exists()
    body = client.get(economy_url(world.agreement)).content.decode()
    assert "Över taket" in body  # three years of 1 000 000 kr against 2 500 000 kr
    assert "500\u00a0000\u00a0kr över taket på 2\u00a0500\u00a0000\u00a0kr" in body
    texts = [i.text for i in attention.schedule_items(world.admin, dt.date(2025, 5, 15))]
    assert any("över taket" in text for text in texts)
    update = reverse("finance:cap_update", args=[world.agreement.pk, cap.pk])
    assert (
        client.post(update, {"version": "1", "label": "Totalt", "amount": "4 000 000"}).status_code
        == 302
    )
    body = client.get(economy_url(world.agreement)).content.decode()
    assert "Inom taket" in body and kr(1_000_000) in body  # left: 4 000 000 − 3 000 000
    assert "Alla ersättningar" in body


def test_partner_sees_own_in_kind_but_no_caps(world, client_for):
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    public = world.agreement.parties.get(role=Sector.PUBLIC)
    InKindContribution.objects.create(
        agreement=world.agreement, party=idea, kind="meals", description="Egna måltider"
    )
    InKindContribution.objects.create(
        agreement=world.agreement, party=public, kind="equipment", description="Kommunens datorer"
    )
    AgreementCap.objects.create(agreement=world.agreement, label="Hemligt tak", amount=5)
    body = client_for(world.partner).get(economy_url(world.agreement)).content.decode()
    assert "Egna måltider" in body
    assert "Kommunens datorer" not in body and "Hemligt tak" not in body


def test_another_organisation_gets_404_for_every_shape(world, client_for):
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    compensation = _quarterly(world)
    item = InKindContribution.objects.create(
        agreement=world.agreement, party=idea, kind="meals", description="Fika"
    )
    cap = AgreementCap.objects.create(agreement=world.agreement, label="Tak", amount=5)
    urls = [
        reverse("finance:given_instalments_edit", args=[compensation.pk, 2025]),
        reverse("finance:in_kind_create", args=[world.agreement.pk]),
        reverse("finance:in_kind_update", args=[world.agreement.pk, item.pk]),
        reverse("finance:cap_create", args=[world.agreement.pk]),
        reverse("finance:cap_update", args=[world.agreement.pk, cap.pk]),
    ]
    for user in (world.outsider_admin, world.other_partner):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url, {"version": "1", "delete": "on"}).status_code == 404
    # the other agreement's own admin cannot reach this one's rows through its agreement
    client = client_for(world.outsider_admin)
    other = world.other_agreement
    assert (
        client.get(reverse("finance:in_kind_update", args=[other.pk, item.pk])).status_code == 404
    )
    assert client.get(reverse("finance:cap_update", args=[other.pk, cap.pk])).status_code == 404
    assert InKindContribution.objects.filter(pk=item.pk).exists()
    assert AgreementCap.objects.filter(pk=cap.pk).exists()


def test_csv_export_includes_the_schedule_in_kind_and_caps(world, client_for):
    compensation = _quarterly(world)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    InKindContribution.objects.create(
        agreement=world.agreement, party=idea, year=2025, kind="premises",
        description="Lokal", value=1_000, valuation_basis="Internhyra",
    )  # fmt: skip
    AgreementCap.objects.create(agreement=world.agreement, label="Totalt", amount=400_000)
    response = client_for(world.admin).get(
        reverse("finance:economy_export", args=[world.agreement.pk])
    )
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    text = text.decode("utf-8-sig")
    assert "Delbetalningar;Part;År;Förfallodag" in text
    assert "IOGT-NTO Kamratstödet;2025;2025-04-30;25000;0;25000" in text
    assert "Lokaler utan hyra;Lokal;1000;Internhyra" in text
    assert "Totalt;Alla ersättningar;400000;300000;0;100000;Inom taket" in text
    assert compensation.pk


def test_economy_tab_queries_do_not_grow_with_shapes(
    world, client_for, django_assert_max_num_queries
):
    compensation = _quarterly(world)
    client = client_for(world.admin)
    # one of each first: the caps' compensations are prefetched only when there is a cap
    AgreementCap.objects.create(agreement=world.agreement, label="Tak 0", amount=5)
    with django_assert_max_num_queries(40) as ctx:
        client.get(economy_url(world.agreement))
    baseline = len(ctx.captured_queries)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    public = world.agreement.parties.get(role=Sector.PUBLIC)
    for year in (2024, 2025, 2026):
        for party in (idea, public):
            InKindContribution.objects.create(
                agreement=world.agreement, party=party, year=year, kind="other",
                description="x", value=10, valuation_basis="y",
            )  # fmt: skip
        PaymentFactory(compensation=compensation, year=year, amount=10)
    cap = AgreementCap.objects.create(agreement=world.agreement, label="Tak", amount=5)
    cap.compensations.add(compensation)
    AgreementCap.objects.create(agreement=world.agreement, label="Tak 2", amount=5)
    with django_assert_max_num_queries(baseline):
        client.get(economy_url(world.agreement))


def test_history_tab_names_the_shapes(world, client_for):
    client = client_for(world.admin)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    url = reverse("finance:in_kind_create", args=[world.agreement.pk])
    client.post(
        url,
        {"version": "0", "party": idea.pk, "kind": "meals", "description": "Lunch"},
    )
    body = client.get(
        reverse("partnerships:agreement_history", args=[world.agreement.pk])
    ).content.decode()
    assert "insats" in body.lower()
