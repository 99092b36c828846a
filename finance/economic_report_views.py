"""The partner's yearly economic report: the party files it, the administration reads the
result (budget against actual, money received against money used) and can start a
repayment claim from the unspent remainder. Kept apart from ``views`` (already large)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from attachments.forms import UploadForm
from attachments.permissions import upload_organisations
from attachments.selectors import attachments_of_target
from common.forms import submit_or_page
from common.permissions import require
from partnerships.formatting import format_sek
from partnerships.models import Agreement, Party
from partnerships.selectors import agreement_for_user

from . import permissions, selectors, services
from .forms import ClaimForm, EconomicReportForm
from .models import ClaimStatus, EconomicReport, PartyBudget


def report_url(report_or_party, year: int | None = None) -> str:
    if isinstance(report_or_party, EconomicReport):
        party, year = report_or_party.party, report_or_party.year
    else:
        party = report_or_party
    return reverse("finance:economic_report", args=[party.agreement_id, party.pk, year])


def _load(request: HttpRequest, pk: int, party_pk: int, year: int) -> tuple[Agreement, Party]:
    agreement = agreement_for_user(request.user, pk)
    party = selectors.idea_based_party_for_user(request.user, agreement, party_pk)
    if not agreement.period_start.year <= year <= agreement.period_end.year:
        raise Http404("Året ligger utanför överenskommelsens period.")
    return agreement, party


def _form(request: HttpRequest, party: Party, year: int, report: EconomicReport | None):
    budget = PartyBudget.objects.filter(party=party, year=year).prefetch_related("lines").first()
    labels = {line.category: line.display_label for line in budget.lines.all()} if budget else {}
    initial: dict = {"version": report.version if report else 0}
    funders = list(report.other_funding.all()) if report else []
    if report:
        initial |= {"own_financing": report.own_financing, "comment": report.comment}
        for line in report.lines.all():
            initial |= {
                f"{line.category}_actual": line.actual,
                f"{line.category}_comment": line.comment,
            }
        for index, row in enumerate(funders):
            initial |= {f"funder_{index}_funder": row.funder, f"funder_{index}_amount": row.amount}
    data = request.POST if request.method == "POST" else None
    return EconomicReportForm(
        data, initial=initial, budget_labels=labels, funder_rows=max(3, len(funders) + 1)
    )


@login_required
@require_http_methods(["GET", "POST"])
def economic_report(request: HttpRequest, pk: int, party_pk: int, year: int) -> HttpResponse:
    agreement, party = _load(request, pk, party_pk, year)
    report = selectors.economic_report_of(request.user, party, year)
    writable = permissions.can_write_economic_report(request.user, party).allowed
    if request.method == "POST":
        require(permissions.can_write_economic_report(request.user, party))
    form = _form(request, party, year, report) if writable else None
    hand_in = request.POST.get("action") == "submit"
    return submit_or_page(
        request,
        form,
        lambda: services.economic_report_save(
            user=request.user,
            agreement=agreement,
            party=party,
            year=year,
            actuals=form.actuals(),
            own_financing=form.cleaned_data["own_financing"],
            other_funding=form.other_funding(),
            comment=form.cleaned_data["comment"],
            submit=hand_in,
            expected_version=form.expected_version,
        ),
        done="Redovisningen är inlämnad." if hand_in else "Utkastet är sparat.",
        to=report_url(party, year),
        page=lambda status: render(
            request,
            "finance/economic_report.html",
            _page_context(request, agreement, party, year, report, form),
            status=status,
        ),
    )


def _page_context(request, agreement, party, year, report, form) -> dict:
    attachments, upload_form = [], None
    if report is not None:
        attachments = attachments_of_target(request.user, report)
        organisations = [
            o
            for o in upload_organisations(request.user, agreement)
            if o.pk == party.organisation_id
        ]
        if organisations:
            upload_form = UploadForm(
                organisations=organisations,
                initial={
                    "year": year,
                    "kind": "annual_accounts",
                    "target_type": "finance.economicreport",
                    "target_id": report.pk,
                },
            )
    return {
        "agreement": agreement,
        "party": party,
        "year": year,
        "report": report,
        # A submitted report is locked: its form only comes back to show why a save failed.
        "form": form
        if form is not None and (form.errors or not report or not report.is_submitted)
        else None,
        "result": selectors.economic_result_of(party, year, report),
        "can_manage": permissions.can_edit_economy(request.user, agreement),
        "attachments": attachments,
        "upload_form": upload_form,
    }


@login_required
@require_POST
def economic_report_reopen(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = selectors.economic_report_for_user(request.user, report_pk)
    require(permissions.can_reopen_economic_report(request.user, report.agreement))
    services.economic_report_reopen(user=request.user, report=report)
    messages.success(
        request, "Redovisningen är öppnad igen; parten kan ändra och lämna in den på nytt."
    )
    return redirect(report_url(report))


@login_required
@require_http_methods(["GET", "POST"])
def economic_report_claim(request: HttpRequest, report_pk: int) -> HttpResponse:
    """Start a repayment claim from the report's unspent remainder (a draft, editable)."""
    report = selectors.economic_report_for_user(request.user, report_pk)
    agreement = agreement_for_user(request.user, report.agreement_id)
    require(permissions.can_reopen_economic_report(request.user, agreement))
    result = selectors.economic_result_of(report.party, report.year, report)
    initial = {
        "party": report.party,
        "amount": result.remainder or None,
        "status": ClaimStatus.DRAFT,
        "reason": claim_reason(report, result),
        "version": 0,
    }
    form = ClaimForm(request.POST or None, agreement=agreement, initial=initial)
    fields = ("party", "amount", "reason", "decided_on", "status")
    return submit_or_page(
        request,
        form,
        lambda: services.claim_save(
            user=request.user,
            agreement=agreement,
            economic_report=report,
            expected_version=form.expected_version,
            **{field: form.cleaned_data[field] for field in fields},
        ),
        done="Återbetalningskravet är skapat. Det beslutas senare.",
        to=report_url(report),
        page=lambda status: render(
            request,
            "finance/economic_report_claim.html",
            {"form": form, "report": report, "result": result, "agreement": agreement},
            status=status,
        ),
    )


def claim_reason(report: EconomicReport, result) -> str:
    """The prefilled reason (plain spaces: the administrator edits it as text)."""
    text = (
        f"Medel som inte använts för avsett ändamål {report.year} enligt "
        f"{report.party.organisation.name}s ekonomiska redovisning: utbetalt "
        f"{format_sek(result.received)}, använt {format_sek(result.used)}, "
        f"outnyttjat {format_sek(result.remainder)}."
    )
    return text.replace("\xa0", " ")
