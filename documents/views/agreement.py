"""The agreement's documents page, the agreement and follow-up report PDFs, downloads."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from common.permissions import permitted, require

from .. import kinds, permissions, selectors, services
from ..models import IssuedDocument
from .common import documents_page, issue, pdf_response, preview_response

logger = logging.getLogger("documents.integrity")


@login_required
@require_GET
def agreement_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return documents_page(request, selectors.agreement_for_documents(request.user, pk))


@login_required
@require_GET
def agreement_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement as it would print now; for everyone who can see the agreement."""
    agreement = selectors.agreement_for_documents(request.user, pk)
    return preview_response(request, agreement.pk, kinds.agreement_snapshot(agreement.pk))


@login_required
@require_POST
def agreement_issue(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_for_documents, pk, permissions.can_issue_documents
    )
    return issue(
        request,
        agreement,
        lambda: services.agreement_issue(user=request.user, agreement=agreement),
        "Överenskommelsen",
    )


@login_required
@require_GET
def issued_document_download(request: HttpRequest, document_pk: int) -> HttpResponse:
    """The issued PDF, only when its bytes and data still match their checksums."""
    document: IssuedDocument = selectors.issued_document_for_user(request.user, document_pk)
    if not document.verify():
        logger.critical(
            "Issued document %s (%s, version %s) fails its checksum check: stored sha256 %s, "
            "content sha256 %s. Not served (requested by user %s).",
            document.pk,
            document.kind,
            document.version,
            document.sha256,
            IssuedDocument.checksum(document.content),
            request.user.pk,
        )
        return render(request, "documents/integrity_error.html", {"document": document}, status=500)
    return pdf_response(document.content, document.filename, inline=False)


@login_required
@require_GET
def followup_report_preview(request: HttpRequest, pk: int, round_pk: int) -> HttpResponse:
    """The report of a round as it would print now (submitted reports only); for everyone
    who can see the agreement, partners included."""
    agreement = selectors.agreement_for_documents(request.user, pk)
    round = selectors.round_for_documents(agreement, round_pk)
    snapshot = kinds.followup_report_snapshot(round.pk)
    return preview_response(request, round.pk, snapshot)


@login_required
@require_POST
def followup_report_issue(request: HttpRequest, pk: int, round_pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    round = selectors.round_for_documents(agreement, round_pk)
    require(permissions.can_issue_documents(request.user, agreement))
    try:
        document = services.followup_report_issue(user=request.user, round=round)
    except ValidationError as refused:
        return documents_page(request, agreement, problems=refused.messages, status=400)
    messages.success(
        request,
        f"Uppföljningsrapporten för {round.period_label} är utfärdad som version "
        f"{document.version}.",
    )
    return redirect("documents:agreement_documents", pk=agreement.pk)
