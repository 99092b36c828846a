"""Partnership meetings, their invitations and the calendar feed."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from common.permissions import require
from common.privacy import fold_line
from common.versioning import MISSING_VERSION_MESSAGE, bump_version
from partnerships.models import Agreement, ContactPerson, User
from partnerships.selectors import agreement_contacts

from .. import ical
from ..models import (
    CalendarFeed,
    Meeting,
)
from ..permissions import (
    meeting_of_agreement,
)
from .base import require_manager

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


def party_contacts(agreement: Agreement) -> list[ContactPerson]:
    """The parties' contacts as the agreement's own public bodies keep them (or as the
    organisations keep their own): another body's records never receive its mail."""
    return list(
        agreement_contacts(agreement)
        .select_related("organisation")
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
    expected_version: int | None = None,
) -> Meeting:
    """Create or update a meeting. Attendees must be contacts of the agreement's parties.
    An update needs the version the editor read (``ConcurrentEditError`` if stale)."""
    require_manager(user, agreement)
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
        if expected_version is None:
            raise ValidationError(MISSING_VERSION_MESSAGE)
        bump_version(meeting, expected_version)
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
    require_manager(user, meeting.agreement)
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
def calendar_feed_create(*, user: User) -> tuple[CalendarFeed, str]:
    """A new secret address; any earlier one stops working. Returns the feed and its token,
    which is stored nowhere (only its hash): the caller shows it once."""
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    token = CalendarFeed.new_token()
    feed = CalendarFeed.objects.create(user=user, token_hash=CalendarFeed.hash_token(token))
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# Rounds ---------------------------------------------------------------------------------
