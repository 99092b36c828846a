"""Follow-up rounds: opening and closing them, the partners' reports and the assessment."""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import bump_version
from partnerships.audit import log_event
from partnerships.models import Agreement, Goal, Organisation, User

from ..indicator_services import values_check, values_store
from ..models import (
    Assessment,
    Figures,
    FollowUpRound,
    GoalAssessment,
    Indicator,
    Note,
    ReportStatus,
)
from ..permissions import (
    can_report,
    reporting_organisation,
)
from .base import require_manager


@transaction.atomic
def round_create(
    *,
    user: User,
    agreement: Agreement,
    period_start: dt.date,
    period_end: dt.date,
    due_date: dt.date,
) -> FollowUpRound:
    require_manager(user, agreement)
    round = FollowUpRound(
        agreement=agreement, period_start=period_start, period_end=period_end, due_date=due_date
    )
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def round_set_status(*, user: User, round: FollowUpRound, status: str) -> FollowUpRound:
    require_manager(user, round.agreement)
    if status not in FollowUpRound.Status.values:
        raise ValidationError("Okänd status.")
    round.status = status
    round.save(update_fields=["status"])
    return round


def _lock(round: FollowUpRound, organisation: Organisation) -> None:
    """Serialise concurrent saves of one party's report (row locks on PostgreSQL)."""
    FollowUpRound.objects.select_for_update().filter(pk=round.pk).first()
    list(Note.objects.select_for_update().filter(round=round, organisation=organisation))


def _note(
    note: Note, narrative: str | None, *, user: User, submitted_at, errors: dict[str, list]
) -> Note:
    """A goal's note with its new text and status; its problems go to ``errors``."""
    key = f"goal_{note.goal_id}"
    note.narrative = (narrative or "").strip()
    note.status = ReportStatus.SUBMITTED if submitted_at else ReportStatus.DRAFT
    note.submitted_at = submitted_at
    note.submitted_by = user if submitted_at else None
    try:
        note.full_clean()
    except ValidationError as exc:
        errors.setdefault(key, []).extend(exc.message_dict.get("narrative", exc.messages))
    if submitted_at and not note.narrative and key not in errors:
        errors.setdefault(key, []).append(
            "Skriv något om målet innan du lämnar in (till exempel ”Inget att rapportera”)."
        )
    return note


def _figures(
    figures: Figures, values: Mapping[str, Any], *, submitted_at, errors: dict[str, list]
) -> Figures:
    """The party's figures with the reported values; problems go to ``errors``."""
    for name, value in values.items():
        if name in Figures.REPORTED_FIELDS:
            setattr(figures, name, value)
    figures.status = ReportStatus.SUBMITTED if submitted_at else ReportStatus.DRAFT
    figures.submitted_at = submitted_at
    try:
        figures.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(f"figures-{field}", []).extend(messages)
    return figures


@transaction.atomic
def report_save(
    *,
    user: User,
    round: FollowUpRound,
    narratives: Mapping[int, str],
    figures: Mapping[str, Any],
    expected_version: int,
    submit: bool = False,
    values: Mapping[int, tuple[Decimal | None, Decimal | None]] | None = None,
) -> tuple[list[Note], Figures]:
    """Save the user's organisation's notes (per goal), texts and indicator values
    (``values``: indicator id -> (value, high value of a range)); submit locks them.

    The organisation is always the user's own idea-based party: nothing in the input can
    point the write at another organisation."""
    require(can_report(user, round.agreement))
    organisation = reporting_organisation(user, round.agreement)
    _lock(round, organisation)
    round.refresh_from_db(fields=["status"])
    if not round.is_open:
        raise ValidationError("Omgången är stängd. Kontakta handläggaren om något behöver ändras.")
    goals = list(Goal.objects.filter(agreement=round.agreement).order_by("position", "pk"))
    existing = {n.goal_id: n for n in Note.objects.filter(round=round, organisation=organisation)}
    current_figures = Figures.objects.filter(round=round, organisation=organisation).first()
    if any(n.status == ReportStatus.SUBMITTED for n in existing.values()) or (
        current_figures and current_figures.status == ReportStatus.SUBMITTED
    ):
        raise ValidationError(
            "Rapporten är redan inlämnad och låst. Handläggaren kan öppna den igen."
        )
    # The report (notes and figures) is one edit; its version is kept on the figures row.
    if (current_figures.version if current_figures else 0) != expected_version:
        raise ConcurrentEditError
    errors: dict[str, list] = {}
    now = timezone.now() if submit else None
    notes = []
    for goal in goals:
        note = existing.get(goal.pk) or Note(round=round, organisation=organisation, goal=goal)
        notes.append(
            _note(note, narratives.get(goal.pk), user=user, submitted_at=now, errors=errors)
        )
    figures_obj = _figures(
        current_figures or Figures(round=round, organisation=organisation),
        figures,
        submitted_at=now,
        errors=errors,
    )
    indicators = list(Indicator.objects.filter(agreement=round.agreement))
    values_check(indicators, values or {}, errors)
    if errors:
        raise ValidationError(errors)
    for note in notes:
        note.save()
    if figures_obj.pk:
        bump_version(figures_obj, expected_version)
    figures_obj.save()
    values_store(round=round, organisation=organisation, indicators=indicators, values=values or {})
    if submit:
        log_event(
            agreement=round.agreement,
            user=user,
            action="followups.report_submitted",
            text=f"lämnade in rapporten från {organisation.name} för {round}",
            target=round,
            organisation=organisation,
        )
    return notes, figures_obj


