"""The national benchmark data set at a tiny scale: counts, validity, scope; and the
benchmark command over it."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from finance.models import Compensation, IndexValue, Payment
from followups.models import Figures, FollowUpRound, Note
from partnerships.models import Agreement, Board, Goal, Organisation, Party, Sector, User
from partnerships.orgnr import normalise_organisation_number
from partnerships.selectors import agreements_visible_to

pytestmark = pytest.mark.django_db

ARGS = ["--municipalities", "3", "--regions", "1", "--agreements", "6", "--today", "2026-11-23"]


@pytest.fixture
def national(db):
    out = io.StringIO()
    call_command("generate_national_data", *ARGS, stdout=out)
    return out.getvalue()


def test_counts_and_validity(national):
    publics = Organisation.objects.filter(sector=Sector.PUBLIC)
    assert publics.count() == 4
    assert publics.filter(name__startswith="Region").count() == 1
    assert Board.objects.count() == 4
    for organisation in Organisation.objects.all():
        assert normalise_organisation_number(organisation.organisation_number)
    for public in publics:
        roles = set(User.objects.filter(organisation=public).values_list("role", flat=True))
        assert roles == {User.Role.ADMINISTRATOR, User.Role.BOARD_STAFF}
    idea = Organisation.objects.filter(sector=Sector.IDEA_BASED)
    assert set(User.objects.filter(organisation__in=idea).values_list("role", flat=True)) == {
        User.Role.PARTNER
    }
    agreements = Agreement.objects.all()
    assert agreements.count() >= 4
    for agreement in agreements.prefetch_related("parties", "goals"):
        parties = list(agreement.parties.all())
        assert 2 <= len(parties) <= 4
        assert [p.role for p in parties].count(Sector.PUBLIC) == 1
        assert 3 <= len(agreement.goals.all()) <= 6
    assert Compensation.objects.count() == Party.objects.filter(role=Sector.IDEA_BASED).count()
    assert Payment.objects.exists() and FollowUpRound.objects.exists()
    # Notes per goal: a party that wrote in a round wrote on every goal.
    for figures in Figures.objects.select_related("round"):
        notes = Note.objects.filter(round=figures.round, organisation=figures.organisation_id)
        assert notes.count() == Goal.objects.filter(agreement=figures.round.agreement_id).count()
    years = set(IndexValue.objects.filter(series__name="OPI").values_list("year", flat=True))
    assert set(range(2007, 2027)) <= years
    assert "partnerships.Agreement" in national and "Klart på" in national


def test_ids_continue_after_generation(national):
    """Explicit ids were used: the database's own sequence must continue above them."""
    organisation = Organisation.objects.create(name="Ny förening", sector=Sector.IDEA_BASED)
    assert organisation.pk > Organisation.objects.exclude(pk=organisation.pk).order_by("-pk")[0].pk


def test_scope_holds_between_municipalities(national, client):
    a, b = Organisation.objects.filter(sector=Sector.PUBLIC).order_by("pk")[:2]
    admin_a = User.objects.get(organisation=a, role=User.Role.ADMINISTRATOR)
    seen = set(agreements_visible_to(admin_a).values_list("pk", flat=True))
    of_b = set(Agreement.objects.filter(parties__organisation=b).values_list("pk", flat=True))
    assert seen and of_b and not seen & of_b
    client.force_login(admin_a)
    other = of_b.pop()
    assert client.get(reverse("partnerships:agreement_detail", args=[other])).status_code == 404
    assert client.get(reverse("finance:economy", args=[other])).status_code == 404
    partner = User.objects.filter(role=User.Role.PARTNER, organisation__parties__isnull=False)[0]
    partner_seen = set(agreements_visible_to(partner).values_list("pk", flat=True))
    assert partner_seen == set(
        Party.objects.filter(organisation=partner.organisation_id).values_list(
            "agreement_id", flat=True
        )
    )


def test_refuses_to_run_twice(national):
    with pytest.raises(CommandError):
        call_command("generate_national_data", *ARGS, stdout=io.StringIO())


def _fingerprint():
    return (
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "organisation_number")),
        list(
            Agreement.objects.order_by("pk").values_list("pk", "title", "period_start", "approved")
        ),
        list(Payment.objects.order_by("pk").values_list("pk", "amount")),
        Note.objects.count(),
    )


def _generate_and_roll_back(seed: str):
    with transaction.atomic():
        call_command("generate_national_data", *ARGS, "--seed", seed, stdout=io.StringIO())
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


def test_same_seed_gives_the_same_data(db):
    first = _generate_and_roll_back("7")
    assert first == _generate_and_roll_back("7")
    assert first != _generate_and_roll_back("8")


def test_benchmark_command_over_the_national_data(national, settings):
    # As in production: two-factor authentication is required (the benchmark's sessions
    # count as signed in through the identity provider, so no page is a redirect).
    settings.IOP_REQUIRE_MFA = True
    out = io.StringIO()
    call_command("benchmark_pages", "--repeat", "1", "--warmup", "0", "--quiet", stdout=out)
    table = out.getvalue()
    rows = [line for line in table.splitlines() if line.startswith("| ") and "role" not in line]
    assert len(rows) == 3 * 11  # three roles, eleven pages
    assert all("| 200 |" in row for row in rows), table
    assert "Minimal view" in table
    # Every page carries the minimal view timed alongside it (paired), and both ratios.
    assert "| paired minimal ms | × minimal | × first minimal |" in table
    assert all(len(row.strip("|").split("|")) == 9 for row in rows), table
