"""From a partner's initiative to a draft agreement: filing, scope, completion, assessment,
the de minimis ledger and its export."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from initiatives.models import Assessment, DeclaredAid, Initiative, Status
from partnerships.models import Agreement, Sector
from tests.factories import OrganisationFactory, UserFactory

from .factories import InitiativeFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Läxhjälp i Skäggetorp",
    "need": "Många barn saknar stöd med skolarbetet.",
    "target_group": "Barn i årskurs 4–9.",
    "goals": "Fler elever klarar matematik\nFler föräldrar deltar",
    "own_money": "40000",
    "own_in_kind": "600 ideella timmar per år.",
    "organisation_description": "Ideell förening sedan 1985.",
    "signatories": "Anna Andersson, ordförande",
    "kammarkollegiet_registered": "on",
    "kammarkollegiet_checked_on": "2026-11-20",
    "attachments_note": "",
}


def _assessment_post(version: int = 0, **extra) -> dict:
    data = {f"{p}_reason": "Motiverat." for p in Assessment_criteria()}
    data |= {f"{p}_met": "on" for p in Assessment_criteria()}
    data |= {
        "pecuniary_contract": "",
        "procurement_reason": "Inget ömsesidigt bindande avtal mot ersättning.",
        "competence_reason": "Allmänt intresse inom kommunens område.",
        "state_aid_route": "de_minimis",
        "de_minimis_amount_sek": "1000000",
        "decision_date": "2026-12-10",
        "sek_per_eur": "11.2345",
        "declaration_note": "Försäkran daterad 2026-11-30.",
        "signed_off_role": "lawyer",
        "signed_off_name": "Kommunjurist Eva Ek",
        "version": str(version),
    }
    return data | extra


def Assessment_criteria() -> list[str]:  # noqa: N802
    from initiatives.models import IOP_CRITERIA, STATE_AID_CRITERIA

    return [p for p, _ in IOP_CRITERIA + STATE_AID_CRITERIA]


def test_partner_files_an_initiative_to_a_public_body(world, client_for):
    client = client_for(world.partner)
    response = client.post(
        reverse("initiatives:create"), FIELDS | {"public_body": world.municipality.pk}
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Initiativet är inlämnat."]
    assert initiative.organisation == world.association
    assert initiative.public_body == world.municipality
    assert initiative.status == Status.RECEIVED
    assert initiative.kammarkollegiet_checked_on == dt.date(2026, 11, 20)
    assert initiative.history.count() == 1
    queue = client_for(world.admin).get(reverse("initiatives:list"))
    assert "Läxhjälp i Skäggetorp" in queue.text and "Mottaget" in queue.text


def test_administrator_files_on_behalf_of_an_organisation_to_its_own_body(world, client_for):
    response = client_for(world.admin).post(
        reverse("initiatives:create"), FIELDS | {"organisation": world.association.pk}
    )
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.organisation, initiative.public_body) == (
        world.association,
        world.municipality,
    )


def test_a_personnummer_is_refused_and_the_input_kept(world, client_for):
    data = FIELDS | {"public_body": world.municipality.pk, "signatories": "Anna 850709-9805"}
    response = client_for(world.partner).post(reverse("initiatives:create"), data)
    assert response.status_code == 400
    assert "personnummer" in response.text
    assert "Ideell förening sedan 1985." in response.text
    assert not Initiative.objects.exists()


def test_registered_without_a_checked_date_is_refused(world, client_for):
    data = FIELDS | {"public_body": world.municipality.pk, "kammarkollegiet_checked_on": ""}
    response = client_for(world.partner).post(reverse("initiatives:create"), data)
    assert response.status_code == 400
    assert "kontrollerades" in response.text


def test_partner_sees_only_its_own_organisations_initiatives(world, client_for):
    own = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    other = InitiativeFactory(
        organisation=world.other_association,
        public_body=world.other_municipality,
        title="Annans initiativ",
    )
    partner = client_for(world.partner)
    listing = partner.get(reverse("initiatives:list"))
    assert own.title in listing.text and "Annans initiativ" not in listing.text
    assert partner.get(other.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["other_partner", "outsider_admin"])
def test_another_partner_and_another_municipality_get_404(world, client_for, who):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    client = client_for(getattr(world, who))
    assert client.get(initiative.get_absolute_url()).status_code == 404
    url = reverse("initiatives:assessment", args=[initiative.pk])
    assert client.get(url).status_code == 404
    assert initiative.title not in client.get(reverse("initiatives:list")).text


def test_queue_queries_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.admin)
    InitiativeFactory(organisation=world.association, public_body=world.municipality)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("initiatives:list"))
    for _ in range(5):
        InitiativeFactory(organisation=world.association, public_body=world.municipality)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("initiatives:list"))


def test_asking_for_completion_emails_the_partners_and_shows_it(
    world, client_for, django_capture_on_commit_callbacks
):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:completion", args=[initiative.pk])
    client = client_for(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "Bifoga senaste årsredovisningen.", "version": "1"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.DIALOGUE
    assert [m.to for m in mail.outbox] == [[world.partner.email]]
    assert "Bifoga senaste årsredovisningen." in mail.outbox[0].body
    page = client_for(world.partner).get(initiative.get_absolute_url())
    assert "Begärd komplettering" in page.text and "Bifoga senaste årsredovisningen." in page.text
    assert "Begär komplettering" not in page.text  # the partner does not handle it


def test_a_stale_version_is_a_409_and_keeps_the_text(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    response = client_for(world.admin).post(
        reverse("initiatives:completion", args=[initiative.pk]),
        {"message": "Bifoga stadgarna.", "version": "7"},
    )
    assert response.status_code == 409
    assert "Bifoga stadgarna." in response.text


def test_partner_and_board_staff_cannot_handle(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:agreement", args=[initiative.pk])
    data = {"period_start": "2027-01-01", "period_end": "2029-12-31", "version": "1"}
    for user in (world.partner, world.board_staff):
        assert client_for(user).post(url, data).status_code == 403
    assert not Agreement.objects.filter(title=initiative.title).exists()


def test_turning_into_a_draft_agreement_keeps_goals_target_group_and_parties(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    response = client_for(world.admin).post(
        reverse("initiatives:agreement", args=[initiative.pk]),
        {"period_start": "2027-01-01", "period_end": "2029-12-31", "version": "1"},
    )
    initiative.refresh_from_db()
    agreement = initiative.agreement
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert initiative.status == Status.AGREEMENT
    assert agreement.approved is False
    assert agreement.title == initiative.title
    assert agreement.target_group == initiative.target_group
    assert agreement.background == initiative.need
    assert [g.text for g in agreement.goals.order_by("position")] == [
        "Fler elever klarar godkänt i matematik",
        "Fler föräldrar deltar i skolan",
    ]
    assert {(p.organisation, p.role) for p in agreement.parties.all()} == {
        (world.municipality, Sector.PUBLIC),
        (world.association, Sector.IDEA_BASED),
    }
    # The partner now sees the draft through partnerships' own scope.
    assert client_for(world.partner).get(agreement.get_absolute_url()).status_code == 200
    again = client_for(world.admin).post(
        reverse("initiatives:agreement", args=[initiative.pk]),
        {"period_start": "2027-01-01", "period_end": "2029-12-31", "version": "2"},
    )
    assert again.status_code == 403


def test_period_end_before_start_is_refused_and_nothing_is_made(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    count = Agreement.objects.count()
    response = client_for(world.admin).post(
        reverse("initiatives:agreement", args=[initiative.pk]),
        {"period_start": "2027-01-01", "period_end": "2026-12-31", "version": "1"},
    )
    assert response.status_code == 400
    assert Agreement.objects.count() == count


def test_assessment_records_criteria_who_when_sign_off_and_rate(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:assessment", args=[initiative.pk])
    client = client_for(world.admin)
    assert client.get(url).status_code == 200
    response = client.post(url, _assessment_post())
    assert response.status_code == 302, response.text
    assessment = Assessment.objects.get(initiative=initiative)
    assert assessment.amount_eur == Decimal("89011.53")
    assert assessment.sek_per_eur == Decimal("11.2345")
    assert assessment.assessed_by == world.admin and assessment.assessed_at
    assert assessment.get_signed_off_role_display() == "Jurist"
    assert assessment.from_idea_side_met and assessment.from_idea_side_reason == "Motiverat."
    initiative.refresh_from_db()
    assert initiative.status == Status.ASSESSED
    page = client.get(initiative.get_absolute_url())
    assert "Kommunjurist Eva Ek" in page.text


def test_a_criterion_without_a_reason_is_refused(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:assessment", args=[initiative.pk])
    response = client_for(world.admin).post(url, _assessment_post(no_market_reason=""))
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_not_state_aid_needs_a_reason_for_each_of_the_five_criteria(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:assessment", args=[initiative.pk])
    client = client_for(world.admin)
    response = client.post(url, _assessment_post(state_aid_route="no_aid", aid_selective_reason=""))
    assert response.status_code == 400 and "Motivera kriteriet." in response.text
    all_met = client.post(url, _assessment_post(state_aid_route="no_aid"))
    assert all_met.status_code == 400 and "stödet är statsstöd" in all_met.text
    ok = client.post(url, _assessment_post(state_aid_route="no_aid", aid_advantage_met=""))
    assert ok.status_code == 302
    assert Assessment.objects.get().amount_eur is None


def test_de_minimis_route_needs_amount_date_and_rate(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    url = reverse("initiatives:assessment", args=[initiative.pk])
    response = client_for(world.admin).post(url, _assessment_post(sek_per_eur=""))
    assert response.status_code == 400
    assert "Krävs för stöd av mindre betydelse." in response.text


def test_a_decision_over_the_cap_is_warned_before_it_is_saved(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    DeclaredAid.objects.create(
        organisation=world.association,
        grantor="Region Östergötland",
        granted_on=dt.date(2025, 3, 1),
        amount_eur=Decimal("250000"),
    )
    url = reverse("initiatives:assessment", args=[initiative.pk])
    client = client_for(world.admin)
    warned = client.post(url, _assessment_post())  # 89 011,53 + 250 000 > 300 000
    assert warned.status_code == 400
    assert "över taket 300 000,00 euro" in warned.text
    assert not Assessment.objects.exists()
    confirmed = client.post(url, _assessment_post(accept_over_cap="on"))
    assert confirmed.status_code == 302


def test_declared_aid_from_others_is_added_to_the_ledger(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    client = client_for(world.admin)
    response = client.post(
        reverse("initiatives:declared_aid", args=[initiative.pk]),
        {"grantor": "Region Östergötland", "granted_on": "2025-03-01", "amount_eur": "12000"},
    )
    assert response.status_code == 302
    page = client.get(reverse("initiatives:assessment", args=[initiative.pk]))
    assert "Region Östergötland" in page.text and "12000" in page.text


def test_csv_export_lists_the_bodys_de_minimis_grants_only(world, client_for):
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    client = client_for(world.admin)
    client.post(reverse("initiatives:assessment", args=[initiative.pk]), _assessment_post())
    other_org = OrganisationFactory(name="=Formel förening")
    other_admin = UserFactory(organisation=world.other_municipality)
    other = InitiativeFactory(organisation=other_org, public_body=world.other_municipality)
    client_for(other_admin).post(
        reverse("initiatives:assessment", args=[other.pk]), _assessment_post()
    )
    response = client_for(world.admin).get(reverse("initiatives:de_minimis_csv"))
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("Mottagare;Organisationsnummer;Initiativ;Beslutsdatum")
    assert len(lines) == 2
    assert "IOGT-NTO Kamratstödet" in lines[1]
    assert "2026-12-10;1000000;11.2345;89011.53;nej" in lines[1]
    other_csv = client_for(other_admin).get(reverse("initiatives:de_minimis_csv"))
    assert "'=Formel förening" in other_csv.content.decode("utf-8-sig")
