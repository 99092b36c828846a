"""Writes of the documents app: issuing (immutable, versioned) and memo editing.

Each write is atomic and calls ``full_clean``. Issuing renders inside the transaction that
takes the next version number, so two clicks cannot issue the same version twice (the
agreement row is locked on PostgreSQL; the unique constraint backs it up everywhere).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import ModelForm
from django.utils import timezone

from partnerships.formatting import format_date
from partnerships.models import Agreement, Organisation, Sector, User

from . import builders, texts
from .models import DocumentKind, IssuedDocument, Memo, MemoKind
from .permissions import can_edit_memo, can_issue_documents


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
) -> IssuedDocument:
    """Freeze ``snapshot`` as the next version of (kind, agreement, subject_key)."""
    organisation = _issuing_organisation(user, agreement)
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
    common = {
        "registry_number": agreement.registry_number,
        "memo_date": today,
        "signing_official": user.get_full_name() or user.get_username(),
        "office": office,
        "background": agreement.background,
        "target_group_and_goals": target_and_goals,
        "follow_up_and_evaluation": follow_up,
        "economic_consequences": "",
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
        years = texts.whole_years(agreement.period_start, agreement.period_end) or 3
        new_end = agreement.period_end + relativedelta(years=years)
        successor = Agreement.objects.filter(predecessor=agreement).first()
        if successor is not None:  # a renewal started: its period is the proposal
            years = texts.whole_years(successor.period_start, successor.period_end) or years
            new_end = successor.period_end
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
