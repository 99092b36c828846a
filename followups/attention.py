"""Items for the start page from this app (see partnerships.attention.AttentionItem).

A partner sees the open rounds of their organisation's agreements; an administrator sees
follow-ups that are due (within 30 days) or overdue with no meeting planned."""

import datetime as dt

from django.urls import reverse

from partnerships.attention import AttentionItem
from partnerships.models import User

from .models import Figures, Note, ReportStatus
from .schedule import PlanStatus
from .selectors import agreements_managed_by, followups_needing_meeting, open_rounds_for_partner


def _partner_items(user: User, today: dt.date) -> list[AttentionItem]:
    rounds = list(open_rounds_for_partner(user))
    if not rounds:
        return []
    submitted = set(
        Note.objects.filter(
            round__in=rounds,
            organisation_id=user.organisation_id,
            status=ReportStatus.SUBMITTED,
        ).values_list("round_id", flat=True)
    ) | set(
        Figures.objects.filter(
            round__in=rounds,
            organisation_id=user.organisation_id,
            status=ReportStatus.SUBMITTED,
        ).values_list("round_id", flat=True)
    )
    items = []
    for round in rounds:
        if round.pk in submitted:
            items.append(
                AttentionItem(
                    level="info",
                    text=(
                        f"Uppföljning {round.period_label} av {round.agreement.title}: er "
                        f"rapport är inlämnad."
                    ),
                    url=round.get_absolute_url(),
                    link_text="Visa omgången",
                )
            )
            continue
        late = round.due_date < today
        items.append(
            AttentionItem(
                level="warning" if late or (round.due_date - today).days <= 7 else "info",
                text=(
                    f"Uppföljning {round.period_label} av {round.agreement.title} är öppen. "
                    + (
                        f"Sista dag var {round.due_date:%Y-%m-%d}."
                        if late
                        else f"Sista dag att lämna in är {round.due_date:%Y-%m-%d}."
                    )
                ),
                url=reverse("followups:round_report", args=[round.pk]),
                link_text="Skriv rapporten",
            )
        )
    return items


def _administrator_items(user: User, today: dt.date) -> list[AttentionItem]:
    items = []
    for agreement, followup, status in followups_needing_meeting(
        agreements_managed_by(user), today
    ):
        when = (
            f"skulle ha gjorts senast {followup.due:%Y-%m-%d}"
            if status == PlanStatus.OVERDUE
            else f"ska göras senast {followup.due:%Y-%m-%d}"
        )
        items.append(
            AttentionItem(
                level="warning",
                text=(
                    f"Uppföljning {followup.number} av {agreement.title} "
                    f"({followup.start:%Y-%m-%d} – {followup.end:%Y-%m-%d}) {when}, "
                    f"och inget möte är planerat."
                ),
                url=reverse("followups:meeting_create", args=[agreement.pk]),
                link_text="Planera möte",
            )
        )
    return items


def attention_items(user: User, today: dt.date) -> list[AttentionItem]:
    if not user.is_authenticated:
        return []
    if user.is_partner:
        return _partner_items(user, today)
    if user.is_administrator or user.is_superuser:
        return _administrator_items(user, today)
    return []
