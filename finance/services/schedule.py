"""Writes of a compensation's instalments on given dates (the only stored instalments; a
regular schedule is computed from the ledger, ``finance.schedule``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from partnerships.audit import log_event
from partnerships.formatting import format_sek
from partnerships.models import User

from ..models import Compensation, GivenInstalment, PaymentSchedule
from ..permissions import can_edit_economy


def given_instalments_version(compensation: Compensation, year: int) -> int:
    """The version of a year's given instalments as a whole: the sum of the rows' versions
    plus their count (0 while there are none), so that any change by somebody else moves it."""
    rows = GivenInstalment.objects.filter(compensation=compensation, year=year)
    return sum(row.version for row in rows) + rows.count()


@transaction.atomic
def given_instalments_save(
    *,
    compensation: Compensation,
    year: int,
    rows: list[tuple[dt.date, int]],
    expected_version: int,
    user: User,
) -> list[GivenInstalment]:
    """Replace the given instalments of ``year`` with ``rows`` (due date, amount)."""
    agreement = compensation.agreement
    require(can_edit_economy(user, agreement))
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    if compensation.payment_schedule != PaymentSchedule.GIVEN_DATES:
        raise ValidationError(
            "Ersättningen betalas inte på angivna datum. Välj utbetalningsplanen ”På angivna "
            "datum med angivna belopp” på ersättningen först."
        )
    # Lock the compensation so that two saves of the same year follow each other.
    Compensation.objects.select_for_update().filter(pk=compensation.pk).first()
    if given_instalments_version(compensation, year) != expected_version:
        raise ConcurrentEditError
    dates = [due for due, _amount in rows]
    if len(set(dates)) != len(dates):
        raise ValidationError("Två delbetalningar har samma förfallodag.")
    for due, _amount in rows:
        if not agreement.period_start <= due <= agreement.period_end:
            raise ValidationError(
                f"Förfallodagen {due:%Y-%m-%d} ligger utanför överenskommelsens period."
            )
    GivenInstalment.objects.filter(compensation=compensation, year=year).delete()
    saved = []
    for due, amount in sorted(rows):
        row = GivenInstalment(compensation=compensation, year=year, due_on=due, amount=amount)
        row.full_clean()
        row.save()
        saved.append(row)
    log_event(
        agreement=agreement,
        user=user,
        action="finance.instalments_given",
        text=f"delbetalningar {year} till {compensation.party.organisation.name}: "
        f"{len(saved)} st, {format_sek(sum(r.amount for r in saved))}",
        target=compensation,
        organisation=compensation.party.organisation,
    )
    return saved
