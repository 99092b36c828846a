"""The money of a board's agreements for the annual report, as plain data.

A fixed number of queries whatever the number of agreements (the report covers a whole
board). Same conventions as ``finance.documents_data``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils import timezone

from partnerships.models import Agreement

from .documents_data import decided_row, unsettled_row
from .ledger import build_ledger, index_points, ledger_queryset
from .models import Compensation, Payment


def payments_by_agreement(agreement_ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    """Money paid in ``year`` per agreement: {agreement id: {"total", "rows": [...]}}.

    One query for the payments of all agreements (the annual report covers many)."""
    result: dict[int, dict[str, Any]] = {}
    grouped: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    payments = (
        Payment.objects.filter(agreement_id__in=agreement_ids, year=year)
        .select_related("compensation__party__organisation")
        .order_by("compensation__party__organisation__name", "paid_on")
    )
    for payment in payments:
        grouped[payment.agreement_id][payment.compensation.party.organisation.name] += (
            payment.amount
        )
    for agreement_id, by_party in grouped.items():
        rows = [{"name": name, "amount": amount} for name, amount in by_party.items()]
        result[agreement_id] = {"total": sum(r["amount"] for r in rows), "rows": rows}
    return result


def compensation_outlook(agreements: list[Agreement], year: int) -> dict[int, dict[str, Any]]:
    """For each agreement: the ruling compensation for ``year`` per party (None when
    unknown), the index values missing for ``year`` and the coming year, the decided amounts
    up to ``year`` against the computed ones, and the index differences not yet settled.

    {agreement id: {"rows": [{"name", "amount", "basis"}], "missing": ["OPI för 2027 saknas", ...],
                    "decided": [{"name", "year", "computed", "decided", "deviation"}],
                    "unsettled": [{"name", "year", "difference"}]}}
    A fixed number of queries whatever the number of agreements."""
    points = index_points()
    today = timezone.localdate()
    compensations = ledger_queryset(
        Compensation.objects.filter(agreement__in=[a.pk for a in agreements])
    ).order_by("party__organisation__name")
    result: dict[int, dict[str, Any]] = {
        a.pk: {"rows": [], "missing": [], "decided": [], "unsettled": []} for a in agreements
    }
    for compensation in compensations:
        agreement = compensation.agreement
        wanted = [
            y
            for y in (year, year + 1)
            if agreement.period_start.year <= y <= agreement.period_end.year
        ]
        if not wanted:
            continue
        name = compensation.party.organisation.name
        ledger = build_ledger(compensation, points, today)
        entry = result[agreement.pk]
        for row in ledger.rows:
            if row.year == year:
                # basis: how an amendment makes up the year's amount, in words
                entry["rows"].append(
                    {"name": name, "amount": row.schedule.amount, "basis": row.basis_texts}
                )
            reason = row.schedule.missing_reason
            if (
                row.year in wanted
                and row.schedule.amount is None
                and reason
                and reason not in entry["missing"]
            ):
                entry["missing"].append(reason)
            if row.year <= year and row.schedule.decided is not None:
                entry["decided"].append(decided_row(name, row))
            if row.year <= year and row.needs_settlement:
                entry["unsettled"].append(unsettled_row(name, row))
    return result
