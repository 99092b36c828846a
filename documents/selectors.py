"""Reads of issued documents and memos, scoped to the user: anything outside is a 404."""

from django.db.models import Q, QuerySet
from django.http import Http404

from common.converters import one_or_404
from followups.models import FollowUpRound
from partnerships.models import Agreement, Board, User
from partnerships.selectors import agreement_for_user, agreements_visible_to

from .models import AnnualReportJob, DocumentKind, IssuedDocument, Memo, MemoKind
from .permissions import readable_kinds


def issued_documents_for_agreement(user: User, agreement: Agreement) -> QuerySet[IssuedDocument]:
    """Issued documents of an agreement the user may read (bytes deferred), newest first.

    ``agreement`` must come from ``agreement_for_user`` (already scope-checked)."""
    documents = (
        IssuedDocument.objects.without_content()
        .filter(agreement=agreement)
        .select_related("issued_by")
        .order_by("kind", "subject_key", "-version")
    )
    kinds = readable_kinds(user, agreement)
    if kinds is not None:
        documents = documents.filter(kind__in=kinds)
    return documents


def issued_document_for_user(user: User, pk: object) -> IssuedDocument:
    """One issued document, if the user may read it; else 404 (also for a bad id: the id is
    read by ``one_or_404`` like every other, an ``<id:...>`` int or a well-formed text)."""
    documents = IssuedDocument.objects.select_related("agreement", "organisation")
    if not user.is_authenticated:
        documents = documents.none()
    document = one_or_404(documents, pk, "Inget sådant dokument.")
    if document.agreement_id is not None:
        if not agreements_visible_to(user).filter(pk=document.agreement_id).exists():
            raise Http404("Inget sådant dokument.")
        kinds = readable_kinds(user, document.agreement)
    else:
        # Not tied to an agreement (the annual report): the issuing organisation's staff.
        same_org = user.organisation_id == document.organisation_id
        kinds = (
            None
            if user.is_superuser or (same_org and (user.is_administrator or user.is_board_staff))
            else frozenset()
        )
    if kinds is not None and document.kind not in kinds:
        raise Http404("Inget sådant dokument.")
    return document


def agreement_for_documents(user: User, pk: object) -> Agreement:
    """The agreement with what the documents pages need, or 404 outside the user's scope."""
    queryset = Agreement.objects.select_related("board__organisation").prefetch_related(
        "parties__organisation"
    )
    return agreement_for_user(user, pk, queryset=queryset)


def memo_for_agreement(agreement: Agreement, kind: MemoKind) -> Memo | None:
    return Memo.objects.filter(agreement=agreement, kind=kind).first()


def memos_for_agreement(agreement: Agreement) -> dict[str, Memo]:
    return {memo.kind: memo for memo in Memo.objects.filter(agreement=agreement)}


def round_for_documents(agreement: Agreement, pk: object) -> FollowUpRound:
    """A follow-up round of this (already scope-checked) agreement, or 404."""
    rounds = FollowUpRound.objects.filter(agreement=agreement).select_related("agreement")
    return one_or_404(rounds, pk, "Ingen sådan uppföljningsomgång.")


def boards_visible_to(user: User) -> QuerySet[Board]:
    """Boards of the user's own organisation, and boards of agreements the user sees."""
    if not user.is_authenticated:
        return Board.objects.none()
    if user.is_superuser:
        return Board.objects.all()
    visible = agreements_visible_to(user).filter(board__isnull=False).values("board_id")
    return Board.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(pk__in=visible)
    ).distinct()


def board_for_user(user: User, pk: object) -> Board:
    """A board the user may know of, or 404 (another municipality's board)."""
    boards = boards_visible_to(user).select_related("organisation")
    return one_or_404(boards, pk, "Ingen sådan nämnd.")


def annual_report_jobs(board: Board) -> QuerySet[AnnualReportJob]:
    return (
        AnnualReportJob.objects.filter(board=board)
        .select_related("requested_by", "document")
        .defer("document__content", "document__snapshot")
        .order_by("-year", "-created_at", "-pk")
    )


def annual_report_job_for_user(user: User, pk: object) -> AnnualReportJob:
    """A job of a board the user may know of, else 404."""
    jobs = (
        AnnualReportJob.objects.filter(board__in=boards_visible_to(user))
        .select_related("board__organisation", "requested_by", "document")
        .defer("document__content", "document__snapshot")
    )
    return one_or_404(jobs, pk, "Ingen sådan årsrapport.")


def issued_annual_reports(board: Board) -> QuerySet[IssuedDocument]:
    return (
        IssuedDocument.objects.without_content()
        .filter(
            kind=DocumentKind.ANNUAL_REPORT,
            agreement__isnull=True,
            organisation_id=board.organisation_id,
            subject_key__startswith=f"namnd-{board.pk}-",
        )
        .select_related("issued_by")
        .order_by("-issued_at", "-pk")
    )
