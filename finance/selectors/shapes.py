"""Reads of the agreement shapes (issue 14): payment schedules against the ledger,
contributions in kind and caps. Scoped like the rest of the economy: a partner sees only
its own organisation's instalments and contributions, and no caps (a cap sums several
parties' money). Each function runs a fixed number of queries, whatever the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from common.converters import one_or_404
from partnerships.models import Agreement, User

from .. import schedule as payment_plan
from ..caps import CapState, cap_state
from ..ledger import Ledger
from ..models import AgreementCap, Compensation, GivenInstalment, InKindContribution
from .scope import partner_only, party_filter


@dataclass
class CompensationSchedule:
    """The instalments of one compensation, year by year (from its ledger)."""

    compensation: Compensation
    years: list[payment_plan.YearInstalments]

    @property
    def overdue(self) -> int:
        return sum(y.overdue for y in self.years)

    @property
    def overdue_count(self) -> int:
        return sum(y.overdue_count for y in self.years)

    @property
    def given_mismatches(self) -> list[payment_plan.YearInstalments]:
        return [y for y in self.years if y.given_difference]


def given_rows(compensation_ids: list[int]) -> dict[tuple[int, int], list[GivenInstalment]]:
    """(compensation id, year) -> its given instalments, in one query."""
    rows: dict[tuple[int, int], list[GivenInstalment]] = defaultdict(list)
    if compensation_ids:
        for row in GivenInstalment.objects.filter(compensation_id__in=compensation_ids).order_by(
            "due_on", "pk"
        ):
            rows[(row.compensation_id, row.year)].append(row)
    return rows


def schedules_of(ledgers: list[Ledger], today: dt.date) -> list[CompensationSchedule]:
    """The schedule of each ledger's compensation: at most one query (given dates)."""
    given_ids = [
        ledger.compensation.pk
        for ledger in ledgers
        if ledger.compensation.payment_schedule == payment_plan.GIVEN_DATES
    ]
    given = given_rows(given_ids)
    out = []
    for ledger in ledgers:
        compensation = ledger.compensation
        start, end = compensation.period()  # the party's own period (joins / leaves)
        years = [
            payment_plan.year_instalments(
                year=row.year,
                amount=row.expected,
                paid=row.paid,
                kind=compensation.payment_schedule,
                payment_month=compensation.payment_month,
                period_start=start,
                period_end=end,
                today=today,
                given=[(g.due_on, g.amount) for g in given.get((compensation.pk, row.year), [])],
            )
            for row in ledger.rows
        ]
        out.append(CompensationSchedule(compensation, years))
    return out


# --- contributions in kind ----------------------------------------------------------------


def in_kind_visible(user: User, agreement: Agreement):
    return (
        InKindContribution.objects.filter(agreement=agreement)
        .filter(party_filter(user))
        .select_related("party__organisation")
        .order_by("year", "party__organisation__name", "pk")
    )


def in_kind_for_user(user: User, agreement: Agreement, pk: object) -> InKindContribution:
    return one_or_404(in_kind_visible(user, agreement), pk, "Ingen sådan insats.")


def in_kind_values_by_year(
    contributions: list[InKindContribution],
) -> tuple[dict[tuple[int, int], int], dict[int, int]]:
    """The valued contributions of each year: (party id, year) -> value, and year -> value
    of all parties. Contributions for the whole period belong to no single year."""
    by_party: dict[tuple[int, int], int] = defaultdict(int)
    by_year: dict[int, int] = defaultdict(int)
    for item in contributions:
        if item.year is None or item.value is None:
            continue
        by_party[(item.party_id, item.year)] += item.value
        by_year[item.year] += item.value
    return dict(by_party), dict(by_year)


# --- caps ---------------------------------------------------------------------------------


@dataclass
class CapView:
    cap: AgreementCap
    compensations: list[Compensation]
    state: CapState
    warnings: list[str] = field(default_factory=list)

    @property
    def covers_all(self) -> bool:
        return not self.cap.compensations.all()


def caps_visible(user: User, agreement: Agreement):
    if partner_only(user):
        return AgreementCap.objects.none()
    return (
        AgreementCap.objects.filter(agreement=agreement)
        .prefetch_related("compensations")
        .order_by("pk")
    )


def cap_for_user(user: User, agreement: Agreement, pk: object) -> AgreementCap:
    return one_or_404(caps_visible(user, agreement), pk, "Inget sådant tak.")


def cap_views(caps: list[AgreementCap], ledgers: list[Ledger]) -> list[CapView]:
    """Each cap against the ledgers of the compensations it covers (all when none chosen)."""
    by_id = {ledger.compensation.pk: ledger for ledger in ledgers}
    views = []
    for cap in caps:
        chosen = [c.pk for c in cap.compensations.all()]
        covered = [by_id[pk] for pk in chosen if pk in by_id] if chosen else list(by_id.values())
        state = cap_state(
            cap.amount,
            [row.schedule.amount for ledger in covered for row in ledger.rows],
            [row.paid for ledger in covered for row in ledger.rows],
        )
        views.append(
            CapView(
                cap=cap,
                compensations=[ledger.compensation for ledger in covered],
                state=state,
                warnings=state.warnings(cap.label),
            )
        )
    return views
