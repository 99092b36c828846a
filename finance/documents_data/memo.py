"""The "Ekonomiska konsekvenser" of a memo for a new IOP or a renewal."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from partnerships.formatting import format_sek
from partnerships.models import Agreement

from ..ledger import build_ledger, index_points
from ..models import (
    Compensation,
)
from .agreement import agreement_economy
from .base import AgreementEconomy, MemoEconomy, compensations_of, municipality_name


def _latest_levels(
    compensations: list[Compensation], rows: list[dict[str, Any]], warnings: list[str]
) -> list[str]:
    """The compensation of each party at the latest known level of the current agreement:
    the sentence parts, with the rows and warnings added to the given lists."""
    points = index_points()
    today = timezone.localdate()
    parts = []
    for compensation in compensations:
        ledger = build_ledger(compensation, points, today)
        _known_year, _known_amount, missing = ledger.latest_known()
        # The yearly level the renewal continues from (``finance.renewal.current_level``):
        # a level an amendment set from a date in the year, never a part of a year.
        year, amount = ledger.latest_level()
        name = compensation.party.organisation.name
        if amount is None:
            # Nothing computable in the period: the level the agreement states.
            year, amount = compensation.base_year, compensation.base_amount
            warnings.append(
                f"Ersättningen till {name} kan inte räknas upp för perioden: {missing}. "
                f"Beloppet nedan är {year} års nivå."
            )
        elif missing:
            warnings.append(
                f"{missing}: ersättningen till {name} efter {year} kan inte räknas fram."
            )
        parts.append(f"{name} med {format_sek(amount)} ({year} års nivå)")
        rows.append({"label": f"Ersättning {year} års nivå, {name}", "amount": amount})
    return parts


def _financing(
    economy: AgreementEconomy,
    agreement: Agreement,
    municipality: str,
    board_name: str,
    rows: list[dict[str, Any]],
    sentences: list[str],
) -> None:
    """The yearly scope and who finances it (seeds/002): the sentences and rows added to
    the given lists. Valued contributions in kind of the budget year finance the costs
    too ("värde av insats"; never paid), as in the agreement's balance."""
    total = economy["total_cost"]
    shares = [f"{party['name']} med {format_sek(party['own'])}" for party in economy["party_costs"]]
    municipal = economy["municipal_financing"]
    sentences.append(
        f"Överenskommelsens ekonomiska omfattning är {format_sek(total)} per år "
        f"({economy['budget_year']})."
    )
    financed_by = (
        [f"{board_name.lower() if agreement.board_id else board_name} med {format_sek(municipal)}"]
        if municipal is not None
        else []
    )
    in_kind = economy["in_kind_budget"]
    in_kind_part = (
        [f"insatser som inte betalas ut till ett värde av {format_sek(in_kind)}"] if in_kind else []
    )
    sentences.append(
        "Verksamheten finansieras av " + _join(financed_by + shares + in_kind_part) + " per år."
    )
    rows.append({"label": "Total kostnad per år", "amount": total})
    if municipal is not None:
        rows.append({"label": f"Finansiering från {municipality}", "amount": municipal})
    for party in economy["party_costs"]:
        rows.append({"label": f"Egen finansiering, {party['name']}", "amount": party["own"]})
    if in_kind:
        rows.append({"label": "Värde av insats", "amount": in_kind})


def memo_economy(agreement: Agreement, memo_kind: str) -> MemoEconomy | None:
    """The "Ekonomiska konsekvenser" of a memo (seeds/002), computed from the finance data.

    ``memo_kind`` "new": the yearly scope (total cost), who finances what (the municipality
    and each party's own share), the compensation per party and its indexation.
    "renewal": the same, with the compensation at the latest known level of the current
    agreement (a missing index value is a warning, never a silent zero).
    """
    economy = agreement_economy(agreement)
    if economy is None:
        return None
    municipality = municipality_name(agreement)
    board_name = agreement.board.name if agreement.board_id else municipality
    compensations = compensations_of(agreement)
    warnings = list(economy["warnings"])
    rows: list[dict[str, Any]] = []
    sentences: list[str] = []

    if economy["party_costs"]:
        _financing(economy, agreement, municipality, board_name, rows, sentences)

    if compensations:
        if memo_kind == "renewal":
            parts = _latest_levels(compensations, rows, warnings)
            if parts:
                sentences.append(
                    f"{municipality} ersätter i nuvarande överenskommelse " + _join(parts) + "."
                )
        else:
            parts = [
                f"{row['name']} med {format_sek(row['amount'])}" for row in economy["compensation"]
            ]
            sentences.append(
                f"{economy['level_text']}: " + _join(parts) + ", totalt "
                f"{format_sek(economy['compensation_total'])}."
            )
            for row in economy["compensation"]:
                rows.append({"label": f"Ersättning, {row['name']}", "amount": row["amount"]})
            rows.append({"label": "Total ersättning IOP", "amount": economy["compensation_total"]})
        if economy["terms_text"]:
            sentences.append(economy["terms_text"])

    return {
        "text": " ".join(sentences),
        "rows": rows,
        "warnings": warnings,
        "decided": economy["decided"],
        "unsettled": economy["unsettled"],
        "amended": economy["amended"],
        "in_kind": economy["in_kind"],
        "in_kind_total": economy["in_kind_total"],
    }


def _join(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]
