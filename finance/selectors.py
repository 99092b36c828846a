"""Reads of the finance app, always scoped to the user.

Scope: the agreements of ``partnerships.selectors.agreements_visible_to``; a partner sees
only their own organisation's money on those agreements. Everything outside is a 404.
Each function loads what a page shows in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404

from common.converters import id_or_404
from partnerships.models import Agreement, Party, Sector, User
from partnerships.selectors import agreement_for_user, agreements_visible_to

from . import economic_result, indexation
from .ledger import (  # noqa: F401 - re-exported: the ledger is read through selectors too
    Ledger,
    YearRow,
    agreement_years,
    build_ledger,
    compensation_ledger,
    index_points,
    ledger_queryset,
    municipal_financing,
)
from .models import (
    BudgetCategory,
    BudgetLine,
    Compensation,
    EconomicReport,
    EconomicReportStatus,
    IndexRule,
    IndexSeries,
    IndexValue,
    PartyBudget,
    Payment,
    RepaymentClaim,
)
from .rules import budget_difference

MAX_CHAIN = 10
YEAR_VALIDATORS_MIN = 1990  # the lowest year a value can have (models.YEAR_VALIDATORS)


def _partner_only(user: User) -> bool:
    return not user.is_superuser and user.is_partner


def party_filter(user: User, prefix: str = "party__") -> Q:
    """Rows of a visible agreement the user may see: all, or only their organisation's."""
    if _partner_only(user):
        return Q(**{f"{prefix}organisation_id": user.organisation_id})
    return Q()


def compensations_visible_to(user: User) -> QuerySet[Compensation]:
    return Compensation.objects.filter(
        Q(agreement__in=agreements_visible_to(user)) & party_filter(user)
    )


def compensation_for_user(user: User, pk: object) -> Compensation:
    pk = id_or_404(pk, "Ingen sådan ersättning.")
    compensation = (
        compensations_visible_to(user)
        .select_related("agreement", "party__organisation", "index_series")
        .filter(pk=pk)
        .first()
    )
    if compensation is None:
        raise Http404("Ingen sådan ersättning.")
    return compensation


def visible_parties(user: User, agreement: Agreement) -> QuerySet[Party]:
    return (
        Party.objects.filter(agreement=agreement)
        .filter(party_filter(user, prefix=""))
        .select_related("organisation")
    )


def idea_based_party_for_user(user: User, agreement: Agreement, pk: object) -> Party:
    pk = id_or_404(pk, "Ingen sådan part.")
    party = visible_parties(user, agreement).filter(pk=pk, role=Sector.IDEA_BASED).first()
    if party is None:
        raise Http404("Ingen sådan part.")
    return party


def claim_for_user(user: User, agreement: Agreement, pk: object) -> RepaymentClaim:
    pk = id_or_404(pk, "Inget sådant krav.")
    claim = (
        RepaymentClaim.objects.filter(agreement=agreement, pk=pk)
        .filter(party_filter(user))
        .select_related("party__organisation")
        .first()
    )
    if claim is None:
        raise Http404("Inget sådant krav.")
    return claim


def index_series_visible_to(user: User) -> QuerySet[IndexSeries]:
    """The shared series, the user's own organisation's series and those its agreements'
    compensations use; operators see every series."""
    if not user.is_authenticated:
        return IndexSeries.objects.none()
    if user.is_operator:
        return IndexSeries.objects.all()
    used = Compensation.objects.filter(agreement__in=agreements_visible_to(user)).values(
        "index_series_id"
    )
    own = Q(owner_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return IndexSeries.objects.filter(Q(owner__isnull=True) | own | Q(pk__in=used))


def index_series_editable_by(user: User) -> QuerySet[IndexSeries]:
    """Operators: the shared series; a public body's administrators: the body's own."""
    if not user.is_authenticated:
        return IndexSeries.objects.none()
    if user.is_operator:
        return IndexSeries.objects.filter(owner__isnull=True)
    if user.is_administrator and user.organisation.sector == Sector.PUBLIC:
        return IndexSeries.objects.filter(owner_id=user.organisation_id)
    return IndexSeries.objects.none()


def index_series_for_agreement(agreement: Agreement) -> QuerySet[IndexSeries]:
    """The series a compensation of ``agreement`` may follow: the shared ones and those of
    the agreement's own public bodies."""
    public = Party.objects.filter(agreement=agreement, role=Sector.PUBLIC).values("organisation_id")
    return IndexSeries.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=public))


