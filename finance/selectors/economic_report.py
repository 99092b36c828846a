"""Reads of the partner's yearly economic report and its result."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet, Sum

from common.converters import one_or_404
from partnerships.models import Agreement, Party, Sector, User
from partnerships.selectors import agreements_visible_to

from .. import economic_result
from ..models import (
    BudgetCategory,
    EconomicReport,
    EconomicReportStatus,
    PartyBudget,
    Payment,
)

# --- the partner's yearly economic report -------------------------------------------------
from .scope import party_filter


def _report_visibility(user: User) -> Q:
    """A draft is private to the party's own organisation; a submitted report is visible to
    whoever may see that party's money (the administration, board staff, the party)."""
    visible = Q(status=EconomicReportStatus.SUBMITTED)
    if user.is_authenticated and user.organisation_id:
        visible |= Q(party__organisation_id=user.organisation_id)
    return visible


def economic_report_of(user: User, party: Party, year: int) -> EconomicReport | None:
    """The party's report for the year as the user may see it (None: none, or a draft of
    another organisation). ``party`` comes from ``idea_based_party_for_user`` (404 outside)."""
    return (
        EconomicReport.objects.filter(party=party, year=year)
        .filter(_report_visibility(user))
        .select_related("party__organisation", "agreement", "submitted_by")
        .prefetch_related("lines", "other_funding", "repayment_claims")
        .first()
    )


def economic_report_for_user(user: User, pk: object) -> EconomicReport:
    reports = (
        EconomicReport.objects.filter(agreement__in=agreements_visible_to(user))
        .filter(party_filter(user))
        .filter(_report_visibility(user))
        .select_related("party__organisation", "agreement")
        .prefetch_related("lines", "other_funding")
    )
    return one_or_404(reports, pk, "Ingen sådan redovisning.")


def municipal_money_received(party: Party, year: int) -> int:
    """Payments to the party's compensation that concern ``year`` (whole kronor)."""
    return (
        Payment.objects.filter(compensation__party=party, year=year).aggregate(total=Sum("amount"))[
            "total"
        ]
        or 0
    )


def economic_result_of(
    party: Party, year: int, report: EconomicReport | None
) -> economic_result.EconomicResult:
    """Budget against the report's actuals, and the municipal money received and used."""
    budget = PartyBudget.objects.filter(party=party, year=year).prefetch_related("lines").first()
    budget_lines = (
        [(line.category, line.display_label, line.amount) for line in budget.lines.all()]
        if budget
        else []
    )
    actuals = (
        {line.category: (line.actual, line.comment) for line in report.lines.all()}
        if report
        else {}
    )
    return economic_result.economic_result(
        budget_lines=budget_lines,
        actuals=actuals,
        labels=dict(BudgetCategory.choices),
        own_financing=report.own_financing if report else 0,
        other_funding=[row.amount for row in report.other_funding.all()] if report else [],
        received=municipal_money_received(party, year),
    )


def economic_report_statuses(
    user: User, agreement: Agreement, parties: list[Party]
) -> dict[tuple[int, int], str]:
    """(party id, year) -> 'submitted' / 'draft' for the reports the user may know about.
    Other organisations' drafts count as not submitted. One query."""
    rows = (
        EconomicReport.objects.filter(agreement=agreement, party__in=parties)
        .filter(_report_visibility(user))
        .values_list("party_id", "year", "status")
    )
    return {(party_id, year): status for party_id, year, status in rows}


def reports_missing(
    agreements: QuerySet[Agreement], today: dt.date
) -> list[tuple[Agreement, Party, int]]:
    """Ended agreement years (within the period, before this year) for which an idea-based
    party has not submitted its economic report. Two queries."""
    relevant = (
        agreements.filter(period_start__year__lt=today.year)
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.filter(role=Sector.IDEA_BASED).select_related(
                    "organisation"
                ),
                to_attr="idea_parties",
            )
        )
        .order_by("period_start", "pk")
    )
    relevant = list(relevant)
    submitted = set(
        EconomicReport.objects.filter(
            agreement__in=[a.pk for a in relevant], status=EconomicReportStatus.SUBMITTED
        ).values_list("party_id", "year")
    )
    missing = []
    for agreement in relevant:
        last = min(agreement.period_end.year, today.year - 1)
        for year in range(agreement.period_start.year, last + 1):
            for party in agreement.idea_parties:
                if (party.pk, year) not in submitted:
                    missing.append((agreement, party, year))
    return missing
