"""The finance system: accounting codes (kontering) and SIE 4I export batches."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from common.forms import submit_or_page
from common.permissions import require

from . import sie_export
from .forms import AccountingDefaultsForm, CompensationCodingForm, SieExportForm
from .models import SieExportBatch

FORM_TEMPLATE = "finance/form.html"


def _coding_page(request, form_class, owner: dict, save, saved_as: str, *, to, **page):
    """The coding of ``owner`` (its organisation or its compensation; a new one if none):
    ``save(user=, <saved_as>=coding, expected_version=)``, back to ``to``; else the form
    again (``page``: title, intro, breadcrumb)."""
    model = form_class._meta.model
    instance = model.objects.filter(**owner).first() or model(**owner)
    # 0 for a coding not saved yet: if somebody else saves one first, this save is a 409.
    version = instance.version if instance.pk else 0
    form = form_class(request.POST or None, instance=instance, initial={"version": version})
    context = {"form": form, "cancel_url": to, **page}
    return submit_or_page(
        request,
        form,
        lambda: save(
            user=request.user,
            **{saved_as: form.instance},
            expected_version=form.cleaned_data["version"],
        ),
        done="Konteringen är sparad.",
        to=to,
        page=lambda status: render(request, FORM_TEMPLATE, context, status=status),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accounting_defaults(request: HttpRequest) -> HttpResponse:
    require(sie_export.can_export_payments(request.user))
    organisation = request.user.organisation
    exports = reverse("finance:sie_exports")
    return _coding_page(
        request,
        AccountingDefaultsForm,
        {"organisation": organisation},
        sie_export.accounting_defaults_save,
        "defaults",
        to=exports,
        title=f"Kontering för {organisation.name}",
        intro="Koderna gäller alla ersättningar som inte har en egen kontering.",
        breadcrumb_url=exports,
        breadcrumb_label="Export till ekonomisystemet",
    )


@login_required
@require_http_methods(["GET", "POST"])
def compensation_coding(request: HttpRequest, compensation_pk: int) -> HttpResponse:
    require(sie_export.can_export_payments(request.user))
    compensation = sie_export.compensation_for_coding(request.user, compensation_pk)
    return _coding_page(
        request,
        CompensationCodingForm,
        {"compensation": compensation},
        sie_export.compensation_coding_save,
        "coding",
        to=reverse("finance:economy", args=[compensation.agreement_id]),
        title=f"Kontering för ersättningen till {compensation.party.organisation.name}",
        intro="Lämna ett fält tomt för att använda organisationens kontering.",
        agreement=compensation.agreement,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sie_exports(request: HttpRequest) -> HttpResponse:
    require(sie_export.can_export_payments(request.user))
    today = timezone.localdate()
    form = SieExportForm(
        request.POST or None, initial={"planned_until": dt.date(today.year, 12, 31)}
    )
    return submit_or_page(
        request,
        form,
        lambda: sie_export.sie_export_create(user=request.user, today=today, **form.cleaned_data),
        done=lambda batch: (
            f"Export {batch.number} är skapad med {batch.voucher_count} verifikationer."
        ),
        to="finance:sie_exports",
        page=lambda status: _sie_exports_page(request, form, status),
    )


def _sie_exports_page(request: HttpRequest, form, status: int) -> HttpResponse:
    batches = (
        SieExportBatch.objects.filter(organisation=request.user.organisation)
        .defer("content")
        .select_related("created_by")
    )
    context = {"form": form, "batches": batches[:50]}
    return render(request, "finance/sie_exports.html", context, status=status)


@login_required
@require_GET
def sie_export_download(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """The batch's file, byte for byte as first written (an explicit "export again")."""
    require(sie_export.can_export_payments(request.user))
    batch = sie_export.batch_for_user(request.user, batch_pk)
    SieExportBatch.objects.filter(pk=batch.pk).update(download_count=F("download_count") + 1)
    response = HttpResponse(bytes(batch.content), content_type="text/plain; charset=IBM437")
    response["Content-Disposition"] = f'attachment; filename="{batch.filename}"'
    return response