def index_value_for_user(user: User, pk: object) -> IndexValue:
    try:
        pk = int(str(pk))
    except ValueError as exc:
        raise Http404("Inget sådant indexvärde.") from exc
    value = (
        IndexValue.objects.select_related("series")
        .filter(pk=pk, series__in=index_series_visible_to(user))
        .first()
    )
    if value is None:
        raise Http404("Inget sådant indexvärde.")
    return value


def index_series_with_values(user: User) -> list[IndexSeries]:
    return list(
        index_series_visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("values", queryset=IndexValue.objects.order_by("-year")))
    )


# --- budgets ------------------------------------------------------------------------------


@dataclass
class BudgetView:
    budget: PartyBudget
    lines: list[BudgetLine]
    total_cost: int
    municipal: int | None
    municipal_source: str  # "budget" or "compensation"
    own: int
    difference: int | None


@dataclass
class BudgetYear:
    year: int
    budgets: list[BudgetView]

    @property
    def total_cost(self) -> int:
        return sum(b.total_cost for b in self.budgets)

    @property
    def municipal(self) -> int | None:
        values = [b.municipal for b in self.budgets]
        return None if any(v is None for v in values) else sum(values)

    @property
    def own(self) -> int:
        return sum(b.own for b in self.budgets)

    @property
    def difference(self) -> int | None:
        return budget_difference(total_cost=self.total_cost, municipal=self.municipal, own=self.own)


def _budget_years(budgets, ledgers_by_party: dict[int, Ledger]) -> list[BudgetYear]:
    by_year: dict[int, list[BudgetView]] = defaultdict(list)
    for budget in budgets:
        lines = list(budget.lines.all())
        total = sum(line.amount for line in lines)
        municipal, source = municipal_financing(budget, ledgers_by_party)
        by_year[budget.year].append(
            BudgetView(
                budget=budget,
                lines=lines,
                total_cost=total,
                municipal=municipal,
                municipal_source=source,
                own=budget.own_contribution,
                difference=budget_difference(
                    total_cost=total, municipal=municipal, own=budget.own_contribution
                ),
            )
        )
    return [BudgetYear(year, views) for year, views in sorted(by_year.items())]


# --- the economy tab ----------------------------------------------------------------------


@dataclass
class Economy:
    agreement: Agreement
    years: list[int]
    ledgers: list[Ledger]
    budget_years: list[BudgetYear]
    claims: list[RepaymentClaim]
    parties: list[Party]
    chart_points: list[tuple[int, int | None]]
    warnings: list[str] = field(default_factory=list)
    # (year, party, "submitted" / "draft" / "") of each party's yearly economic report
    report_rows: list[tuple[int, Party, str]] = field(default_factory=list)

    @property
    def totals(self) -> list[dict]:
        out = []
        for year in self.years:
            rows = [ledger.row(year) for ledger in self.ledgers]
            amounts = [r.schedule.amount for r in rows if r]
            out.append(
                {
                    "year": year,
                    "amount": None if any(a is None for a in amounts) else sum(amounts),
                    "paid": sum(r.paid for r in rows if r),
                }
            )
        return out


def _earlier_compensation_ids(first_ids: list[int | None]) -> set[int]:
    """Every compensation the given ones continue, back through the renewal chain, in one
    query (``MAX_CHAIN`` steps joined)."""
    first = {pk for pk in first_ids if pk}
    if not first:
        return set()
    lookups = ["__".join(["continues_from"] * depth) for depth in range(1, MAX_CHAIN)]
    found = set(first)
    for row in Compensation.objects.filter(pk__in=first).values_list(*lookups):
        found.update(pk for pk in row if pk)
    return found


