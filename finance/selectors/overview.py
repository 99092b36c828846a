"""The overview of the whole public body for one year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnerships.models import Agreement, User

from ..ledger import (
    YearRow,
    build_ledger,
    index_points,
    ledger_queryset,
)

# --- the municipality-wide overview -------------------------------------------------------
from .scope import compensations_visible_to


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
