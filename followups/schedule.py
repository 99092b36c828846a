"""The follow-up plan of an agreement: pure functions, callable without a database.

An agreement says how many follow-ups a year it needs at least (once a year in 2024-2026,
twice a year in 2018-2020). The period is cut into agreement years counted from
``period_start``, each year into that many equally long parts (whole months when 12 is
divisible by the number, else days), and a follow-up is due at the end of each part. The
last part ends with the agreement.
"""

import datetime as dt
import functools
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models

ONE_DAY = dt.timedelta(days=1)


class PlanStatus(models.TextChoices):
    HELD = "held", "Genomförd"
    PLANNED = "planned", "Möte planerat"
    OVERDUE = "overdue", "Försenad"
    DUE = "due", "Ska göras snart"  # due within the warning window, nothing planned
    UPCOMING = "upcoming", "Kommande"


PLAN_STATUS_LABELS = {status: status.label for status in PlanStatus}


@dataclass(frozen=True)
class PlannedFollowUp:
    number: int
    start: dt.date
    end: dt.date

    @property
    def due(self) -> dt.date:
        return self.end

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def followup_plan(
    *, period_start: dt.date, period_end: dt.date, per_year: int
) -> list[PlannedFollowUp]:
    """The follow-ups an agreement needs, in order. ``per_year`` below 1 counts as 1.

    A pure function of its three arguments, so it is memoised (issue 19: the start page
    computed the plan of every running agreement on every request; agreements share
    periods, so a few hundred distinct plans cover a whole register). The cached value is
    a tuple of frozen dataclasses; each caller gets its own list."""
    return list(_plan(period_start, period_end, max(1, per_year)))


@functools.lru_cache(maxsize=4096)
def _plan(period_start: dt.date, period_end: dt.date, per_year: int) -> tuple[PlannedFollowUp, ...]:
    if period_end < period_start:
        return ()
    plan: list[PlannedFollowUp] = []
    year = 0
    while True:
        year_start = period_start + relativedelta(years=year)
        if year_start > period_end:
            break
        year_end = min(period_start + relativedelta(years=year + 1) - ONE_DAY, period_end)
        for part in range(per_year):
            if 12 % per_year == 0:
                months = 12 // per_year
                start = year_start + relativedelta(months=part * months)
                end = year_start + relativedelta(months=(part + 1) * months) - ONE_DAY
            else:
                length = (year_start + relativedelta(years=1) - year_start).days
                start = year_start + dt.timedelta(days=length * part // per_year)
                end = year_start + dt.timedelta(days=length * (part + 1) // per_year) - ONE_DAY
            if start > year_end:
                break
            end = min(end, year_end)
            plan.append(PlannedFollowUp(number=len(plan) + 1, start=start, end=end))
        year += 1
    return tuple(plan)


def plan_status(
    followup: PlannedFollowUp,
    *,
    meetings: list[tuple[dt.date, str]],
    today: dt.date,
    warn_days: int = 30,
) -> PlanStatus:
    """Status of one planned follow-up given the agreement's meetings as (date, status).

    A held meeting in the part makes it held; a planned one makes it planned (cancelled
    meetings do not count). Otherwise it is overdue after the due date, due within
    ``warn_days`` before it, else upcoming."""
    statuses = {status for day, status in meetings if followup.contains(day)}
    if "held" in statuses:
        return PlanStatus.HELD
    if "planned" in statuses:
        return PlanStatus.PLANNED
    if today > followup.due:
        return PlanStatus.OVERDUE
    if today >= followup.due - dt.timedelta(days=warn_days):
        return PlanStatus.DUE
    return PlanStatus.UPCOMING


def round_is_due_for_reminder(*, due_date: dt.date, today: dt.date, days: int = 7) -> bool:
    """An open round is worth a reminder from ``days`` before its due date and after."""
    return today >= due_date - dt.timedelta(days=days)


def default_round_period(
    *, today: dt.date, period_start: dt.date, period_end: dt.date
) -> tuple[dt.date, dt.date, dt.date]:
    """The period and due date a new follow-up round is offered: the agreement year (counted
    from ``period_start``, as the plan counts it: July-June for a plan starting 1 July) that
    holds ``today``, or the first or last one outside the agreement. Due 16 days before the
    agreement year ends (15 December for a calendar year), never after the period."""
    years = 0
    while period_start + relativedelta(years=years + 1) <= min(today, period_end):
        years += 1
    year_start = period_start + relativedelta(years=years)
    year_end = period_start + relativedelta(years=years + 1) - ONE_DAY
    end = min(year_end, period_end)
    due = max(year_start, min(end, year_end - dt.timedelta(days=16)))
    return year_start, end, due
