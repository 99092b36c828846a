"""Writes of the finance app: atomic, keyword-only, every row ``full_clean``-ed.

Nothing is half-saved. Rows that two people may edit at once are saved only when the
version they read is still the current one (``ConcurrentEditError`` otherwise).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from common.errors import ConcurrentEditError
from common.versioning import save_versioned as _save_versioned
from partnerships.audit import log_event
from partnerships.models import Agreement, Party, Sector, User

from .index_import import ParsedRow
from .ledger import build_ledger, index_points
from .models import (
    BudgetCategory,
    BudgetLine,
    ClaimStatus,
    Compensation,
    DecidedAmount,
    DecidedScope,
    IndexSeries,
    IndexSettlement,
    IndexValue,
    PartyBudget,
    Payment,
    Proration,
    RepaymentClaim,
    SettlementAction,
)
from .permissions import can_edit_series
from .selectors import index_series_for_agreement


class DuplicatePaymentError(Exception):
    """The same payment form was submitted twice; ``payment`` is the one already saved."""

    def __init__(self, payment: Payment):
        super().__init__("duplicate submit")
        self.payment = payment


# --- index values -------------------------------------------------------------------------


def _require_series_editor(user: User, series: IndexSeries) -> None:
    decision = can_edit_series(user, series)
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def index_series_create(*, user: User, name: str, description: str = "") -> IndexSeries:
    """An operator creates a shared series; a public body's administrator the body's own."""
    owner = None if user.is_operator else user.organisation
    if owner is None and not user.is_operator:
        raise PermissionDenied("Endast handläggare kan skapa indexserier.")
    series = IndexSeries(name=name, description=description, owner=owner)
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def index_value_save(
    *,
    user: User,
    series: IndexSeries,
    year: int,
    preliminary_percent: Decimal | None,
    preliminary_published: dt.date | None,
    definitive_percent: Decimal | None,
    definitive_published: dt.date | None,
    source: str,
    instance: IndexValue | None = None,
    expected_version: int | None = None,
) -> IndexValue:
    _require_series_editor(user, series)
    if instance is not None:
        _require_series_editor(user, instance.series)
    clash = IndexValue.objects.filter(series=series, year=year)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError(
            {"year": f"{series} för {year} finns redan. Ändra det befintliga värdet i stället."}
        )
    value = instance or IndexValue()
    value.series = series
    value.year = year
    value.preliminary_percent = preliminary_percent
    value.preliminary_published = preliminary_published
    value.definitive_percent = definitive_percent
    value.definitive_published = definitive_published
    value.source = source
    value.full_clean()
    _save_versioned(value, expected_version)
    return value


@transaction.atomic
def index_values_import(
    *, user: User, series: IndexSeries, rows: list[ParsedRow]
) -> tuple[int, int]:
    """Create or correct the values of ``series``; all rows or none. Returns (new, updated)."""
    _require_series_editor(user, series)
    existing = {v.year: v for v in IndexValue.objects.select_for_update().filter(series=series)}
    created = updated = 0
    for row in rows:
        value = existing.get(row.year) or IndexValue(series=series, year=row.year)
        is_new = value.pk is None
        value.preliminary_percent = row.preliminary_percent
        value.preliminary_published = row.preliminary_published
        value.definitive_percent = row.definitive_percent
        value.definitive_published = row.definitive_published
        value.source = row.source
        try:
            value.full_clean()
        except ValidationError as exc:
            raise ValidationError(f"Rad {row.line}: {'; '.join(exc.messages)}") from exc
        if not is_new:
            value.version += 1
        value.save()
        created += is_new
        updated += not is_new
    return created, updated


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
    continues_from: Compensation | None = None,
    instance: Compensation | None = None,
    expected_version: int | None = None,
) -> Compensation:
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
    _save_versioned(compensation, expected_version)
    return compensation


@transaction.atomic
def decided_amount_save(
    *,
    compensation: Compensation,
    year: int,
    amount: int,
    decided_on: dt.date | None = None,
    note: str = "",
    scope: str = DecidedScope.NEW_LEVEL,
    expected_version: int | None = None,
) -> DecidedAmount:
    agreement = compensation.agreement
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    decided = DecidedAmount.objects.filter(compensation=compensation, year=year).first()
    if decided is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError  # somebody removed it meanwhile
        decided = DecidedAmount(compensation=compensation, year=year)
    elif expected_version == 0:
        raise ConcurrentEditError  # somebody else recorded one meanwhile
    decided.amount = amount
    decided.scope = scope
    decided.decided_on = decided_on
    decided.note = note
    decided.full_clean()
    _save_versioned(decided, expected_version or None)
    return decided


# --- index settlement ---------------------------------------------------------------------


@transaction.atomic
def settlement_record(
    *,
    user: User | None,
    compensation: Compensation,
    year: int,
    action: str,
    decided_on: dt.date,
    note: str = "",
    points: dict | None = None,
) -> IndexSettlement:
    """Record how the definitive-minus-preliminary difference of a year is handled, once.

    The difference is computed here, never taken from the form."""
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


# --- payments -----------------------------------------------------------------------------


@transaction.atomic
def payment_register(
    *,
    user: User | None,
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


# --- repayment claims ---------------------------------------------------------------------


@transaction.atomic
def claim_save(
    *,
    agreement: Agreement,
    party: Party,
    amount: int,
    reason: str,
    decided_on: dt.date | None,
    status: str,
    instance: RepaymentClaim | None = None,
    expected_version: int | None = None,
    user: User | None = None,
) -> RepaymentClaim:
    if party.agreement_id != agreement.pk or party.role != Sector.IDEA_BASED:
        raise ValidationError({"party": "Välj en idéburen part i överenskommelsen."})
    claim = instance or RepaymentClaim(agreement=agreement)
    previous_status = (
        RepaymentClaim.objects.filter(pk=claim.pk).values_list("status", flat=True).first()
    )
    claim.party = party
    claim.amount = amount
    claim.reason = reason
    claim.decided_on = decided_on
    claim.status = status
    claim.full_clean()
    _save_versioned(claim, expected_version)
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


# --- budgets ------------------------------------------------------------------------------


@transaction.atomic
def budget_save(
    *,
    agreement: Agreement,
    party: Party,
    year: int,
    own_contribution: int,
    municipal_financing: int | None,
    lines: dict[str, tuple[str, int | None]],
    note: str = "",
    expected_version: int | None = None,
) -> PartyBudget:
    """Save a party's budget for a year; ``lines`` maps category -> (label, amount or None)."""
    if party.agreement_id != agreement.pk or party.role != Sector.IDEA_BASED:
        raise ValidationError("Välj en idéburen part i överenskommelsen.")
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    budget = PartyBudget.objects.filter(party=party, year=year).first()
    if budget is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError
        budget = PartyBudget(agreement=agreement, party=party, year=year)
    elif expected_version == 0:
        raise ConcurrentEditError
    budget.own_contribution = own_contribution
    budget.municipal_financing = municipal_financing
    budget.note = note
    budget.full_clean()
    _save_versioned(budget, expected_version or None)
    existing = {line.category: line for line in budget.lines.all()}
    for category in BudgetCategory.values:
        label, amount = lines.get(category, ("", None))
        line = existing.get(category)
        if amount is None:
            if line is not None:
                line.delete()
            continue
        line = line or BudgetLine(budget=budget, category=category)
        line.label = label
        line.amount = amount
        line.full_clean()
        line.save()
    return budget
