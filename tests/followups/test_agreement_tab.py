import datetime as dt

from django.urls import reverse

from followups.models import Assessment, GoalResult, Indicator
from tests.factories import OrganisationFactory, PartyFactory

from .factories import STOCKHOLM, FiguresFactory, MeetingFactory, RoundFactory


def tab_url(agreement):
    return reverse("followups:agreement_followup", args=[agreement.pk])


def test_tab_is_registered_on_the_agreement_page(world, client_for):
    body = client_for(world.admin).get(world.agreement.get_absolute_url()).content.decode()
    assert f'href="{tab_url(world.agreement)}"' in body
    assert ">Uppföljning<" in body


def test_plan_shows_held_planned_and_overdue(world, client_for, frozen_today):
    MeetingFactory(
        agreement=world.agreement,
        held=True,
        starts_at=dt.datetime(2024, 11, 5, 10, tzinfo=STOCKHOLM),
    )
    MeetingFactory(
        agreement=world.agreement, starts_at=dt.datetime(2026, 12, 3, 10, tzinfo=STOCKHOLM)
    )
    body = client_for(world.board_staff).get(tab_url(world.agreement)).content.decode()
    assert "Genomförd" in body
    assert "Försenad" in body  # 2025 without a meeting
    assert "Möte planerat" in body
    assert 'aria-current="page">Uppföljning<' in body


def test_figures_table_and_accessible_chart(world, client_for):
    for year, persons in ((2024, 60), (2025, 75)):
        round = RoundFactory(
            agreement=world.agreement,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            due_date=dt.date(year, 12, 15),
        )
        FiguresFactory(
            round=round,
            organisation=world.association,
            values={"Unika personer under perioden": persons, "Öppet": (5, 9)},
            submitted=True,
        )
    unique = Indicator.objects.get(agreement=world.agreement, name="Unika personer under perioden")
    client = client_for(world.admin)
    body = client.get(tab_url(world.agreement), {"matt": unique.pk}).content.decode()
    assert 'role="img"' in body
    assert '<title id="figures-chart-title">' in body
    assert "IOGT-NTO Kamratstödet: 2024: 60, 2025: 75." in body
    assert '<th scope="col" class="num">Unika personer under perioden</th>' in body
    assert '<td class="num">5–9 timmar per dag</td>' in body
    # The first indicator is the chart's default; a range shows its high value.
    body = client.get(tab_url(world.agreement)).content.decode()
    assert "Öppet, timmar per dag (högst) per omgång och organisation" in body
    assert "IOGT-NTO Kamratstödet: 2024: 9, 2025: 9." in body


def test_draft_figures_of_another_party_are_not_in_the_chart(world, client_for):
    other = OrganisationFactory(name="Pingst")
    PartyFactory(agreement=world.agreement, organisation=other)
    round = RoundFactory(agreement=world.agreement)
    FiguresFactory(round=round, organisation=other, values={"Unika personer under perioden": 777})
    assert "777" not in client_for(world.partner).get(tab_url(world.agreement)).content.decode()
    assert "777" not in client_for(world.admin).get(tab_url(world.agreement)).content.decode()


def test_outsider_gets_404_on_the_tab(world, client_for):
    assert client_for(world.outsider_admin).get(tab_url(world.agreement)).status_code == 404
    assert client_for(world.other_partner).get(tab_url(world.agreement)).status_code == 404


def test_tab_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.admin)
    with django_assert_max_num_queries(14):
        client.get(tab_url(world.agreement))
    for year in (2024, 2025, 2026):
        round = RoundFactory(
            agreement=world.agreement,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            due_date=dt.date(year, 12, 15),
        )
        for _ in range(3):
            org = OrganisationFactory()
            PartyFactory(agreement=world.agreement, organisation=org)
            FiguresFactory(round=round, organisation=org, submitted=True)
        MeetingFactory(
            agreement=world.agreement, starts_at=dt.datetime(year, 5, 5, 10, tzinfo=STOCKHOLM)
        )
    with django_assert_max_num_queries(14):
        assert client.get(tab_url(world.agreement)).status_code == 200


# Assessment ----------------------------------------------------------------------------


def test_admin_writes_assessment_per_goal(world, client_for, open_round):
    goals = list(world.agreement.goals.all())
    url = reverse("followups:round_assessment", args=[open_round.pk])
    data = {
        "overall_result": "partly",
        "overall_text": "En samlad bedömning är att den delvis nått sitt syfte och mål.",
        "recommendation": "Förnya överenskommelsen.",
        "version": "0",  # no assessment yet
    }
    for goal in goals:
        data[f"goal_{goal.pk}_result"] = "partly"
        data[f"goal_{goal.pk}_comment"] = ""
    data[f"goal_{goals[0].pk}_result"] = "reached"
    assert client_for(world.admin).post(url, data).status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.overall_result == GoalResult.PARTLY
    assert [g.result for g in assessment.goals.all()] == ["reached", "partly"]
    body = client_for(world.partner).get(open_round.get_absolute_url()).content.decode()
    assert "Delvis uppnått" in body and "Förnya överenskommelsen." in body


def test_assessment_refuses_personnummer_and_keeps_input(world, client_for, open_round):
    url = reverse("followups:round_assessment", args=[open_round.pk])
    response = client_for(world.admin).post(
        url,
        {
            "overall_result": "partly",
            "overall_text": "Bra arbete.",
            "recommendation": "Kontakta 850709-9805.",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "personnummer (850709-9805)" in body and "Bra arbete." in body
    assert not Assessment.objects.exists()


def test_only_administrators_assess(world, client_for, open_round):
    url = reverse("followups:round_assessment", args=[open_round.pk])
    assert client_for(world.partner).get(url).status_code == 403
    assert client_for(world.board_staff).post(url, {}).status_code == 403
