"""Things that need a person's attention, shown on the start page.

``AttentionItem`` is the shape every app uses for its own items (finance: missing index
values; followups: open rounds); the start page above the apps collects them.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef

from .models import Agreement, User
from .rules import AgreementStatus
from .selectors import agreements_visible_to


@dataclass(frozen=True)
class AttentionItem:
    level: str  # "warning" or "info"
    text: str
    url: str = ""
    link_text: str = ""


def agreements_ending_without_successor(user: User, today: dt.date) -> list[Agreement]:
    """Approved agreements that end within 12 months with no approved successor."""
    approved_successor = Agreement.objects.filter(predecessor=OuterRef("pk"), approved=True)
    return list(
        agreements_visible_to(user)
        .with_status(today)
        .filter(
            current_status__in=[AgreementStatus.ACTIVE, AgreementStatus.APPROVED],
            period_end__gte=today,
            period_end__lte=today + relativedelta(months=12),
        )
        .exclude(Exists(approved_successor))
        .order_by("period_end")
    )


def attention_items(user: User, today: dt.date) -> list[AttentionItem]:
    items = []
    for agreement in agreements_ending_without_successor(user, today):
        notice = agreement.last_notice_date
        notice_text = (
            f"sista dag att säga upp var {notice:%Y-%m-%d}"
            if notice < today
            else f"sista dag att säga upp är {notice:%Y-%m-%d}"
        )
        items.append(
            AttentionItem(
                level="warning",
                text=(
                    f"{agreement.title} slutar {agreement.period_end:%Y-%m-%d} och saknar "
                    f"beslutad fortsättning ({notice_text})."
                ),
                url=agreement.get_absolute_url(),
                link_text="Öppna överenskommelsen",
            )
        )
    return items
