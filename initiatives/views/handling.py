"""The public body's handling: status, asking for completion, making a draft agreement."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from common.forms import submit_or_page
from common.permissions import Decision, permitted

from .. import selectors, services
from ..forms import AgreementDraftForm, CompletionForm, StatusForm
from ..permissions import can_handle_initiative, can_make_agreement
from ._page import detail_context


def _detail_again(request, initiative, status: int, **forms) -> HttpResponse:
    context = detail_context(initiative, user=request.user, handles=True, **forms)
    return render(request, "initiatives/detail.html", context, status=status)


def _handling_step(
    request: HttpRequest,
    pk: int,
    form_name: str,
    service: Callable[..., Any],
    *,
    done: str | Callable[[Any], str],
    to: Any = None,
    rule: Callable[..., Decision] = can_handle_initiative,
) -> HttpResponse:
    """A form on the initiative page (``form_name`` in its context): the user must pass
    ``rule``; the form's values go to ``service(user=, initiative=, expected_version=,
    **values)``; saved, back to ``to`` (the initiative); else the page with the form again."""
    initiative = permitted(request.user, selectors.initiative_for_user, pk, rule)
    form = FORMS[form_name](request.POST)

    def save():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        return service(user=request.user, initiative=initiative, expected_version=version, **values)

    return submit_or_page(
        request,
        form,
        save,
        done=done,
        to=to or initiative,
        page=lambda status: _detail_again(request, initiative, status, **{form_name: form}),
    )


FORMS = {
    "status_form": StatusForm,
    "completion_form": CompletionForm,
    "agreement_form": AgreementDraftForm,
}


@login_required
@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _handling_step(
        request, pk, "status_form", services.initiative_set_status, done="Status är ändrad."
    )


@login_required
@require_POST
def initiative_completion(request: HttpRequest, pk: int) -> HttpResponse:
    return _handling_step(
        request,
        pk,
        "completion_form",
        services.initiative_request_completion,
        done=_completion_requested,
    )


def _completion_requested(sent: list[str]) -> str:
    told = f" {len(sent)} mottagare får e-post." if sent else " Ingen partner har e-post."
    return "Begäran om komplettering är sparad." + told


@login_required
@require_POST
def initiative_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    return _handling_step(
        request,
        pk,
        "agreement_form",
        services.initiative_make_agreement,
        done="Ett utkast till överenskommelse är skapat från initiativet.",
        to=lambda agreement: agreement,
        rule=can_make_agreement,
    )