def _chain_points(ledgers: list[Ledger], points, today: dt.date) -> list[tuple[int, int | None]]:
    """Yearly total over the renewal chain of the agreement's compensations (for the chart)."""
    totals: dict[int, list[int | None]] = defaultdict(list)
    for ledger in ledgers:
        for row in ledger.rows:
            totals[row.year].append(row.schedule.amount)
    earlier_ids = _earlier_compensation_ids(
        [ledger.compensation.continues_from_id for ledger in ledgers]
    )
    if earlier_ids:
        for compensation in ledger_queryset(Compensation.objects.filter(pk__in=earlier_ids)):
            for row in build_ledger(compensation, points, today).rows:
                totals[row.year].append(row.schedule.amount)
    return [
        (year, None if any(a is None for a in amounts) else sum(amounts))
        for year, amounts in sorted(totals.items())
    ]


def economy_for_agreement(user: User, agreement: Agreement, today: dt.date) -> Economy:
    points = index_points()
    compensations = list(
        ledger_queryset(
            Compensation.objects.filter(agreement=agreement).filter(party_filter(user))
        ).order_by("party__organisation__name")
    )
    ledgers = [build_ledger(c, points, today) for c in compensations]
    budgets = (
        PartyBudget.objects.filter(agreement=agreement)
        .filter(party_filter(user))
        .select_related("party__organisation")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        .order_by("year", "party__organisation__name")
    )
    ledgers_by_party = {ledger.compensation.party_id: ledger for ledger in ledgers}
    claims = list(
        RepaymentClaim.objects.filter(agreement=agreement)
        .filter(party_filter(user))
        .select_related("party__organisation")
        .order_by("-created_at", "-pk")
    )
    parties = list(
        visible_parties(user, agreement)
        .filter(role=Sector.IDEA_BASED)
        .order_by("organisation__name")
    )
    budget_years = _budget_years(budgets, ledgers_by_party)
    warnings = []
    for ledger in ledgers:
        for reason in ledger.missing_reasons:
            warnings.append(
                f"{reason}: ersättningen till {ledger.compensation.party.organisation.name} "
                "kan inte räknas fram för det året och åren efter."
            )
    for budget_year in budget_years:
        for view in budget_year.budgets:
            if view.difference:
                warnings.append(
                    f"Budgeten {budget_year.year} för {view.budget.party.organisation.name} "
                    f"går inte ihop: differensen är {view.difference:+d} kr."
                )
    return Economy(
        agreement=agreement,
        years=agreement_years(agreement),
        ledgers=ledgers,
        budget_years=budget_years,
        claims=claims,
        parties=parties,
        chart_points=_chain_points(ledgers, points, today),
        warnings=warnings,
        report_rows=_report_rows(user, agreement, parties),
    )


def _report_rows(user: User, agreement: Agreement, parties: list[Party]):
    statuses = economic_report_statuses(user, agreement, parties)
    return [
        (year, party, statuses.get((party.pk, year), ""))
        for year in agreement_years(agreement)
        for party in parties
    ]


def economy_for_user(user: User, pk: object, today: dt.date) -> Economy:
    agreement = agreement_for_user(user, pk, queryset=Agreement.objects.prefetch_related("parties"))
    return economy_for_agreement(user, agreement, today)


# --- the municipality-wide overview -------------------------------------------------------


@dataclass
class OverviewRow:
    agreement: Agreement
    organisation_name: str
    row: YearRow


@dataclass
class Overview:
    year: int
    rows: list[OverviewRow]

    @property
    def total(self) -> int:
        return sum(r.row.schedule.amount or 0 for r in self.rows)

    @property
    def unknown_count(self) -> int:
        return sum(1 for r in self.rows if r.row.schedule.amount is None)

    @property
    def paid(self) -> int:
        return sum(r.row.paid for r in self.rows)

    @property
    def outstanding(self) -> int:
        return sum(r.row.outstanding or 0 for r in self.rows)


