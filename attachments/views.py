"""Attachments: the agreement's list, upload, download (scoped, never a public URL), delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.converters import one_or_404
from common.forms import submit_or_page
from common.permissions import permitted
from partnerships.permissions import can_edit_agreement
from partnerships.selectors import agreement_for_user
from partnerships.tabs import agreement_tabs

from . import permissions, selectors, services
from .forms import UploadForm


def _list_url(agreement_pk: int) -> str:
    return reverse("attachments:agreement_attachments", args=[agreement_pk])


def _target(request: HttpRequest, agreement, form_data) -> object | None:
    """The object the upload hangs on, looked up inside the agreement (404 otherwise)."""
    label, pk = form_data.get("target_type"), form_data.get("target_id")
    if not label:
        return None
    try:
        app_label, model = label.split(".", 1)
        model_class = ContentType.objects.get_by_natural_key(app_label, model).model_class()
    except (ValueError, ContentType.DoesNotExist) as exc:
        raise Http404("Inget sådant mål för bilagan.") from exc
    targets = model_class._default_manager.filter(agreement=agreement)
    return one_or_404(targets, pk, "Inget sådant mål för bilagan.")


def _next_url(request: HttpRequest, agreement_pk: int) -> str:
    """Back to the page the form was on (only a path of this site), else the list."""
    candidate = request.POST.get("next", "")
    if candidate.startswith("/") and not candidate.startswith("//"):
        return candidate
    return _list_url(agreement_pk)


@login_required
@require_GET
def agreement_attachments(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = agreement_for_user(request.user, pk)
    organisations = permissions.upload_organisations(request.user, agreement)
    return render(
        request,
        "attachments/agreement_attachments.html",
        {
            "agreement": agreement,
            "tabs": agreement_tabs(),
            "active_tab": "attachments",
            "attachments": selectors.attachments_of_agreement(request.user, agreement),
            "required": selectors.required_documents_of(
                request.user, agreement, timezone.localdate()
            ),
            "form": UploadForm(organisations=organisations) if organisations else None,
            "can_delete_any": can_edit_agreement(request.user, agreement),
        },
    )


def _upload(request: HttpRequest, agreement, data: dict) -> None:
    services.attachment_upload(
        user=request.user,
        agreement=agreement,
        organisation=data["organisation"],
        kind=data["kind"],
        year=data["year"],
        uploaded=data["file"],
        target=_target(request, agreement, data),
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(request.user, agreement_for_user, pk, permissions.can_upload)
    organisations = permissions.upload_organisations(request.user, agreement)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    context = {"agreement": agreement, "form": form, "next": request.POST.get("next", "")}
    return submit_or_page(
        request,
        form,
        lambda: _upload(request, agreement, form.cleaned_data),
        done="Filen har laddats upp.",
        to=_next_url(request, agreement.pk),
        page=lambda status: render(request, "attachments/upload.html", context, status=status),
    )


def file_response(attachment) -> FileResponse:
    """The file as a download: never shown inline, never sniffed, sandboxed. The caller has
    found the attachment through a scoped selector (404 outside)."""
    handle = attachment.file.storage.open(attachment.file.name, "rb")
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(selectors.attachment_for_user(request.user, pk))


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_for_user(request.user, pk)
    try:
        services.attachment_delete(user=request.user, attachment=attachment)
    except services.ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_list_url(attachment.agreement_id))
    messages.success(request, f"Bilagan {attachment.name} är borttagen.")
    return redirect(_next_url(request, attachment.agreement_id))
