"""The annual reports of a board: order one, follow its render, retry, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.permissions import permitted, require

from .. import annual_jobs, permissions, selectors
from ..forms import AnnualReportForm
from ..models import AnnualReportJob

REFRESH_SECONDS = 3


def _board_for_staff(request: HttpRequest, board_pk: int):
    return permitted(
        request.user, selectors.board_for_user, board_pk, permissions.can_issue_annual_report
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_annual_reports(request: HttpRequest, board_pk: int) -> HttpResponse:
    """The board's annual reports: their status, and a form to start a new one."""
    board = _board_for_staff(request, board_pk)
    form = AnnualReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = annual_jobs.annual_report_request(
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
            "status": annual_jobs.annual_report_status(job, now=now),
            "message": annual_jobs.annual_report_message(job, now=now),
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
def annual_report_job(request: HttpRequest, job_pk: int) -> HttpResponse:
    """Status of one annual report render; refreshes itself until it is done or failed."""
    job = selectors.annual_report_job_for_user(request.user, job_pk)
    require(permissions.can_issue_annual_report(request.user, job.board))
    status = annual_jobs.annual_report_status(job)
    response = render(
        request,
        "documents/annual_report_job.html",
        {
            "board": job.board,
            "job": job,
            "status": status,
            "status_label": AnnualReportJob.Status(status).label,
            "message": annual_jobs.annual_report_message(job),
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
def annual_report_retry(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = selectors.annual_report_job_for_user(request.user, job_pk)
    require(permissions.can_issue_annual_report(request.user, job.board))
    try:
        job = annual_jobs.annual_report_retry(user=request.user, job=job)
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
    require(permissions.can_open_annual_reports(boards))
    return render(request, "documents/boards_index.html", {"boards": boards})
