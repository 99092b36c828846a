import datetime as dt
import hashlib
import re

from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from followups.models import CalendarFeed, Meeting
from tests.factories import ContactPersonFactory

from .factories import STOCKHOLM, MeetingFactory, RoundFactory


def meeting_post(contacts, **extra):
    data = {
        "title": "Uppföljningsmöte",
        "starts_at": "2026-12-03T13:00",
        "ends_at": "2026-12-03T15:00",
        "place": "Stadshuset",
        "status": "planned",
        "attendees": [c.pk for c in contacts],
        "other_attendees": "",
        "agenda": "1. Verksamheten\n2. Siffror",
        "minutes": "",
    }
    meeting = extra.pop("meeting", None)
    if meeting is not None:
        meeting.refresh_from_db()
        data["version"] = str(meeting.version)
    data.update(extra)
    return data


def test_admin_plans_meeting_with_party_contacts(world, client_for, contacts):
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(url, meeting_post(contacts))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert [m.message for m in get_messages(response.wsgi_request)] == ["Mötet är sparat."]
    assert set(meeting.attendees.all()) == set(contacts)
    assert meeting.starts_at == dt.datetime(2026, 12, 3, 13, 0, tzinfo=STOCKHOLM)


def test_contact_of_other_organisation_cannot_be_attendee(world, client_for, contacts):
    stranger = ContactPersonFactory(organisation=world.other_association)
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(url, meeting_post([*contacts, stranger]))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_meeting_ending_before_start_and_personnummer_in_minutes(world, client_for, contacts):
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(
        url,
        meeting_post(
            contacts, ends_at="2026-12-03T12:00", minutes="Deltagare 19850709-9805 berättade"
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Mötet måste sluta efter att det börjar." in body
    assert "personnummer (19850709-9805)" in body
    assert "Stadshuset" in body
    assert not Meeting.objects.exists()


def test_partner_and_board_staff_cannot_plan_meetings(world, client_for, contacts):
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    assert client_for(world.partner).post(url, meeting_post(contacts)).status_code == 403
    assert client_for(world.board_staff).get(url).status_code == 403
    meeting = MeetingFactory(agreement=world.agreement)
    invite = reverse("followups:meeting_invite", args=[meeting.pk])
    assert client_for(world.partner).post(invite).status_code == 403
    assert mail.outbox == []


def test_outsider_gets_404_on_meetings(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement)
    client = client_for(world.outsider_admin)
    for name in ("meeting_detail", "meeting_update", "meeting_ics"):
        assert client.get(reverse(f"followups:{name}", args=[meeting.pk])).status_code == 404
    assert client.post(reverse("followups:meeting_invite", args=[meeting.pk])).status_code == 404
    assert client.get("/uppfoljning/moten/abc/").status_code == 404


def test_ics_download_is_a_request_with_stable_uid_and_stockholm_time(world, client_for, contacts):
    meeting = MeetingFactory(agreement=world.agreement)
    meeting.attendees.set(contacts)
    client = client_for(world.partner)
    url = reverse("followups:meeting_ics", args=[meeting.pk])
    first = client.get(url)
    assert first["Content-Type"].startswith("text/calendar")
    text = first.content.decode()
    assert "METHOD:REQUEST" in text
    assert "DTSTART;TZID=Europe/Stockholm:20261120T130000" in text
    assert "BEGIN:VTIMEZONE" in text
    event = Calendar.from_ical(first.content).walk("VEVENT")[0]
    assert str(event["uid"]) == f"meeting-{meeting.uid}@iop-registret"
    assert len(event.get("attendee")) == 2
    second = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    assert second["uid"] == event["uid"]


def test_rescheduling_keeps_uid_and_raises_sequence(world, client_for, contacts):
    meeting = MeetingFactory(agreement=world.agreement)
    url = reverse("followups:meeting_update", args=[meeting.pk])
    client_for(world.admin).post(
        url,
        meeting_post(
            contacts, meeting=meeting, starts_at="2026-12-04T13:00", ends_at="2026-12-04T14:00"
        ),
    )
    changed = Meeting.objects.get()
    assert changed.uid == meeting.uid
    assert changed.sequence == 1


def test_invitation_mail_goes_to_party_contacts_with_ics(world, client_for, contacts):
    meeting = MeetingFactory(agreement=world.agreement)
    response = client_for(world.admin).post(reverse("followups:meeting_invite", args=[meeting.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"kontakt@linkoping.se", "kontakt@iogt.example.org"}
    assert message.subject.startswith("Inbjudan: Uppföljningsmöte")
    name, content, mimetype = message.attachments[0]
    assert name == "inbjudan.ics"
    assert mimetype.startswith("text/calendar")
    assert "METHOD:REQUEST" in (content.decode() if isinstance(content, bytes) else content)
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None


def test_invitation_without_any_email_is_explained(world, client_for):
    meeting = MeetingFactory(agreement=world.agreement)
    response = client_for(world.admin).post(
        reverse("followups:meeting_invite", args=[meeting.pk]), follow=True
    )
    assert "Ingen av parternas kontaktpersoner har en e-postadress" in response.content.decode()
    assert mail.outbox == []


# Calendar feed -------------------------------------------------------------------------


def _create_feed(logged_in) -> str:
    """Create an address on the settings page and read the token from the page shown once."""
    settings_url = reverse("followups:calendar_settings")
    logged_in.post(settings_url, {"action": "create"})
    html = logged_in.get(settings_url).content.decode()
    match = re.search(r"/uppfoljning/kalender/([A-Za-z0-9_-]+)\.ics", html)
    assert match, html
    return match.group(1)


def test_feed_token_is_stored_only_as_a_hash_and_shown_once(world, client_for):
    logged_in = client_for(world.admin)
    token = _create_feed(logged_in)
    feed = CalendarFeed.objects.get(revoked_at__isnull=True)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    again = logged_in.get(reverse("followups:calendar_settings")).content.decode()
    assert token not in again
    assert "Adressen visas bara när den skapas" in again


def test_user_creates_feed_and_it_lists_visible_meetings_and_round_due_dates(
    world, client, client_for
):
    MeetingFactory(agreement=world.agreement, title="Vårt möte")
    MeetingFactory(agreement=world.other_agreement, title="Annans möte")
    RoundFactory(agreement=world.agreement)
    logged_in = client_for(world.partner)
    token = _create_feed(logged_in)
    logged_in.logout()
    response = client.get(reverse("followups:calendar_feed", args=[token]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vårt möte" in text
    assert "Annans möte" not in text
    assert "Sista dag uppföljning 2026" in text
    assert "DTSTART;VALUE=DATE:20261215" in text
    assert "ATTENDEE" not in text


def test_revoked_or_unknown_feed_token_is_404(world, client, client_for):
    logged_in = client_for(world.admin)
    settings_url = reverse("followups:calendar_settings")
    old = _create_feed(logged_in)
    new = _create_feed(logged_in)  # a new address replaces the old
    assert old != new
    logged_in.logout()
    assert client.get(reverse("followups:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("followups:calendar_feed", args=[new])).status_code == 200
    client_for(world.admin).post(settings_url, {"action": "revoke"})
    client.logout()
    assert client.get(reverse("followups:calendar_feed", args=[new])).status_code == 404
    assert client.get(reverse("followups:calendar_feed", args=["okand"])).status_code == 404


def test_feed_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    from followups.services import calendar_feed_create

    _feed, token = calendar_feed_create(user=world.admin)
    url = reverse("followups:calendar_feed", args=[token])
    MeetingFactory(agreement=world.agreement)
    with django_assert_max_num_queries(4):
        client.get(url)
    for day in range(1, 10):
        MeetingFactory(
            agreement=world.agreement, starts_at=dt.datetime(2026, 10, day, 9, tzinfo=STOCKHOLM)
        )
        RoundFactory(
            agreement=world.agreement,
            period_start=dt.date(2025, 1, day),
            period_end=dt.date(2025, 12, 31),
        )
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200


def test_who_attends_a_meeting_is_in_the_history(world, client_for, contacts):
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    client_for(world.admin).post(url, meeting_post(contacts))
    meeting = Meeting.objects.get()
    edit = reverse("followups:meeting_update", args=[meeting.pk])
    response = client_for(world.admin).post(edit, meeting_post(contacts[:1], meeting=meeting))
    assert response.status_code == 302
    records = list(meeting.history.order_by("history_date", "history_id"))
    sets = [frozenset(a.contactperson_id for a in r.attendees.all()) for r in records]
    assert frozenset(c.pk for c in contacts) in sets  # as planned
    assert sets[-1] == {contacts[0].pk}  # after the edit
    assert records[-1].history_user == world.admin


def test_line_break_in_meeting_title_is_refused_and_input_kept(world, client_for, contacts):
    url = reverse("followups:meeting_create", args=[world.agreement.pk])
    response = client_for(world.admin).post(
        url, meeting_post(contacts, title="Uppföljning\r\nBcc: x@example.org")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Fältet ska vara en enda rad" in body
    assert "Stadshuset" in body and "1. Verksamheten" in body
    assert not Meeting.objects.exists()


def test_invitation_for_a_title_saved_before_the_rule_is_sent_on_one_line(
    world, client_for, contacts
):
    """A line break that came in before the guard must not make sending fail with 500."""
    meeting = MeetingFactory(agreement=world.agreement)
    Meeting.objects.filter(pk=meeting.pk).update(title="Möte\nmed radbrytning")
    type(world.agreement).objects.filter(pk=world.agreement.pk).update(title="IOP\r\nrad två")
    response = client_for(world.admin).post(reverse("followups:meeting_invite", args=[meeting.pk]))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject.startswith("Inbjudan: Möte med radbrytning, IOP rad två ")
    assert "\n" not in message.subject and "\r" not in message.subject
