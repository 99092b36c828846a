"""Thin views: load via selectors (404 outside scope), check permissions (403), call
services, return PDFs with safe headers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from followups import documents_data as followup_data
from partnerships.tabs import agreement_tabs

from . import builders, permissions, selectors, services
from .forms import AnnualReportForm, MemoForm
from .models import AnnualReportJob, IssuedDocument, MemoKind

MEMO_KIND_SLUGS = {"ny": MemoKind.NEW, "forlangning": MemoKind.RENEWAL}
MEMO_SLUG_FOR_KIND = {kind: slug for slug, kind in MEMO_KIND_SLUGS.items()}
REFRESH_SECONDS = 3


def _memo_kind(slug: str) -> MemoKind:
    try:
        return MEMO_KIND_SLUGS[slug]
    except KeyError as exc:
        raise Http404("Ingen sådan tjänsteskrivelse.") from exc


def _pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def agreement_documents(request: HttpRequest, pk: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    can_issue = permissions.can_issue_documents(request.user, agreement)
    memos = selectors.memos_for_agreement(agreement) if can_issue else {}
    memo_rows = [
        {"kind": kind, "slug": MEMO_SLUG_FOR_KIND[kind], "memo": memos.get(kind.value)}
        for kind in MemoKind
    ]
    return render(
        request,
        "documents/agreement_documents.html",
        {
            "agreement": agreement,
            "documents": selectors.issued_documents_for_agreement(request.user, agreement),
            "can_issue": can_issue,
            "can_edit_memo": permissions.can_edit_memo(request.user, agreement),
            "memo_rows": memo_rows,
            "rounds": followup_data.rounds_for_documents(agreement),
            "can_annual_report": agreement.board is not None
            and permissions.can_issue_annual_report(request.user, agreement.board),
            "tabs": agreement_tabs(),
            "active_tab": "documents",
        },
    )


@login_required
@require_GET
def agreement_preview(request: HttpRequest, pk: str) -> HttpResponse:
    """The agreement as it would print now; for everyone who can see the agreement."""
    agreement = selectors.agreement_for_documents(request.user, pk)
    snapshot = builders.agreement_snapshot(agreement.pk)
    meta = builders.document_meta(snapshot)
    return _pdf_response(builders.render_snapshot(snapshot), meta["filename"])


@login_required
@require_POST
def agreement_issue(request: HttpRequest, pk: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    if not permissions.can_issue_documents(request.user, agreement):
        raise PermissionDenied
    document = services.agreement_issue(user=request.user, agreement=agreement)
    messages.success(request, f"Överenskommelsen är utfärdad som version {document.version}.")
    return redirect("documents:agreement_documents", pk=agreement.pk)


@login_required
@require_GET
def issued_document_download(request: HttpRequest, document_pk: str) -> HttpResponse:
    document: IssuedDocument = selectors.issued_document_for_user(request.user, document_pk)
    return _pdf_response(document.content, document.filename, inline=False)


@login_required
@require_POST
def memo_create(request: HttpRequest, pk: str, kind: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    memo_kind = _memo_kind(kind)
    if not permissions.can_edit_memo(request.user, agreement):
        raise PermissionDenied
    existing = selectors.memo_for_agreement(agreement, memo_kind)
    if existing is None:
        try:
            services.memo_create(user=request.user, agreement=agreement, kind=memo_kind)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("documents:agreement_documents", pk=agreement.pk)
        messages.success(
            request, "Tjänsteskrivelsen är skapad med uppgifter från överenskommelsen."
        )
    return redirect("documents:memo_edit", pk=agreement.pk, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def memo_edit(request: HttpRequest, pk: str, kind: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    memo_kind = _memo_kind(kind)
    if not permissions.can_edit_memo(request.user, agreement):
        raise PermissionDenied
    memo = selectors.memo_for_agreement(agreement, memo_kind)
    if memo is None:
        raise Http404("Tjänsteskrivelsen är inte skapad.")
    form = MemoForm(request.POST or None, instance=memo)
    if request.method == "POST" and form.is_valid():
        services.memo_update(user=request.user, form=form)
        messages.success(request, "Tjänsteskrivelsen är sparad.")
        return redirect(reverse("documents:memo_edit", args=[agreement.pk, kind]))
    return render(
        request,
        "documents/memo_form.html",
        {
            "agreement": agreement,
            "memo": memo,
            "form": form,
            "kind_slug": kind,
            "can_issue": permissions.can_issue_documents(request.user, agreement),
            "tabs": agreement_tabs(),
            "active_tab": "documents",
        },
        status=400 if request.method == "POST" else 200,
    )


def _readable_memo(request: HttpRequest, pk: str, kind: str):
    agreement = selectors.agreement_for_documents(request.user, pk)
    memo_kind = _memo_kind(kind)
    if not permissions.can_read_memos(request.user, agreement):
        raise PermissionDenied
    memo = selectors.memo_for_agreement(agreement, memo_kind)
    if memo is None:
        raise Http404("Tjänsteskrivelsen är inte skapad.")
    return agreement, memo


@login_required
@require_GET
def memo_preview(request: HttpRequest, pk: str, kind: str) -> HttpResponse:
    _, memo = _readable_memo(request, pk, kind)
    snapshot = builders.memo_snapshot(memo.pk)
    meta = builders.document_meta(snapshot)
    return _pdf_response(builders.render_snapshot(snapshot), meta["filename"])


@login_required
@require_POST
def memo_issue(request: HttpRequest, pk: str, kind: str) -> HttpResponse:
    agreement, memo = _readable_memo(request, pk, kind)
    if not permissions.can_issue_documents(request.user, agreement):
        raise PermissionDenied
    document = services.memo_issue(user=request.user, memo=memo)
    messages.success(request, f"Tjänsteskrivelsen är utfärdad som version {document.version}.")
    return redirect("documents:agreement_documents", pk=agreement.pk)


# --- the follow-up report ------------------------------------------------------------------


@login_required
@require_GET
def followup_report_preview(request: HttpRequest, pk: str, round_pk: str) -> HttpResponse:
    """The report of a round as it would print now (submitted reports only); for everyone
    who can see the agreement, partners included."""
    agreement = selectors.agreement_for_documents(request.user, pk)
    round = selectors.round_for_documents(agreement, round_pk)
    snapshot = builders.followup_report_snapshot(round.pk)
    meta = builders.document_meta(snapshot)
    return _pdf_response(builders.render_snapshot(snapshot), meta["filename"])


@login_required
@require_POST
def followup_report_issue(request: HttpRequest, pk: str, round_pk: str) -> HttpResponse:
    agreement = selectors.agreement_for_documents(request.user, pk)
    round = selectors.round_for_documents(agreement, round_pk)
    if not permissions.can_issue_documents(request.user, agreement):
        raise PermissionDenied
    document = services.followup_report_issue(user=request.user, round=round)
    messages.success(
        request,
        f"Uppföljningsrapporten för {round.period_label} är utfärdad som version "
        f"{document.version}.",
    )
    return redirect("documents:agreement_documents", pk=agreement.pk)


# --- the annual report to the board ----------------------------------------------------------


def _board_for_staff(request: HttpRequest, board_pk: str):
    board = selectors.board_for_user(request.user, board_pk)
    if not permissions.can_issue_annual_report(request.user, board):
        raise PermissionDenied
    return board


@login_required
@require_http_methods(["GET", "POST"])
def board_annual_reports(request: HttpRequest, board_pk: str) -> HttpResponse:
    """The board's annual reports: their status, and a form to start a new one."""
    board = _board_for_staff(request, board_pk)
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.annual_report_request(
                user=request.user, board=board, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("documents:board_annual_reports", board_pk=board.pk)
        return redirect("documents:annual_report_job", job_pk=job.pk)
    now = timezone.now()
    jobs = [
        {
            "job": job,
            "status": services.annual_report_status(job, now=now),
            "message": services.annual_report_message(job, now=now),
        }
        for job in selectors.annual_report_jobs(board)
    ]
    return render(
        request,
        "documents/board_annual_reports.html",
        {
            "board": board,
            "form": form,
            "jobs": jobs,
            "documents": selectors.issued_annual_reports(board),
            "Status": AnnualReportJob.Status,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def annual_report_job(request: HttpRequest, job_pk: str) -> HttpResponse:
    """Status of one annual report render; refreshes itself until it is done or failed."""
    job = selectors.annual_report_job_for_user(request.user, job_pk)
    if not permissions.can_issue_annual_report(request.user, job.board):
        raise PermissionDenied
    status = services.annual_report_status(job)
    response = render(
        request,
        "documents/annual_report_job.html",
        {
            "board": job.board,
            "job": job,
            "status": status,
            "status_label": AnnualReportJob.Status(status).label,
            "message": services.annual_report_message(job),
            "Status": AnnualReportJob.Status,
            "refresh_seconds": REFRESH_SECONDS,
        },
    )
    if status in (AnnualReportJob.Status.QUEUED, AnnualReportJob.Status.RUNNING):
        response["Refresh"] = str(REFRESH_SECONDS)  # no JavaScript needed
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def annual_report_retry(request: HttpRequest, job_pk: str) -> HttpResponse:
    job = selectors.annual_report_job_for_user(request.user, job_pk)
    if not permissions.can_issue_annual_report(request.user, job.board):
        raise PermissionDenied
    try:
        job = services.annual_report_retry(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("documents:annual_report_job", job_pk=job.pk)


@login_required
@require_GET
def boards_index(request: HttpRequest) -> HttpResponse:
    """The boards whose annual reports the user may make (their own organisation's)."""
    boards = [
        board
        for board in selectors.boards_visible_to(request.user)
        .select_related("organisation")
        .order_by("organisation__name", "name")
        if permissions.can_issue_annual_report(request.user, board)
    ]
    if not boards:
        raise PermissionDenied
    return render(request, "documents/boards_index.html", {"boards": boards})
