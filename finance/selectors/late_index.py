"""The start page's list of index values that arrived after the year's payment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from partnerships.models import Agreement, User

from ..late_index import LateIndex
from ..ledger import build_ledger, index_points, ledger_queryset
from ..models import IndexValue, Payment
from .scope import compensations_visible_to


@dataclass(frozen=True)
class LateIndexItem:
    agreement: Agreement
    organisation_name: str
    late: LateIndex

    @property
    def text(self) -> str:
        return self.late.text(self.organisation_name)


def late_index_differences(user: User, today: dt.date) -> list[LateIndexItem]:
    """Compensations where a definitive index value published after a payment of the same
    year leaves something to pay or to claim back. Only compensations with such a payment
    are loaded (one query finds them), then their ledgers (a fixed number of queries)."""
    published_after = IndexValue.objects.filter(
        series_id=OuterRef("compensation__index_series_id"),
        year=OuterRef("year"),
        definitive_published__gt=OuterRef("paid_on"),
    )
    paid_before = Payment.objects.filter(
        compensation_id=OuterRef("pk"), year__lte=today.year
    ).filter(Exists(published_after))
    compensations = ledger_queryset(
        compensations_visible_to(user).filter(Exists(paid_before), agreement__approved=True),
        chain=False,
    ).order_by("agreement__period_end", "party__organisation__name")
    points = index_points()
    found = []
    for compensation in compensations:
        for late in build_ledger(compensation, points, today).late_indexes:
            if late.year <= today.year:
                found.append(
                    LateIndexItem(
                        compensation.agreement, compensation.party.organisation.name, late
                    )
                )
    return found
