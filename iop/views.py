"""The start page: what combines the apps sits here, above them."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

import finance.attention
import followups.attention
import partnerships.attention
from common import pagecache
from partnerships import permissions
from partnerships.models import Party
from partnerships.rules import AgreementStatus, months_and_days_left, renewal_state
from partnerships.selectors import agreements_visible_to

# The start page shows a bounded first part of each list, with a link to all of it, so
# that its time and size do not grow with the organisation's number of agreements.
START_AGREEMENTS = 20
START_ATTENTION = 15

ATTENTION_PROVIDERS = [
    partnerships.attention.attention_items,
    finance.attention.attention_items,
    finance.attention.late_index_items,
    finance.attention.economic_report_items,
    finance.attention.schedule_items,
    followups.attention.attention_items,
]


@login_required
def start(request: HttpRequest) -> HttpResponse:
    # The body is cached per user and data version (common.pagecache): an edit anywhere
    # shows on the next request.
    body = pagecache.fragment(request, "start", "start_body.html", lambda: _start_body(request))
    return render(request, "start.html", {"body": body})


def _start_body(request: HttpRequest) -> dict:
    today = timezone.localdate()
    agreements = list(
        agreements_visible_to(request.user)
        .with_status(today)
        .exclude(current_status=AgreementStatus.ENDED)
        .select_related("termination", "renewal_decision", "successor")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("period_end", "title")[: START_AGREEMENTS + 1]
    )
    more_agreements = len(agreements) > START_AGREEMENTS
    agreements = agreements[:START_AGREEMENTS]
    for agreement in agreements:
        agreement.months_left, agreement.days_left = months_and_days_left(
            today=today, end=agreement.effective_end
        )
        agreement.renewal_state = renewal_state(agreement)
    attention = [item for provider in ATTENTION_PROVIDERS for item in provider(request.user, today)]
    show_all = request.GET.get("att_hantera") == "alla"
    attention_hidden = 0 if show_all else max(0, len(attention) - START_ATTENTION)
    return {
        "agreements": agreements,
        "attention": attention if show_all else attention[:START_ATTENTION],
        "attention_hidden": attention_hidden,
        "more_agreements": more_agreements,
        "today": today,
        "can_create": permissions.can_create_agreement(request.user),
    }
