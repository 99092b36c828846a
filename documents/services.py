"""Writes of the documents app: issuing (immutable, versioned) and memo editing.

Each write is atomic and calls ``full_clean``. Issuing renders inside the transaction that
takes the next version number, so two clicks cannot issue the same version twice (the
agreement row is locked on PostgreSQL; the unique constraint backs it up everywhere).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils import timezone

from followups.models import FollowUpRound
from partnerships.audit import log_event
from partnerships.formatting import format_date
from partnerships.models import Agreement, Board, Organisation, Sector, User

from . import builders, providers, texts
from .models import AnnualReportJob, DocumentKind, IssuedDocument, Memo, MemoKind
from .permissions import can_edit_memo, can_issue_annual_report, can_issue_documents

logger = logging.getLogger(__name__)


def _issuing_organisation(user: User, agreement: Agreement | None) -> Organisation:
    if user.organisation is not None and user.organisation.sector == Sector.PUBLIC:
        return user.organisation
    if agreement is not None:
        if agreement.board is not None:
            return agreement.board.organisation
        for party in agreement.parties.select_related("organisation"):
            if party.role == Sector.PUBLIC:
                return party.organisation
    raise ValidationError("Ingen offentlig part kan stå som utfärdare av dokumentet.")


@transaction.atomic
def issued_document_create(
    *,
    user: User,
    kind: DocumentKind,
    snapshot: dict[str, Any],
    agreement: Agreement | None,
    subject_key: str = "",
    issued_at: dt.datetime | None = None,
    organisation: Organisation | None = None,
) -> IssuedDocument:
    """Freeze ``snapshot`` as the next version of (kind, agreement, subject_key).

    The PDF is rendered inside the transaction: the row exists only with complete bytes."""
    organisation = organisation or _issuing_organisation(user, agreement)
    if agreement is not None:
        # Serialise concurrent issues of the same agreement (no-op on SQLite, which
        # serialises writers anyway).
        Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
        siblings = IssuedDocument.objects.filter(agreement=agreement)
    else:
        siblings = IssuedDocument.objects.filter(agreement__isnull=True, organisation=organisation)
    last = siblings.filter(kind=kind, subject_key=subject_key).aggregate(v=Max("version"))["v"]
    version = (last or 0) + 1
    issued_at = issued_at or timezone.now()
    snapshot = {
        **snapshot,
        "document": {
            **snapshot["document"],
            "version": version,
            "draft": False,
            "date": snapshot["document"]["date"]
            if snapshot["document"].get("fixed_date")
            else format_date(timezone.localtime(issued_at).date()),
        },
    }
    pdf = builders.render_snapshot(snapshot)
    meta = builders.document_meta(snapshot)
    document = IssuedDocument(
        kind=kind,
        agreement=agreement,
        organisation=organisation,
        subject_key=subject_key,
        version=version,
        title=meta["title"][:300],
        filename=meta["filename"][:200],
        content=pdf,
        size=len(pdf),
        sha256=IssuedDocument.checksum(pdf),
        snapshot=snapshot,
        issued_by=user,
        issued_at=issued_at,
    )
    document.full_clean()
    document.save()
    if agreement is not None:
        log_event(
            agreement=agreement,
            user=user,
            action="documents.issued",
            text=f"utfärdade {document.title} (version {version})",
            target=document,
        )
    return document


def agreement_issue(*, user: User, agreement: Agreement) -> IssuedDocument:
    if not can_issue_documents(user, agreement):
        raise PermissionDenied
    snapshot = builders.agreement_snapshot(agreement.pk)
    return issued_document_create(
        user=user, kind=DocumentKind.AGREEMENT, snapshot=snapshot, agreement=agreement
    )


def memo_issue(*, user: User, memo: Memo) -> IssuedDocument:
    if not can_issue_documents(user, memo.agreement):
        raise PermissionDenied
    snapshot = builders.memo_snapshot(memo.pk)
    return issued_document_create(
        user=user,
        kind=DocumentKind(memo.document_kind),
        snapshot=snapshot,
        agreement=memo.agreement,
    )


def followup_report_issue(*, user: User, round: FollowUpRound) -> IssuedDocument:
    """Issue the follow-up report of a round (one version series per round)."""
    if not can_issue_documents(user, round.agreement):
        raise PermissionDenied
    snapshot = builders.followup_report_snapshot(round.pk)
    return issued_document_create(
        user=user,
        kind=DocumentKind.FOLLOWUP_REPORT,
        snapshot=snapshot,
        agreement=round.agreement,
        subject_key=f"omgang-{round.pk}",
    )


# --- the annual report, rendered in the background ----------------------------------------

#: A render still "running" after this long is taken as killed (the worker died): it is
#: shown as failed and may be retried. A stale attempt that finishes later is discarded.
STALE_AFTER = dt.timedelta(minutes=15)

FAILED_MESSAGE = (
    "Årsrapporten kunde inte skapas. Inget dokument har sparats. Försök igen; om felet "
    "kvarstår, kontakta systemförvaltningen."
)
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
    from .tasks import render_annual_report

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
    if not can_issue_annual_report(user, board):
        raise PermissionDenied
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
    if not can_issue_annual_report(user, job.board):
        raise PermissionDenied
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
        snapshot = builders.annual_report_snapshot(job.board_id, job.year)
        with transaction.atomic():
            current = (
                AnnualReportJob.objects.select_for_update()
                .filter(pk=job_id, attempt=attempt, status=AnnualReportJob.Status.RUNNING)
                .first()
            )
            if current is None:
                return None
            document = issued_document_create(
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


# --- memos -------------------------------------------------------------------------------


def _idea_based_names(agreement: Agreement) -> list[str]:
    return [
        party.organisation.name
        for party in agreement.parties.select_related("organisation").order_by("organisation__name")
        if party.role == Sector.IDEA_BASED
    ]


def memo_initial(
    *, agreement: Agreement, kind: MemoKind, user: User, today: dt.date | None = None
) -> dict[str, Any]:
    """The fields of a new memo, prefilled from the agreement (seeds/002 and 004)."""
    today = today or timezone.localdate()
    names = _idea_based_names(agreement)
    partners = texts.join_names(names)
    board = agreement.board
    board_name = board.name if board else "Nämnden"
    administration = (board.administration_name if board else "") or "Förvaltningen"
    office = administration if board else (user.organisation.name if user.organisation else "")
    goals = [goal.text for goal in agreement.goals.all()]
    target_and_goals = "\n\n".join(
        part
        for part in (
            agreement.target_group.strip(),
            "\n".join(f"- {goal}" for goal in goals),
        )
        if part
    )
    follow_up = (
        agreement.follow_up_terms.strip()
        or f"{texts.followup_text(agreement.min_followups_per_year)} {administration} "
        "ansvarar för att kalla till uppföljningsträffar."
    )
    economy = providers.memo_economy(agreement, kind.value)
    common = {
        "registry_number": agreement.registry_number,
        "memo_date": today,
        "signing_official": user.get_full_name() or user.get_username(),
        "office": office,
        "background": agreement.background,
        "target_group_and_goals": target_and_goals,
        "follow_up_and_evaluation": follow_up,
        # Prefilled from the finance data; the PDF adds the table of figures below it.
        "economic_consequences": (economy or {}).get("text", ""),
        "municipal_goals": "",
    }
    if kind == MemoKind.NEW:
        title = f"Idéburet Offentligt Partnerskap (IOP) med {partners}"
        proposals = texts.new_memo_proposals(
            idea_based_names=names, administration_name=administration
        )
        matter = (
            "Idéburet offentligt partnerskap, IOP, är en samverkansmodell mellan offentlig "
            "verksamhet och civilsamhällets organisationer i frågor som bland annat rör "
            "komplexa samhällsutmaningar.\n\n"
            f"Överenskommelsen ”{agreement.title}” med {partners} föreslås gälla från och med "
            f"{format_date(agreement.period_start)} till och med "
            f"{format_date(agreement.period_end)}.\n\n"
            f"{board_name} föreslås godkänna överenskommelsen enligt "
            f"{texts.genitive(administration)} förslag."
        )
        basis = [f"Tjänsteskrivelse {title}", f"Överenskommelse {agreement.title}"]
    else:
        successor = Agreement.objects.filter(predecessor=agreement).first()
        if successor is not None:
            # The draft successor of the renewal flow says how long the new period is.
            years = texts.whole_years(successor.period_start, successor.period_end) or 3
            new_end = successor.period_end
        else:
            years = texts.whole_years(agreement.period_start, agreement.period_end) or 3
            new_end = agreement.period_end + relativedelta(years=years)
        title = (
            f"{agreement.title}, förlängning av ett Idéburet offentligt partnerskap med {partners}"
        )
        proposals = texts.renewal_memo_proposals(
            years=years, new_end=new_end, administration_name=administration
        )
        end = agreement.period_end
        matter = (
            f"{board_name} har en överenskommelse om IOP med {partners}. "
            f"{texts.period_text(agreement.period_start, agreement.period_end)}\n\n"
            f"Vid årsskiftet {end.year}/{(end.year + 1) % 100:02d} löper nuvarande "
            "överenskommelse ut. Parterna inom överenskommelsen har träffats regelbundet för "
            "gemensam dialog kring hur målsättningen med IOP ska nås.\n\n"
            "[Skriv förvaltningens bedömning av uppföljningen.]\n\n"
            f"{administration} föreslår att nämnden tecknar en ny överenskommelse/IOP med "
            "samma innehåll och förutsättningar för ytterligare "
            f"{texts.number_word(years, neuter=True)} år."
        )
        basis = [
            f"Tjänsteskrivelse – Förlängning av IOP {agreement.title} med {partners}",
            "Uppföljningsrapport",
            f"Överenskommelse {agreement.title}",
        ]
    return {
        **common,
        "title": title[:300],
        "proposed_decisions": "\n".join(proposals),
        "matter": matter,
        "decision_basis": "\n".join(basis),
    }


@transaction.atomic
def memo_create(
    *, user: User, agreement: Agreement, kind: MemoKind, today: dt.date | None = None
) -> Memo:
    """Create the memo of ``kind`` for the agreement, prefilled; one per kind."""
    if not can_edit_memo(user, agreement):
        raise PermissionDenied
    if Memo.objects.filter(agreement=agreement, kind=kind).exists():
        raise ValidationError("Det finns redan en sådan tjänsteskrivelse för överenskommelsen.")
    memo = Memo(
        agreement=agreement,
        kind=kind,
        created_by=user,
        **memo_initial(agreement=agreement, kind=kind, user=user, today=today),
    )
    memo.full_clean()
    memo.save()
    return memo


@transaction.atomic
def memo_update(*, user: User, form: ModelForm) -> Memo:
    """Save a validated ``MemoForm`` (its ``is_valid`` ran the model's ``full_clean``)."""
    memo: Memo = form.instance
    if not can_edit_memo(user, memo.agreement):
        raise PermissionDenied
    memo = form.save(commit=False)
    memo.full_clean()
    memo.save()
    return memo
