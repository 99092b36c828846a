"""The ledger of a compensation: per year the ruling amount (indexed or decided), what is
expected and paid, the status and a settlement. One place that every page, document, the
renewal and the demo use (``build_ledger`` over rows loaded by ``ledger_queryset``).

Also the two readings of a ledger that several places need: the latest known level
(``Ledger.latest_known``) and the municipal financing of a budget year
(``municipal_financing``: the budget's own figure, else the compensation of that year).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from partnerships.amendments import JOINS, LEAVES
from partnerships.models import Agreement, Amendment

from . import amendments, indexation
from . import schedule as payment_plan
from .late_index import LateIndex, late_index
from .models import AmountChange, Compensation, IndexValue, PartyBudget, SettlementAction
from .proration import BY_DAYS, share_text
from .rules import PAYMENT_STATUS_LABELS, PaymentStatus, payment_status


def index_points() -> dict[int, dict[int, indexation.IndexPoint]]:
    """All index values by series id and year (a small table: one query)."""
    points: dict[int, dict[int, indexation.IndexPoint]] = defaultdict(dict)
    for value in IndexValue.objects.all():
        points[value.series_id][value.year] = value.point
    return points


@dataclass
class YearRow:
    year: int
    schedule: indexation.YearAmount
    expected: int | None
    paid: int
    payments: list
    status: PaymentStatus
    settlement: object | None
    decided: object | None
    proration: str = BY_DAYS
    changes: list = field(default_factory=list)  # the amendments' amount changes this year
    index_published: dt.date | None = None  # when the year's definitive index came out

    @property
    def basis_texts(self) -> list[str]:
        """How an amendment changes this year's amount, in words: each part at its level
        and each one-off sum, e.g. '2025-01-01–2025-06-30: 181 av 365 dagar av
        500 000 kr = 247 945 kr'."""
        texts = [segment.text(self.year) for segment in self.schedule.segments]
        if not self.schedule.split:
            texts = []
        for change in self.changes:
            if change.one_off or not self.schedule.split:
                texts.append(f"{change.text} ({change.amendment.label})")
        return texts

    @property
    def not_a_party(self) -> bool:
        """The party is not a party this year (it joins later, or has left): no money."""
        return self.schedule.share.share == 0

    @property
    def late_index(self) -> LateIndex | None:
        """What a definitive index published after the year's payment leaves to pay (or
        to claim back), or None."""
        return late_index(
            year=self.year,
            payment_dates=[p.paid_on for p in self.payments],
            paid=self.paid,
            expected=self.expected,
            applied_kind=self.schedule.index.kind if self.schedule.index else None,
            definitive_difference=self.schedule.definitive_difference,
            settled=self.settlement is not None,
            published=self.index_published,
        )

    @property
    def outstanding(self) -> int | None:
        return None if self.expected is None else max(self.expected - self.paid, 0)

    @property
    def status_label(self) -> str:
        return PAYMENT_STATUS_LABELS[self.status]

    @property
    def share_text(self) -> str:
        """The part of the year, e.g. '184 av 366 dagar' (for a partial year)."""
        return share_text(self.schedule.share, self.year, self.proration)

    @property
    def needs_settlement(self) -> bool:
        return bool(self.schedule.definitive_difference) and self.settlement is None


