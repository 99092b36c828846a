"""Writes of the finance app: atomic, keyword-only, every row ``full_clean``-ed.

Nothing is half-saved. Rows that two people may edit at once are saved only when the
version they read is still the current one (``ConcurrentEditError`` otherwise).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from common.errors import ConcurrentEditError
from common.permissions import require
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
    EconomicReport,
    EconomicReportLine,
    EconomicReportStatus,
    IndexSeries,
    IndexSettlement,
    IndexValue,
    OtherFunding,
    PartyBudget,
    Payment,
    RepaymentClaim,
    SettlementAction,
)
from .permissions import can_edit_series, can_reopen_economic_report, can_write_economic_report
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
    index_series: IndexSeries,
    first_index_year: int,
    index_rule: str,
    payment_month: int,
    continues_from: Compensation | None = None,
    instance: Compensation | None = None,
    expected_version: int | None = None,
) -> Compensation:
    compensation = instance or Compensation(agreement=agreement)
    compensation.agreement = agreement
    compensation.party = party
    compensation.base_amount = base_amount
    compensation.base_year = base_year
    compensation.index_series = index_series
    compensation.first_index_year = first_index_year
    compensation.index_rule = index_rule
    compensation.payment_month = payment_month
    compensation.continues_from = continues_from
    allowed_series = index_series_for_agreement(agreement)
    if index_series.pk != getattr(instance, "index_series_id", None) and not (
        allowed_series.filter(pk=index_series.pk).exists()
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
    economic_report: EconomicReport | None = None,
) -> RepaymentClaim:
    """Create or update a claim. ``economic_report`` (only when creating) links the claim to
    the report whose unspent remainder it starts from; the party must be the report's."""
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


# --- the partner's yearly economic report -------------------------------------------------

LOCKED_MESSAGE = "Redovisningen är inlämnad och låst. Handläggaren kan öppna den igen."


def _report_for_update(
    agreement: Agreement, party: Party, year: int, expected_version: int | None
) -> EconomicReport:
    """The party's report for ``year``, locked, or a new one; version 0 means "read before
    anything was saved", so a report saved meanwhile is a concurrent edit."""
    report = EconomicReport.objects.select_for_update().filter(party=party, year=year).first()
    if report is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError
        return EconomicReport(agreement=agreement, party=party, year=year)
    if expected_version == 0:
        raise ConcurrentEditError
    if report.is_submitted:
        raise ValidationError(LOCKED_MESSAGE)
    return report


def _collect(errors: dict[str, list[str]], prefix: str, row: Model) -> None:
    """``row.full_clean()`` with its messages under the form's field names (``prefix`` +)."""
    try:
        row.full_clean(exclude=["report"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(f"{prefix}{field}", []).extend(messages)


def _report_lines(
    actuals: dict[str, tuple[int | None, str]], errors: dict[str, list[str]]
) -> list[EconomicReportLine]:
    lines = []
    for category, (actual, line_comment) in actuals.items():
        if category not in BudgetCategory.values:
            continue
        if actual is None:
            if line_comment:
                errors.setdefault(f"{category}_actual", []).append(
                    "Ange utfallet för raden du kommenterar."
                )
            continue
        line = EconomicReportLine(category=category, actual=actual, comment=line_comment)
        _collect(errors, f"{category}_", line)
        lines.append(line)
    return lines


def _report_funding(
    other_funding: list[tuple[str, int]], errors: dict[str, list[str]]
) -> list[OtherFunding]:
    funding = []
    for index, (funder, amount) in enumerate(other_funding):
        row = OtherFunding(funder=funder, amount=amount)
        _collect(errors, f"funder_{index}_", row)
        funding.append(row)
    return funding


@transaction.atomic
def economic_report_save(
    *,
    user: User,
    agreement: Agreement,
    party: Party,
    year: int,
    actuals: dict[str, tuple[int | None, str]],
    own_financing: int,
    other_funding: list[tuple[str, int]],
    comment: str = "",
    submit: bool = False,
    expected_version: int | None = None,
) -> EconomicReport:
    """Save the party's report for ``year`` (``actuals``: category -> (actual, comment);
    ``other_funding``: (funder, amount)). Only the party's own organisation writes it;
    submitting checks that every budget line has an actual and every deviation a comment,
    then locks the report."""
    require(can_write_economic_report(user, party))
    if party.agreement_id != agreement.pk:
        raise ValidationError("Välj en idéburen part i överenskommelsen.")
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise ValidationError({"year": "Året ligger utanför överenskommelsens period."})
    report = _report_for_update(agreement, party, year, expected_version)
    report.own_financing = own_financing
    report.comment = comment
    report.status = EconomicReportStatus.SUBMITTED if submit else EconomicReportStatus.DRAFT
    report.submitted_at = timezone.now() if submit else None
    report.submitted_by = user if submit else None
    errors: dict[str, list[str]] = {}
    try:
        report.full_clean(exclude=["agreement", "party"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    lines = _report_lines(actuals, errors)
    funding = _report_funding(other_funding, errors)
    if submit and not errors:
        errors.update(_submission_errors(party, year, actuals))
    if errors:
        raise ValidationError(errors)
    _save_versioned(report, expected_version or None)
    report.lines.all().delete()
    report.other_funding.all().delete()
    for row in [*lines, *funding]:
        row.report = report
        row.save()
    return report


def _submission_errors(
    party: Party, year: int, actuals: dict[str, tuple[int | None, str]]
) -> dict[str, list[str]]:
    """Every budget line needs an actual, every deviation from it a comment."""
    from .economic_result import deviation

    errors: dict[str, list[str]] = {}
    budget = PartyBudget.objects.filter(party=party, year=year).prefetch_related("lines").first()
    budget_lines = list(budget.lines.all()) if budget else []
    budgeted = {line.category for line in budget_lines}
    for category, (actual, line_comment) in actuals.items():
        if category not in budgeted and actual and not line_comment.strip():
            errors[f"{category}_comment"] = [
                "Kostnaden finns inte i budgeten: förklara den innan du lämnar in."
            ]
    for line in budget_lines:
        actual, line_comment = actuals.get(line.category, (None, ""))
        if actual is None:
            errors[f"{line.category}_actual"] = [
                f"Ange utfallet för {line.display_label.lower()} innan du lämnar in."
            ]
        elif deviation(line.amount, actual) and not line_comment.strip():
            errors[f"{line.category}_comment"] = [
                "Utfallet avviker från budgeten: förklara avvikelsen innan du lämnar in."
            ]
    return errors


@transaction.atomic
def economic_report_reopen(*, user: User, report: EconomicReport) -> EconomicReport:
    """The administrator unlocks a submitted report so the party can change it."""
    require(can_reopen_economic_report(user, report.agreement))
    report = EconomicReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_submitted:
        raise ValidationError("Redovisningen är inte inlämnad.")
    report.status = EconomicReportStatus.DRAFT
    report.submitted_at = None
    report.submitted_by = None
    _save_versioned(report, report.version)
    return report
