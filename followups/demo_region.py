"""Demo follow-up of the region's agreement (``partnerships.demo_region``): its own
indicators (guided tours, visitors, school classes), the round July 2025 – June 2026 with
the heritage society's submitted report. Idempotent; the Linköping case is not touched."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from partnerships.demo import DemoCase

from .indicator_services import indicators_from_template
from .indicators import NUMBER, Spec
from .models import Figures, FollowUpRound, Indicator, IndicatorValue, Note, ReportStatus

TEMPLATE = [
    Spec("Antal guidade visningar", "visningar", NUMBER, 1_000, target=40),
    Spec("Antal besökare vid visningarna", "personer", NUMBER, 100_000),
    Spec("Skolklasser som besökt gården", "klasser", NUMBER, 1_000, target=10),
]
VALUES = {
    "Antal guidade visningar": 46,
    "Antal besökare vid visningarna": 1_130,
    "Skolklasser som besökt gården": 12,
}
NARRATIVES = [
    "Gården har haft öppet för guidade visningar varje helg från maj till september och "
    "på beställning under resten av året.",
    "Skolklasser från fyra kommuner har besökt gården; ungdomar har guidat tillsammans med "
    "föreningens medlemmar.",
]


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def seed(case: DemoCase) -> None:
    agreement = case.agreements.get("region")
    society = case.organisations.get("hembygd")
    if agreement is None or society is None:
        return
    goals = list(agreement.goals.order_by("position"))
    indicators = {i.name: i for i in indicators_from_template(agreement, TEMPLATE)}
    school = indicators["Skolklasser som besökt gården"]
    if school.goal_id is None and len(goals) > 1:
        Indicator.objects.filter(pk=school.pk).update(goal=goals[1])
    start, end = dt.date(2025, 7, 1), dt.date(2026, 6, 30)
    round = FollowUpRound.objects.filter(
        agreement=agreement, period_start=start, period_end=end
    ).first() or FollowUpRound(agreement=agreement, period_start=start, period_end=end)
    round.due_date = dt.date(2026, 8, 31)
    round.status = FollowUpRound.Status.CLOSED
    _save(round)
    if Figures.objects.filter(round=round, organisation=society).exists():
        return  # reported already: leave it as it is
    when = timezone.make_aware(dt.datetime(2026, 8, 20, 10, 0))
    author = case.users.get("hembygd")
    for goal, text in zip(goals, NARRATIVES, strict=False):
        _save(
            Note(
                round=round,
                organisation=society,
                goal=goal,
                narrative=text,
                status=ReportStatus.SUBMITTED,
                submitted_at=when,
                submitted_by=author,
            )
        )
    _save(
        Figures(
            round=round,
            organisation=society,
            cooperation_partners="Länsmuseet, kommunernas skolor, studieförbund.",
            status=ReportStatus.SUBMITTED,
            submitted_at=when,
        )
    )
    for name, value in VALUES.items():
        _save(
            IndicatorValue(
                indicator=indicators[name],
                round=round,
                organisation=society,
                value=Decimal(value),
            )
        )
