"""Factories of follow-ups (the register's are in tests/factories.py)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import factory

from followups.indicator_services import indicators_from_template
from followups.indicators import LINKOPING_TEMPLATE
from followups.models import (
    Figures,
    FollowUpRound,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)
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


def linkoping_indicators(agreement) -> dict[str, Indicator]:
    """Linköping's indicators on ``agreement`` (as its agreements have them), by name."""
    return {i.name: i for i in indicators_from_template(agreement, LINKOPING_TEMPLATE)}


def indicator_field(agreement, name: str, *, high: bool = False) -> str:
    """The report form's posted name of an indicator's value: "figures-ind_12"."""
    indicator = Indicator.objects.get(agreement=agreement, name=name)
    return f"figures-ind_{indicator.pk}" + ("_max" if high else "")


class FiguresFactory(factory.django.DjangoModelFactory):
    """A party's report; ``values`` (indicator name -> value or (low, high)) become the
    values of the agreement's indicators (Linköping's, added when missing)."""

    class Meta:
        model = Figures
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = ReportStatus.DRAFT

    class Params:
        submitted = factory.Trait(status=ReportStatus.SUBMITTED)

    @factory.post_generation
    def values(obj, create, extracted, **kwargs):
        if not create:
            return
        wanted = (
            extracted
            if extracted is not None
            else {"Unika personer under perioden": 40, "Besökare per dag (ungefär)": 8}
        )
        if not wanted:
            return
        indicators = linkoping_indicators(obj.round.agreement)
        for name, number in wanted.items():
            indicator = (
                indicators.get(name)
                or Indicator.objects.get_or_create(agreement=obj.round.agreement, name=name)[0]
            )
            low, high = number if isinstance(number, tuple) else (number, None)
            IndicatorValue.objects.create(
                indicator=indicator,
                round=obj.round,
                organisation=obj.organisation,
                value=Decimal(low),
                value_max=Decimal(high) if high is not None else None,
            )
