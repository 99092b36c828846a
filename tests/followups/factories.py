"""Factories of follow-ups (the register's are in tests/factories.py)."""

import datetime as dt
import zoneinfo

import factory

from followups.models import Figures, FollowUpRound, Meeting, Note, ReportStatus
from tests.factories import AgreementFactory, GoalFactory, OrganisationFactory

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    agreement = factory.SubFactory(AgreementFactory)
    title = "Uppföljningsmöte"
    starts_at = dt.datetime(2026, 11, 20, 13, 0, tzinfo=STOCKHOLM)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "Stadshuset, Linköping"
    status = Meeting.Status.PLANNED

    class Params:
        held = factory.Trait(status=Meeting.Status.HELD)
        cancelled = factory.Trait(status=Meeting.Status.CANCELLED)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpRound

    agreement = factory.SubFactory(AgreementFactory)
    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2026, 12, 31)
    due_date = dt.date(2026, 12, 15)
    status = FollowUpRound.Status.OPEN

    class Params:
        closed = factory.Trait(status=FollowUpRound.Status.CLOSED)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    goal = factory.SubFactory(GoalFactory, agreement=factory.SelfAttribute("..round.agreement"))
    narrative = factory.Sequence(lambda n: f"Berättelse {n}")
    status = ReportStatus.DRAFT

    class Params:
        submitted = factory.Trait(status=ReportStatus.SUBMITTED)


class FiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figures

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    unique_persons = 40
    visitors_per_day = 8
    status = ReportStatus.DRAFT

    class Params:
        submitted = factory.Trait(status=ReportStatus.SUBMITTED)
