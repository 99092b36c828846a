"""What every finance view shares: the economy tab's address, the edit permission, the
compensation year being edited and the one form page (``finance/form.html``)."""

import datetime
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from common.forms import submit_or_page
from common.permissions import Decision, require
from partnerships.models import Agreement
from partnerships.selectors import agreement_for_user

from .. import permissions, selectors
from ..models import Compensation

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


def editable_compensation(request: HttpRequest, compensation_pk: int) -> Compensation:
    """The compensation if the user sees it (else 404) and may change its money (else 403)."""
    compensation = selectors.compensation_for_user(request.user, compensation_pk)
    require_edit(request, compensation.agreement)
    return compensation


def editable_year(
    request: HttpRequest,
    compensation_pk: int,
    year: int,
    rule: Callable[..., Decision] = permissions.ledger_year,
    today: datetime.date | None = None,
):
    """The compensation and its ledger row of ``year``, when the user may change its money
    and ``rule`` allows the row (a year of the agreement, by default; else 403)."""
    compensation = editable_compensation(request, compensation_pk)
    row = selectors.compensation_ledger(compensation, today or timezone.localdate()).row(year)
    require(rule(row))
    return compensation, row


def finance_form(
    request: HttpRequest,
    form,
    save: Callable[[], object],
    *,
    done: str | Callable,
    title: str,
    agreement: Agreement | None = None,
    **page,
) -> HttpResponse:
    """How a finance edit view ends: ``submit`` the form to ``save``; saved, the message
    ``done`` and back to the agreement's economy tab (the index values without an
    agreement); else the form page again (``page``: its intro, submit label, extra context)."""
    return submit_or_page(
        request,
        form,
        save,
        done=done,
        to=economy_url(agreement) if agreement else index_values_url(),
        page=lambda status: form_page(
            request, form, title=title, agreement=agreement, status=status, **page
        ),
    )


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