@dataclass
class Ledger:
    compensation: Compensation
    rows: list[YearRow]

    @property
    def late_indexes(self) -> list[LateIndex]:
        return [late for row in self.rows if (late := row.late_index) is not None]

    @property
    def late_index_texts(self) -> list[str]:
        name = self.compensation.party.organisation.name
        return [late.text(name) for late in self.late_indexes]

    @property
    def missing_reasons(self) -> list[str]:
        reasons: list[str] = []
        for row in self.rows:
            reason = row.schedule.missing_reason
            if reason and row.schedule.amount is None and reason not in reasons:
                reasons.append(reason)
        return reasons

    @property
    def amended_rows(self) -> list[YearRow]:
        """The years whose amount an amendment makes up (shown with their basis)."""
        return [row for row in self.rows if row.basis_texts]

    @property
    def decisions(self) -> list:
        """The decided amounts of the ledger's years, by year."""
        return [row.decided for row in self.rows if row.decided is not None]

    def row(self, year: int) -> YearRow | None:
        return next((row for row in self.rows if row.year == year), None)

    def latest_level(self) -> tuple[int | None, int | None]:
        """(year, amount) of the latest year whose level is known: what later years go on
        from (a one-off decided amount is not a level); (None, None) when none is."""
        known = [row for row in self.rows if row.schedule.level is not None]
        if not known:
            return None, None
        return known[-1].year, known[-1].schedule.level

    def latest_known(self) -> tuple[int | None, int | None, str]:
        """(year, amount, first missing reason) of the latest year whose ruling amount is
        known (a decided amount rules); (None, None, reason) when no year is known."""
        known = [row for row in self.rows if row.schedule.amount is not None]
        missing = next(
            (row.schedule.missing_reason for row in self.rows if row.schedule.amount is None),
            "",
        )
        if not known:
            return None, None, missing
        return known[-1].year, known[-1].schedule.amount, missing


def agreement_years(agreement: Agreement) -> list[int]:
    return list(range(agreement.period_start.year, agreement.period_end.year + 1))


def build_ledger(
    compensation: Compensation,
    points: dict[int, dict[int, indexation.IndexPoint]],
    today: dt.date,
    years: list[int] | None = None,
) -> Ledger:
    """Needs ``decided_amounts``, ``payments``, ``settlements``, ``amount_changes`` (with
    their amendment) prefetched and the party's join/leave dates annotated
    (``ledger_queryset``)."""
    decided = {d.year: d for d in compensation.decided_amounts.all()}
    settlements = {s.year: s for s in compensation.settlements.all()}
    payments: dict[int, list] = defaultdict(list)
    for payment in compensation.payments.all():
        payments[payment.year].append(payment)
    changes = list(compensation.amount_changes.all())
    start, end = compensation.period()
    schedule = indexation.compute_schedule(
        base_amount=compensation.base_amount,
        base_year=compensation.base_year,
        first_index_year=compensation.first_index_year,
        years=years or agreement_years(compensation.agreement),
        index=points.get(compensation.index_series_id, {}),
        rule=compensation.index_rule,
        decided={year: d.amount for year, d in decided.items()},
        series_name=compensation.index_series.name if compensation.index_series else "",
        one_off_years={year for year, d in decided.items() if d.one_off},
        shares=compensation.year_shares(),
        level_changes=[
            amendments.LevelChange(c.effective_from, c.amount, c.amendment.label)
            for c in changes
            if not c.one_off
        ],
        one_off_sums=amendments.one_offs_by_year(
            amendments.OneOffSum(c.effective_from.year, c.amount, c.purpose)
            for c in changes
            if c.one_off
        ),
        period=(start, end),
        proration_rule=compensation.proration,
    )
    series_points = points.get(compensation.index_series_id, {})
    rows = []
    for item in schedule:
        settlement = settlements.get(item.year)
        point = series_points.get(item.year)
        expected = item.amount
        if (
            expected is not None
            and settlement is not None
            and settlement.action == SettlementAction.SUPPLEMENTARY_PAYMENT
        ):
            expected += settlement.difference
        paid = sum(p.amount for p in payments[item.year])
        rows.append(
            YearRow(
                year=item.year,
                schedule=item,
                expected=expected,
                paid=paid,
                payments=payments[item.year],
                status=payment_status(
                    expected=expected,
                    paid=paid,
                    year=item.year,
                    payment_month=compensation.payment_month,
                    today=today,
                    due_so_far=_due_so_far(compensation, item.year, expected, today),
                ),
                settlement=settlement,
                decided=decided.get(item.year),
                proration=compensation.proration,
                changes=[c for c in changes if c.effective_from.year == item.year],
                index_published=point.definitive_published if point else None,
            )
        )
    return Ledger(compensation, rows)


