"""Writes of the partner's yearly economic report: saved as a draft, submitted, reopened."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import save_versioned
from partnerships.models import Agreement, Party, User

from ..models import (
    BudgetCategory,
    EconomicReport,
    EconomicReportLine,
    EconomicReportStatus,
    OtherFunding,
    PartyBudget,
)
from ..permissions import can_reopen_economic_report, can_write_economic_report

# --- the partner's yearly economic report -------------------------------------------------

LOCKED_MESSAGE = "Redovisningen är inlämnad och låst. Handläggaren kan öppna den igen."


def _report_for_update(
    agreement: Agreement, party: Party, year: int, expected_version: int
) -> EconomicReport:
    """The party's report for ``year``, locked, or a new one; version 0 means "read before
    anything was saved", so a report saved meanwhile is a concurrent edit."""
    report = EconomicReport.objects.select_for_update().filter(party=party, year=year).first()
    if report is None:
        if expected_version != 0:
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
    expected_version: int,
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
    save_versioned(report, expected_version)
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
    from ..economic_result import deviation

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
    save_versioned(report, report.version)
    return report