def overview_for_year(user: User, year: int, today: dt.date) -> Overview:
    points = index_points()
    compensations = ledger_queryset(
        compensations_visible_to(user).filter(
            agreement__approved=True,
            agreement__period_start__lte=dt.date(year, 12, 31),
            agreement__period_end__gte=dt.date(year, 1, 1),
        ),
        chain=False,
    ).order_by("agreement__title", "party__organisation__name")
    rows = []
    for compensation in compensations:
        ledger = build_ledger(compensation, points, today, years=[year])
        rows.append(
            OverviewRow(
                compensation.agreement, compensation.party.organisation.name, ledger.rows[0]
            )
        )
    return Overview(year, rows)


# --- start page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingIndex:
    agreement: Agreement
    organisation_name: str
    reason: str
    years: tuple[int, ...]


def _missing_year_runs(points: dict[int, indexation.IndexPoint], rule: str, last: int):
    """Runs (first, last) of years up to ``last`` in which no value applies under ``rule``."""
    runs: list[tuple[int, int]] = []
    for year in range(YEAR_VALIDATORS_MIN, last + 1):
        if indexation.applied_index(points.get(year), rule) is not None:
            continue
        if runs and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year)
        else:
            runs.append((year, year))
    return runs


def _may_have_unknown_years(points, today: dt.date) -> Q:
    """Compensations that can have an unknown amount in a year up to ``today``: a year of
    the agreement before the base year, or a year from the first indexation year on with no
    index value under the compensation's rule. Everything else is known for sure, so it
    need not be loaded (a superset: decided amounts may still fill the gaps)."""
    condition = Q(base_year__gt=ExtractYear("agreement__period_start"))
    for series in IndexSeries.objects.all():
        for rule in IndexRule.values:
            for first, last in _missing_year_runs(points.get(series.pk, {}), rule, today.year):
                condition |= Q(
                    index_series=series,
                    index_rule=rule,
                    first_index_year__lte=last,
                    agreement__period_end__gte=dt.date(first, 1, 1),
                )
    return condition


def missing_index_values(user: User, today: dt.date) -> list[MissingIndex]:
    """Compensations whose amount is unknown up to this year for want of an index value.

    Loads only the compensations that can have an unknown year (see
    ``_may_have_unknown_years``) with their decided amounts: the work follows the number of
    gaps in the index series, not the number of agreements."""
    points = index_points()
    compensations = (
        compensations_visible_to(user)
        .filter(
            _may_have_unknown_years(points, today),
            agreement__approved=True,
            agreement__period_start__lte=dt.date(today.year, 12, 31),
        )
        .select_related("agreement", "party__organisation", "index_series")
        .prefetch_related("decided_amounts")
        .order_by("agreement__period_end", "party__organisation__name")
    )
    found = []
    for compensation in compensations:
        agreement = compensation.agreement
        years = [y for y in agreement_years(agreement) if y <= today.year]
        schedule = indexation.compute_schedule(
            base_amount=compensation.base_amount,
            base_year=compensation.base_year,
            first_index_year=compensation.first_index_year,
            years=years,
            index=points.get(compensation.index_series_id, {}),
            rule=compensation.index_rule,
            decided={d.year: d.amount for d in compensation.decided_amounts.all()},
            series_name=compensation.index_series.name,
        )
        unknown = [r for r in schedule if r.amount is None and r.missing_reason]
        if unknown:
            found.append(
                MissingIndex(
                    agreement=agreement,
                    organisation_name=compensation.party.organisation.name,
                    reason=unknown[0].missing_reason,
                    years=tuple(r.year for r in unknown),
                )
            )
    return found


# --- the partner's yearly economic report -------------------------------------------------


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
    try:
        pk = int(str(pk))
    except ValueError as exc:
        raise Http404("Ingen sådan redovisning.") from exc
    report = (
        EconomicReport.objects.filter(pk=pk, agreement__in=agreements_visible_to(user))
        .filter(party_filter(user))
        .filter(_report_visibility(user))
        .select_related("party__organisation", "agreement")
        .prefetch_related("lines", "other_funding")
        .first()
    )
    if report is None:
        raise Http404("Ingen sådan redovisning.")
    return report


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
