"""The public body's handling: status, asking for completion, making a draft agreement."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from common.forms import submit_or_page
from common.permissions import require

from .. import selectors, services
from ..forms import AgreementDraftForm, CompletionForm, StatusForm
from ..permissions import can_handle_initiative, can_make_agreement
from ._page import detail_context


def _detail_again(request, initiative, status: int, **forms) -> HttpResponse:
    context = detail_context(initiative, user=request.user, handles=True, **forms)
    return render(request, "initiatives/detail.html", context, status=status)


@login_required
@require_POST
def initiative_status(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    require(can_handle_initiative(request.user, initiative))
    form = StatusForm(request.POST)
    return submit_or_page(
        request,
        form,
        lambda: services.initiative_set_status(
            user=request.user,
            initiative=initiative,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        ),
        done="Status är ändrad.",
        to=initiative,
        page=lambda status: _detail_again(request, initiative, status, status_form=form),
    )


@login_required
@require_POST
def initiative_completion(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    require(can_handle_initiative(request.user, initiative))
    form = CompletionForm(request.POST)
    return submit_or_page(
        request,
        form,
        lambda: services.initiative_request_completion(
            user=request.user,
            initiative=initiative,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
        ),
        done=_completion_requested,
        to=initiative,
        page=lambda status: _detail_again(request, initiative, status, completion_form=form),
    )


def _completion_requested(sent: list[str]) -> str:
    told = f" {len(sent)} mottagare får e-post." if sent else " Ingen partner har e-post."
    return "Begäran om komplettering är sparad." + told


@login_required
@require_POST
def initiative_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    require(can_make_agreement(request.user, initiative))
    form = AgreementDraftForm(request.POST)
    return submit_or_page(
        request,
        form,
        lambda: services.initiative_make_agreement(
            user=request.user,
            initiative=initiative,
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            expected_version=form.cleaned_data["version"],
        ),
        done="Ett utkast till överenskommelse är skapat från initiativet.",
        to=lambda agreement: agreement,
        page=lambda status: _detail_again(request, initiative, status, agreement_form=form),
    )
