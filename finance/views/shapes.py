"""The agreement shapes of issue 14: a year's instalments on given dates, contributions in
kind and caps. Load via selectors (404 outside scope), ``require`` the edit rule (403),
``submit`` the form to a service, answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common.forms import submit
from common.permissions import require
from partnerships.formatting import format_sek

from .. import permissions, selectors, services
from ..models import GivenInstalment
from ..selectors import shapes
from ..shape_forms import EXTRA_ROWS, CapForm, GivenInstalmentsForm, InKindForm
from ._page import economy_url, editable_agreement, form_page, require_edit


@login_required
@require_http_methods(["GET", "POST"])
def given_instalments_edit(request: HttpRequest, compensation_pk: int, year: int) -> HttpResponse:
    compensation = selectors.compensation_for_user(request.user, compensation_pk)
    agreement = compensation.agreement
    require_edit(request, agreement)
    row = selectors.compensation_ledger(compensation, timezone.localdate()).row(year)
    require(permissions.ledger_year(row))
    existing = list(
        GivenInstalment.objects.filter(compensation=compensation, year=year).order_by("due_on")
    )
    initial = {"version": services.given_instalments_version(compensation, year)}
    for index, item in enumerate(existing):
        initial[f"due_{index}"] = item.due_on
        initial[f"amount_{index}"] = item.amount
    form = GivenInstalmentsForm(
        request.POST or None, rows=len(existing) + EXTRA_ROWS, initial=initial
    )
    status = submit(
        request,
        form,
        lambda: services.given_instalments_save(
            compensation=compensation,
            year=year,
            rows=form.rows(),
            expected_version=form.expected_version,
            user=request.user,
        ),
    )
    if status is None:
        messages.success(request, f"Delbetalningarna för {year} har sparats.")
        return redirect(economy_url(agreement))
    amount = row.expected
    intro = (
        f"Årets belopp {year}: {format_sek(amount)}. Delbetalningarna bör tillsammans bli "
        "årets belopp; ekonomifliken varnar annars. Lämna en rad tom för att ta bort den."
        if amount is not None
        else f"Årets belopp {year} är inte känt än ({row.schedule.missing_reason})."
    )
    title = f"Delbetalningar {year} – {compensation.party.organisation.name}"
    return form_page(
        request,
        form,
        title=title,
        agreement=agreement,
        intro=intro,
        status=status,
        extra={"instalment_form": True},
    )


def _in_kind_initial(item) -> dict:
    if item is None:
        return {"version": 0}
    fields = ("party", "year", "kind", "description", "value", "valuation_basis", "version")
    return {f: getattr(item, f) for f in fields}


@login_required
@require_http_methods(["GET", "POST"])
def in_kind_edit(request: HttpRequest, pk: int, in_kind_pk: int | None = None) -> HttpResponse:
    agreement = editable_agreement(request, pk)
    item = None
    if in_kind_pk is not None:
        item = shapes.in_kind_for_user(request.user, agreement, in_kind_pk)
    form = InKindForm(
        request.POST or None,
        agreement=agreement,
        existing=item is not None,
        initial=_in_kind_initial(item),
    )
    deleting = form.is_bound and form.is_valid() and form.cleaned_data.get("delete")

    def save():
        if deleting:
            return services.in_kind_delete(
                item=item, expected_version=form.expected_version, user=request.user
            )
        return services.in_kind_save(
            agreement=agreement,
            instance=item,
            expected_version=form.expected_version,
            user=request.user,
            **form.values(),
        )

    status = submit(request, form, save)
    if status is None:
        messages.success(
            request, "Insatsen har tagits bort." if deleting else "Insatsen har sparats."
        )
        return redirect(economy_url(agreement))
    title = "Ändra insats" if item else "Ny insats (värde av insats)"
    intro = (
        "En insats är ett bidrag som inte är pengar, t.ex. lokaler utan hyra eller "
        "personaltid, från vilken part som helst. Den betalas aldrig ut; ett värde räknas in "
        "i budgetens balans som ”värde av insats”."
    )
    return form_page(request, form, title=title, agreement=agreement, intro=intro, status=status)


def _cap_initial(cap) -> dict:
    if cap is None:
        return {"version": 0}
    return {
        "label": cap.label,
        "amount": cap.amount,
        "note": cap.note,
        "compensations": list(cap.compensations.all()),
        "version": cap.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def cap_edit(request: HttpRequest, pk: int, cap_pk: int | None = None) -> HttpResponse:
    agreement = editable_agreement(request, pk)
    cap = None
    if cap_pk is not None:
        cap = shapes.cap_for_user(request.user, agreement, cap_pk)
    form = CapForm(
        request.POST or None,
        agreement=agreement,
        existing=cap is not None,
        initial=_cap_initial(cap),
    )
    deleting = form.is_bound and form.is_valid() and form.cleaned_data.get("delete")

    def save():
        if deleting:
            return services.cap_delete(
                cap=cap, expected_version=form.expected_version, user=request.user
            )
        values = form.values()
        values["compensations"] = list(values["compensations"])
        return services.cap_save(
            agreement=agreement,
            instance=cap,
            expected_version=form.expected_version,
            user=request.user,
            **values,
        )

    status = submit(request, form, save)
    if status is None:
        messages.success(request, "Taket har tagits bort." if deleting else "Taket har sparats.")
        return redirect(economy_url(agreement))
    title = "Ändra tak" if cap else "Nytt tak"
    intro = (
        "Ett tak är det högsta belopp som överenskommelsen tillåter, för hela perioden och "
        "för en eller flera parters ersättningar (”upp till 4 000 000 kr totalt”). "
        "Ekonomifliken visar vad som är kvar och varnar när belopp eller utbetalningar "
        "passerar taket."
    )
    return form_page(request, form, title=title, agreement=agreement, intro=intro, status=status)
