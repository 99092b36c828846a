"""Decided amounts against the computed ones, and what is still unsettled."""

from __future__ import annotations

from django.utils import timezone

from partnerships.boards import BoardNames
from partnerships.models import Agreement

from ..ledger import YearRow, build_ledger, index_points, ledger_queryset
from ..models import (
    Compensation,
)
from .base import DecidedRow, UnsettledRow, compensations_of


def decided_row(name: str, row: YearRow, board_names: BoardNames | None = None) -> DecidedRow:
    schedule = row.schedule
    decided_on = row.decided.decided_on if row.decided is not None else None
    return {
        "name": name,
        "year": row.year,
        "computed": schedule.computed,
        "decided": schedule.decided,
        "deviation": schedule.deviation,
        "one_off": schedule.one_off,
        "decided_on": decided_on,
        "decided_by": board_names.label_on(decided_on) if board_names and decided_on else "",
        "note": row.decided.note if row.decided is not None else "",
    }


def unsettled_row(name: str, row: YearRow) -> UnsettledRow:
    return {"name": name, "year": row.year, "difference": row.schedule.definitive_difference}


def decisions_and_differences(agreement: Agreement) -> dict[str, list]:
    """What the economy tab shows beside the amounts, for the board documents.

    ``decided``: every year where a decided amount rules instead of the computed one, with
    the deviation (the agreement's own years, and the year the agreement's level comes from
    when it continues an earlier compensation: "enligt 2023 årsnivå" is 339 690 kr decided
    against 339 711 kr computed, -21 kr). ``unsettled``: index differences (definitive minus
    preliminary) that no settlement has handled yet.

    {"decided": [{"name", "year", "computed", "decided", "deviation", "one_off",
                  "decided_on", "decided_by", "note"}],
     "unsettled": [{"name", "year", "difference"}]}"""
    points = index_points()
    today = timezone.localdate()
    decided: list[DecidedRow] = []
    unsettled: list[UnsettledRow] = []
    board_names = BoardNames.of(agreement.board)
    for compensation in compensations_of(agreement):
        name = compensation.party.organisation.name
        ledgers = [build_ledger(compensation, points, today)]
        earlier = compensation.continues_from
        if earlier is not None:
            earlier = ledger_queryset(Compensation.objects.filter(pk=earlier.pk)).get()
            ledgers.insert(0, build_ledger(earlier, points, today, years=[compensation.base_year]))
        for ledger in ledgers:
            for row in ledger.rows:
                if row.schedule.decided is not None:
                    decided.append(decided_row(name, row, board_names))
                if row.needs_settlement and ledger is ledgers[-1]:
                    unsettled.append(unsettled_row(name, row))
    return {"decided": decided, "unsettled": unsettled}
