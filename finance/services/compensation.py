"""Writes of a compensation and its decided amounts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import save_versioned
from partnerships.models import Agreement, Party, Sector, User

from ..models import (
    Compensation,
    DecidedAmount,
    DecidedScope,
    IndexSeries,
    PaymentSchedule,
    Proration,
)
from ..permissions import can_edit_economy, compensation_of_agreement
from ..selectors import index_series_for_agreement

# --- compensation -------------------------------------------------------------------------


def _check_compensation(compensation: Compensation) -> None:
    errors: dict[str, str] = {}
    party = compensation.party
    if party.agreement_id != compensation.agreement_id:
        errors["party"] = "Parten tillhör inte den här överenskommelsen."
    elif party.role != Sector.IDEA_BASED:
        errors["party"] = "Ersättning betalas till en idéburen part."
    previous = compensation.continues_from
    if previous is not None:
        predecessor_id = compensation.agreement.predecessor_id
        if previous.agreement_id != predecessor_id:
            errors["continues_from"] = "Välj en ersättning i den föregående överenskommelsen."
    first, base = compensation.first_index_year, compensation.base_year
    if first is not None and base is not None and first <= base:
        errors["first_index_year"] = f"Första år med uppräkning måste vara efter basåret ({base})."
    if compensation.base_amount is not None and compensation.base_amount < 0:
        errors["base_amount"] = "Beloppet kan inte vara negativt."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def compensation_save(
    *,
    user: User,
    agreement: Agreement,
    party: Party,
    base_amount: int,
    base_year: int,
    index_series: IndexSeries | None,
    first_index_year: int | None,
    index_rule: str,
    payment_month: int,
    fixed: bool = False,
    proration: str = Proration.BY_DAYS,
    payment_schedule: str = PaymentSchedule.YEARLY,
    continues_from: Compensation | None = None,
    instance: Compensation | None = None,
    expected_version: int,
) -> Compensation:
    """Create (``instance`` None, ``expected_version`` 0) or update a compensation. A second
    compensation of the same party created at once is refused by the unique constraint of
    the party (``ConcurrentEditError``)."""
    require(can_edit_economy(user, agreement))
    if instance is not None:
        require(compensation_of_agreement(instance, agreement))
    compensation = instance or Compensation(agreement=agreement)
    compensation.agreement = agreement
    compensation.party = party
    compensation.base_amount = base_amount
    compensation.base_year = base_year
    if fixed:
        # A fixed amount has no index terms at all (whatever the form still carried).
        index_series, first_index_year = None, None
    compensation.fixed = fixed
    compensation.proration = proration
    compensation.index_series = index_series
    compensation.first_index_year = first_index_year
    compensation.index_rule = index_rule
    compensation.payment_month = payment_month
    compensation.payment_schedule = payment_schedule or PaymentSchedule.YEARLY
    compensation.continues_from = continues_from
    allowed_series = index_series_for_agreement(agreement)
    if not fixed and index_series is None:
        raise ValidationError({"index_series": "Välj index, eller markera beloppet som fast."})
    if not fixed and first_index_year is None:
        raise ValidationError(
            {"first_index_year": "Ange första år med uppräkning, eller markera beloppet som fast."}
        )
    if (
        index_series is not None
        and index_series.pk != getattr(instance, "index_series_id", None)
        and not (allowed_series.filter(pk=index_series.pk).exists())
    ):
        raise ValidationError({"index_series": "Indexserien är en annan organisations egen serie."})
    _check_compensation(compensation)
    compensation.full_clean()
    save_versioned(compensation, expected_version)
    return compensation


@transaction.atomic
def decided_amount_save(
    *,
    user: User,
    compensation: Compensation,
    year: int,
    amount: int,
    decided_on: dt.date | None = None,
    note: str = "",
    scope: str = DecidedScope.NEW_LEVEL,
    expected_version: int,
) -> DecidedAmount:
    """Set the decided amount of a year; ``expected_version`` of the one the editor read, 0
    when there was none (then one saved meanwhile, or inserted at the same moment and refused
    by the unique constraint of compensation and year, is a ``ConcurrentEditError``)."""
    agreement = compensation.agreement
    require(can_edit_economy(user, agreement))
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    decided = DecidedAmount.objects.filter(compensation=compensation, year=year).first()
    if decided is None:
        if expected_version != 0:
            raise ConcurrentEditError  # somebody removed it meanwhile
        decided = DecidedAmount(compensation=compensation, year=year)
    elif expected_version == 0:
        raise ConcurrentEditError  # somebody else recorded one meanwhile
    decided.amount = amount
    decided.scope = scope
    decided.decided_on = decided_on
    decided.note = note
    decided.full_clean()
    save_versioned(decided, expected_version)
    return decided