def _due_so_far(
    compensation: Compensation, year: int, expected: int | None, today: dt.date
) -> int | None:
    """What a regular payment schedule (half-yearly, quarterly, monthly) made due before
    today; None for a yearly schedule and for given dates (the year is then due by the end
    of its payment month, as before; the economy tab shows given dates one by one)."""
    kind = compensation.payment_schedule
    if expected is None or kind in (payment_plan.YEARLY, payment_plan.GIVEN_DATES):
        return None
    start, end = compensation.period()  # the party's own period (joins / leaves)
    items = payment_plan.instalments(
        amount=expected,
        kind=kind,
        year=year,
        payment_month=compensation.payment_month,
        period_start=start,
        period_end=end,
    )
    return payment_plan.due_so_far(items, today)


def ledger_queryset(qs: QuerySet[Compensation], *, chain: bool = True) -> QuerySet[Compensation]:
    """Compensations with what ``build_ledger`` needs. ``chain=False`` for lists over many
    agreements: the four outer joins of the predecessor compensation are left out (they
    are not shown there, and they keep PostgreSQL from starting with the user's scope)."""
    related = ["agreement", "party__organisation", "index_series"]
    if chain:
        related += ["continues_from__agreement", "continues_from__party__organisation"]
    return (
        qs.select_related(*related)
        .prefetch_related(
            "decided_amounts",
            "payments",
            "settlements",
            Prefetch(
                "amount_changes", queryset=AmountChange.objects.select_related("amendment__board")
            ),
        )
        .annotate(
            # The party's joining and leaving dates by amendment: annotations, not one more
            # query per list (``Compensation.period``).
            party_joins_on=_party_change_on(JOINS),
            party_leaves_on=_party_change_on(LEAVES),
        )
    )


def _party_change_on(change: str) -> Subquery:
    """The date of the party's latest amendment that makes it join (or leave)."""
    return Subquery(
        Amendment.objects.filter(party=OuterRef("party"), party_change=change)
        .order_by("-decided_on", "-pk")
        .values("party_change_on")[:1]
    )


def compensation_ledger(
    compensation: Compensation, today: dt.date, years: list[int] | None = None
) -> Ledger:
    """The ledger of one compensation, loaded with what ``build_ledger`` needs."""
    fresh = ledger_queryset(Compensation.objects.filter(pk=compensation.pk)).get()
    return build_ledger(fresh, index_points(), today, years=years)


def municipal_financing(
    budget: PartyBudget, ledgers_by_party: dict[int, Ledger]
) -> tuple[int | None, str]:
    """(amount, source) of the municipality's financing in a party's budget year: the
    budget's own figure ("budget") when given, else the compensation's ruling amount of that
    year ("compensation"): None when that amount is not known, 0 without a compensation."""
    if budget.municipal_financing is not None:
        return budget.municipal_financing, "budget"
    ledger = ledgers_by_party.get(budget.party_id)
    row = ledger.row(budget.year) if ledger else None
    return (row.schedule.amount if row else (None if ledger else 0)), "compensation"


# --- the public list (publication) -------------------------------------------------------


def yearly_amounts_for_agreements(
    agreement_ids: list[int], today: dt.date
) -> dict[int, list[tuple[int, int | None]]]:
    """Party id -> [(year, decided or computed yearly compensation)] over each agreement's
    period, unscoped: the caller (the public list) decides which agreements are public.
    ``None`` for a year whose index value is not known yet. Four queries, whatever the rows."""
    if not agreement_ids:
        return {}
    points = index_points()
    compensations = ledger_queryset(
        Compensation.objects.filter(agreement_id__in=agreement_ids), chain=False
    )
    return {
        compensation.party_id: [
            (row.year, row.schedule.amount)
            for row in build_ledger(compensation, points, today).rows
        ]
        for compensation in compensations
    }
