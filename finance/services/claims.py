"""Writes of repayment claims."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from common.permissions import require
from common.versioning import save_versioned
from partnerships.audit import log_event
from partnerships.models import Agreement, Party, Sector, User

from ..models import (
    ClaimStatus,
    EconomicReport,
    RepaymentClaim,
)
from ..permissions import can_edit_economy

# --- repayment claims ---------------------------------------------------------------------


@transaction.atomic
def claim_save(
    *,
    user: User,
    agreement: Agreement,
    party: Party,
    amount: int,
    reason: str,
    decided_on: dt.date | None,
    status: str,
    instance: RepaymentClaim | None = None,
    expected_version: int,
    economic_report: EconomicReport | None = None,
) -> RepaymentClaim:
    """Create or update a claim. ``economic_report`` (only when creating) links the claim to
    the report whose unspent remainder it starts from; the party must be the report's.
    ``expected_version``: of the claim as the editor read it (0 for a new one)."""
    require(can_edit_economy(user, agreement))
    if party.agreement_id != agreement.pk or party.role != Sector.IDEA_BASED:
        raise ValidationError({"party": "Välj en idéburen part i överenskommelsen."})
    claim = instance or RepaymentClaim(agreement=agreement)
    previous_status = (
        RepaymentClaim.objects.filter(pk=claim.pk).values_list("status", flat=True).first()
    )
    if economic_report is not None and instance is None:
        if economic_report.party_id != party.pk or not economic_report.is_submitted:
            raise ValidationError(
                {"party": "Kravet måste gälla den part vars inlämnade redovisning det utgår från."}
            )
        claim.economic_report = economic_report
    claim.party = party
    claim.amount = amount
    claim.reason = reason
    claim.decided_on = decided_on
    claim.status = status
    claim.full_clean()
    save_versioned(claim, expected_version)
    if claim.status != previous_status and claim.status != ClaimStatus.DRAFT:
        log_event(
            agreement=agreement,
            user=user,
            action=f"finance.claim_{claim.status}",
            text=f"återbetalningskrav på {claim.amount} kr från {party.organisation.name}: "
            f"{claim.get_status_display().lower()}",
            target=claim,
            organisation=party.organisation,
        )
    return claim
