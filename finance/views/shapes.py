"""The agreement shapes of issue 14: a year's instalments on given dates, contributions in
kind and caps. Load via selectors (404 outside scope), ``require`` the edit rule (403),
``submit`` the form to a service, answer."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from partnerships.formatting import format_sek

from .. import services
from ..models import GivenInstalment
from ..selectors import shapes
from ..shape_forms import EXTRA_ROWS, CapForm, GivenInstalmentsForm, InKindForm
from ._page import editable_agreement, editable_year, finance_form

IN_KIND_INTRO = (
    "En insats är ett bidrag som inte är pengar, t.ex. lokaler utan hyra eller "
    "personaltid, från vilken part som helst. Den betalas aldrig ut; ett värde räknas in "
    "i budgetens balans som ”värde av insats”."
)
CAP_INTRO = (
    "Ett tak är det högsta belopp som överenskommelsen tillåter, för hela perioden och "
    "för en eller flera parters ersättningar (”upp till 4 000 000 kr totalt”). "
    "Ekonomifliken visar vad som är kvar och varnar när belopp eller utbetalningar "
    "passerar taket."
)


def _given_instalments_form(request: HttpRequest, compensation, year: int):
    existing = list(
        GivenInstalment.objects.filter(compensation=compensation, year=year).order_by("due_on")
    )
    initial = {"version": services.given_instalments_version(compensation, year)}
    for index, item in enumerate(existing):
        initial[f"due_{index}"] = item.due_on
        initial[f"amount_{index}"] = item.amount
    rows = len(existing) + EXTRA_ROWS
    return GivenInstalmentsForm(request.POST or None, rows=rows, initial=initial)


def _given_instalments_intro(year: int, row) -> str:
    if row.expected is None:
        return f"Årets belopp {year} är inte känt än ({row.schedule.missing_reason})."
    return (
        f"Årets belopp {year}: {format_sek(row.expected)}. Delbetalningarna bör tillsammans bli "
        "årets belopp; ekonomifliken varnar annars. Lämna en rad tom för att ta bort den."
    )


@login_required
@require_http_methods(["GET", "POST"])
def given_instalments_edit(request: HttpRequest, compensation_pk: int, year: int) -> HttpResponse:
    compensation, row = editable_year(request, compensation_pk, year)
    form = _given_instalments_form(request, compensation, year)
    return finance_form(
        request,
        form,
        lambda: services.given_instalments_save(
            compensation=compensation,
            year=year,
            rows=form.rows(),
            expected_version=form.expected_version,
            user=request.user,
        ),
        agreement=compensation.agreement,
        done=f"Delbetalningarna för {year} har sparats.",
        title=f"Delbetalningar {year} – {compensation.party.organisation.name}",
        intro=_given_instalments_intro(year, row),
        extra={"instalment_form": True},
    )


@dataclass(frozen=True)
class _Shape:
    """What differs between the in-kind and the cap form pages."""

    form_class: type
    load: Callable  # (user, agreement, pk) -> the row, 404 outside scope
    initial: Callable  # the row or None -> the form's initial values
    save: Callable  # the service that saves the form's values
    delete: Callable  # (row, expected_version=, user=) -> removes the row
    noun: str  # "Insatsen" har sparats / tagits bort
    titles: tuple[str, str]  # (new, change)
    intro: str


def _shape_page(request: HttpRequest, pk: int, item_pk: int | None, shape: _Shape):
    """A contribution in kind or a cap: saved, or removed when its "delete" box is ticked."""
    agreement = editable_agreement(request, pk)
    item = None if item_pk is None else shape.load(request.user, agreement, item_pk)
    form = shape.form_class(
        request.POST or None,
        agreement=agreement,
        existing=item is not None,
        initial=shape.initial(item),
    )
    deleting = form.is_bound and form.is_valid() and form.cleaned_data.get("delete")
    save = form.saving(shape.save, agreement=agreement, instance=item, user=request.user)
    return finance_form(
        request,
        form,
        (lambda: shape.delete(item, **_by(request, form))) if deleting else save,
        agreement=agreement,
        done=f"{shape.noun} har tagits bort." if deleting else f"{shape.noun} har sparats.",
        title=shape.titles[item is not None],
        intro=shape.intro,
    )


def _by(request: HttpRequest, form) -> dict:
    """Who removes and the version they saw (read once the form is valid)."""
    return {"expected_version": form.expected_version, "user": request.user}


def _in_kind_initial(item) -> dict:
    if item is None:
        return {"version": 0}
    fields = ("party", "year", "kind", "description", "value", "valuation_basis", "version")
    return {f: getattr(item, f) for f in fields}


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


IN_KIND = _Shape(
    form_class=InKindForm,
    load=lambda user, agreement, pk: shapes.in_kind_for_user(user, agreement, pk),
    initial=_in_kind_initial,
    save=lambda **values: services.in_kind_save(**values),
    delete=lambda item, **by: services.in_kind_delete(item=item, **by),
    noun="Insatsen",
    titles=("Ny insats (värde av insats)", "Ändra insats"),
    intro=IN_KIND_INTRO,
)
CAP = _Shape(
    form_class=CapForm,
    load=lambda user, agreement, pk: shapes.cap_for_user(user, agreement, pk),
    initial=_cap_initial,
    save=lambda **values: services.cap_save(**values),
    delete=lambda cap, **by: services.cap_delete(cap=cap, **by),
    noun="Taket",
    titles=("Nytt tak", "Ändra tak"),
    intro=CAP_INTRO,
)


@login_required
@require_http_methods(["GET", "POST"])
def in_kind_edit(request: HttpRequest, pk: int, in_kind_pk: int | None = None) -> HttpResponse:
    return _shape_page(request, pk, in_kind_pk, IN_KIND)


@login_required
@require_http_methods(["GET", "POST"])
def cap_edit(request: HttpRequest, pk: int, cap_pk: int | None = None) -> HttpResponse:
    return _shape_page(request, pk, cap_pk, CAP)
