"""Follow-up indicators of an agreement: the rules (pure), the administrators' list, a
party's values, the renewal, and the documents following each agreement's own indicators."""

from decimal import Decimal

import pytest
from django.urls import reverse

from followups import services
from followups.indicators import NUMBER, RANGE, SHARE, Rule, check_values, value_text
from followups.models import Figures, Indicator, IndicatorValue, ReportStatus
from partnerships.models import AuditEvent
from partnerships.services import agreement_start_renewal
from tests.documents.conftest import annual_report_pdf, followup_report_pdf, pdf_text
from tests.factories import OrganisationFactory, UserFactory, agreement_with_parties

from .factories import FiguresFactory, RoundFactory, linkoping_indicators

D = Decimal


# --- the rules, without a database -------------------------------------------------------


def test_values_read_as_printed():
    assert value_text(D("5.00"), D("9.00"), "timmar per dag") == "5–9 timmar per dag"
    assert value_text(D("5"), D("5"), "timmar") == "5 timmar"
    assert value_text(D("1.50"), None, "") == "1,5"
    assert value_text(D(34), None, "%") == "34 %"
    assert value_text(None, None, "visningar") == ""


def test_shares_of_one_goal_add_up_to_100_and_other_goals_are_apart():
    rules = [
        Rule("a", SHARE, 100, group=1),
        Rule("b", SHARE, 100, group=1),
        Rule("c", SHARE, 100, group=2),
        Rule("d", SHARE, 100, group=2),
    ]
    ok = {"a": (D(60), None), "b": (D(40), None), "c": (D(50), None), "d": (D(50), None)}
    assert check_values(rules, ok) == {}
    bad = {**ok, "d": (D(40), None)}
    assert check_values(rules, bad) == {"c": ["Andelarna måste tillsammans bli 100 % (nu 90 %)."]}
    assert check_values(rules, {}) == {}  # nothing reported is fine


def test_a_range_needs_its_low_value_and_a_high_not_below_it_and_maxima_hold():
    rules = [Rule("h", RANGE, 24), Rule("n", NUMBER, None)]
    assert check_values(rules, {"h": (D(9), D(5))}) == {
        "h_max": ["Det högsta värdet kan inte vara lägre än det lägsta."]
    }
    assert check_values(rules, {"h": (None, D(5))}) == {"h": ["Ange det lägsta värdet också."]}
    assert check_values(rules, {"h": (D(5), D(25))}) == {
        "h_max": ["Värdet kan inte vara större än 24."]
    }
    assert check_values(rules, {"n": (D(10**9), None)}) == {}
    assert check_values(rules, {"n": (D(-1), None)}) == {"n": ["Värdet kan inte vara negativt."]}


# --- the administrators' list --------------------------------------------------------------


def edit_url(agreement):
    return reverse("followups:indicators_edit", args=[agreement.pk])


