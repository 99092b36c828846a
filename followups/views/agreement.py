"""The follow-up tab of an agreement: the plan, meetings, rounds and the figures chart."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import selectors
from ..chart import figures_chart
from ..indicators import chart_title, reported_text
from ..permissions import can_manage_followups, reporting_organisation
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
    indicators = list(selectors.indicators_of(agreement))
    values = selectors.values_of_reports(figures)
    for f in figures:
        f.cells = [
            reported_text(i, values.get((f.round_id, f.organisation_id, i.pk))) or "–"
            for i in indicators
        ]
    chosen = request.GET.get("matt", "")
    indicator = next((i for i in indicators if str(i.pk) == chosen), None) or next(
        iter(indicators), None
    )
    context = {
        **agreement_context(agreement, request),
        "plan": plan,
        "meetings": meetings,
        "rounds": rounds,
        "figures": figures,
        "indicators": indicators,
        "chart": figures_chart(rounds, figures, indicator, values),
        "metrics": [(str(i.pk), chart_title(i)) for i in indicators],
        "metric": str(indicator.pk) if indicator else "",
        "can_manage": bool(can_manage_followups(request.user, agreement)),
        "partner_org": reporting_organisation(request.user, agreement),
        "today": today,
    }
    return render(request, "followups/agreement_followup.html", context)
