"""The start page's list of index values that are missing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import ExtractYear

from partnerships.models import Agreement, User

from .. import indexation
from ..ledger import agreement_years, build_ledger, index_points, ledger_queryset
from ..models import (
    IndexRule,
    IndexSeries,
)
from .scope import compensations_visible_to

YEAR_VALIDATORS_MIN = 1990  # the lowest year a value can have (models.YEAR_VALIDATORS)

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
    """Compensations whose amount is unknown up to this year for want of an index value,
    as the ledger has it, amendments included: a new level an amendment gives from a year
    whose index is missing is listed for that year (and for the years indexed from it); a
    year an amendment's new level covers from 1 January, and a year the party is not a
    party in (it joins later, or has left), is not.

    Loads only the compensations that can have an unknown year (see
    ``_may_have_unknown_years``) with what the ledger needs: the work follows the number of
    gaps in the index series, not the number of agreements."""
    points = index_points()
    compensations = ledger_queryset(
        compensations_visible_to(user).filter(
            _may_have_unknown_years(points, today),
            agreement__approved=True,
            agreement__period_start__lte=dt.date(today.year, 12, 31),
        ),
        chain=False,
    ).order_by("agreement__period_end", "party__organisation__name")
    found = []
    for compensation in compensations:
        agreement = compensation.agreement
        years = [y for y in agreement_years(agreement) if y <= today.year]
        ledger = build_ledger(compensation, points, today, years=years)
        unknown = [
            r.schedule
            for r in ledger.rows
            if r.schedule.amount is None and r.schedule.missing_reason
        ]
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
