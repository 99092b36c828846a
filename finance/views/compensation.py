"""A compensation and its years: the compensation itself, the decided amount of a year,
payments and the settlement of a definitive index."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common.permissions import require
from partnerships.formatting import format_sek

from .. import permissions, selectors, services
from ..forms import CompensationForm, DecidedAmountForm, PaymentForm, SettlementForm
from ..models import Compensation
from ._page import (
    economy_url,
    editable_agreement,
    editable_compensation,
    editable_year,
    finance_form,
)

COMPENSATION_FIELDS = (
    "party",
    "base_amount",
    "base_year",
    "fixed",
    "index_series",
    "first_index_year",
    "index_rule",
    "proration",
    "payment_month",
    "payment_schedule",
    "continues_from",
)


def _compensation_initial(agreement, instance: Compensation | None) -> dict:
    if instance is not None:
        return CompensationForm.initial_from(instance, COMPENSATION_FIELDS)
    return {
        "base_year": agreement.period_start.year - 1,
        "first_index_year": agreement.period_start.year,
        "payment_month": 1,
        "payment_schedule": "yearly",
        "proration": "days",
        "index_series": selectors.index_series_for_agreement(agreement)
        .filter(owner__isnull=True, name="OPI")
        .first(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def compensation_edit(
    request: HttpRequest, pk: int, compensation_pk: int | None = None
) -> HttpResponse:
    agreement = editable_agreement(request, pk)
    instance = None
    if compensation_pk is not None:
        instance = selectors.compensation_for_user(request.user, compensation_pk)
        require(permissions.compensation_of_agreement(instance, agreement))
    initial = _compensation_initial(agreement, instance)
    form = CompensationForm(request.POST or None, agreement=agreement, initial=initial)
    return finance_form(
        request,
        form,
        form.saving(
            services.compensation_save, user=request.user, agreement=agreement, instance=instance
        ),
        agreement=agreement,
        done="Ersättningen har sparats.",
        title="Ändra ersättning" if instance else "Ny ersättning",
    )


def _decided_intro(year: int, row) -> str:
    computed = row.schedule.computed
    intro = (
        f"Beräknat belopp {year}: {format_sek(computed)}."
        if computed is not None
        else f"Beräknat belopp {year}: okänt ({row.schedule.missing_reason})."
    )
    return intro + (
        " Som ny nivå gäller det beslutade beloppet för året och är grund för åren efter; "
        "ett engångsbelopp gäller bara året, och åren efter räknas från det beräknade beloppet."
    )


def _decided_initial(row) -> dict:
    existing = row.decided
    if existing is None:
        return {"version": 0}
    return DecidedAmountForm.initial_from(existing, ("amount", "scope", "decided_on", "note"))


def _decided_saved_message(year: int, amount: int, computed: int | None) -> str:
    deviation = (
        "" if computed is None else f" Avvikelse från beräknat: {format_sek(amount - computed)}."
    )
    return f"Beslutat belopp för {year} har sparats.{deviation}"


@login_required
@require_http_methods(["GET", "POST"])
def decided_amount_edit(request: HttpRequest, compensation_pk: int, year: int) -> HttpResponse:
    compensation, row = editable_year(request, compensation_pk, year)
    form = DecidedAmountForm(request.POST or None, initial=_decided_initial(row))
    return finance_form(
        request,
        form,
        form.saving(
            services.decided_amount_save, user=request.user, compensation=compensation, year=year
        ),
        agreement=compensation.agreement,
        done=lambda _: _decided_saved_message(
            year, form.cleaned_data["amount"], row.schedule.computed
        ),
        title=f"Beslutat belopp {year} – {compensation.party.organisation.name}",
        intro=_decided_intro(year, row),
    )


def _payment_form(request: HttpRequest, agreement) -> PaymentForm:
    years = list(range(agreement.period_start.year, agreement.period_end.year + 1))
    today = timezone.localdate()
    default_year = today.year if today.year in years else years[0]
    initial = {"year": default_year, "paid_on": today}
    return PaymentForm(request.POST or None, years=years, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def payment_create(request: HttpRequest, compensation_pk: int) -> HttpResponse:
    compensation = editable_compensation(request, compensation_pk)
    agreement = compensation.agreement
    form = _payment_form(request, agreement)
    try:
        return finance_form(
            request,
            form,
            lambda: services.payment_register(
                user=request.user, compensation=compensation, **form.cleaned_data
            ),
            agreement=agreement,
            done="Utbetalningen har registrerats.",
            title=f"Registrera utbetalning – {compensation.party.organisation.name}",
            submit="Registrera utbetalning",
        )
    except services.DuplicatePaymentError as dup:
        messages.info(
            request,
            f"Utbetalningen med referens ”{dup.payment.reference}” var redan registrerad. "
            "Formuläret skickades två gånger; betalningen finns bara en gång.",
        )
        return redirect(economy_url(agreement))


def _settlement_intro(year: int, row) -> str:
    if row.settlement:
        return (
            f"Skillnaden är redan hanterad: {row.settlement.get_action_display()} "
            f"({row.settlement.decided_on:%Y-%m-%d})."
        )
    difference = row.schedule.definitive_difference
    return (
        f"Med definitivt index blir ersättningen {year} {format_sek(abs(difference))} "
        f"{'högre' if difference > 0 else 'lägre'} än med det preliminära index som användes. "
        "Välj om skillnaden ska betalas ut, krävas tillbaka eller lämnas. Valet sparas och kan "
        "bara göras en gång."
    )


@login_required
@require_http_methods(["GET", "POST"])
def settlement_create(request: HttpRequest, compensation_pk: int, year: int) -> HttpResponse:
    today = timezone.localdate()
    compensation, row = editable_year(request, compensation_pk, year, permissions.can_settle, today)
    form = SettlementForm(request.POST or None, initial={"decided_on": today})
    return finance_form(
        request,
        form,
        lambda: services.settlement_record(
            user=request.user, compensation=compensation, year=year, **form.cleaned_data
        ),
        agreement=compensation.agreement,
        done=f"Avräkningen för {year} har sparats.",
        title=f"Avräkning av index {year} – {compensation.party.organisation.name}",
        intro=_settlement_intro(year, row),
    )
