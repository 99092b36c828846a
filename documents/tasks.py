"""Background tasks of the documents app (Django's task framework, ``django.tasks``).

The annual report covers all of a board's agreements and takes seconds to render, so it
runs in a worker (``manage.py db_worker`` with the django-tasks-db backend, see
``TASKS`` in the settings). The task takes ids only (JSON-safe); ``annual_report_run``
keeps the job row up to date for the status page and issues through
``issuing.document_issue`` like every other document.
"""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import kinds
from .issuing import document_issue
from .models import AnnualReportJob, DocumentKind

FAILED_MESSAGE = (
    "Årsrapporten kunde inte skapas. Inget dokument har sparats. Försök igen; om felet "
    "kvarstår, kontakta systemförvaltningen."
)


@task()
def render_annual_report(job_id: int, attempt: int) -> int | None:
    """Render and issue the annual report of an ``AnnualReportJob``; the document id."""
    return annual_report_run(job_id=job_id, attempt=attempt)


def annual_report_run(*, job_id: int, attempt: int) -> int | None:
    """The body of the background task: render and issue, or record the failure.

    Returns the issued document's id, or None when the attempt is no longer current (a
    retry superseded it, or it already ran). Re-raises the error after recording it, so
    the task backend marks the task failed too."""
    claimed = AnnualReportJob.objects.filter(
        pk=job_id, attempt=attempt, status=AnnualReportJob.Status.QUEUED
    ).update(status=AnnualReportJob.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        return None
    job = AnnualReportJob.objects.select_related("board__organisation", "requested_by").get(
        pk=job_id
    )
    try:
        snapshot = kinds.annual_report_snapshot(job.board_id, job.year)
        with transaction.atomic():
            current = (
                AnnualReportJob.objects.select_for_update()
                .filter(pk=job_id, attempt=attempt, status=AnnualReportJob.Status.RUNNING)
                .first()
            )
            if current is None:
                return None
            document = document_issue(
                user=job.requested_by,
                kind=DocumentKind.ANNUAL_REPORT,
                snapshot=snapshot,
                agreement=None,
                subject_key=job.subject_key,
                organisation=job.board.organisation,
            )
            current.status = AnnualReportJob.Status.DONE
            current.document = document
            current.finished_at = timezone.now()
            current.save(update_fields=["status", "document", "finished_at"])
        return document.pk
    except Exception:
        AnnualReportJob.objects.filter(pk=job_id, attempt=attempt).update(
            status=AnnualReportJob.Status.FAILED,
            error=FAILED_MESSAGE,
            finished_at=timezone.now(),
        )
        raise
