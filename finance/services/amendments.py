"""Amendments with their money: the register's amendment and its amount changes
(``AmountChange``) written in one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from common.versioning import save_versioned
from partnerships import amendment_services
from partnerships.audit import log_event
from partnerships.models import Agreement, Amendment, Party, User

from ..amendments import ONE_OFF
from ..models import AmountChange, Compensation, Payment


@dataclass(frozen=True)
class AmountChangeInput:
    """What the form gives for one compensation: no change when ``kind`` is ""."""

    kind: str = ""
    effective_from: dt.date | None = None
    amount: int | None = None
    purpose: str = ""


def _prefix(compensation: Compensation) -> str:
    return f"c{compensation.pk}"


def _validate_change(
    agreement: Agreement, compensation: Compensation, change: AmountChangeInput
) -> None:
    prefix = _prefix(compensation)
    errors: dict[str, str] = {}
    if compensation.agreement_id != agreement.pk:
        raise ValidationError("Ersättningen hör inte till överenskommelsen.")
    if change.effective_from is None:
        errors[f"{prefix}-effective_from"] = "Ange från vilket datum beloppet gäller."
    elif not agreement.period_start <= change.effective_from <= agreement.period_end:
        errors[f"{prefix}-effective_from"] = (
            f"Datumet ska ligga inom perioden {agreement.period_start:%Y-%m-%d}–"
            f"{agreement.period_end:%Y-%m-%d} (som den lyder efter ändringen)."
        )
    if change.amount is None:
        errors[f"{prefix}-amount"] = "Ange beloppet i hela kronor."
    elif change.kind == ONE_OFF and change.amount <= 0:
        errors[f"{prefix}-amount"] = "Ett engångsbelopp ska vara större än 0 kr."
    if change.kind == ONE_OFF and not change.purpose.strip():
        errors[f"{prefix}-purpose"] = "Ange ändamålet med engångsbeloppet."
    if errors:
        raise ValidationError(errors)


def _save_changes(
    amendment: Amendment,
    changes: Mapping[Compensation, AmountChangeInput],
) -> None:
    agreement = Agreement.objects.get(pk=amendment.agreement_id)  # the period as amended
    existing = {c.compensation_id: c for c in amendment.amount_changes.all()}
    for compensation, change in changes.items():
        current = existing.get(compensation.pk)
        if not change.kind:
            if current is not None:
                _refuse_if_paid(current)
                current.delete()
            continue
        _validate_change(agreement, compensation, change)
        row = current or AmountChange(amendment=amendment, compensation=compensation)
        if current is not None and (
            current.kind,
            current.effective_from,
            current.amount,
        ) != (change.kind, change.effective_from, change.amount):
            _refuse_if_paid(current)
        row.kind = change.kind
        row.effective_from = change.effective_from
        row.amount = change.amount
        row.purpose = change.purpose.strip()
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {f"{_prefix(compensation)}-{k}": v for k, v in error.message_dict.items()}
                if hasattr(error, "error_dict")
                else error.messages
            ) from error
        save_versioned(row, row.version)


def _paid_years(change: AmountChange) -> list[int]:
    year = change.effective_from.year
    payments = Payment.objects.filter(compensation_id=change.compensation_id)
    payments = payments.filter(year=year) if change.one_off else payments.filter(year__gte=year)
    return sorted(set(payments.values_list("year", flat=True)))


def _refuse_if_paid(change: AmountChange) -> None:
    years = _paid_years(change)
    if years:
        raise ValidationError(
            f"Beloppsändringen ({change.text}) kan inte ändras eller tas bort: utbetalningar "
            f"är registrerade för {', '.join(str(y) for y in years)}."
        )


def _changes_anything(fields: Mapping, goals, responsibilities, changes) -> bool:
    return bool(
        fields.get("new_period_end")
        or fields.get("party")
        or any(text.strip() for text in goals)
        or any(text.strip() for _, text in responsibilities)
        or any(change.kind for change in changes.values())
    )


NOTHING_CHANGED = (
    "Ange vad ändringen ändrar: ett belopp, en förlängning, en part som tillkommer eller "
    "lämnar, eller mål eller ansvarsområden som läggs till."
)


@transaction.atomic
def amendment_record(
    *,
    agreement: Agreement,
    user: User | None,
    changes: Mapping[Compensation, AmountChangeInput],
    goals: Sequence[str] = (),
    responsibilities: Sequence[tuple[Party, str]] = (),
    **fields,
) -> Amendment:
    """Record an amendment and its amount changes (a new level from a date, or a one-off
    sum for a purpose) in one transaction."""
    if not _changes_anything(fields, goals, responsibilities, changes):
        raise ValidationError(NOTHING_CHANGED)
    amendment = amendment_services.amendment_create(
        agreement=agreement, user=user, goals=goals, responsibilities=responsibilities, **fields
    )
    _save_changes(amendment, changes)
    _log_changes(amendment, user)
    return amendment


@transaction.atomic
def amendment_change(
    *,
    amendment: Amendment,
    user: User | None,
    expected_version: int,
    changes: Mapping[Compensation, AmountChangeInput],
    goals: Sequence[str] = (),
    responsibilities: Sequence[tuple[Party, str]] = (),
    **fields,
) -> Amendment:
    has_added = amendment.goals.exists() or amendment.responsibilities.exists()
    if not has_added and not _changes_anything(fields, goals, responsibilities, changes):
        raise ValidationError(NOTHING_CHANGED)
    amendment = amendment_services.amendment_update(
        amendment=amendment,
        user=user,
        expected_version=expected_version,
        goals=goals,
        responsibilities=responsibilities,
        **fields,
    )
    _save_changes(amendment, changes)
    _log_changes(amendment, user)
    return amendment


def _log_changes(amendment: Amendment, user: User | None) -> None:
    for change in amendment.amount_changes.select_related("compensation__party__organisation"):
        log_event(
            agreement=amendment.agreement,
            user=user,
            action="finance.amount_changed",
            text=f"{amendment.label}: {change.text} till {change.compensation.party.display_name}",
            target=change,
            organisation=change.compensation.party.organisation,
        )


def amendment_deletion_stop(amendment: Amendment) -> str:
    """Why the amendment cannot be deleted, or "": goals or responsibilities it added, or
    payments registered for a year its amount changes rule."""
    reason = amendment_services.amendment_deletion_stop(amendment)
    if reason:
        return reason
    for change in amendment.amount_changes.all():
        years = _paid_years(change)
        if years:
            return (
                f"Ändringen styr belopp som redan har betalats ut ({', '.join(map(str, years))})."
            )
    return ""


@transaction.atomic
def amendment_remove(*, amendment: Amendment, user: User | None) -> None:
    """Delete an amendment nothing depends on, with its amount changes."""
    reason = amendment_deletion_stop(amendment)
    if reason:
        raise ValidationError(reason)
    for change in amendment.amount_changes.all():
        change.delete()
    amendment_services.amendment_delete(amendment=amendment, user=user)
