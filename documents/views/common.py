"""What the documents views share: PDF responses, previews with their limit, the memo kind
in the URL, the documents page of an agreement and issuing a document from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from common.forms import act
from followups import documents_data as followup_data
from partnerships.models import Agreement
from partnerships.tabs import agreement_tabs

from .. import kinds, permissions, previews, selectors
from ..models import MemoKind

MEMO_KIND_SLUGS = {"ny": MemoKind.NEW, "forlangning": MemoKind.RENEWAL}
MEMO_SLUG_FOR_KIND = {kind: slug for slug, kind in MEMO_KIND_SLUGS.items()}


def memo_kind(slug: str) -> MemoKind:
    try:
        return MEMO_KIND_SLUGS[slug]
    except KeyError as exc:
        raise Http404("Ingen sådan tjänsteskrivelse.") from exc


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def preview_response(request: HttpRequest, subject: object, snapshot: dict[str, Any]):
    """The preview PDF, or 429 with a Swedish message while the user's other render runs."""
    try:
        pdf = previews.preview_pdf(user=request.user, subject=subject, snapshot=snapshot)
    except previews.RenderBusy as busy:
        response = render(request, "documents/busy.html", {"message": str(busy)}, status=429)
        response["Retry-After"] = "5"
        return response
    return pdf_response(pdf, kinds.document_meta(snapshot)["filename"])


def documents_page(
    request: HttpRequest, agreement: Agreement, *, problems: list[str] = (), status: int = 200
) -> HttpResponse:
    """The documents tab of an agreement; ``problems`` are why an issue was refused."""
    user = request.user
    can_issue = permissions.can_issue_documents(user, agreement)
    memos = selectors.memos_for_agreement(agreement) if can_issue else {}
    context = {
        "agreement": agreement,
        "problems": problems,
        "documents": selectors.issued_documents_for_agreement(user, agreement),
        "can_issue": can_issue,
        "can_edit_memo": permissions.can_edit_memo(user, agreement),
        "memo_rows": [
            {"kind": kind, "slug": MEMO_SLUG_FOR_KIND[kind], "memo": memos.get(kind.value)}
            for kind in MemoKind
        ],
        "rounds": followup_data.rounds_for_documents(agreement),
        "can_annual_report": agreement.board is not None
        and permissions.can_issue_annual_report(user, agreement.board),
        "tabs": agreement_tabs(),
        "active_tab": "documents",
    }
    return render(request, "documents/agreement_documents.html", context, status=status)


def issue(
    request: HttpRequest, agreement: Agreement, issuing: Callable[[], Any], what: str
) -> HttpResponse:
    """Issue a document of the agreement (``what``: "Överenskommelsen"): its version said and
    back to the documents page, or that page again with why it was refused (400)."""
    return act(
        request,
        issuing,
        done=lambda document: f"{what} är utfärdad som version {document.version}.",
        to=reverse("documents:agreement_documents", kwargs={"pk": agreement.pk}),
        refused=lambda error: documents_page(
            request, agreement, problems=error.messages, status=400
        ),
    )
