import datetime as dt

import time_machine
from django.core import mail
from django.core.management import call_command

from followups import attention
from followups.models import SentReminder
from tests.factories import ContactPersonFactory, UserFactory

from .factories import STOCKHOLM, MeetingFactory, NoteFactory, RoundFactory

D = dt.date


def test_partner_sees_open_round_on_start_page(world, client_for, frozen_today):
    round = RoundFactory(agreement=world.agreement)
    RoundFactory(agreement=world.other_agreement)
    body = client_for(world.partner).get("/").content.decode()
    assert "Uppföljning 2026 av" in body
    assert "Sista dag att lämna in är 2026-12-15" in body
    assert f"/uppfoljning/omgangar/{round.pk}/rapport/" in body
    other_body = client_for(world.other_partner).get("/").content.decode()
    assert f"Uppföljning 2026 av {world.agreement.title}" not in other_body


def test_admin_sees_due_followups_without_meeting(world, frozen_today):
    items = attention.attention_items(world.admin, frozen_today)
    texts = [i.text for i in items]
    assert any("2025-12-31" in t and "skulle ha gjorts" in t for t in texts)
    assert any("2026-12-31" in t and "ska göras senast" in t for t in texts) is False  # 41 days
    MeetingFactory(agreement=world.agreement, starts_at=dt.datetime(2025, 6, 1, tzinfo=STOCKHOLM))
    MeetingFactory(
        agreement=world.agreement, held=True, starts_at=dt.datetime(2024, 6, 1, tzinfo=STOCKHOLM)
    )
    assert attention.attention_items(world.admin, frozen_today) == []
    assert attention.attention_items(world.board_staff, frozen_today) == []
    assert attention.attention_items(world.outsider_admin, frozen_today) != []  # own agreement


def test_admin_attention_query_count_does_not_grow(
    world, frozen_today, django_assert_max_num_queries
):
    from tests.factories import agreement_with_parties

    with django_assert_max_num_queries(3):
        attention.attention_items(world.admin, frozen_today)
    for _ in range(5):
        agreement = agreement_with_parties(world.municipality, world.association)
        MeetingFactory(agreement=agreement)
    with django_assert_max_num_queries(3):
        attention.attention_items(world.admin, frozen_today)


def test_round_reminders_go_once_to_partner_users(world):
    round = RoundFactory(agreement=world.agreement, due_date=D(2026, 12, 15))
    MeetingFactory(
        agreement=world.agreement, held=True, starts_at=dt.datetime(2024, 6, 1, tzinfo=STOCKHOLM)
    )
    MeetingFactory(
        agreement=world.agreement, held=True, starts_at=dt.datetime(2025, 6, 1, tzinfo=STOCKHOLM)
    )
    MeetingFactory(agreement=world.agreement, starts_at=dt.datetime(2026, 12, 1, tzinfo=STOCKHOLM))
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")

    def to_partner():  # the round's reminders (the yearly documents have their own)
        return [
            m
            for m in mail.outbox
            if m.to == [world.partner.email] and not m.subject.startswith("Dokument saknas")
        ]

    assert to_partner() == []  # 14 days left: too early
    with time_machine.travel(dt.datetime(2026, 12, 9, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
        call_command("send_followup_reminders")
    assert len(to_partner()) == 1
    assert "Påminnelse" in to_partner()[0].subject
    assert f"/uppfoljning/omgangar/{round.pk}/rapport/" in to_partner()[0].body
    with time_machine.travel(dt.datetime(2026, 12, 16, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
        call_command("send_followup_reminders")
    assert len(to_partner()) == 2
    assert to_partner()[1].subject.startswith("Försenad")
    assert (
        SentReminder.objects.filter(recipient=world.partner.email)
        .exclude(kind=SentReminder.Kind.DOCUMENTS_MISSING)
        .count()
        == 2
    )
    assert SentReminder.objects.count() == len(mail.outbox)


def test_round_reminder_falls_back_to_contacts_and_skips_submitted(world):
    world.partner.delete()
    ContactPersonFactory(organisation=world.association, email="info@iogt.example.org")
    round = RoundFactory(agreement=world.agreement, due_date=D(2026, 12, 15))
    with time_machine.travel(dt.datetime(2026, 12, 10, 8, tzinfo=STOCKHOLM), tick=False):
        from followups.reminders import round_reminders

        assert [r.recipient for r in round_reminders(D(2026, 12, 10))] == ["info@iogt.example.org"]
        NoteFactory(
            round=round,
            organisation=world.association,
            goal=world.agreement.goals.first(),
            submitted=True,
        )
        assert round_reminders(D(2026, 12, 10)) == []


def test_meeting_reminder_to_agreement_administrators_once(world):
    other_admin = UserFactory(organisation=world.municipality, email="chef@linkoping.se")
    MeetingFactory(
        agreement=world.agreement, held=True, starts_at=dt.datetime(2024, 6, 1, tzinfo=STOCKHOLM)
    )
    MeetingFactory(
        agreement=world.agreement, held=True, starts_at=dt.datetime(2025, 6, 1, tzinfo=STOCKHOLM)
    )
    with time_machine.travel(dt.datetime(2026, 12, 2, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
        call_command("send_followup_reminders")
    to_this = sorted(
        m.to[0]
        for m in mail.outbox
        if m.subject == f"Uppföljningsmöte behöver planeras: {world.agreement.title}"
    )
    assert to_this == sorted([world.admin.email, other_admin.email])
    assert world.board_staff.email not in {m.to[0] for m in mail.outbox}
    assert world.outsider_admin.email not in to_this
    sent = len(mail.outbox)
    MeetingFactory(agreement=world.agreement, starts_at=dt.datetime(2026, 12, 20, tzinfo=STOCKHOLM))
    with time_machine.travel(dt.datetime(2026, 12, 3, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
    assert len(mail.outbox) == sent


def test_missing_yearly_documents_are_reminded_once_after_their_due_date(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from attachments.models import AttachmentKind
    from attachments.services import attachment_upload
    from tests.attachments.files import PNG_BYTES

    settings.MEDIA_ROOT = str(tmp_path)
    for kind in (AttachmentKind.ACTIVITY_REPORT, AttachmentKind.ANNUAL_ACCOUNTS):
        attachment_upload(
            user=world.partner,
            agreement=world.agreement,
            organisation=world.association,
            kind=kind,
            year=2024,
            uploaded=SimpleUploadedFile("a.png", PNG_BYTES),
        )

    def documents_mail():
        subject = f"Dokument saknas för 2024: {world.agreement.title}"
        return [m for m in mail.outbox if m.subject == subject]

    with time_machine.travel(dt.datetime(2025, 6, 30, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
    assert documents_mail() == []  # 2024's documents are due on 30 June 2025
    with time_machine.travel(dt.datetime(2025, 7, 1, 8, tzinfo=STOCKHOLM), tick=False):
        call_command("send_followup_reminders")
        call_command("send_followup_reminders")
    sent = documents_mail()
    assert [m.to for m in sent] == [[world.partner.email]]
    assert "för 2024" in sent[0].body and "revisionsberättelse" in sent[0].body
    assert "verksamhetsberättelse" not in sent[0].body
    assert f"/bilagor/overenskommelser/{world.agreement.pk}/" in sent[0].body