@transaction.atomic
def report_reopen(*, user: User, round: FollowUpRound, organisation: Organisation) -> int:
    """The administrator unlocks a party's submitted report so it can be changed."""
    require_manager(user, round.agreement)
    _lock(round, organisation)
    # Row by row (not ``update()``): each status change is in the change history.
    count = 0
    for note in Note.objects.filter(
        round=round, organisation=organisation, status=ReportStatus.SUBMITTED
    ):
        note.status, note.submitted_at, note.submitted_by = ReportStatus.DRAFT, None, None
        note._change_reason = "öppnad igen"
        note.save()
        count += 1
    for figures in Figures.objects.filter(
        round=round, organisation=organisation, status=ReportStatus.SUBMITTED
    ):
        figures.status, figures.submitted_at = ReportStatus.DRAFT, None
        figures.version += 1  # an edit form read before the reopening is stale now
        figures._change_reason = "öppnad igen"
        figures.save()
        count += 1
    if count:
        log_event(
            agreement=round.agreement,
            user=user,
            action="followups.report_reopened",
            text=f"öppnade rapporten från {organisation.name} för {round} igen",
            target=round,
            organisation=organisation,
        )
    return count


# Assessment -----------------------------------------------------------------------------


@transaction.atomic
def assessment_save(
    *,
    user: User,
    round: FollowUpRound,
    overall_result: str,
    overall_text: str,
    recommendation: str,
    goal_results: Mapping[int, tuple[str, str]],
    expected_version: int,
) -> Assessment:
    """``goal_results``: goal id -> (result, comment) for the agreement's goals.
    ``expected_version``: of the assessment as the editor read it (0: none yet)."""
    require_manager(user, round.agreement)
    FollowUpRound.objects.select_for_update().filter(pk=round.pk).first()  # one at a time
    assessment = Assessment.objects.filter(round=round).first() or Assessment(round=round)
    if (assessment.version if assessment.pk else 0) != expected_version:
        raise ConcurrentEditError
    if assessment.pk:
        bump_version(assessment, expected_version)
    assessment.overall_result = overall_result
    assessment.overall_text = overall_text
    assessment.recommendation = recommendation
    assessment.assessed_by = user
    errors: dict[str, list] = {}
    try:
        assessment.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    goals = list(Goal.objects.filter(agreement=round.agreement))
    existing = {g.goal_id: g for g in assessment.goals.all()} if assessment.pk else {}
    rows = []
    for goal in goals:
        result, comment = goal_results.get(goal.pk, ("", ""))
        row = existing.get(goal.pk) or GoalAssessment(goal=goal)
        row.result, row.comment = result, comment
        try:
            row.full_clean(exclude=["assessment"])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(f"goal_{goal.pk}_{field}", []).extend(messages)
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    assessment.save()
    for row in rows:
        row.assessment = assessment
        row.save()
    return assessment
