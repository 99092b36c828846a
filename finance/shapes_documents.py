"""The agreement shapes of issue 14 as plain data for the board documents: contributions
in kind ("Värde av insats"), the payment schedule in words, and the no-money sentence.
JSON-safe dicts; unscoped (the caller decided the reader may see the agreement)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .models import Compensation, InKindContribution

NO_MONEY_TEXT = "Överenskommelsen har ingen ekonomisk ersättning."


def in_kind_by_agreement(
    agreement_ids: list[int], years: list[int] | None = None
) -> dict[int, dict[str, Any]]:
    """Agreement id -> {"rows": [{"party", "period", "kind", "description", "value",
    "basis"}], "total": valued sum}. With ``years``: the contributions of those years and
    those for the whole period. One query."""
    out: dict[int, dict[str, Any]] = defaultdict(lambda: {"rows": [], "total": 0})
    qs = InKindContribution.objects.filter(agreement_id__in=agreement_ids).select_related(
        "party__organisation"
    )
    for item in qs.order_by("agreement_id", "year", "party__organisation__name", "pk"):
        if years is not None and item.year is not None and item.year not in years:
            continue
        entry = out[item.agreement_id]
        entry["rows"].append(
            {
                "party": item.party.display_name,
                "period": item.period_text,
                "kind": item.get_kind_display(),
                "description": item.description,
                "value": item.value,
                "basis": item.valuation_basis,
            }
        )
        entry["total"] += item.value or 0
    return {pk: dict(out[pk]) if pk in out else {"rows": [], "total": 0} for pk in agreement_ids}


def schedule_sentences(compensations: list[Compensation]) -> str:
    """'Ersättningen till X betalas ut kvartalsvis, i januari, april, juli och oktober.' for
    every compensation not paid once a year (the yearly clause is the agreement's own)."""
    sentences = []
    for compensation in compensations:
        if compensation.payment_schedule == "yearly":
            continue
        sentences.append(
            f"Ersättningen till {compensation.party.organisation.name} betalas ut "
            f"{compensation.payment_schedule_text}."
        )
    return " ".join(sentences)
