"""Writes of follow-ups: atomic, keyword-only, ``full_clean`` before every save.

Rule checks raise ``ValidationError`` (Swedish, keyed by field where possible); a refusal
of ``permissions`` is the 403 with its reason (``require``); nothing is half-saved.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from common.permissions import require
from common.privacy import fold_line
from partnerships.models import Agreement, ContactPerson, Goal, Organisation, User

from . import ical
from .models import (
    Assessment,
    CalendarFeed,
    Figures,
    FollowUpRound,
    GoalAssessment,
    Meeting,
    Note,
    ReportStatus,
)
from .permissions import (
    can_manage_followups,
    can_report,
    meeting_of_agreement,
    reporting_organisation,
)

MEETING_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "place",
    "other_attendees",
    "agenda",
    "minutes",
    "status",
]
CALENDAR_FIELDS = {"title", "starts_at", "ends_at", "place", "agenda", "status"}


def _require_manager(user: User, agreement: Agreement) -> None:
    require(can_manage_followups(user, agreement))


def party_contacts(agreement: Agreement) -> list[ContactPerson]:
    return list(
        ContactPerson.objects.filter(organisation__parties__agreement=agreement)
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "name", "pk")
    )


# Meetings -----------------------------------------------------------------------------


@transaction.atomic
def meeting_save(
    *,
    user: User,
    agreement: Agreement,
    meeting: Meeting | None = None,
    data: Mapping[str, Any],
    attendees: Iterable[ContactPerson] = (),
) -> Meeting:
    """Create or update a meeting. Attendees must be contacts of the agreement's parties."""
    _require_manager(user, agreement)
    allowed = {person.pk for person in party_contacts(agreement)}
    attendees = list(attendees)
    if any(person.pk not in allowed for person in attendees):
        raise ValidationError(
            {"attendees": "Deltagarna måste vara kontaktpersoner hos överenskommelsens parter."}
        )
    if meeting is None:
        meeting = Meeting(agreement=agreement, created_by=user)
        changed_calendar = False
    else:
        require(meeting_of_agreement(meeting, agreement))
        stored = Meeting.objects.get(pk=meeting.pk)
        changed_calendar = any(
            field in data and getattr(stored, field) != data[field] for field in CALENDAR_FIELDS
        )
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    if changed_calendar:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _invitation_recipients(meeting: Meeting) -> list[str]:
    emails: list[str] = []
    for person in list(meeting.attendees.all()) + party_contacts(meeting.agreement):
        email = (person.email or "").strip()
        if email and email.lower() not in {e.lower() for e in emails}:
            emails.append(email)
    return emails


@transaction.atomic
def meeting_send_invitation(*, user: User, meeting: Meeting) -> list[str]:
    """E-mail the parties' contacts (and chosen attendees) the invitation as .ics."""
    _require_manager(user, meeting.agreement)
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError("Mötet är redan genomfört; det går inte att bjuda in till det.")
    recipients = _invitation_recipients(meeting)
    if not recipients:
        raise ValidationError(
            "Ingen av parternas kontaktpersoner har en e-postadress. Lägg till e-post under "
            "Organisationer och försök igen."
        )
    local_start = timezone.localtime(meeting.starts_at)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    # Titles are one line (common.privacy.LINE_GUARD); a row saved before that rule may
    # still hold a line break, which an e-mail header cannot carry: fold it.
    subject = fold_line(
        f"{'Inställt: ' if cancelled else 'Inbjudan: '}{meeting.title}, "
        f"{meeting.agreement.title} {local_start:%Y-%m-%d %H:%M}"
    )
    body_lines = [
        "Hej,",
        "",
        (
            "mötet nedan är inställt."
            if cancelled
            else "Social- och omsorgsförvaltningen bjuder in till uppföljning av "
            "överenskommelsen enligt nedan."
        ),
        "",
        f"Överenskommelse: {meeting.agreement.title}",
        f"Tid: {local_start:%Y-%m-%d %H:%M}–{timezone.localtime(meeting.ends_at):%H:%M}",
        f"Plats: {meeting.place or 'meddelas senare'}",
    ]
    if meeting.agenda:
        body_lines += ["", "Dagordning:", meeting.agenda]
    body_lines += ["", "Kalenderinbjudan finns som bilaga (inbjudan.ics)."]
    organizer = user.email or settings.DEFAULT_FROM_EMAIL
    message = EmailMessage(
        subject=subject,
        body="\n".join(body_lines),
        to=recipients,
        reply_to=[organizer] if user.email else None,
    )
    method = "CANCEL" if cancelled else "REQUEST"
    message.attach(
        "inbjudan.ics",
        ical.meeting_invitation(meeting, organizer_email=organizer),
        f"text/calendar; charset=utf-8; method={method}",
    )
    message.send()
    meeting.invitation_sent_at = timezone.now()
    meeting.save(update_fields=["invitation_sent_at"])
    return recipients


