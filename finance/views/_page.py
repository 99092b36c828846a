"""What every finance view shares: the economy tab's address, the edit permission and the
one form page (``finance/form.html``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from common.permissions import require
from partnerships.models import Agreement
from partnerships.selectors import agreement_for_user

from .. import permissions

FORM_TEMPLATE = "finance/form.html"


def economy_url(agreement: Agreement) -> str:
    return reverse("finance:economy", args=[agreement.pk])


def index_values_url() -> str:
    return reverse("finance:index_values")


def editable_agreement(request: HttpRequest, pk: int) -> Agreement:
    """The agreement if the user sees it (else 404) and may change its money (else 403)."""
    agreement = agreement_for_user(request.user, pk)
    require_edit(request, agreement)
    return agreement


def require_edit(request: HttpRequest, agreement: Agreement) -> None:
    require(permissions.can_edit_economy(request.user, agreement))


def form_page(
    request: HttpRequest,
    form,
    *,
    title: str,
    status: int,
    agreement: Agreement | None = None,
    intro: str = "",
    submit: str = "Spara",
    cancel_url: str = "",
    extra: dict | None = None,
) -> HttpResponse:
    """The one page a finance form is shown on, with the status ``submit`` answered."""
    context = {
        "form": form,
        "title": title,
        "agreement": agreement,
        "intro": intro,
        "submit": submit,
        "cancel_url": cancel_url or (economy_url(agreement) if agreement else index_values_url()),
    }
    context.update(extra or {})
    return render(request, FORM_TEMPLATE, context, status=status)
