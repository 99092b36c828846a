"""Writes of caps (tak) on an agreement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import save_versioned
from partnerships.audit import log_event
from partnerships.formatting import format_sek
from partnerships.models import Agreement, User

from ..models import AgreementCap, Compensation
from ..permissions import can_edit_economy


@transaction.atomic
def cap_save(
    *,
    agreement: Agreement,
    label: str,
    amount: int,
    compensations: list[Compensation],
    note: str = "",
    instance: AgreementCap | None = None,
    expected_version: int,
    user: User,
) -> AgreementCap:
    """Create or update a cap over ``compensations`` of the agreement (none: all);
    ``expected_version`` of the cap as the editor read it (0 for a new one)."""
    require(can_edit_economy(user, agreement))
    if any(c.agreement_id != agreement.pk for c in compensations):
        raise ValidationError({"compensations": "Välj ersättningar i den här överenskommelsen."})
    if instance is not None and instance.version != expected_version:
        raise ConcurrentEditError
    cap = instance or AgreementCap(agreement=agreement)
    cap.label = label
    cap.amount = amount
    cap.note = note
    cap.full_clean()
    save_versioned(cap, expected_version)
    cap.compensations.set(compensations)
    covered = ", ".join(c.party.organisation.name for c in compensations) or "alla ersättningar"
    log_event(
        agreement=agreement,
        user=user,
        action="finance.cap_saved",
        text=f"tak ”{cap.label}” {format_sek(cap.amount)} för {covered}",
        target=cap,
    )
    return cap


@transaction.atomic
def cap_delete(*, cap: AgreementCap, expected_version: int, user: User) -> None:
    require(can_edit_economy(user, cap.agreement))
    if not AgreementCap.objects.filter(pk=cap.pk, version=expected_version).exists():
        raise ConcurrentEditError
    cap.compensations.clear()
    cap.delete()
    log_event(
        agreement=cap.agreement,
        user=user,
        action="finance.cap_removed",
        text=f"borttaget: tak ”{cap.label}” {format_sek(cap.amount)}",
    )
