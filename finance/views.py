"""Thin views: load via selectors (404 outside scope), check permissions (403), call services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common.forms import apply_validation_error, save_through_service
from common.permissions import require
from partnerships.formatting import format_sek
from partnerships.models import Agreement
from partnerships.selectors import agreement_for_user
from partnerships.tabs import agreement_tabs

from . import permissions, selectors, services
from .chart import bar_chart
from .csv_export import csv_response
from .forms import (
    BudgetForm,
    ClaimForm,
    CompensationForm,
    DecidedAmountForm,
    IndexImportForm,
    IndexSeriesForm,
    IndexValueForm,
    PaymentForm,
    SettlementForm,
)
from .index_import import parse_index_csv
from .models import BudgetCategory, IndexSeries, IndexValue, PartyBudget

FORM_TEMPLATE = "finance/form.html"


def _economy_url(agreement: Agreement) -> str:
    return reverse("finance:economy", args=[agreement.pk])


def _agreement(request: HttpRequest, pk: str) -> Agreement:
    return agreement_for_user(request.user, pk)


def _require_edit(request: HttpRequest, agreement: Agreement) -> None:
    require(permissions.can_edit_economy(request.user, agreement))


def _form_page(
    request,
    form,
    *,
    title: str,
    agreement: Agreement | None = None,
    intro: str = "",
    submit: str = "Spara",
    cancel_url: str = "",
    status: int = 200,
    extra: dict | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "agreement": agreement,
        "intro": intro,
        "submit": submit,
        "cancel_url": cancel_url
        or (_economy_url(agreement) if agreement else reverse("finance:index_values")),
    }
    context.update(extra or {})
    return render(request, FORM_TEMPLATE, context, status=status)


# --- the economy tab ----------------------------------------------------------------------


@login_required
def economy(request: HttpRequest, pk: str) -> HttpResponse:
    today = timezone.localdate()
    data = selectors.economy_for_user(request.user, pk, today)
    agreement = data.agreement
    return render(
        request,
        "finance/economy.html",
        {
            "agreement": agreement,
            "economy": data,
            "chart": bar_chart(data.chart_points),
            "tabs": agreement_tabs(),
            "active_tab": "economy",
            "can_edit": permissions.can_edit_economy(request.user, agreement),
            "is_partner": selectors._partner_only(request.user),
            "today": today,
        },
    )


@login_required
def economy_export(request: HttpRequest, pk: str) -> HttpResponse:
    data = selectors.economy_for_user(request.user, pk, timezone.localdate())
    rows = []
    for ledger in data.ledgers:
        for row in ledger.rows:
            s = row.schedule
            rows.append(
                [
                    data.agreement.title,
                    ledger.compensation.party.organisation.name,
                    row.year,
                    s.index.label if s.index else "",
                    s.computed,
                    s.decided,
                    s.deviation,
                    s.amount,
                    row.paid,
                    row.outstanding,
                    row.status_label,
                    s.missing_reason,
                ]
            )
    return csv_response(
        f"ekonomi-{data.agreement.pk}.csv",
        [
            "Överenskommelse",
            "Part",
            "År",
            "Index",
            "Beräknat (kr)",
            "Beslutat (kr)",
            "Avvikelse (kr)",
            "Gäller (kr)",
            "Utbetalt (kr)",
            "Kvar att betala (kr)",
            "Status",
            "Anmärkning",
        ],
        rows,
    )


@login_required
@require_http_methods(["GET", "POST"])
def compensation_edit(request: HttpRequest, pk: str, compensation_pk: str | None = None):
    agreement = _agreement(request, pk)
    _require_edit(request, agreement)
    instance = None
    if compensation_pk is not None:
        instance = selectors.compensation_for_user(request.user, compensation_pk)
        require(permissions.compensation_of_agreement(instance, agreement))
    initial = {
        "base_year": agreement.period_start.year - 1,
        "first_index_year": agreement.period_start.year,
        "payment_month": 1,
        "index_series": IndexSeries.objects.filter(name="OPI").first(),
    }
    if instance:
        initial = {
            f: getattr(instance, f)
            for f in (
                "party",
                "base_amount",
                "base_year",
                "index_series",
                "first_index_year",
                "index_rule",
                "payment_month",
                "continues_from",
            )
        } | {"version": instance.version}
    form = CompensationForm(request.POST or None, agreement=agreement, initial=initial)
    title = "Ändra ersättning" if instance else "Ny ersättning"
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.compensation_save(
                agreement=agreement,
                party=data["party"],
                base_amount=data["base_amount"],
                base_year=data["base_year"],
                index_series=data["index_series"],
                first_index_year=data["first_index_year"],
                index_rule=data["index_rule"],
                payment_month=data["payment_month"],
                continues_from=data["continues_from"],
                instance=instance,
                expected_version=data.get("version"),
            ),
        )
        if status is None:
            messages.success(request, "Ersättningen har sparats.")
            return redirect(_economy_url(agreement))
    return _form_page(request, form, title=title, agreement=agreement, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def decided_amount_edit(request: HttpRequest, compensation_pk: str, year: int):
    compensation = selectors.compensation_for_user(request.user, compensation_pk)
    agreement = compensation.agreement
    _require_edit(request, agreement)
    ledger = selectors.compensation_ledger(compensation, timezone.localdate())
    row = ledger.row(year)
    require(permissions.ledger_year(row))
    existing = row.decided
    initial = {"version": existing.version if existing else 0}
    if existing:
        initial |= {
            "amount": existing.amount,
            "decided_on": existing.decided_on,
            "note": existing.note,
        }
    form = DecidedAmountForm(request.POST or None, initial=initial)
    title = f"Beslutat belopp {year} – {compensation.party.organisation.name}"
    computed = row.schedule.computed
    intro = (
        f"Beräknat belopp {year}: {format_sek(computed)}."
        if computed is not None
        else f"Beräknat belopp {year}: okänt ({row.schedule.missing_reason})."
    )
    intro += " Det beslutade beloppet gäller för året och är grund för åren efter."
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.decided_amount_save(
                compensation=compensation,
                year=year,
                amount=data["amount"],
                decided_on=data["decided_on"],
                note=data["note"],
                expected_version=data.get("version"),
            ),
        )
        if status is None:
            deviation = (
                ""
                if computed is None
                else (f" Avvikelse från beräknat: {format_sek(data['amount'] - computed)}.")
            )
            messages.success(request, f"Beslutat belopp för {year} har sparats.{deviation}")
            return redirect(_economy_url(agreement))
    return _form_page(
        request,
        form,
        title=title,
        agreement=agreement,
        intro=intro,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def payment_create(request: HttpRequest, compensation_pk: str):
    compensation = selectors.compensation_for_user(request.user, compensation_pk)
    agreement = compensation.agreement
    _require_edit(request, agreement)
    years = list(range(agreement.period_start.year, agreement.period_end.year + 1))
    today = timezone.localdate()
    default_year = today.year if today.year in years else years[0]
    form = PaymentForm(
        request.POST or None, years=years, initial={"year": default_year, "paid_on": today}
    )
    title = f"Registrera utbetalning – {compensation.party.organisation.name}"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payment_register(
                user=request.user,
                compensation=compensation,
                year=data["year"],
                paid_on=data["paid_on"],
                amount=data["amount"],
                reference=data["reference"],
                form_token=data["form_token"],
            )
        except services.DuplicatePaymentError as dup:
            messages.info(
                request,
                f"Utbetalningen med referens ”{dup.payment.reference}” var redan registrerad. "
                "Formuläret skickades två gånger; betalningen finns bara en gång.",
            )
            return redirect(_economy_url(agreement))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Utbetalningen har registrerats.")
            return redirect(_economy_url(agreement))
    return _form_page(
        request,
        form,
        title=title,
        agreement=agreement,
        submit="Registrera utbetalning",
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settlement_create(request: HttpRequest, compensation_pk: str, year: int):
    compensation = selectors.compensation_for_user(request.user, compensation_pk)
    agreement = compensation.agreement
    _require_edit(request, agreement)
    today = timezone.localdate()
    ledger = selectors.compensation_ledger(compensation, today)
    row = ledger.row(year)
    require(permissions.can_settle(row))
    difference = row.schedule.definitive_difference
    title = f"Avräkning av index {year} – {compensation.party.organisation.name}"
    intro = (
        f"Med definitivt index blir ersättningen {year} {format_sek(abs(difference))} "
        f"{'högre' if difference > 0 else 'lägre'} än med det preliminära index som användes. "
        "Välj om skillnaden ska betalas ut, krävas tillbaka eller lämnas. Valet sparas och kan "
        "bara göras en gång."
    )
    if row.settlement:
        intro = (
            f"Skillnaden är redan hanterad: {row.settlement.get_action_display()} "
            f"({row.settlement.decided_on:%Y-%m-%d})."
        )
    form = SettlementForm(request.POST or None, initial={"decided_on": today})
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.settlement_record(
                user=request.user,
                compensation=compensation,
                year=year,
                action=data["action"],
                decided_on=data["decided_on"],
                note=data["note"],
            ),
        )
        if status is None:
            messages.success(request, f"Avräkningen för {year} har sparats.")
            return redirect(_economy_url(agreement))
    return _form_page(
        request,
        form,
        title=title,
        agreement=agreement,
        intro=intro,
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: str, party_pk: str, year: int):
    agreement = _agreement(request, pk)
    party = selectors.idea_based_party_for_user(request.user, agreement, party_pk)
    _require_edit(request, agreement)
    require(permissions.year_in_period(agreement, year))
    budget = PartyBudget.objects.filter(party=party, year=year).prefetch_related("lines").first()
    initial: dict = {"version": budget.version if budget else 0}
    if budget:
        initial |= {
            "own_contribution": budget.own_contribution,
            "municipal_financing": budget.municipal_financing,
            "note": budget.note,
        }
        for line in budget.lines.all():
            initial[f"{line.category}_amount"] = line.amount
            initial[f"{line.category}_label"] = line.label
    form = BudgetForm(request.POST or None, initial=initial)
    title = f"Budget {year} – {party.organisation.name}"
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.budget_save(
                agreement=agreement,
                party=party,
                year=year,
                own_contribution=data["own_contribution"],
                municipal_financing=data["municipal_financing"],
                lines=form.lines(),
                note=data["note"],
                expected_version=data.get("version"),
            ),
        )
        if status is None:
            messages.success(request, f"Budgeten för {year} har sparats.")
            return redirect(_economy_url(agreement))
    return _form_page(
        request,
        form,
        title=title,
        agreement=agreement,
        status=status,
        extra={"budget_form": True, "categories": BudgetCategory.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, pk: str, claim_pk: str | None = None):
    agreement = _agreement(request, pk)
    claim = selectors.claim_for_user(request.user, agreement, claim_pk) if claim_pk else None
    _require_edit(request, agreement)
    initial = {}
    if claim:
        initial = {
            "party": claim.party,
            "amount": claim.amount,
            "reason": claim.reason,
            "decided_on": claim.decided_on,
            "status": claim.status,
            "version": claim.version,
        }
    form = ClaimForm(request.POST or None, agreement=agreement, initial=initial)
    title = "Ändra återbetalningskrav" if claim else "Nytt återbetalningskrav"
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.claim_save(
                agreement=agreement,
                party=data["party"],
                amount=data["amount"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                status=data["status"],
                instance=claim,
                expected_version=data.get("version"),
            ),
        )
        if status is None:
            messages.success(request, "Återbetalningskravet har sparats.")
            return redirect(_economy_url(agreement))
    return _form_page(request, form, title=title, agreement=agreement, status=status)


# --- the overview -------------------------------------------------------------------------


def _overview_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1990 <= year <= 2200 else timezone.localdate().year


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    year = _overview_year(request)
    data = selectors.overview_for_year(request.user, year, timezone.localdate())
    return render(
        request,
        "finance/overview.html",
        {
            "overview": data,
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "is_partner": selectors._partner_only(request.user),
        },
    )


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    year = _overview_year(request)
    data = selectors.overview_for_year(request.user, year, timezone.localdate())
    rows = [
        [
            r.agreement.title,
            r.organisation_name,
            year,
            r.row.schedule.amount,
            r.row.schedule.deviation,
            r.row.paid,
            r.row.outstanding,
            r.row.status_label,
            r.row.schedule.missing_reason,
        ]
        for r in data.rows
    ]
    rows.append(
        [
            "Summa",
            "",
            year,
            data.total,
            "",
            data.paid,
            data.outstanding,
            f"{data.unknown_count} belopp okända" if data.unknown_count else "",
            "",
        ]
    )
    return csv_response(
        f"ekonomi-oversikt-{year}.csv",
        [
            "Överenskommelse",
            "Part",
            "År",
            "Ersättning (kr)",
            "Avvikelse från beräknat (kr)",
            "Utbetalt (kr)",
            "Kvar att betala (kr)",
            "Status",
            "Anmärkning",
        ],
        rows,
    )


# --- index values -------------------------------------------------------------------------


@login_required
def index_values(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "finance/index_values.html",
        {
            "series_list": selectors.index_series_with_values(),
            "can_manage": permissions.can_manage_index_values(request.user),
        },
    )


def _require_index_manager(request: HttpRequest) -> None:
    require(permissions.can_manage_index_values(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def index_value_edit(request: HttpRequest, value_pk: str | None = None):
    _require_index_manager(request)
    instance = None
    if value_pk is not None:
        instance = IndexValue.objects.select_related("series").filter(pk=int(value_pk)).first()
        if instance is None:
            raise Http404("Inget sådant indexvärde.")
    initial: dict = {"series": IndexSeries.objects.filter(name="OPI").first()}
    if instance:
        initial = {
            f: getattr(instance, f)
            for f in (
                "series",
                "year",
                "preliminary_percent",
                "preliminary_published",
                "definitive_percent",
                "definitive_published",
                "source",
                "version",
            )
        }
    form = IndexValueForm(request.POST or None, initial=initial)
    title = f"Ändra {instance}" if instance else "Nytt indexvärde"
    back = reverse("finance:index_values")
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        clash = IndexValue.objects.filter(series=data["series"], year=data["year"])
        if instance:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            form.add_error(
                "year",
                f"{data['series']} för {data['year']} finns redan. "
                "Ändra det befintliga värdet i stället.",
            )
        else:
            status = save_through_service(
                form,
                lambda: services.index_value_save(
                    series=data["series"],
                    year=data["year"],
                    preliminary_percent=data["preliminary_percent"],
                    preliminary_published=data["preliminary_published"],
                    definitive_percent=data["definitive_percent"],
                    definitive_published=data["definitive_published"],
                    source=data["source"],
                    instance=instance,
                    expected_version=data.get("version"),
                ),
            )
            if status is None:
                messages.success(request, "Indexvärdet har sparats.")
                return redirect(back)
    return _form_page(request, form, title=title, cancel_url=back, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def index_series_create(request: HttpRequest):
    _require_index_manager(request)
    form = IndexSeriesForm(request.POST or None)
    back = reverse("finance:index_values")
    if request.method == "POST" and form.is_valid():
        IndexSeries.objects.create(**form.cleaned_data)
        messages.success(request, "Indexserien har skapats.")
        return redirect(back)
    return _form_page(
        request, form, title="Ny indexserie", cancel_url=back, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def index_import(request: HttpRequest):
    _require_index_manager(request)
    form = IndexImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"series": IndexSeries.objects.filter(name="OPI").first()},
    )
    back = reverse("finance:index_values")
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        result = parse_index_csv(form.cleaned_data["file"].read())
        errors = result.errors
        if result.ok:
            try:
                created, updated = services.index_values_import(
                    series=form.cleaned_data["series"], rows=result.rows
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(
                    request, f"Importen är klar: {created} nya och {updated} ändrade värden."
                )
                return redirect(back)
        form.add_error("file", "Filen innehåller fel. Inget har importerats.")
    return render(
        request,
        "finance/index_import.html",
        {"form": form, "errors": errors, "cancel_url": back},
        status=400 if form.is_bound else 200,
    )
