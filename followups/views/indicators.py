"""The administrators' list of an agreement's follow-up indicators (mått)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from common.errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError
from common.permissions import permitted

from .. import selectors
from ..forms import IndicatorFormSet, indicator_initial
from ..indicator_services import IndicatorRow, indicators_save
from ..permissions import can_manage_followups
from ._page import agreement_context

PREFIX = "matt"


def _rows(formset) -> list[IndicatorRow]:
    rows = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or (not data.get("id") and not form.has_changed()):
            continue  # an untouched blank row
        rows.append(
            IndicatorRow(
                prefix=str(index),
                pk=data.get("id"),
                version=data.get("version") or 0,
                values=data,
                delete=bool(data.get("DELETE")),
            )
        )
    return rows


def _save(request: HttpRequest, agreement, formset) -> int | None:
    """None when saved, else the status (400 with errors by row, 409 when somebody else
    saved first); the rows as typed stay on the page."""
    try:
        indicators_save(user=request.user, agreement=agreement, rows=_rows(formset))
    except ConcurrentEditError:
        formset._non_form_errors = formset.error_class([CONCURRENT_EDIT_MESSAGE])
        return 409
    except ValidationError as exc:
        problems = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        for key, errors in problems.items():
            index, _, field = key.partition("-")
            if index.isdigit() and int(index) < len(formset.forms):
                form = formset.forms[int(index)]
                form.add_error(field if field in form.fields else None, errors)
            else:
                formset._non_form_errors = formset.error_class(errors)
        return 400
    return None


@login_required
@require_http_methods(["GET", "POST"])
def indicators_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_followup_for_user, pk, can_manage_followups
    )
    goals = list(agreement.goals.all())
    if request.method == "POST":
        formset = IndicatorFormSet(request.POST, prefix=PREFIX, form_kwargs={"goals": goals})
        status = _save(request, agreement, formset) if formset.is_valid() else 400
        if status is None:
            messages.success(request, "Uppföljningens mått är sparade.")
            return redirect(reverse("followups:agreement_followup", args=[agreement.pk]))
    else:
        initial = [indicator_initial(i) for i in selectors.indicators_of(agreement)]
        formset = IndicatorFormSet(initial=initial, prefix=PREFIX, form_kwargs={"goals": goals})
        status = 200
    has_errors = status != 200
    context = {
        **agreement_context(agreement, request),
        "formset": formset,
        "has_errors": has_errors,
    }
    return render(request, "followups/indicators_form.html", context, status=status)
