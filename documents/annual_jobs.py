"""The annual report's jobs: queue one per board and year, show its status, retry.

The render itself runs in a worker (``tasks.render_annual_report``); this module only
writes the job rows and enqueues. Imports go one way: ``annual_jobs`` -> ``tasks`` ->
``issuing``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.permissions import require
from partnerships.models import Board, User

from .models import AnnualReportJob
from .permissions import can_issue_annual_report
from .tasks import render_annual_report

logger = logging.getLogger(__name__)

#: A render still "running" after this long is taken as killed (the worker died): it is
#: shown as failed and may be retried. A stale attempt that finishes later is discarded.
STALE_AFTER = dt.timedelta(minutes=15)

KILLED_MESSAGE = (
    "Arbetet med årsrapporten avbröts innan det blev klart. Inget dokument har sparats. "
    "Försök igen."
)


def annual_report_status(job: AnnualReportJob, *, now: dt.datetime | None = None) -> str:
    """The status to show: the stored one, except that a render running longer than
    ``STALE_AFTER`` (or whose task the backend reports as failed) counts as failed."""
    now = now or timezone.now()
    if job.status == AnnualReportJob.Status.RUNNING:
        started = job.started_at or job.created_at
        if now - started > STALE_AFTER or _backend_says_failed(job):
            return AnnualReportJob.Status.FAILED
    return job.status


def annual_report_message(job: AnnualReportJob, *, now: dt.datetime | None = None) -> str:
    status = annual_report_status(job, now=now)
    if status != AnnualReportJob.Status.FAILED:
        return ""
    return job.error or KILLED_MESSAGE


def _backend_says_failed(job: AnnualReportJob) -> bool:
    """Ask the task backend, when it keeps results (the database backend does)."""
    if not job.task_id:
        return False
    try:
        from django.tasks import TaskResultStatus, default_task_backend

        if not default_task_backend.supports_get_result:
            return False
        result = default_task_backend.get_result(job.task_id)
    except Exception:  # noqa: BLE001 - an unknown id or backend must not break the page
        return False
    return result.status == TaskResultStatus.FAILED


def _enqueue(job: AnnualReportJob) -> None:
    try:
        result = render_annual_report.enqueue(job.pk, job.attempt)
    except Exception:
        logger.exception("Could not enqueue annual report job %s", job.pk)
        AnnualReportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
            status=AnnualReportJob.Status.FAILED,
            error="Årsrapporten kunde inte läggas i kö. Försök igen om en stund.",
            finished_at=timezone.now(),
        )
        return
    # (The immediate backend has already run the task; only the id is added here.)
    AnnualReportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
        task_id=str(result.id)[:64]
    )


def annual_report_request(*, user: User, board: Board, year: int) -> AnnualReportJob:
    """Queue the annual report of ``board`` for ``year``; one active job per board and year."""
    require(can_issue_annual_report(user, board))
    if not 1990 <= year <= 2200:
        raise ValidationError("Ange ett giltigt år.")
    with transaction.atomic():
        active = (
            AnnualReportJob.objects.select_for_update()
            .filter(
                board=board,
                year=year,
                status__in=[AnnualReportJob.Status.QUEUED, AnnualReportJob.Status.RUNNING],
            )
            .first()
        )
        if active is not None and annual_report_status(active) != AnnualReportJob.Status.FAILED:
            raise ValidationError(f"Årsrapporten för {year} håller redan på att skapas.")
        if active is not None:  # a killed render: give it up so a new job can start
            _give_up(active)
        job = AnnualReportJob(board=board, year=year, requested_by=user)
        job.full_clean()
        job.save()
    _enqueue(job)
    job.refresh_from_db()
    return job


def _give_up(job: AnnualReportJob) -> None:
    AnnualReportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
        status=AnnualReportJob.Status.FAILED,
        error=job.error or KILLED_MESSAGE,
        finished_at=timezone.now(),
    )


def annual_report_retry(*, user: User, job: AnnualReportJob) -> AnnualReportJob:
    """Run a failed (or killed) job again as a new attempt."""
    require(can_issue_annual_report(user, job.board))
    with transaction.atomic():
        job = AnnualReportJob.objects.select_for_update().get(pk=job.pk)
        if annual_report_status(job) != AnnualReportJob.Status.FAILED:
            raise ValidationError("Bara en misslyckad årsrapport kan försökas igen.")
        other_active = (
            AnnualReportJob.objects.filter(
                board=job.board,
                year=job.year,
                status__in=[AnnualReportJob.Status.QUEUED, AnnualReportJob.Status.RUNNING],
            )
            .exclude(pk=job.pk)
            .exists()
        )
        if other_active:
            raise ValidationError(f"Årsrapporten för {job.year} håller redan på att skapas.")
        job.attempt += 1
        job.status = AnnualReportJob.Status.QUEUED
        job.error = ""
        job.task_id = ""
        job.started_at = None
        job.finished_at = None
        job.requested_by = user
        job.save()
    _enqueue(job)
    job.refresh_from_db()
    return job
