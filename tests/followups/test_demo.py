"""``followups.demo.seed`` against a case built with factories (the documented keys)."""

import datetime as dt

import pytest
from django.urls import reverse

from followups import demo
from followups.indicators import LINKOPING_TEMPLATE
from followups.models import (
    Assessment,
    Figures,
    FollowUpRound,
    GoalResult,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)
from partnerships.demo import DemoCase
from tests.factories import (
    AgreementFactory,
    ContactPersonFactory,
    GoalFactory,
    OrganisationFactory,
    PartyFactory,
    UserFactory,
)

GOALS_2018 = [
    "Nå människor som lever i socialt utanförskap, ensamhet och isolering.",
    "Erbjuda social samvaro, gemenskap och bygga nätverk som stärker enskilda.",
    "Bidra till att människor får fungerande vardagsrutiner.",
]


def _agreement(start, end, orgs, per_year=1, title="Social gemenskap"):
    agreement = AgreementFactory(
        period_start=start, period_end=end, min_followups_per_year=per_year, title=title
    )
    for org in orgs:
        PartyFactory(agreement=agreement, organisation=org)
    for position, text in enumerate(GOALS_2018, start=1):
        GoalFactory(agreement=agreement, position=position, text=text)
    return agreement


@pytest.fixture
def case(db) -> DemoCase:
    linkoping = OrganisationFactory(public=True, name="Linköpings kommun")
    iogt = OrganisationFactory(name="IOGT-NTO Kamratstödet")
    pingst = OrganisationFactory(name="Pingstförsamlingen Linköping")
    sion = OrganisationFactory(name="Sionförsamlingen", successor=pingst)
    other_m = OrganisationFactory(public=True, name="Annan kommun")
    other_a = OrganisationFactory(name="Annan förening")
    ContactPersonFactory(organisation=iogt, email="kamratstod@example.org")
    organisations = {
        "linkoping": linkoping,
        "iogt": iogt,
        "pingst": pingst,
        "sion": sion,
        "other_municipality": other_m,
        "other_association": other_a,
    }
    agreements = {
        "2018": _agreement(
            dt.date(2018, 1, 1), dt.date(2020, 12, 31), [linkoping, iogt, pingst], per_year=2
        ),
        "2021": _agreement(dt.date(2021, 1, 1), dt.date(2023, 12, 31), [linkoping, iogt, pingst]),
        "2024": _agreement(dt.date(2024, 1, 1), dt.date(2026, 12, 31), [linkoping, iogt, pingst]),
        "other": _agreement(dt.date(2024, 1, 1), dt.date(2026, 12, 31), [other_m, other_a]),
    }
    users = {
        "handlaggare": UserFactory(organisation=linkoping, username="handlaggare"),
        "namndsekreterare": UserFactory(organisation=linkoping, board_staff=True),
        "iogt": UserFactory(organisation=iogt, partner=True, username="iogt"),
        "pingst": UserFactory(organisation=pingst, partner=True, username="pingst"),
        "annan": UserFactory(organisation=other_m, username="annan"),
    }
    return DemoCase(organisations=organisations, agreements=agreements, users=users)


def _snapshot():
    return (
        Meeting.objects.count(),
        FollowUpRound.objects.count(),
        Note.objects.count(),
        Figures.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
        Assessment.objects.count(),
    )


def reported(round, organisation) -> dict:
    """The party's values of the round: indicator name -> (value, high value)."""
    return {
        v.indicator.name: (v.value, v.value_max)
        for v in IndicatorValue.objects.filter(round=round, organisation=organisation)
    }


def test_seed_reproduces_the_2020_followup_and_is_idempotent(case):
    demo.seed(case)
    first = _snapshot()
    demo.seed(case)
    assert _snapshot() == first

    meeting = Meeting.objects.get(agreement=case.agreements["2018"])
    assert meeting.status == Meeting.Status.HELD
    round = FollowUpRound.objects.get(agreement=case.agreements["2018"])
    assert round.period_label == "2020"
    notes = Note.objects.filter(round=round)
    assert notes.count() == 2 * len(GOALS_2018)
    assert set(notes.values_list("status", flat=True)) == {ReportStatus.SUBMITTED}
    assert [i.name for i in Indicator.objects.filter(agreement=case.agreements["2018"])] == [
        spec.name for spec in LINKOPING_TEMPLATE
    ]
    iogt = reported(round, case.organisations["iogt"])
    assert iogt["Öppet"] == (5, 9)
    assert iogt["Öppna dagar under perioden"] == (220, None)
    pingst = reported(round, case.organisations["pingst"])
    assert pingst["Återkommande besökare (stammisar)"] == (25, None)
    assert pingst["Unika personer under perioden"] == (90, None)
    assert sum(pingst[f"Andel som kommer {w}"][0] for w in ("ofta", "ibland", "sällan")) == 100
    assert pingst["Personer i arbetsträning"] == (15, None)
    assert pingst["Arbetsträning"] == (2, 20)
    assessment = Assessment.objects.get(round=round)
    assert assessment.overall_result == GoalResult.PARTLY
    assert "delvis nått sitt syfte och mål" in assessment.overall_text
    assert set(assessment.goals.values_list("result", flat=True)) == {GoalResult.PARTLY}


def test_seed_opens_the_2026_round_with_an_iogt_draft(case, client_for):
    demo.seed(case)
    round = FollowUpRound.objects.get(agreement=case.agreements["2024"])
    assert round.is_open and round.due_date == dt.date(2026, 12, 15)
    drafts = Note.objects.filter(round=round)
    assert {n.organisation for n in drafts} == {case.organisations["iogt"]}
    assert {n.status for n in drafts} == {ReportStatus.DRAFT}
    import time_machine

    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        body = client_for(case.users["iogt"]).get("/").content.decode()
    assert "Uppföljning 2026" in body
    assert reverse("followups:round_report", args=[round.pk]) in body


def test_seed_with_sion_as_party_files_pingst_text_under_sion(case):
    agreement = case.agreements["2018"]
    agreement.parties.filter(organisation=case.organisations["pingst"]).delete()
    PartyFactory(agreement=agreement, organisation=case.organisations["sion"])
    demo.seed(case)
    round = FollowUpRound.objects.get(agreement=agreement)
    assert reported(round, case.organisations["sion"])["Unika personer under perioden"] == (
        90,
        None,
    )


def test_seed_of_an_empty_case_does_nothing(db):
    demo.seed(DemoCase({}, {}, {}))
    assert _snapshot() == (0, 0, 0, 0, 0, 0, 0)
