"""Recording the settlement of a late index value: pay the difference, claim it, or waive it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.permissions import require
from partnerships.models import User

from ..ledger import build_ledger, index_points
from ..models import (
    ClaimStatus,
    Compensation,
    IndexSettlement,
    RepaymentClaim,
    SettlementAction,
)
from ..permissions import can_edit_economy

# --- index settlement ---------------------------------------------------------------------


@transaction.atomic
def settlement_record(
    *,
    user: User,
    compensation: Compensation,
    year: int,
    action: str,
    decided_on: dt.date,
    note: str = "",
    points: dict | None = None,
) -> IndexSettlement:
    """Record how the definitive-minus-preliminary difference of a year is handled, once.

    The difference is computed here, never taken from the form."""
    require(can_edit_economy(user, compensation.agreement))
    compensation = Compensation.objects.select_for_update().get(pk=compensation.pk)
    if IndexSettlement.objects.filter(compensation=compensation, year=year).exists():
        raise ValidationError(
            {
                "action": f"Skillnaden för {year} är redan hanterad. "
                "Den kan inte avräknas två gånger."
            }
        )
    compensation = (
        Compensation.objects.select_related("agreement", "index_series", "party__organisation")
        .prefetch_related("decided_amounts", "payments", "settlements")
        .get(pk=compensation.pk)
    )
    ledger = build_ledger(compensation, points or index_points(), decided_on, years=[year])
    difference = ledger.rows[0].schedule.definitive_difference
    if not difference:
        raise ValidationError(
            {"action": f"Det finns ingen skillnad mellan definitivt och preliminärt index {year}."}
        )
    if action == SettlementAction.SUPPLEMENTARY_PAYMENT and difference < 0:
        raise ValidationError(
            {"action": "Definitivt index är lägre: välj återbetalning eller ingen avräkning."}
        )
    if action == SettlementAction.REPAYMENT_CLAIM and difference > 0:
        raise ValidationError(
            {"action": "Definitivt index är högre: välj tilläggsutbetalning eller ingen avräkning."}
        )
    settlement = IndexSettlement(
        compensation=compensation,
        year=year,
        difference=difference,
        action=action,
        decided_on=decided_on,
        note=note,
        recorded_by=user,
    )
    settlement.full_clean()
    try:
        with transaction.atomic():
            settlement.save()
    except IntegrityError as exc:
        raise ValidationError({"action": f"Skillnaden för {year} är redan hanterad."}) from exc
    if action == SettlementAction.REPAYMENT_CLAIM:
        claim = RepaymentClaim(
            agreement=compensation.agreement,
            party=compensation.party,
            amount=-difference,
            decided_on=decided_on,
            status=ClaimStatus.DRAFT,
            settlement=settlement,
            reason=(
                f"Avräkning av {compensation.index_series.name} {year}: definitivt index "
                f"gav {-difference} kr lägre ersättning än preliminärt."
            ),
        )
        claim.full_clean()
        claim.save()
    return settlement
