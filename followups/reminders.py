"""E-mail reminders (run daily by ``manage.py send_followup_reminders``).

- Partners: a round is open and due within 7 days (kind ``round_due``) or overdue (kind
  ``round_overdue``) and their organisation has not submitted. Recipients: the partner
  users of the organisation, else the organisation's contact persons.
- Partners: the yearly documents (verksamhetsberättelse, årsredovisning,
  revisionsberättelse) of an agreement year are past their due date (30 June of the next
  year) and some have not been uploaded (kind ``documents_missing``).
- Administrators: a follow-up of the derived plan is due within 30 days or overdue and no
  meeting is planned in its period (kind ``meeting_needed``).

Every reminder is recorded in ``SentReminder`` under a unique key (kind, object,
recipient) before it is sent, so no reminder ever goes out twice, even if two runs overlap.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse

from attachments.rules import overdue_document_years, required_documents
from attachments.selectors import arrived_keys
from common.privacy import PRIVACY_NOTICE
from partnerships.models import Agreement, ContactPerson, Party, Sector, User

from .models import Figures, FollowUpRound, Note, ReportStatus, SentReminder
from .schedule import PlanStatus, round_is_due_for_reminder
from .selectors import followups_needing_meeting

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminder:
    kind: str
    object_key: str
    recipient: str
    subject: str
    body: str


def _partner_recipients(organisation_id: int, users_by_org, contacts_by_org) -> list[str]:
    emails = users_by_org.get(organisation_id) or contacts_by_org.get(organisation_id) or []
    seen, result = set(), []
    for email in emails:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            result.append(email)
    return result


def _emails_by_org(organisation_ids) -> tuple[dict, dict]:
    users_by_org: dict[int, list[str]] = {}
    for org_id, email in (
        User.objects.filter(
            organisation_id__in=organisation_ids, role=User.Role.PARTNER, is_active=True
        )
        .exclude(email="")
        .values_list("organisation_id", "email")
        .order_by("pk")
    ):
        users_by_org.setdefault(org_id, []).append(email)
    contacts_by_org: dict[int, list[str]] = {}
    for org_id, email in (
        # The organisation's own records only: a public body's records are its own.
        ContactPerson.objects.filter(
            organisation_id__in=organisation_ids, owner_id=F("organisation_id")
        )
        .exclude(email="")
        .values_list("organisation_id", "email")
        .order_by("pk")
    ):
        contacts_by_org.setdefault(org_id, []).append(email)
    return users_by_org, contacts_by_org


def round_reminders(today: dt.date, base_url: str = "") -> list[Reminder]:
    rounds = [
        r
        for r in FollowUpRound.objects.filter(status=FollowUpRound.Status.OPEN)
        .select_related("agreement")
        .order_by("due_date", "pk")
        if round_is_due_for_reminder(due_date=r.due_date, today=today)
    ]
    if not rounds:
        return []
    parties = list(
        Party.objects.filter(
            agreement__in=[r.agreement_id for r in rounds], role=Sector.IDEA_BASED
        ).select_related("organisation")
    )
    submitted = set(
        Note.objects.filter(round__in=rounds, status=ReportStatus.SUBMITTED).values_list(
            "round_id", "organisation_id"
        )
    ) | set(
        Figures.objects.filter(round__in=rounds, status=ReportStatus.SUBMITTED).values_list(
            "round_id", "organisation_id"
        )
    )
    users_by_org, contacts_by_org = _emails_by_org({p.organisation_id for p in parties})
    reminders = []
    for round in rounds:
        late = round.due_date < today
        kind = SentReminder.Kind.ROUND_OVERDUE if late else SentReminder.Kind.ROUND_DUE
        url = base_url + reverse("followups:round_report", args=[round.pk])
        for party in parties:
            if party.agreement_id != round.agreement_id:
                continue
            if (round.pk, party.organisation_id) in submitted:
                continue
            subject = (
                f"{'Försenad' if late else 'Påminnelse'}: uppföljning {round.period_label} "
                f"av {round.agreement.title}"
            )
            body = (
                f"Hej,\n\nuppföljningen {round.period_label} av överenskommelsen "
                f"{round.agreement.title} är öppen och {party.organisation.name} har ännu inte "
                f"lämnat in sin rapport. "
                + (
                    f"Sista dag var {round.due_date:%Y-%m-%d}."
                    if late
                    else f"Sista dag är {round.due_date:%Y-%m-%d}."
                )
                + f"\n\nSkriv rapporten här: {url}\n\n"
                + PRIVACY_NOTICE
                + "\n\n"
                "Social- och omsorgsförvaltningen"
            )
            for email in _partner_recipients(party.organisation_id, users_by_org, contacts_by_org):
                reminders.append(
                    Reminder(
                        kind=kind,
                        object_key=f"round-{round.pk}-org-{party.organisation_id}",
                        recipient=email,
                        subject=subject,
                        body=body,
                    )
                )
    return reminders


def document_reminders(today: dt.date, base_url: str = "") -> list[Reminder]:
    """Missing yearly documents of approved agreements, for years past their due date."""
    agreements = list(
        Agreement.objects.filter(approved=True, period_start__year__lt=today.year)
        .filter(period_end__year__gte=today.year - 2)
        .prefetch_related("parties__organisation")
        .order_by("pk")
    )
    if not agreements:
        return []
    arrived = arrived_keys([a.pk for a in agreements])
    parties = [p for a in agreements for p in a.parties.all() if p.role == Sector.IDEA_BASED]
    users_by_org, contacts_by_org = _emails_by_org({p.organisation_id for p in parties})
    reminders = []
    for agreement in agreements:
        years = range(agreement.period_start.year, agreement.period_end.year + 1)
        rows = required_documents(
            agreement_id=agreement.pk,
            years=overdue_document_years(years, today),
            organisations=[
                (p.organisation_id, p.organisation.name)
                for p in agreement.parties.all()
                if p.role == Sector.IDEA_BASED
            ],
            arrived=arrived,
            today=today,
        )
        url = base_url + reverse("attachments:agreement_attachments", args=[agreement.pk])
        for row in rows:
            if row.complete:
                continue
            subject = f"Dokument saknas för {row.year}: {agreement.title}"
            body = (
                f"Hej,\n\nför överenskommelsen {agreement.title} saknas fortfarande dessa "
                f"dokument för {row.year} från {row.organisation_name}: "
                f"{', '.join(row.missing).lower()}.\n\nLadda upp dem här: {url}\n\n"
                "Social- och omsorgsförvaltningen"
            )
            for email in _partner_recipients(row.organisation_id, users_by_org, contacts_by_org):
                reminders.append(
                    Reminder(
                        kind=SentReminder.Kind.DOCUMENTS_MISSING,
                        object_key=f"agreement-{agreement.pk}-org-{row.organisation_id}-"
                        f"documents-{row.year}",
                        recipient=email,
                        subject=subject,
                        body=body,
                    )
                )
    return reminders


def meeting_reminders(today: dt.date, base_url: str = "") -> list[Reminder]:
    needing = followups_needing_meeting(Agreement.objects.all(), today)
    if not needing:
        return []
    agreement_ids = {agreement.pk for agreement, _, _ in needing}
    admins: dict[int, list[str]] = {}
    for agreement_id, email in (
        User.objects.filter(
            role=User.Role.ADMINISTRATOR,
            is_active=True,
            organisation__parties__agreement_id__in=agreement_ids,
            organisation__parties__role=Sector.PUBLIC,
        )
        .exclude(email="")
        .values_list("organisation__parties__agreement_id", "email")
        .order_by("pk")
        .distinct()
    ):
        admins.setdefault(agreement_id, []).append(email)
    reminders = []
    for agreement, followup, status in needing:
        url = base_url + reverse("followups:meeting_create", args=[agreement.pk])
        state = (
            f"skulle ha gjorts senast {followup.due:%Y-%m-%d}"
            if status == PlanStatus.OVERDUE
            else f"ska göras senast {followup.due:%Y-%m-%d}"
        )
        subject = f"Uppföljningsmöte behöver planeras: {agreement.title}"
        body = (
            f"Hej,\n\nuppföljning {followup.number} av {agreement.title} "
            f"(perioden {followup.start:%Y-%m-%d} – {followup.end:%Y-%m-%d}) {state}, "
            f"och inget möte är planerat i perioden.\n\nPlanera mötet här: {url}\n"
        )
        for email in admins.get(agreement.pk, []):
            reminders.append(
                Reminder(
                    kind=SentReminder.Kind.MEETING_NEEDED,
                    object_key=f"agreement-{agreement.pk}-followup-{followup.start:%Y%m%d}-"
                    f"{followup.end:%Y%m%d}",
                    recipient=email,
                    subject=subject,
                    body=body,
                )
            )
    return reminders


def send_reminders(*, today: dt.date, base_url: str = "") -> int:
    """Send every reminder not sent before; return how many were sent."""
    sent = 0
    reminders = (
        round_reminders(today, base_url)
        + document_reminders(today, base_url)
        + meeting_reminders(today, base_url)
    )
    for reminder in reminders:
        key = SentReminder.make_key(
            kind=reminder.kind, object_key=reminder.object_key, recipient=reminder.recipient
        )
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    key=key, kind=reminder.kind, recipient=reminder.recipient
                )
                send_mail(reminder.subject, reminder.body, None, [reminder.recipient])
        except IntegrityError:
            continue  # already sent (or being sent by a concurrent run)
        except Exception:  # a failed send is rolled back and retried tomorrow
            logger.exception("Påminnelse kunde inte skickas: %s", key)
            continue
        sent += 1
    return sent
