"""Memos (tjänsteskrivelser): create, edit with the version check, preview, issue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import submit_or_page
from common.permissions import permitted, require
from partnerships.tabs import agreement_tabs

from .. import kinds, permissions, selectors, services
from ..forms import MemoForm
from .common import issue, memo_kind, preview_response


@login_required
@require_POST
def memo_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    kind_value = memo_kind(kind)
    require(permissions.can_edit_memo(request.user, agreement))
    if selectors.memo_for_agreement(agreement, kind_value) is None:
        try:
            services.memo_create(user=request.user, agreement=agreement, kind=kind_value)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("documents:agreement_documents", pk=agreement.pk)
        messages.success(
            request, "Tjänsteskrivelsen är skapad med uppgifter från överenskommelsen."
        )
    return redirect("documents:memo_edit", pk=agreement.pk, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def memo_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Edit a memo; a save over somebody else's newer one answers 409, the input kept."""
    agreement = permitted(
        request.user, selectors.agreement_for_documents, pk, permissions.can_edit_memo
    )
    memo = selectors.memo_for_agreement(agreement, memo_kind(kind))
    if memo is None:
        raise Http404("Tjänsteskrivelsen är inte skapad.")
    form = MemoForm(request.POST or None, instance=memo)
    return submit_or_page(
        request,
        form,
        lambda: services.memo_update(
            user=request.user,
            memo=form.instance,
            expected_version=form.cleaned_data["version"],
        ),
        done="Tjänsteskrivelsen är sparad.",
        to=reverse("documents:memo_edit", args=[agreement.pk, kind]),
        page=lambda status: _memo_page(request, agreement, memo, form, kind, status),
    )


def _memo_page(request: HttpRequest, agreement, memo, form, kind: str, status: int):
    context = {
        "agreement": agreement,
        "memo": memo,
        "form": form,
        "kind_slug": kind,
        "tabs": agreement_tabs(),
        "active_tab": "documents",
    }
    return render(request, "documents/memo_form.html", context, status=status)


def _readable_memo(request: HttpRequest, pk: int, kind: str):
    agreement = selectors.agreement_for_documents(request.user, pk)
    kind_value = memo_kind(kind)
    require(permissions.can_read_memos(request.user, agreement))
    memo = selectors.memo_for_agreement(agreement, kind_value)
    if memo is None:
        raise Http404("Tjänsteskrivelsen är inte skapad.")
    return agreement, memo


@login_required
@require_GET
def memo_preview(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    _, memo = _readable_memo(request, pk, kind)
    return preview_response(request, memo.pk, kinds.memo_snapshot(memo.pk))


@login_required
@require_POST
def memo_issue(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    agreement, memo = _readable_memo(request, pk, kind)
    require(permissions.can_issue_documents(request.user, agreement))
    return issue(
        request,
        agreement,
        lambda: services.memo_issue(user=request.user, memo=memo),
        "Tjänsteskrivelsen",
    )
