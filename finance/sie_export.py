"""Payments to the finance system: what is due for export, the accounting codes that apply,
and the export batch that marks it exported. The file itself is written by ``finance.sie``.

Scope: a public body exports the payments of compensations in its own agreements (where it
is the public party), and only its administrators may.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.http import Http404

from common.converters import one_or_404
from common.permissions import Decision, allow, deny
from common.versioning import save_versioned
from partnerships.models import Organisation, Party, Sector, User

from . import schedule as payment_plan
from . import sie
from .ledger import build_ledger, index_points, ledger_queryset
from .models import (
    AccountingCodes,
    AccountingDefaults,
    Compensation,
    CompensationCoding,
    Payment,
    SieExportBatch,
    SieExportLine,
)
from .rules import payment_due_date
from .selectors.shapes import schedules_of

PROGRAM = "IOP-registret"
PROGRAM_VERSION = "1.0"
DIMENSIONS = (("1", "Kostnadsställe"), ("6", "Projekt"))


def can_export_payments(user: User) -> Decision:
    if (
        user.is_authenticated
        and user.is_administrator
        and user.organisation is not None
        and user.organisation.sector == Sector.PUBLIC
    ):
        return allow()
    return deny("Bara handläggare på en offentlig organisation kan exportera utbetalningar.")


def own_compensations(organisation: Organisation) -> QuerySet[Compensation]:
    """Compensations of decided agreements where the body is the public party."""
    return Compensation.objects.filter(
        agreement__approved=True,
        agreement__in=Party.objects.filter(organisation=organisation, role=Sector.PUBLIC).values(
            "agreement_id"
        ),
    )


def compensation_for_coding(user: User, pk: object) -> Compensation:
    """The compensation if it is in the user's own body's agreements, else 404."""
    if user.organisation is None:
        raise Http404("Ingen sådan ersättning.")
    compensations = own_compensations(user.organisation).select_related(
        "agreement", "party__organisation"
    )
    return one_or_404(compensations, pk, "Ingen sådan ersättning.")


def batch_for_user(user: User, pk: object) -> SieExportBatch:
    if user.organisation_id is None:
        raise Http404("Ingen sådan export.")
    batches = SieExportBatch.objects.filter(organisation_id=user.organisation_id)
    return one_or_404(batches, pk, "Ingen sådan export.")


# --- accounting codes -------------------------------------------------------------------


def effective_codes(defaults: AccountingDefaults | None, coding: CompensationCoding | None):
    """The codes that apply: the compensation's own, else the body's (pure)."""
    return {
        name: (getattr(coding, name, "") if coding else "")
        or (getattr(defaults, name, "") if defaults else "")
        for name in AccountingCodes.CODE_FIELDS
    }


@transaction.atomic
def accounting_defaults_save(
    *, user: User, defaults: AccountingDefaults, expected_version: int
) -> AccountingDefaults:
    if defaults.organisation_id != user.organisation_id:
        raise ValidationError("Du kan bara ändra din egen organisations kontering.")
    errors = {}
    if not defaults.account:
        errors["account"] = "Ange kostnadskontot."
    if not defaults.counter_account:
        errors["counter_account"] = "Ange motkontot."
    if errors:
        raise ValidationError(errors)
    defaults.full_clean()
    save_versioned(defaults, expected_version)
    return defaults


@transaction.atomic
def compensation_coding_save(
    *, user: User, coding: CompensationCoding, expected_version: int
) -> CompensationCoding:
    compensation_for_coding(user, coding.compensation_id)  # in the user's own body
    coding.full_clean()
    save_versioned(coding, expected_version)
    return coding


# --- what is due for export -------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    compensation: Compensation
    year: int
    amount: int
    voucher_date: dt.date
    payment: Payment | None  # None: a planned payment
    instalment: payment_plan.PlannedInstalment | None = None  # one of a year's instalments

    @property
    def planned(self) -> bool:
        return self.payment is None


def due_items(
    organisation: Organisation,
    *,
    include_paid: bool,
    include_planned: bool,
    planned_until: dt.date,
    today: dt.date,
) -> list[DueItem]:
    """Made payments not yet exported, and planned payments (what is still outstanding for
    a year, due by ``planned_until``) not yet exported as planned. Fixed number of queries."""
    compensations = list(
        ledger_queryset(own_compensations(organisation), chain=False).order_by(
            "agreement__title", "party__organisation__name", "pk"
        )
    )
    exported_payments = set(
        SieExportLine.objects.filter(
            compensation__in=[c.pk for c in compensations], payment__isnull=False
        ).values_list("payment_id", flat=True)
    )
    planned_done: dict[tuple[int, int], dict[dt.date, int]] = defaultdict(dict)
    for compensation_id, year, voucher_date, amount in SieExportLine.objects.filter(
        compensation__in=[c.pk for c in compensations], payment__isnull=True
    ).values_list("compensation_id", "year", "voucher_date", "amount"):
        planned_done[(compensation_id, year)][voucher_date] = amount
    points = index_points() if include_planned else {}
    ledgers = [build_ledger(c, points, today) for c in compensations] if include_planned else []
    by_instalment = [
        ledger for ledger in ledgers if ledger.compensation.payment_schedule != payment_plan.YEARLY
    ]
    schedules = {s.compensation.pk: s for s in schedules_of(by_instalment, today)}
    items: list[DueItem] = []
    for number, compensation in enumerate(compensations):
        if include_paid:
            for payment in sorted(compensation.payments.all(), key=lambda p: (p.paid_on, p.pk)):
                if payment.pk not in exported_payments:
                    items.append(
                        DueItem(
                            compensation, payment.year, payment.amount, payment.paid_on, payment
                        )
                    )
        if not include_planned:
            continue
        if compensation.pk in schedules:
            items += _planned_instalments(
                compensation, schedules[compensation.pk], planned_until, planned_done
            )
            continue
        for row in ledgers[number].rows:
            due = payment_due_date(row.year, compensation.payment_month)
            exported = planned_done.get((compensation.pk, row.year), {})
            amount = payment_plan.unplanned_year(row.outstanding or 0, exported, due)
            if amount and due <= planned_until:
                items.append(DueItem(compensation, row.year, amount, due, None))
    return items


def _planned_instalments(
    compensation: Compensation,
    schedule,
    planned_until: dt.date,
    planned_done: dict[tuple[int, int], dict[dt.date, int]],
) -> list[DueItem]:
    """One planned item per instalment (half-yearly, quarterly, monthly, given dates): due
    by ``planned_until``, dated its due date, not exported before as planned."""
    return [
        DueItem(compensation, year.year, planned.amount, planned.due_on, None, planned)
        for year in schedule.years
        for planned in payment_plan.planned_instalments(
            year, until=planned_until, exported=planned_done.get((compensation.pk, year.year))
        )
    ]


def _voucher(item: DueItem, codes: dict[str, str], series: str) -> sie.Voucher:
    compensation = item.compensation
    party = compensation.party.organisation.name
    what = "Planerad utbetalning" if item.planned else "Utbetalning"
    which = ""
    if item.instalment is not None:
        which = f", delbetalning {item.instalment.number} av {item.instalment.count}"
    text = f"{what} IOP {item.year}{which}: {party}, {compensation.agreement.title}"
    if item.payment is not None and item.payment.reference:
        text += f" ({item.payment.reference})"
    objects = tuple(
        (dim, codes[name]) for dim, name in (("1", "cost_centre"), ("6", "project")) if codes[name]
    )
    ore = item.amount * 100
    return sie.Voucher(
        date=item.voucher_date,
        text=text[:200],
        series=series,
        transactions=(
            sie.Trans(codes["account"], ore, objects, party),
            sie.Trans(codes["counter_account"], -ore, (), party),
        ),
    )


@transaction.atomic
def sie_export_create(
    *,
    user: User,
    include_paid: bool,
    include_planned: bool,
    planned_until: dt.date,
    today: dt.date,
) -> SieExportBatch:
    """Write the SIE file of everything due and mark it exported, in one transaction."""
    organisation = user.organisation
    defaults = AccountingDefaults.objects.filter(organisation=organisation).first()
    if defaults is None or not (defaults.account and defaults.counter_account):
        raise ValidationError(
            "Ange konto och motkonto för organisationen under Kontering innan du exporterar."
        )
    items = due_items(
        organisation,
        include_paid=include_paid,
        include_planned=include_planned,
        planned_until=planned_until,
        today=today,
    )
    if not items:
        raise ValidationError(
            "Det finns inga utbetalningar att exportera som inte redan är exporterade."
        )
    codings = {
        c.compensation_id: c
        for c in CompensationCoding.objects.filter(
            compensation__in={i.compensation.pk for i in items}
        )
    }
    vouchers = [
        _voucher(
            i, effective_codes(defaults, codings.get(i.compensation.pk)), defaults.voucher_series
        )
        for i in items
    ]
    header = sie.Header(
        program=PROGRAM,
        program_version=PROGRAM_VERSION,
        generated=today,
        generated_by=user.get_username(),
        company_name=organisation.name,
        organisation_number=organisation.organisation_number or "",
        dimensions=DIMENSIONS,
    )
    last = SieExportBatch.objects.filter(organisation=organisation).aggregate(n=Max("number"))
    batch = SieExportBatch(
        organisation=organisation,
        number=(last["n"] or 0) + 1,
        created_by=user,
        content=sie.write_sie(header, vouchers),
        voucher_count=len(vouchers),
        total=sum(i.amount for i in items),
    )
    try:
        with transaction.atomic():
            batch.save()
            SieExportLine.objects.bulk_create(
                SieExportLine(
                    batch=batch,
                    compensation=i.compensation,
                    year=i.year,
                    payment=i.payment,
                    amount=i.amount,
                    voucher_date=i.voucher_date,
                )
                for i in items
            )
    except IntegrityError as exc:
        raise ValidationError(
            "Någon annan exporterade samtidigt. Inget exporterades två gånger; försök igen."
        ) from exc
    return batch