def formset(rows, *, initial=0):
    data = {
        "matt-TOTAL_FORMS": str(len(rows)),
        "matt-INITIAL_FORMS": str(initial),
        "matt-MIN_NUM_FORMS": "0",
        "matt-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"matt-{index}-{key}"] = value
    return data


HERITAGE_ROWS = [
    {
        "name": "Antal guidade visningar",
        "unit": "visningar",
        "kind": "number",
        "target": "40",
        "position": "1",
    },
    {
        "name": "Antal besökare på visningarna",
        "unit": "personer",
        "kind": "number",
        "position": "2",
    },
]


@pytest.fixture
def heritage(world):
    """A second agreement of the same municipality, with a local heritage society."""
    society = OrganisationFactory(name="Hembygdsföreningen Gamla Linköping")
    agreement = agreement_with_parties(
        world.municipality, society, board=world.agreement.board, title="Levande kulturarv"
    )
    partner = UserFactory(organisation=society, partner=True, username="hembygd")
    return agreement, society, partner


def test_admin_defines_the_indicators_of_an_agreement(world, client_for, heritage):
    agreement, _society, _partner = heritage
    client = client_for(world.admin)
    page = client.get(edit_url(agreement))
    assert page.status_code == 200
    body = page.content.decode()
    assert '<label for="id_matt-0-name">Namn' in body
    goal = agreement.goals.get(position=2)
    rows = [dict(HERITAGE_ROWS[0]), {**HERITAGE_ROWS[1], "goal": str(goal.pk)}]
    response = client.post(edit_url(agreement), formset(rows))
    assert response.status_code == 302
    indicators = list(Indicator.objects.filter(agreement=agreement))
    assert [(i.name, i.unit, i.target, i.goal) for i in indicators] == [
        ("Antal guidade visningar", "visningar", D(40), None),
        ("Antal besökare på visningarna", "personer", None, goal),
    ]
    assert indicators[0].history.count() == 1
    assert AuditEvent.objects.filter(
        agreement=agreement, action="followups.indicators_changed"
    ).exists()
    # Linköping's agreement keeps its own (none were added there).
    assert not Indicator.objects.filter(agreement=world.agreement).exists()
    # Changing one: its version moves on, the change is in the history.
    first = indicators[0]
    rows = [
        {**HERITAGE_ROWS[0], "id": str(first.pk), "version": "1", "target": "45"},
        {**HERITAGE_ROWS[1], "id": str(indicators[1].pk), "version": "1"},
    ]
    assert client.post(edit_url(agreement), formset(rows, initial=2)).status_code == 302
    first.refresh_from_db()
    assert (first.target, first.version, first.history.count()) == (D(45), 2, 2)
    # A stale version (read before that change) is a 409 with the input kept.
    rows[0].update(version="1", target="50")
    response = client.post(edit_url(agreement), formset(rows, initial=2))
    assert response.status_code == 409
    assert 'value="50"' in response.content.decode()
    first.refresh_from_db()
    assert first.target == D(45)


def test_bad_indicator_rows_are_refused_in_swedish_and_nothing_is_saved(
    world, client_for, heritage
):
    agreement, _s, _p = heritage
    client = client_for(world.admin)
    response = client.post(
        edit_url(agreement), formset([{"name": "Besökare 850709-9805", "kind": "number"}])
    )
    assert response.status_code == 400
    assert "personnummer" in response.content.decode()
    rows = [
        {"name": "Antal spelare", "kind": "share", "target": "120"},
        {"name": "antal spelare", "kind": "number"},
    ]
    response = client.post(edit_url(agreement), formset(rows))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Formuläret innehåller fel. Inget har sparats." in body
    assert "Målvärdet kan inte vara större än det högsta rimliga värdet." in body
    assert "Två mått har samma namn." in body
    assert 'value="Antal spelare"' in body
    assert not Indicator.objects.exists()


def test_an_indicator_with_reported_values_is_not_removed(world, client_for, open_round):
    indicators = linkoping_indicators(world.agreement)
    FiguresFactory(round=open_round, organisation=world.association, submitted=True)
    unique = indicators["Unika personer under perioden"]
    rows = [
        {
            "id": str(unique.pk),
            "version": "1",
            "name": unique.name,
            "kind": "number",
            "position": "5",
            "DELETE": "on",
        }
    ]
    response = client_for(world.admin).post(edit_url(world.agreement), formset(rows, initial=1))
    assert response.status_code == 400
    assert "har rapporterade värden och kan inte tas bort" in response.content.decode()
    assert Indicator.objects.filter(pk=unique.pk).exists()


def test_only_the_agreements_administrators_edit_indicators(world, client_for, heritage):
    agreement, _s, partner = heritage
    assert client_for(partner).get(edit_url(agreement)).status_code == 403
    assert client_for(world.board_staff).get(edit_url(agreement)).status_code == 403
    assert client_for(world.outsider_admin).get(edit_url(agreement)).status_code == 404
    assert (
        client_for(world.outsider_admin).post(edit_url(agreement), formset([])).status_code == 404
    )


def test_indicator_page_query_count_does_not_grow(world, client_for, django_assert_max_num_queries):
    client = client_for(world.admin)
    with django_assert_max_num_queries(12):
        assert client.get(edit_url(world.agreement)).status_code == 200
    linkoping_indicators(world.agreement)
    with django_assert_max_num_queries(12):
        assert client.get(edit_url(world.agreement)).status_code == 200


# --- a party's values, the documents --------------------------------------------------------


def _define(world, client_for, agreement):
    client_for(world.admin).post(edit_url(agreement), formset(HERITAGE_ROWS))
    return {i.name: i for i in Indicator.objects.filter(agreement=agreement)}


def test_partner_files_values_of_the_agreements_own_indicators_and_they_reach_the_pdfs(
    world, client_for, heritage
):
    agreement, society, partner = heritage
    indicators = _define(world, client_for, agreement)
    # Linköping's agreement has its own indicators and figures that must not leak.
    linkoping_round = RoundFactory(agreement=world.agreement)
    FiguresFactory(round=linkoping_round, organisation=world.association, submitted=True)
    round = RoundFactory(agreement=agreement)
    client = client_for(partner)
    url = reverse("followups:round_report", args=[round.pk])
    body = client.get(url).content.decode()
    assert "Antal guidade visningar (visningar)" in body
    assert "Målvärde: 40 visningar" in body
    assert "Unika personer" not in body
    data = {f"goal_{g.pk}": "Visningar hela sommaren." for g in agreement.goals.all()}
    data.update(
        {
            "version": "0",
            f"figures-ind_{indicators['Antal guidade visningar'].pk}": "42",
            f"figures-ind_{indicators['Antal besökare på visningarna'].pk}": "1 130",
            "submit": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Figures.objects.get(round=round).status == ReportStatus.SUBMITTED
    values = {v.indicator.name: v.value for v in IndicatorValue.objects.filter(round=round)}
    assert values == {"Antal guidade visningar": 42, "Antal besökare på visningarna": 1130}

    text = " ".join(pdf_text(followup_report_pdf(round.pk)).split())
    assert "Hembygdsföreningen Gamla Linköping" in text
    assert "Antal guidade visningar 42 visningar (mål 40 visningar)" in text
    assert "Antal besökare på visningarna 1 130 personer" in text or (
        "Antal besökare på visningarna 1130 personer" in text
    )
    assert "Unika personer" not in text and "Öppet" not in text

    annual = " ".join(pdf_text(annual_report_pdf(agreement.board_id, 2026)).split())
    assert "Uppföljningens mått, 2026" in annual
    assert "Antal guidade visningar 40 visningar Hembygdsföreningen Gamla Linköping: 42" in annual

    # The tab's chart and table follow the agreement's indicators.
    tab = client_for(world.admin).get(reverse("followups:agreement_followup", args=[agreement.pk]))
    tab_body = tab.content.decode()
    assert "Hembygdsföreningen Gamla Linköping: 2026: 42." in tab_body
    assert "Unika personer" not in tab_body


def test_values_are_checked_against_each_indicator(world, client_for, heritage):
    agreement, _society, partner = heritage
    indicators = _define(world, client_for, agreement)
    round = RoundFactory(agreement=agreement)
    with pytest.raises(Exception) as exc:
        services.report_save(
            user=partner,
            round=round,
            narratives={},
            figures={},
            values={indicators["Antal guidade visningar"].pk: (D(-2), None)},
            expected_version=0,
        )
    assert "negativt" in str(exc.value)
    assert not IndicatorValue.objects.exists()


def test_other_partners_do_not_see_draft_values(world, client_for, heritage):
    agreement, society, partner = heritage
    _define(world, client_for, agreement)
    round = RoundFactory(agreement=agreement)
    FiguresFactory(round=round, organisation=society, values={"Antal guidade visningar": 777})
    tab = reverse("followups:agreement_followup", args=[agreement.pk])
    assert "777" not in client_for(world.admin).get(tab).content.decode()
    assert "777" not in client_for(world.admin).get(round.get_absolute_url()).content.decode()
    assert "777" in client_for(partner).get(tab).content.decode()


def test_a_renewal_copies_the_indicators_to_the_successor(world, client_for, heritage):
    agreement, _s, _p = heritage
    goal = agreement.goals.get(position=2)
    _define(world, client_for, agreement)
    Indicator.objects.filter(name="Antal besökare på visningarna").update(goal=goal)
    successor = agreement_start_renewal(agreement=agreement, years=3, user=world.admin)
    copies = list(Indicator.objects.filter(agreement=successor))
    assert [(i.name, i.unit, i.target) for i in copies] == [
        ("Antal guidade visningar", "visningar", D(40)),
        ("Antal besökare på visningarna", "personer", None),
    ]
    assert copies[1].goal.agreement_id == successor.pk and copies[1].goal.position == 2
    assert not IndicatorValue.objects.filter(indicator__agreement=successor).exists()


def test_indicators_and_submitted_values_are_in_the_agreements_history(world, client_for, heritage):
    agreement, society, partner = heritage
    _define(world, client_for, agreement)
    round = RoundFactory(agreement=agreement)
    FiguresFactory(round=round, organisation=society, values={"Antal guidade visningar": 9})
    url = reverse("partnerships:agreement_history", args=[agreement.pk])
    admin_page = client_for(world.admin).get(url).content.decode()
    assert "mått Antal guidade visningar" in admin_page
    assert "värde för Antal guidade visningar" not in admin_page  # a draft: the party's own
    assert "värde för Antal guidade visningar" in client_for(partner).get(url).content.decode()
    Figures.objects.filter(round=round).update(status=ReportStatus.SUBMITTED)
    assert "värde för Antal guidade visningar" in client_for(world.admin).get(url).content.decode()
