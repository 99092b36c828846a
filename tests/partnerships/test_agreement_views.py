import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from partnerships.models import Agreement, Goal, Party
from tests.factories import (
    OrganisationFactory,
    PartyFactory,
    SignatoryFactory,
    agreement_with_parties,
)
from tests.partnerships.helpers import agreement_post_data, existing_rows

pytestmark = pytest.mark.django_db


def detail_url(agreement):
    return reverse("partnerships:agreement_detail", args=[agreement.pk])


def edit_url(agreement):
    return reverse("partnerships:agreement_update", args=[agreement.pk])


# --- reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "board_staff", "partner"])
def test_parties_see_the_agreement_page_with_every_section(world, client_for, role):
    agreement = world.agreement
    SignatoryFactory(party=agreement.parties.get(organisation=world.association), name="Lisa H")
    response = client_for(getattr(world, role)).get(detail_url(agreement))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        agreement.title,
        "Bakgrund",
        "Målgrupp",
        "Nå människor i socialt utanförskap",
        world.association.name,
        world.municipality.name,
        "Lisa H",
        "Ändringshistorik",
    ]:
        assert text in html


@pytest.mark.parametrize("role", ["outsider_admin", "other_partner"])
def test_it_checks_ownership_of_the_agreement_page(world, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(detail_url(world.agreement)).status_code == 404
    assert client.get(edit_url(world.agreement)).status_code == 404
    party = world.agreement.parties.first()
    url = reverse("partnerships:party_update", args=[world.agreement.pk, party.pk])
    assert client.get(url).status_code == 404
    url = reverse("partnerships:termination_create", args=[world.agreement.pk])
    assert client.get(url).status_code == 404


def test_an_id_that_is_not_a_number_or_does_not_exist_is_404(world, client_for):
    client = client_for(world.admin)
    assert client.get("/overenskommelser/abc/").status_code == 404
    assert client.get("/overenskommelser/999999/").status_code == 404


def test_anonymous_users_are_sent_to_login(world, client):
    response = client.get(detail_url(world.agreement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_superuser_sees_every_municipality(world, client_for):
    from tests.factories import UserFactory

    root = UserFactory(is_superuser=True, is_staff=True, organisation=None, role="")
    client = client_for(root)
    assert client.get(detail_url(world.agreement)).status_code == 200
    assert client.get(detail_url(world.other_agreement)).status_code == 200


def test_list_shows_only_the_users_agreements(world, client_for):
    html = client_for(world.admin).get(reverse("partnerships:agreement_list")).content.decode()
    assert world.agreement.title in html
    assert world.other_agreement.title not in html
    html = (
        client_for(world.outsider_admin)
        .get(reverse("partnerships:agreement_list"))
        .content.decode()
    )
    assert world.agreement.title not in html
    assert world.other_agreement.title in html


def test_list_search_and_filters(world, client_for):
    extra = agreement_with_parties(
        world.municipality,
        OrganisationFactory(name="Stadsmissionen"),
        title="Härbärge",
        registry_number="SOCN 2019-0042",
        period_start=dt.date(2019, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    client = client_for(world.admin)
    url = reverse("partnerships:agreement_list")

    def titles(params):
        page = client.get(url, params).context["page"]
        return {a.title for a in page.object_list}

    assert titles({"q": "Härbärge"}) == {extra.title}
    assert titles({"q": "2019-0042"}) == {extra.title}
    assert titles({"q": "stadsmission"}) == {extra.title}
    assert titles({"year": "2020"}) == {extra.title}
    assert titles({"party": world.association.pk}) == {world.agreement.title}
    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)):
        assert titles({"status": "ended"}) == {extra.title}
        assert titles({"status": "active"}) == {world.agreement.title}
    # A party the user cannot see is not a filter choice (and cannot widen the scope).
    assert titles({"party": world.other_association.pk}) == {world.agreement.title, extra.title}


def test_list_is_paginated(world, client_for):
    for n in range(30):
        agreement_with_parties(world.municipality, world.association, title=f"IOP {n:02d}")
    client = client_for(world.admin)
    first = client.get(reverse("partnerships:agreement_list"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("partnerships:agreement_list"), {"sida": 2})
    assert len(second.context["page"].object_list) == 6
    assert "Nästa sida" in first.content.decode()


def test_list_query_count_does_not_grow_with_agreements(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.admin)
    url = reverse("partnerships:agreement_list")
    client.get(url)
    for n in range(20):
        agreement_with_parties(
            world.municipality, OrganisationFactory(), OrganisationFactory(), title=f"Fler {n}"
        )
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200


def test_search_over_party_names_lists_each_agreement_once_in_fixed_queries(
    world, client_for, django_assert_max_num_queries
):
    """Two matching parties of one agreement must not list it twice (no join duplicates),
    and the number of queries does not grow with the matches."""
    client = client_for(world.admin)
    url = reverse("partnerships:agreement_list")
    agreement_with_parties(
        world.municipality,
        OrganisationFactory(name="Pingstkyrkan Norr"),
        OrganisationFactory(name="Equmeniakyrkan Norr"),
        title="Nattvandring",
    )
    with django_assert_max_num_queries(8) as ctx:
        page = client.get(url, {"q": "kyrkan"}).context["page"]
    assert [a.title for a in page.object_list] == ["Nattvandring"]
    assert page.paginator.count == 1
    for n in range(15):
        agreement_with_parties(
            world.municipality,
            OrganisationFactory(name=f"Kyrkan {n} A"),
            OrganisationFactory(name=f"Kyrkan {n} B"),
            title=f"Fler {n}",
        )
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        page = client.get(url, {"q": "kyrkan", "year": 2025}).context["page"]
    assert page.paginator.count == 16
    assert len({a.pk for a in page.object_list}) == len(page.object_list) == 16


def test_detail_query_count_does_not_grow_with_rows(
    world, client_for, django_assert_max_num_queries
):
    agreement = world.agreement
    for _ in range(10):
        party = PartyFactory(agreement=agreement)
        SignatoryFactory(party=party)
        party.responsibilities.create(position=1, text="Ansvar")
    client = client_for(world.admin)
    with django_assert_max_num_queries(24):
        assert client.get(detail_url(agreement)).status_code == 200


def test_renewal_chain_links_predecessor_and_successor(world, client_for):
    first = world.agreement
    second = agreement_with_parties(
        world.municipality,
        world.association,
        predecessor=first,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2029, 12, 31),
    )
    html = client_for(world.admin).get(detail_url(first)).content.decode()
    assert detail_url(second) in html
    html = client_for(world.admin).get(detail_url(second)).content.decode()
    assert detail_url(first) in html


# --- creating and editing ----------------------------------------------------------------


def test_administrator_creates_an_agreement_with_parties_and_goals(world, client_for):
    client = client_for(world.admin)
    other = OrganisationFactory(name="Röda Korset")
    data = agreement_post_data(
        parties=[world.municipality, world.association, other],
        goals=["Nå fler", "Bygga nätverk"],
    )
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title="Ny IOP")
    assert [g.text for g in agreement.goals.all()] == ["Nå fler", "Bygga nätverk"]
    assert [g.position for g in agreement.goals.all()] == [1, 2]
    roles = {p.organisation.name: p.role for p in agreement.parties.all()}
    assert roles == {
        world.municipality.name: "public",
        world.association.name: "idea_based",
        "Röda Korset": "idea_based",
    }


def test_end_before_start_is_refused_and_nothing_is_saved(world, client_for):
    client = client_for(world.admin)
    before = Agreement.objects.count()
    data = agreement_post_data(
        title="Felaktig",
        period_start="2025-01-01",
        period_end="2024-12-31",
        parties=[world.municipality, world.association],
        goals=["Ett mål jag skrev"],
    )
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Slutdatum måste vara efter startdatum." in html
    assert "Ett mål jag skrev" in html and 'value="Felaktig"' in html
    assert Agreement.objects.count() == before


def test_february_29_in_a_non_leap_year_is_refused(world, client_for):
    data = agreement_post_data(period_start="2025-02-29", parties=[world.municipality], goals=[])
    response = client_for(world.admin).post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_a_party_twice_is_refused_next_to_the_field(world, client_for):
    data = agreement_post_data(
        parties=[world.municipality, world.association, world.association], goals=["Mål"]
    )
    before = Party.objects.count()
    response = client_for(world.admin).post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    assert "kan bara vara part en gång" in response.content.decode()
    assert Party.objects.count() == before


def test_own_organisation_must_stay_a_party(world, client_for):
    data = agreement_post_data(parties=[world.association], goals=["Mål"])
    response = client_for(world.admin).post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 400
    assert "Din egen organisation måste vara part" in response.content.decode()


@pytest.mark.parametrize("role", ["board_staff", "partner"])
def test_board_staff_and_partners_cannot_create_or_edit(world, client_for, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("partnerships:agreement_create")).status_code == 403
    assert client.get(edit_url(world.agreement)).status_code == 403
    data = agreement_post_data(title="Kapad", parties=[world.municipality])
    assert client.post(edit_url(world.agreement), data).status_code == 403
    world.agreement.refresh_from_db()
    assert world.agreement.title != "Kapad"


def test_edit_keeps_goal_identity_and_records_history(world, client_for):
    client = client_for(world.admin)
    agreement = world.agreement
    goal_ids = list(agreement.goals.values_list("pk", flat=True))
    parties, goals = existing_rows(agreement)
    goals[0]["text"] = "Nå människor i utanförskap och ensamhet"
    data = agreement_post_data(
        title="Nytt namn",
        period_start="2024-01-01",
        period_end="2026-12-31",
        existing_parties=parties,
        existing_goals=goals,
        goals=["Ett tredje mål"],
        version=str(agreement.version),
    )
    response = client.post(edit_url(agreement), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert agreement.title == "Nytt namn"
    assert list(agreement.goals.values_list("pk", flat=True))[:2] == goal_ids
    assert Goal.objects.get(pk=goal_ids[0]).text == "Nå människor i utanförskap och ensamhet"
    html = client.get(detail_url(agreement)).content.decode()
    assert "ändrade överenskommelsen" in html
    assert "Nytt namn" in html
    assert world.admin.get_full_name() in html
    assert "skapade mål: Ett tredje mål" in html


def test_two_administrators_saving_at_once_the_second_is_told(world, client_for):
    agreement = world.agreement
    parties, goals = existing_rows(agreement)
    version = str(agreement.version)
    first = agreement_post_data(
        title="Första",
        period_start="2024-01-01",
        period_end="2026-12-31",
        existing_parties=parties,
        existing_goals=goals,
        version=version,
    )
    second = dict(first, title="Andra")
    client = client_for(world.admin)
    assert client.post(edit_url(agreement), first).status_code == 302
    response = client.post(edit_url(agreement), second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Någon annan har sparat en ändring här medan du redigerade" in html
    assert 'value="Andra"' in html  # the second user's input is kept
    agreement.refresh_from_db()
    assert agreement.title == "Första"


def test_party_responsibilities_and_signatories_are_edited(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("partnerships:party_update", args=[world.agreement.pk, party.pk])
    data = {
        "resp-TOTAL_FORMS": "2",
        "resp-INITIAL_FORMS": "0",
        "resp-MIN_NUM_FORMS": "0",
        "resp-MAX_NUM_FORMS": "1000",
        "resp-0-text": "Öppen verksamhet 220 dagar",
        "resp-0-position": "2",
        "resp-1-text": "Kamratstöd",
        "resp-1-position": "1",
        "sign-TOTAL_FORMS": "1",
        "sign-INITIAL_FORMS": "0",
        "sign-MIN_NUM_FORMS": "0",
        "sign-MAX_NUM_FORMS": "1000",
        "sign-0-name": "Lisa Hallingström",
        "sign-0-place": "Linköping",
        "sign-0-signed_on": "2023-12-01",
    }
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 302
    assert [r.text for r in party.responsibilities.all()] == [
        "Kamratstöd",
        "Öppen verksamhet 220 dagar",
    ]
    assert party.signatories.get().signed_on == dt.date(2023, 12, 1)


def test_party_of_another_agreement_is_404(world, client_for):
    foreign_party = world.other_agreement.parties.first()
    url = reverse("partnerships:party_update", args=[world.agreement.pk, foreign_party.pk])
    assert client_for(world.admin).get(url).status_code == 404


# --- termination -------------------------------------------------------------------------


def test_termination_is_recorded_and_shown(world, client_for):
    url = reverse("partnerships:termination_create", args=[world.agreement.pk])
    client = client_for(world.admin)
    response = client.post(url, {"given_by": world.association.pk, "notice_date": "2025-03-15"})
    assert response.status_code == 302
    html = client.get(detail_url(world.agreement)).content.decode()
    assert "Uppsagd" in html and "2025-09-15" in html


def test_notice_after_the_agreement_has_ended_is_refused(world, client_for):
    url = reverse("partnerships:termination_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(
        url, {"given_by": world.association.pk, "notice_date": "2027-02-01"}
    )
    assert response.status_code == 400
    assert "kan inte ges efter att den har upphört" in response.content.decode()
    assert not hasattr(Agreement.objects.get(pk=world.agreement.pk), "termination")


def test_notice_by_an_organisation_that_is_not_a_party_is_refused(world, client_for):
    url = reverse("partnerships:termination_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(
        url, {"given_by": world.other_association.pk, "notice_date": "2025-02-01"}
    )
    assert response.status_code == 400


def test_renewal_chain_costs_one_query_whatever_its_length(world, django_assert_num_queries):
    from partnerships.selectors import agreement_chain

    chain = [world.agreement]
    for n in range(6):
        chain.append(
            agreement_with_parties(
                world.municipality,
                world.association,
                predecessor=chain[-1],
                period_start=dt.date(2027 + 3 * n, 1, 1),
                period_end=dt.date(2029 + 3 * n, 12, 31),
            )
        )
    middle = Agreement.objects.get(pk=chain[3].pk)
    with django_assert_num_queries(1):
        found = agreement_chain(middle)
    assert [a.pk for a in found] == [a.pk for a in chain]
    first = Agreement.objects.get(pk=chain[0].pk)
    with django_assert_num_queries(1):
        assert [a.pk for a in agreement_chain(first)] == [a.pk for a in chain]


def test_add_party_button_gives_a_third_row_and_keeps_the_input(world, client_for):
    data = agreement_post_data(
        title="Tre parter", parties=[world.municipality, world.association], goals=["Ett mål"]
    )
    data["add_party"] = "1"
    before = Agreement.objects.count()
    response = client_for(world.admin).post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert Agreement.objects.count() == before
    assert 'name="parties-TOTAL_FORMS" value="3"' in html
    assert "Part 3" in html and 'name="parties-2-organisation"' in html
    assert 'value="Tre parter"' in html
    assert f'<option value="{world.association.pk}" selected>' in html
    assert "Ett mål" in html
    assert "Formuläret innehåller fel" not in html
    assert "Lägg till part" in html

    data.pop("add_party")
    data["parties-TOTAL_FORMS"] = "3"
    data["parties-2-organisation"] = str(world.other_association.pk)
    data["parties-2-role"] = ""
    response = client_for(world.admin).post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Agreement.objects.get(title="Tre parter")
    assert created.parties.count() == 3


def test_add_party_on_edit_keeps_the_saved_rows(world, client_for):
    agreement = world.agreement
    parties, goals = existing_rows(agreement)
    data = agreement_post_data(
        title="Ändrad titel",
        existing_parties=parties,
        existing_goals=goals,
        version=str(agreement.version),
        add_party="1",
    )
    response = client_for(world.admin).post(edit_url(agreement), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="parties-TOTAL_FORMS" value="{len(parties) + 1}"' in html
    assert 'value="Ändrad titel"' in html
    agreement.refresh_from_db()
    assert agreement.title != "Ändrad titel"
