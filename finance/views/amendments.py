"""The "Ändringar" tab of an agreement: its amendments and what each changes, a form to
record or change one (administrators of a public party), and deletion while nothing
depends on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from common.forms import submit_or_page
from common.permissions import permitted
from partnerships.permissions import can_record_amendment
from partnerships.selectors import agreement_for_user
from partnerships.tabs import agreement_tabs

from .. import selectors, services
from ..amendment_forms import AmendmentForm, AmountChangeForm


def amendments_url(agreement) -> str:
    return reverse("finance:amendments", args=[agreement.pk])


@login_required
@require_http_methods(["GET"])
def amendments(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for_user(request.user, pk)
    return render(
        request,
        "finance/amendments.html",
        {
            "agreement": agreement,
            "amendments": selectors.amendment_views(request.user, agreement),
            "tabs": agreement_tabs(),
            "active_tab": "amendments",
            "can_edit": can_record_amendment(request.user, agreement),
        },
    )


def _change_forms(data, agreement, amendment) -> list[AmountChangeForm]:
    """A form per compensation of the agreement: what the amendment changes in it."""
    existing = {c.compensation_id: c for c in amendment.visible_changes} if amendment else {}
    return [
        AmountChangeForm(
            data,
            compensation=compensation,
            initial=AmountChangeForm.initial_for(existing.get(compensation.pk)),
        )
        for compensation in selectors.compensations_of(agreement)
    ]


def _amendment_save(request, agreement, amendment, form, change_forms):
    values = form.values()
    changes = {f.compensation: f.value() for f in change_forms}
    if amendment is None:
        return services.amendment_record(
            agreement=agreement, user=request.user, changes=changes, **values
        )
    return services.amendment_change(
        amendment=amendment,
        user=request.user,
        expected_version=form.cleaned_data["version"],
        changes=changes,
        **values,
    )


def _amendment_page(request, agreement, amendment, form, change_forms, status: int):
    context = {
        "agreement": agreement,
        "amendment": amendment,
        "form": form,
        "change_forms": change_forms,
        "formset_errors": status == 400 and any(f.errors for f in change_forms),
        "cancel_url": amendments_url(agreement),
    }
    return render(request, "finance/amendment_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def amendment_edit(request: HttpRequest, pk: int, amendment_pk: int | None = None) -> HttpResponse:
    agreement = permitted(request.user, agreement_for_user, pk, can_record_amendment)
    amendment = (
        selectors.amendment_with_changes(request.user, agreement, amendment_pk)
        if amendment_pk is not None
        else None
    )
    data = request.POST if request.method == "POST" else None
    initial = AmendmentForm.initial_for(amendment) if amendment else {"version": 0}
    form = AmendmentForm(data, agreement=agreement, initial=initial)
    change_forms = _change_forms(data, agreement, amendment)
    return submit_or_page(
        request,
        form,
        lambda: _amendment_save(request, agreement, amendment, form, change_forms),
        also=change_forms,
        prefixed={f.prefix: f for f in change_forms},
        done="Ändringen har sparats.",
        to=amendments_url(agreement),
        page=lambda status: _amendment_page(
            request, agreement, amendment, form, change_forms, status
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def amendment_delete(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    agreement = permitted(request.user, agreement_for_user, pk, can_record_amendment)
    amendment = selectors.amendment_with_changes(request.user, agreement, amendment_pk)
    reason = services.amendment_deletion_stop(amendment)
    status = 200
    if request.method == "POST" and not reason:
        try:
            services.amendment_remove(amendment=amendment, user=request.user)
        except ValidationError as error:
            reason, status = " ".join(error.messages), 400
        else:
            messages.success(request, "Ändringen har tagits bort.")
            return redirect(amendments_url(agreement))
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "finance/amendment_delete.html",
        {
            "agreement": agreement,
            "amendment": amendment,
            "reason": reason,
            "cancel_url": amendments_url(agreement),
        },
        status=status,
    )
