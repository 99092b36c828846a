"""Reads of follow-ups, scoped to the user through ``agreements_visible_to``.

Outside the user's agreements everything is a 404. Inside, a party's notes and figures are
private to its own organisation until submitted; submitted ones are visible to everybody
who sees the agreement (administration, board staff, the other parties).
"""

import datetime as dt
import re

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from common.converters import one_or_404
from partnerships.models import Agreement, Party, Sector, User
from partnerships.selectors import agreement_for_user, agreements_visible_to

from .models import (
    Assessment,
    CalendarFeed,
    Figures,
    FollowUpRound,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)
from .schedule import PlannedFollowUp, PlanStatus, followup_plan, plan_status

_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _parties_prefetch() -> Prefetch:
    return Prefetch("parties", queryset=Party.objects.select_related("organisation"))


def agreement_followup_for_user(user: User, pk: object) -> Agreement:
    queryset = Agreement.objects.prefetch_related("goals", _parties_prefetch())
    return agreement_for_user(user, pk, queryset=queryset)


def round_for_user(user: User, pk: object) -> FollowUpRound:
    rounds = (
        FollowUpRound.objects.filter(agreement__in=agreements_visible_to(user))
        .select_related("agreement")
        .prefetch_related(
            Prefetch("agreement__goals"),
            Prefetch("agreement__parties", queryset=Party.objects.select_related("organisation")),
        )
    )
    return one_or_404(rounds, pk, "Ingen sådan uppföljningsomgång.")


def meeting_for_user(user: User, pk: object) -> Meeting:
    meetings = (
        Meeting.objects.filter(agreement__in=agreements_visible_to(user))
        .select_related("agreement")
        .prefetch_related(
            Prefetch("attendees"),
            Prefetch("agreement__parties", queryset=Party.objects.select_related("organisation")),
        )
    )
    return one_or_404(meetings, pk, "Inget sådant möte.")


def _report_visibility(user: User) -> Q:
    visible = Q(status=ReportStatus.SUBMITTED)
    if user.is_authenticated and user.organisation_id:
        visible |= Q(organisation_id=user.organisation_id)
    return visible


def notes_visible_to(user: User, round: FollowUpRound) -> QuerySet[Note]:
    return (
        Note.objects.filter(round=round)
        .filter(_report_visibility(user))
        .select_related("organisation", "goal")
    )


def figures_visible_to(user: User, rounds) -> QuerySet[Figures]:
    return (
        Figures.objects.filter(round__in=rounds)
        .filter(_report_visibility(user))
        .select_related("organisation", "round")
    )


def indicators_of(agreement: Agreement) -> QuerySet[Indicator]:
    return Indicator.objects.filter(agreement=agreement).select_related("goal")


