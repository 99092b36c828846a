import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import services
from followups.models import (
    Figures,
    FollowUpRound,
    Indicator,
    IndicatorValue,
    Note,
    ReportStatus,
)
from tests.factories import OrganisationFactory, PartyFactory, UserFactory

from .factories import FiguresFactory, NoteFactory, RoundFactory, indicator_field

D = dt.date


def report_url(round):
    return reverse("followups:round_report", args=[round.pk])


def report_version(round, organisation=None) -> int:
    """The version of a party's report as its edit form carries it (0: nothing saved)."""
    figures = Figures.objects.filter(round=round)
    if organisation is not None:
        figures = figures.filter(organisation=organisation)
    found = figures.first()
    return found.version if found else 0


def field(round, name, *, high=False):
    return indicator_field(round.agreement, name, high=high)


def post_data(round, text="Vi har haft öppet.", **extra):
    data = {f"goal_{g.pk}": text for g in round.agreement.goals.all()}
    data["version"] = str(report_version(round))
    data.update(
        {
            field(round, "Öppet"): "5",
            field(round, "Öppet", high=True): "9",
            field(round, "Unika personer under perioden"): "90",
        }
    )
    data.update(extra)
    return data


# Round creation ------------------------------------------------------------------------


def test_round_outside_agreement_period_is_refused_in_swedish(world):
    with pytest.raises(ValidationError) as exc:
        services.round_create(
            user=world.admin,
            agreement=world.agreement,
            period_start=D(2027, 1, 1),
            period_end=D(2027, 12, 31),
            due_date=D(2027, 12, 15),
        )
    assert "utanför överenskommelsens period" in str(exc.value)
    assert not FollowUpRound.objects.exists()


def test_admin_creates_round_in_browser_and_bad_period_keeps_input(world, client_for):
    client = client_for(world.admin)
    url = reverse("followups:round_create", args=[world.agreement.pk])
    response = client.post(
        url, {"period_start": "2023-01-01", "period_end": "2023-12-31", "due_date": "2023-12-15"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "utanför överenskommelsens period" in body
    assert 'value="2023-01-01"' in body
    response = client.post(
        url, {"period_start": "2025-01-01", "period_end": "2025-06-30", "due_date": "2025-08-15"}
    )
    assert response.status_code == 302
    assert FollowUpRound.objects.get().period_label == "2025, första halvåret"


def test_partner_cannot_create_round(world, client_for):
    url = reverse("followups:round_create", args=[world.agreement.pk])
    assert client_for(world.partner).get(url).status_code == 403


def test_outsider_gets_404_on_round_pages(world, client_for, open_round):
    client = client_for(world.outsider_admin)
    assert client.get(open_round.get_absolute_url()).status_code == 404
    assert client.get(report_url(open_round)).status_code == 404
    assert (
        client.get(reverse("followups:round_assessment", args=[open_round.pk])).status_code == 404
    )
    assert (
        client.get(reverse("followups:round_create", args=[world.agreement.pk])).status_code == 404
    )
    assert client_for(world.other_partner).get(open_round.get_absolute_url()).status_code == 404


# Partner notes --------------------------------------------------------------------------


def test_partner_saves_draft_that_only_their_organisation_sees(world, client_for, open_round):
    client = client_for(world.partner)
    response = client.post(report_url(open_round), post_data(open_round, "Hemligt utkast"))
    assert response.status_code == 302
    assert Note.objects.filter(status=ReportStatus.DRAFT).count() == 2
    assert "Hemligt utkast" in client.get(open_round.get_absolute_url()).content.decode()
    for user in (world.admin, world.board_staff):
        body = client_for(user).get(open_round.get_absolute_url()).content.decode()
        assert "Hemligt utkast" not in body
        assert "utkast" in body


def test_submitted_notes_are_visible_to_administration_board_and_other_parties(
    world, client_for, open_round
):
    second = OrganisationFactory(name="Pingstförsamlingen")
    PartyFactory(agreement=world.agreement, organisation=second)
    second_partner = UserFactory(organisation=second, partner=True)
    client_for(world.partner).post(
        report_url(open_round), post_data(open_round, "Inlämnad text", submit="1")
    )
    assert Note.objects.filter(status=ReportStatus.SUBMITTED).count() == 2
    for user in (world.admin, world.board_staff, second_partner):
        assert (
            "Inlämnad text" in client_for(user).get(open_round.get_absolute_url()).content.decode()
        )


def test_submitted_report_is_locked_until_admin_reopens(world, client_for, open_round):
    client = client_for(world.partner)
    client.post(report_url(open_round), post_data(open_round, "Första", submit="1"))
    response = client.post(report_url(open_round), post_data(open_round, "Ändrad"))
    assert response.status_code == 403
    with pytest.raises(ValidationError, match="låst"):
        services.report_save(
            user=world.partner, round=open_round, narratives={}, figures={}, expected_version=0
        )
    assert not Note.objects.filter(narrative="Ändrad").exists()
    # a partner cannot reopen
    reopen = reverse("followups:round_reopen", args=[open_round.pk, world.association.pk])
    assert client.post(reopen).status_code == 403
    assert client_for(world.admin).post(reopen).status_code == 302
    assert not Note.objects.filter(status=ReportStatus.SUBMITTED).exists()
    client = client_for(world.partner)
    assert client.post(report_url(open_round), post_data(open_round, "Ändrad")).status_code == 302
    assert Note.objects.filter(narrative="Ändrad").count() == 2


def test_extra_posted_organisation_changes_nothing(world, client_for, open_round):
    client = client_for(world.partner)
    client.post(
        report_url(open_round),
        post_data(
            open_round,
            organisation=str(world.other_association.pk),
            organisation_id=str(world.other_association.pk),
            **{"figures-organisation": str(world.other_association.pk)},
        ),
    )
    assert set(Note.objects.values_list("organisation_id", flat=True)) == {world.association.pk}
    assert Figures.objects.get().organisation == world.association


def test_admin_and_board_staff_cannot_write_a_report(world, client_for, open_round):
    assert client_for(world.admin).get(report_url(open_round)).status_code == 403
    assert (
        client_for(world.board_staff)
        .post(report_url(open_round), post_data(open_round))
        .status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.report_save(
            user=world.admin, round=open_round, narratives={}, figures={}, expected_version=0
        )


def test_personnummer_is_refused_and_everything_typed_is_kept(world, client_for, open_round):
    goals = list(open_round.agreement.goals.all())
    data = post_data(open_round, "Vanlig text om verksamheten")
    data[f"goal_{goals[0].pk}"] = "Besökaren 850709-9805 kom ofta."
    data["figures-cooperation_partners"] = "Stadsmissionen"
    response = client_for(world.partner).post(report_url(open_round), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        "Texten innehåller något som ser ut som ett personnummer (850709-9805). "
        "Personnummer och samordningsnummer får inte sparas i registret. Ta bort numret."
    ) in body
    assert "Vanlig text om verksamheten" in body
    assert "Stadsmissionen" in body
    assert 'value="90"' in body
    assert not Note.objects.exists() and not Figures.objects.exists()


def test_samordningsnummer_in_figures_text_is_refused(world, client_for, open_round):
    data = post_data(open_round, **{"figures-new_target_groups": "Person 701063-2391"})
    response = client_for(world.partner).post(report_url(open_round), data)
    assert response.status_code == 400
    assert "samordningsnummer (701063-2391)" in response.content.decode()
    assert not Note.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {
                ("Andel som kommer ofta", False): "50",
                ("Andel som kommer ibland", False): "30",
                ("Andel som kommer sällan", False): "10",
            },
            "måste tillsammans bli 100 %",
        ),
        ({("Unika personer under perioden", False): "-3"}, "större än eller lika med 0"),
        ({("Öppet", False): "9", ("Öppet", True): "5"}, "högsta värdet kan inte vara lägre"),
        ({("Öppet", True): "25"}, "kan inte vara större än 24"),
    ],
)
def test_bad_figures_are_refused_next_to_the_field(world, client_for, open_round, fields, message):
    posted = {field(open_round, name, high=high): v for (name, high), v in fields.items()}
    response = client_for(world.partner).post(
        report_url(open_round), post_data(open_round, **posted)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Note.objects.exists()


def test_shares_adding_up_to_100_are_accepted(world, open_round):
    indicators = {i.name: i for i in Indicator.objects.filter(agreement=world.agreement)}
    services.report_save(
        user=world.partner,
        round=open_round,
        narratives={},
        expected_version=0,
        figures={},
        values={
            indicators["Andel som kommer ofta"].pk: (Decimal(34), None),
            indicators["Andel som kommer ibland"].pk: (Decimal(33), None),
            indicators["Andel som kommer sällan"].pk: (Decimal(33), None),
            indicators["Arbetsträning"].pk: (Decimal(2), Decimal(20)),
        },
    )
    stored = {
        v.indicator.name: (v.value, v.value_max)
        for v in IndicatorValue.objects.filter(round=open_round, organisation=world.association)
    }
    assert sum(stored[f"Andel som kommer {w}"][0] for w in ("ofta", "ibland", "sällan")) == 100
    assert stored["Arbetsträning"] == (2, 20)


def test_too_long_text_is_refused(world, open_round):
    goal = open_round.agreement.goals.first()
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            user=world.partner,
            round=open_round,
            narratives={goal.pk: "x" * 20_001},
            figures={},
            expected_version=0,
        )
    assert f"goal_{goal.pk}" in exc.value.message_dict


