import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Agreement, Organisation, User
from partnerships.selectors import agreements_visible_to

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def test_login_page_and_login_with_password(world, client, password):
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "handlaggare", "password": password})
    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200


def test_wrong_password_gives_a_swedish_message(world, client):
    response = client.post(reverse("login"), {"username": "handlaggare", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt" in response.content.decode()


def test_logout_ends_the_session(world, client_for):
    client = client_for(world.admin)
    client.post(reverse("logout"))
    assert client.get(reverse("start")).status_code == 302


@time_machine.travel(NOW)
def test_start_page_warns_of_agreement_ending_without_successor(world, client_for):
    html = client_for(world.admin).get(reverse("start")).content.decode()
    assert "saknar beslutad fortsättning" in html
    assert "2026-12-31" in html
    assert world.agreement.title in html


@time_machine.travel(NOW)
def test_start_page_warning_goes_away_with_an_approved_successor(world, client_for):
    from tests.factories import agreement_with_parties

    agreement_with_parties(
        world.municipality,
        world.association,
        predecessor=world.agreement,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2029, 12, 31),
    )
    html = client_for(world.admin).get(reverse("start")).content.decode()
    assert "saknar beslutad fortsättning" not in html


@time_machine.travel(NOW)
@pytest.mark.parametrize("role", ["admin", "board_staff", "partner", "outsider_admin"])
def test_start_page_for_every_role(world, client_for, role):
    user = getattr(world, role)
    html = client_for(user).get(reverse("start")).content.decode()
    if role == "outsider_admin":
        assert world.agreement.title not in html
    else:
        assert world.agreement.title in html


@time_machine.travel(NOW)
def test_seed_demo_loads_the_linkoping_case_and_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (Agreement.objects.count(), Organisation.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Agreement.objects.count(), Organisation.objects.count(), User.objects.count()) == counts

    linkoping = Organisation.objects.get(organisation_number="212000-0449")
    assert linkoping.name == "Linköpings kommun"
    # The partner users are their organisations' partner administrators; nobody else is.
    admins = set(User.objects.filter(is_organisation_admin=True).values_list("username", flat=True))
    assert admins == {"iogt", "pingst"}
    sion = Organisation.objects.get(name="Sionförsamlingen")
    assert sion.successor.organisation_number == "822000-3811"

    current = Agreement.objects.get(period_start=dt.date(2024, 1, 1))
    assert current.predecessor.period_start == dt.date(2021, 1, 1)
    assert current.predecessor.predecessor.period_start == dt.date(2018, 1, 1)
    assert current.status == "active"
    assert current.goals.count() == 6
    names = {p.organisation.name for p in current.parties.all()}
    assert names == {"Linköpings kommun", "IOGT-NTO Kamratstödet", "Pingstkyrkan Linköping"}
    signatories = {s.name for p in current.parties.all() for s in p.signatories.all()}
    assert signatories == {
        "Susanna Lundstedt",
        "Lisa Hallingström",
        "Carin Hansson",
        "Marcus Sönnerbrandt",
        "Per-Ola Hellberg",
    }
    first = current.predecessor.predecessor
    assert {p.organisation.name for p in first.parties.all()} == {
        "Linköpings kommun",
        "IOGT-NTO Kamratstödet",
        "Sionförsamlingen",
    }
    assert first.min_followups_per_year == 2

    annan = User.objects.get(username="annan")
    assert not agreements_visible_to(annan).filter(parties__organisation=linkoping).exists()
    assert agreements_visible_to(annan).count() == 1
    pingst = User.objects.get(username="pingst")
    assert set(agreements_visible_to(pingst)) == {current, current.predecessor}
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="handlaggare").check_password("iop-demo-2026")


def _agreements_ending_next_year(world, count: int, label: str) -> None:
    from tests.factories import OrganisationFactory, agreement_with_parties

    for n in range(count):
        agreement_with_parties(
            world.municipality,
            OrganisationFactory(),
            title=f"Fler {label} {n:02d}",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2027, 6, 30),
        )


@time_machine.travel(NOW)
def test_start_page_is_bounded_and_its_queries_fixed_as_agreements_grow(
    world, client_for, django_assert_max_num_queries
):
    from iop.views import START_AGREEMENTS, START_ATTENTION

    client = client_for(world.admin)
    with django_assert_max_num_queries(20) as ctx:
        client.get(reverse("start"))
    baseline = len(ctx.captured_queries)
    # Many agreements ending within a year without a successor: each is an attention item.
    _agreements_ending_next_year(world, START_AGREEMENTS + START_ATTENTION + 5, "a")
    with django_assert_max_num_queries(baseline):
        response = client.get(reverse("start"))
    assert len(response.context["agreements"]) == START_AGREEMENTS
    assert len(response.context["attention"]) == START_ATTENTION
    body = response.content.decode()
    assert "Visa alla överenskommelser" in body
    assert "Visa alla att hantera" in body
    # Bounded: ten agreements more change neither the queries nor (beyond a few digits
    # of the hidden count) the size of the page.
    _agreements_ending_next_year(world, 10, "b")
    with django_assert_max_num_queries(baseline):
        later = client.get(reverse("start"))
    assert abs(len(later.content) - len(response.content)) < 100
    everything = client.get(reverse("start"), {"att_hantera": "alla"})
    assert len(everything.context["attention"]) > START_ATTENTION
