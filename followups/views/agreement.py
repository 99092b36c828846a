"""The follow-up tab of an agreement: the plan, meetings, rounds and the figures chart."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import selectors
from ..chart import METRICS, figures_chart
from ..permissions import reporting_organisation
from ..schedule import PLAN_STATUS_LABELS
from ._page import agreement_context


@login_required
@require_GET
def agreement_followup(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_followup_for_user(request.user, pk)
    today = timezone.localdate()
    meetings = list(agreement.meetings.all().order_by("starts_at", "pk"))
    plan = [
        {"followup": f, "status": s, "label": PLAN_STATUS_LABELS[s], "meetings": m}
        for f, s, m in selectors.plan_with_status(agreement, meetings, today)
    ]
    rounds = list(selectors.rounds_of(agreement))
    figures = list(
        selectors.figures_visible_to(request.user, rounds).order_by(
            "round__period_start", "organisation__name"
        )
    )
    metric = request.GET.get("matt", "unique_persons")
    if metric not in METRICS:
        metric = "unique_persons"
    context = {
        **agreement_context(agreement, request),
        "plan": plan,
        "meetings": meetings,
        "rounds": rounds,
        "figures": figures,
        "chart": figures_chart(rounds, figures, metric),
        "metrics": METRICS.items(),
        "metric": metric,
        "partner_org": reporting_organisation(request.user, agreement),
        "today": today,
    }
    return render(request, "followups/agreement_followup.html", context)