def test_submit_requires_text_for_every_goal(world, open_round):
    goal = open_round.agreement.goals.first()
    with pytest.raises(ValidationError) as exc:
        services.report_save(
            user=world.partner,
            round=open_round,
            narratives={goal.pk: "Bara ett mål"},
            figures={},
            submit=True,
            expected_version=0,
        )
    assert "Skriv något om målet" in str(exc.value)
    assert not Note.objects.exists()


def test_closed_round_refuses_reports(world):
    round = RoundFactory(agreement=world.agreement, closed=True)
    with pytest.raises(ValidationError, match="stängd"):
        services.report_save(
            user=world.partner, round=round, narratives={}, figures={}, expected_version=0
        )


def test_round_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    round = RoundFactory(agreement=world.agreement)
    client = client_for(world.admin)

    def add_party():
        org = OrganisationFactory()
        PartyFactory(agreement=world.agreement, organisation=org)
        for goal in world.agreement.goals.all():
            NoteFactory(round=round, organisation=org, goal=goal, submitted=True)
        FiguresFactory(round=round, organisation=org, submitted=True)

    add_party()
    with django_assert_max_num_queries(14):
        assert client.get(round.get_absolute_url()).status_code == 200
    for _ in range(4):
        add_party()
    with django_assert_max_num_queries(14):
        assert client.get(round.get_absolute_url()).status_code == 200


def test_every_change_to_a_note_is_in_the_history_with_who(world, client_for, open_round):
    client = client_for(world.partner)
    client.post(report_url(open_round), post_data(open_round, "Första versionen"))
    client.post(report_url(open_round), post_data(open_round, "Andra versionen"))
    note = Note.objects.filter(narrative="Andra versionen").first()
    records = Note.history.filter(id=note.pk).order_by("history_date", "history_id")
    assert [r.narrative for r in records] == ["Första versionen", "Andra versionen"]
    assert {r.history_user for r in records} == {world.partner}
