"""The start page: what combines the apps sits here, above them."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

import finance.attention
import followups.attention
import partnerships.attention
from partnerships import permissions
from partnerships.models import Party
from partnerships.rules import AgreementStatus, months_and_days_left, renewal_state
from partnerships.selectors import agreements_visible_to

ATTENTION_PROVIDERS = [
    partnerships.attention.attention_items,
    finance.attention.attention_items,
    finance.attention.economic_report_items,
    followups.attention.attention_items,
]


@login_required
def start(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agreements = list(
        agreements_visible_to(request.user)
        .with_status(today)
        .exclude(current_status=AgreementStatus.ENDED)
        .select_related("termination", "renewal_decision", "successor")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("period_end", "title")[:50]
    )
    for agreement in agreements:
        agreement.months_left, agreement.days_left = months_and_days_left(
            today=today, end=agreement.effective_end
        )
        agreement.renewal_state = renewal_state(agreement)
    attention = [item for provider in ATTENTION_PROVIDERS for item in provider(request.user, today)]
    return render(
        request,
        "start.html",
        {
            "agreements": agreements,
            "attention": attention,
            "today": today,
            "can_create": permissions.can_create_agreement(request.user),
        },
    )
