"""Background tasks of the documents app (Django's task framework, ``django.tasks``).

The annual report covers all of a board's agreements and takes seconds to render, so it
runs in a worker (``manage.py db_worker`` with the django-tasks-db backend, see
``TASKS`` in the settings). The task takes ids only (JSON-safe) and does its work in
``services.annual_report_run``, which keeps the job row up to date for the status page.
"""

from django.tasks import task

from . import services


@task()
def render_annual_report(job_id: int, attempt: int) -> int | None:
    """Render and issue the annual report of an ``AnnualReportJob``; the document id."""
    return services.annual_report_run(job_id=job_id, attempt=attempt)
