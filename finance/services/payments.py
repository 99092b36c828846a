"""Registering payments (a double submit is refused with the payment already saved)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from common.permissions import require
from partnerships.audit import log_event
from partnerships.models import User

from ..models import (
    Compensation,
    Payment,
)
from ..permissions import can_edit_economy


class DuplicatePaymentError(Exception):
    """The same payment form was submitted twice; ``payment`` is the one already saved."""

    def __init__(self, payment: Payment):
        super().__init__("duplicate submit")
        self.payment = payment


# --- payments -----------------------------------------------------------------------------


@transaction.atomic
def payment_register(
    *,
    user: User,
    compensation: Compensation,
    year: int,
    paid_on: dt.date,
    amount: int,
    reference: str,
    form_token: str | None = None,
) -> Payment:
    """Register a payment. A resubmitted form raises DuplicatePaymentError (with the payment
    already saved); a reference already used on the agreement is a ValidationError."""
    agreement = compensation.agreement
    require(can_edit_economy(user, agreement))
    if form_token:
        earlier = Payment.objects.filter(form_token=form_token).first()
        if earlier is not None:
            raise DuplicatePaymentError(earlier)
    reference = reference.strip()
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    clash = Payment.objects.filter(agreement=agreement, reference__iexact=reference).first()
    if clash is not None:
        raise ValidationError(
            {
                "reference": (
                    f"Referensen ”{reference}” är redan registrerad för en utbetalning "
                    f"{clash.paid_on:%Y-%m-%d} på {clash.amount} kr. "
                    "Betalningen registrerades inte en gång till."
                )
            }
        )
    payment = Payment(
        agreement=agreement,
        compensation=compensation,
        year=year,
        paid_on=paid_on,
        amount=amount,
        reference=reference,
        form_token=form_token or None,
        recorded_by=user,
    )
    payment.full_clean()
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError as exc:  # a concurrent double submit won the race
        earlier = Payment.objects.filter(form_token=form_token).first() if form_token else None
        if earlier is not None:
            raise DuplicatePaymentError(earlier) from exc
        raise ValidationError(
            {"reference": f"Referensen ”{reference}” är redan registrerad."}
        ) from exc
    log_event(
        agreement=agreement,
        user=user,
        action="finance.paid",
        text=f"registrerade utbetalning {reference} på {amount} kr för {year} "
        f"till {compensation.party.organisation.name}",
        target=payment,
        organisation=compensation.party.organisation,
    )
    return payment
