"""The economy tab of an agreement, loaded in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch

from partnerships.formatting import format_sek
from partnerships.models import Agreement, Party, Sector, User
from partnerships.selectors import agreement_for_user

from ..ledger import (
    Ledger,
    agreement_years,
    build_ledger,
    index_points,
    ledger_queryset,
)
from ..models import (
    BudgetLine,
    Compensation,
    PartyBudget,
    RepaymentClaim,
)
from .budgets import BudgetYear, budget_years_of
from .economic_report import economic_report_statuses
from .scope import party_filter, visible_parties
from .shapes import (
    CapView,
    CompensationSchedule,
    cap_views,
    caps_visible,
    in_kind_values_by_year,
    in_kind_visible,
    schedules_of,
)

MAX_CHAIN = 10

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
    # issue 14: the instalments of each compensation, contributions in kind, caps
    schedules: list[CompensationSchedule] = field(default_factory=list)
    in_kind: list = field(default_factory=list)
    caps: list[CapView] = field(default_factory=list)

    @property
    def has_money(self) -> bool:
        """False for an agreement without any compensation ("ingen ekonomisk ersättning")."""
        return bool(self.ledgers)

    @property
    def in_kind_valued_total(self) -> int:
        return sum(item.value for item in self.in_kind if item.value is not None)

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


_EARLIER_SQL = """
WITH RECURSIVE earlier(id, depth) AS (
  SELECT id, 0 FROM {table} WHERE id IN ({placeholders})
  UNION ALL
  SELECT c.continues_from_id, earlier.depth + 1 FROM {table} c JOIN earlier ON c.id = earlier.id
  WHERE c.continues_from_id IS NOT NULL AND earlier.depth < %s
)
SELECT DISTINCT id FROM earlier
"""


def _earlier_compensation_ids(first_ids: list[int | None]) -> set[int]:
    """Every compensation the given ones continue, back through the renewal chain, in one
    recursive query (issue 19: it used to join the table ``MAX_CHAIN`` times, which
    PostgreSQL spent longer planning than running)."""
    first = sorted({pk for pk in first_ids if pk})
    if not first:
        return set()
    sql = _EARLIER_SQL.format(
        table=connection.ops.quote_name(Compensation._meta.db_table),
        placeholders=", ".join(["%s"] * len(first)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first, MAX_CHAIN - 1])
        return {row[0] for row in cursor.fetchall()}


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
        # Only their yearly amounts are drawn: no predecessor joins (``chain=False``).
        earlier = Compensation.objects.filter(pk__in=earlier_ids)
        for compensation in ledger_queryset(earlier, chain=False):
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
    in_kind = list(in_kind_visible(user, agreement))
    public_ids = frozenset(p.pk for p in agreement.parties.all() if p.role == Sector.PUBLIC)
    budget_years = budget_years_of(
        budgets, ledgers_by_party, in_kind_values_by_year(in_kind), public_ids
    )
    schedules = schedules_of(ledgers, today)
    caps = cap_views(list(caps_visible(user, agreement)), ledgers)
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
    warnings += _shape_warnings(schedules, caps)
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
        schedules=schedules,
        in_kind=in_kind,
        caps=caps,
    )


def _shape_warnings(schedules: list[CompensationSchedule], caps: list[CapView]) -> list[str]:
    warnings = []
    for item in schedules:
        name = item.compensation.party.organisation.name
        if item.overdue_count:
            warnings.append(
                f"{item.overdue_count} delbetalning(ar) till {name} har passerat "
                f"förfallodagen utan att vara betalda: {format_sek(item.overdue)} är försenat."
            )
        for year in item.given_mismatches:
            warnings.append(
                f"Delbetalningarna {year.year} till {name} summerar till "
                f"{format_sek(year.scheduled)}, men årets belopp är {format_sek(year.amount)}."
            )
    for view in caps:
        warnings += view.warnings
    return warnings


def _report_rows(user: User, agreement: Agreement, parties: list[Party]):
    statuses = economic_report_statuses(user, agreement, parties)
    return [
        (year, party, statuses.get((party.pk, year), ""))
        for year in agreement_years(agreement)
        for party in parties
    ]


def economy_for_user(user: User, pk: object, today: dt.date) -> Economy:
    # The board's organisation is what the page names the public body by (``public_noun``):
    # joined here, not two queries from the template.
    queryset = Agreement.objects.select_related("board__organisation").prefetch_related("parties")
    agreement = agreement_for_user(user, pk, queryset=queryset)
    return economy_for_agreement(user, agreement, today)
