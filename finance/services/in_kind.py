"""Writes of contributions in kind (insats, värde av insats)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import save_versioned
from partnerships.audit import log_event
from partnerships.formatting import format_sek
from partnerships.models import Agreement, Party, User

from ..models import InKindContribution
from ..permissions import can_edit_economy


def _text(item: InKindContribution) -> str:
    value = f", värde {format_sek(item.value)}" if item.value is not None else ", ej värderad"
    return (
        f"insats ({item.get_kind_display().lower()}) från {item.party.organisation.name} "
        f"för {item.period_text}{value}"
    )


@transaction.atomic
def in_kind_save(
    *,
    agreement: Agreement,
    party: Party,
    year: int | None,
    kind: str,
    description: str,
    value: int | None,
    valuation_basis: str,
    instance: InKindContribution | None = None,
    expected_version: int = 0,
    user: User,
) -> InKindContribution:
    """Create or update a contribution in kind of a party (either side) of ``agreement``.
    ``expected_version``: of the contribution as the editor read it; 0 (the default) for a
    new one, so an update that does not say which version it changed is refused."""
    require(can_edit_economy(user, agreement))
    errors: dict[str, str] = {}
    if party.agreement_id != agreement.pk:
        errors["party"] = "Välj en part i överenskommelsen."
    if year is not None and not agreement.period_start.year <= year <= agreement.period_end.year:
        errors["year"] = "Året ligger utanför överenskommelsens period."
    if value is not None and not valuation_basis.strip():
        errors["valuation_basis"] = "Ange vad värderingen grundar sig på."
    if errors:
        raise ValidationError(errors)
    if instance is not None and instance.version != expected_version:
        raise ConcurrentEditError
    item = instance or InKindContribution(agreement=agreement)
    item.party = party
    item.year = year
    item.kind = kind
    item.description = description
    item.value = value
    item.valuation_basis = valuation_basis.strip()
    item.full_clean()
    save_versioned(item, expected_version)
    log_event(
        agreement=agreement,
        user=user,
        action="finance.in_kind_saved",
        text=_text(item),
        target=item,
        organisation=party.organisation,
    )
    return item


@transaction.atomic
def in_kind_delete(*, item: InKindContribution, expected_version: int, user: User) -> None:
    require(can_edit_economy(user, item.agreement))
    if InKindContribution.objects.filter(pk=item.pk, version=expected_version).delete()[0] != 1:
        raise ConcurrentEditError
    log_event(
        agreement=item.agreement,
        user=user,
        action="finance.in_kind_removed",
        text="borttagen: " + _text(item),
        organisation=item.party.organisation,
    )