# Calendar feed --------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, user: User) -> CalendarFeed:
    """A new secret address; any earlier one stops working."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return CalendarFeed.objects.create(user=user, token=CalendarFeed.new_token())


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# Rounds ---------------------------------------------------------------------------------


@transaction.atomic
def round_create(
    *,
    user: User,
    agreement: Agreement,
    period_start: dt.date,
    period_end: dt.date,
    due_date: dt.date,
) -> FollowUpRound:
    _require_manager(user, agreement)
    round = FollowUpRound(
        agreement=agreement, period_start=period_start, period_end=period_end, due_date=due_date
    )
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def round_set_status(*, user: User, round: FollowUpRound, status: str) -> FollowUpRound:
    _require_manager(user, round.agreement)
    if status not in FollowUpRound.Status.values:
        raise ValidationError("Okänd status.")
    round.status = status
    round.save(update_fields=["status"])
    return round


def _lock(round: FollowUpRound, organisation: Organisation) -> None:
    """Serialise concurrent saves of one party's report (row locks on PostgreSQL)."""
    FollowUpRound.objects.select_for_update().filter(pk=round.pk).first()
    list(Note.objects.select_for_update().filter(round=round, organisation=organisation))


@transaction.atomic
def report_save(
    *,
    user: User,
    round: FollowUpRound,
    narratives: Mapping[int, str],
    figures: Mapping[str, Any],
    submit: bool = False,
) -> tuple[list[Note], Figures]:
    """Save the user's organisation's notes (per goal) and figures; submit locks them.

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
    errors: dict[str, list] = {}
    now = timezone.now()
    status = ReportStatus.SUBMITTED if submit else ReportStatus.DRAFT
    notes = []
    for goal in goals:
        note = existing.get(goal.pk) or Note(round=round, organisation=organisation, goal=goal)
        note.narrative = (narratives.get(goal.pk) or "").strip()
        note.status = status
        note.submitted_at = now if submit else None
        note.submitted_by = user if submit else None
        try:
            note.full_clean()
        except ValidationError as exc:
            errors.setdefault(f"goal_{goal.pk}", []).extend(
                exc.message_dict.get("narrative", exc.messages)
            )
        if submit and not note.narrative and f"goal_{goal.pk}" not in errors:
            errors.setdefault(f"goal_{goal.pk}", []).append(
                "Skriv något om målet innan du lämnar in (till exempel ”Inget att rapportera”)."
            )
        notes.append(note)
    figures_obj = current_figures or Figures(round=round, organisation=organisation)
    for name, value in figures.items():
        if name in Figures.REPORTED_FIELDS:
            setattr(figures_obj, name, value)
    figures_obj.status = status
    figures_obj.submitted_at = now if submit else None
    try:
        figures_obj.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(f"figures-{field}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    for note in notes:
        note.save()
    figures_obj.save()
    return notes, figures_obj


@transaction.atomic
def report_reopen(*, user: User, round: FollowUpRound, organisation: Organisation) -> int:
    """The administrator unlocks a party's submitted report so it can be changed."""
    _require_manager(user, round.agreement)
    count = Note.objects.filter(round=round, organisation=organisation).update(
        status=ReportStatus.DRAFT, submitted_at=None, submitted_by=None
    )
    count += Figures.objects.filter(round=round, organisation=organisation).update(
        status=ReportStatus.DRAFT, submitted_at=None
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
) -> Assessment:
    """``goal_results``: goal id -> (result, comment) for the agreement's goals."""
    _require_manager(user, round.agreement)
    assessment = Assessment.objects.filter(round=round).first() or Assessment(round=round)
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
