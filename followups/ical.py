"""iCalendar output: meeting invitations (METHOD:REQUEST) and the per-user feed."""

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .models import FollowUpRound, Meeting

PRODID = "-//IOP-registret//Uppföljning//SV"
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _meeting_event(meeting: Meeting, *, organizer_email: str = "", with_attendees: bool) -> Event:
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
    event.add("summary", f"{meeting.title}: {meeting.agreement.title}")
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.agenda:
        event.add("description", f"Dagordning:\n{meeting.agenda}")
    event.add(
        "status",
        {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}[meeting.status],
    )
    if organizer_email:
        organizer = vCalAddress(f"mailto:{organizer_email}")
        organizer.params["cn"] = vText("Social- och omsorgsförvaltningen")
        event.add("organizer", organizer)
    if with_attendees:
        for person in meeting.attendees.all():
            if not person.email:
                continue
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = vText(person.name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            attendee.params["rsvp"] = vText("TRUE")
            event.add("attendee", attendee, encode=0)
    return event


def meeting_invitation(meeting: Meeting, *, organizer_email: str = "") -> bytes:
    """A single-meeting invitation. The UID never changes; SEQUENCE grows on changes."""
    calendar = _calendar(method="CANCEL" if meeting.status == "cancelled" else "REQUEST")
    calendar.add_component(
        _meeting_event(
            meeting,
            organizer_email=organizer_email or settings.DEFAULT_FROM_EMAIL,
            with_attendees=True,
        )
    )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _round_event(round: FollowUpRound) -> Event:
    event = Event()
    event.add("uid", f"round-{round.pk}-due@iop-registret")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", round.due_date)
    event.add("dtend", round.due_date + dt.timedelta(days=1))
    event.add(
        "summary",
        f"Sista dag uppföljning {round.period_label}: {round.agreement.title}",
    )
    event.add("transp", "TRANSPARENT")
    return event


def user_feed(*, meetings: Iterable[Meeting], rounds: Iterable[FollowUpRound]) -> bytes:
    """The feed: no attendee lists (the URL is a bearer secret), only dates and places."""
    calendar = _calendar(method="PUBLISH", name="IOP-registret: uppföljning")
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, with_attendees=False))
    for round in rounds:
        calendar.add_component(_round_event(round))
    calendar.add_missing_timezones()
    return calendar.to_ical()