def values_of_reports(figures) -> dict[tuple[int, int, int], IndicatorValue]:
    """(round id, organisation id, indicator id) -> value, for the given reports only (so a
    value is visible exactly when its party's report is). One query."""
    pairs = {(f.round_id, f.organisation_id) for f in figures}
    if not pairs:
        return {}
    rounds = {r for r, _o in pairs}
    organisations = {o for _r, o in pairs}
    return {
        (v.round_id, v.organisation_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(
            round_id__in=rounds, organisation_id__in=organisations
        )
        if (v.round_id, v.organisation_id) in pairs
    }


def own_values(round: FollowUpRound, organisation) -> dict[int, tuple]:
    return {
        v.indicator_id: (v.value, v.value_max)
        for v in IndicatorValue.objects.filter(round=round, organisation=organisation)
    }


def own_report(round: FollowUpRound, organisation) -> tuple[dict[int, Note], Figures | None]:
    notes = {
        note.goal_id: note for note in Note.objects.filter(round=round, organisation=organisation)
    }
    figures = Figures.objects.filter(round=round, organisation=organisation).first()
    return notes, figures


def assessment_of(round: FollowUpRound) -> Assessment | None:
    return (
        Assessment.objects.filter(round=round)
        .prefetch_related(Prefetch("goals", queryset=GoalAssessment.objects.select_related("goal")))
        .first()
    )


def rounds_of(agreement: Agreement) -> QuerySet[FollowUpRound]:
    return FollowUpRound.objects.filter(agreement=agreement).order_by("period_start", "pk")


def submission_overview(round: FollowUpRound) -> dict[int, str]:
    """Organisation id -> 'submitted' / 'draft' (no content, so safe to show everybody)."""
    overview: dict[int, str] = {}
    for organisation_id, status in Note.objects.filter(round=round).values_list(
        "organisation_id", "status"
    ):
        if overview.get(organisation_id) != ReportStatus.DRAFT:
            overview[organisation_id] = status
    for organisation_id, status in Figures.objects.filter(round=round).values_list(
        "organisation_id", "status"
    ):
        if status == ReportStatus.DRAFT or organisation_id not in overview:
            overview[organisation_id] = status
    return overview


def plan_with_status(
    agreement: Agreement, meetings: list[Meeting], today: dt.date
) -> list[tuple[PlannedFollowUp, PlanStatus, list[Meeting]]]:
    from django.utils import timezone

    dated = [(timezone.localtime(m.starts_at).date(), m.status, m) for m in meetings]
    rows = []
    for followup in followup_plan(
        period_start=agreement.period_start,
        period_end=agreement.period_end,
        per_year=agreement.min_followups_per_year,
    ):
        status = plan_status(
            followup, meetings=[(day, status) for day, status, _ in dated], today=today
        )
        in_period = [m for day, _, m in dated if followup.contains(day)]
        rows.append((followup, status, in_period))
    return rows


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(agreement__in=agreements_visible_to(user)).select_related(
        "agreement"
    )


def rounds_visible_to(user: User) -> QuerySet[FollowUpRound]:
    return FollowUpRound.objects.filter(agreement__in=agreements_visible_to(user)).select_related(
        "agreement"
    )


def open_rounds_for_partner(user: User) -> QuerySet[FollowUpRound]:
    """Open rounds of agreements where the user's organisation is an idea-based party."""
    if not user.is_authenticated or not user.is_partner:
        return FollowUpRound.objects.none()
    return (
        FollowUpRound.objects.filter(
            status=FollowUpRound.Status.OPEN,
            agreement__in=agreements_visible_to(user),
            agreement__parties__organisation_id=user.organisation_id,
            agreement__parties__role=Sector.IDEA_BASED,
        )
        .select_related("agreement")
        .distinct()
        .order_by("due_date", "pk")
    )


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_by_token(token: str) -> CalendarFeed:
    """The active feed with this token, else 404 (unknown, revoked, inactive user)."""
    # Tokens are ``secrets.token_urlsafe``: anything else (a NUL byte would be a 500 on
    # PostgreSQL) is not a token.
    if not token or not _TOKEN.fullmatch(token):
        raise Http404("Ingen sådan kalender.")
    feed = (
        CalendarFeed.objects.filter(
            token_hash=CalendarFeed.hash_token(token), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    if feed is None:
        raise Http404("Ingen sådan kalender.")
    return feed


# What needs doing (start page, reminders) ----------------------------------------------

MEETING_WARN_DAYS = 30
ENDED_GRACE_DAYS = 90


def followups_needing_meeting(
    agreements: QuerySet[Agreement], today: dt.date
) -> list[tuple[Agreement, PlannedFollowUp, PlanStatus]]:
    """Planned follow-ups due within 30 days or overdue with no meeting planned or held
    in their period, for approved agreements that run now (or ended at most 90 days ago).

    Two queries whatever the number of agreements."""
    relevant = (
        agreements.filter(
            approved=True,
            period_start__lte=today + dt.timedelta(days=MEETING_WARN_DAYS),
            period_end__gte=today - dt.timedelta(days=ENDED_GRACE_DAYS),
        )
        .select_related("termination")
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.exclude(status=Meeting.Status.CANCELLED).only(
                    "pk", "agreement_id", "starts_at", "status"
                ),
            )
        )
        .order_by("period_end", "pk")
    )
    result = []
    for agreement in relevant:
        end = agreement.effective_end
        meetings = list(agreement.meetings.all())
        for followup, status, _ in plan_with_status(agreement, meetings, today):
            if followup.start > end:
                continue
            if status in (PlanStatus.OVERDUE, PlanStatus.DUE):
                result.append((agreement, followup, status))
    return result


def agreements_managed_by(user: User) -> QuerySet[Agreement]:
    """Agreements where the user is an administrator of a public party."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_superuser:
        return Agreement.objects.all()
    if not user.is_administrator:
        return Agreement.objects.none()
    return (
        agreements_visible_to(user)
        .filter(parties__organisation_id=user.organisation_id, parties__role=Sector.PUBLIC)
        .distinct()
    )
