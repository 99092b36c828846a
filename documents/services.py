"""Writes of the documents app: issuing each kind and writing memos.

Each write is atomic and calls ``full_clean``. Issuing goes through the one service
``issuing.document_issue`` (version, checks, render, checksum); the annual report is issued
in the background (``annual_jobs`` queues it, ``tasks`` runs it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.errors import ConcurrentEditError
from common.permissions import require
from finance import documents_data as finance_data
from followups.models import FollowUpRound
from partnerships.formatting import format_date
from partnerships.models import Agreement, Sector, User

from . import kinds, texts
from .issuing import document_issue
from .models import DocumentKind, IssuedDocument, Memo, MemoKind
from .permissions import can_edit_memo, can_issue_documents


def agreement_issue(*, user: User, agreement: Agreement) -> IssuedDocument:
    require(can_issue_documents(user, agreement))
    snapshot = kinds.agreement_snapshot(agreement.pk)
    return document_issue(
        user=user, kind=DocumentKind.AGREEMENT, snapshot=snapshot, agreement=agreement
    )


def memo_issue(*, user: User, memo: Memo) -> IssuedDocument:
    require(can_issue_documents(user, memo.agreement))
    snapshot = kinds.memo_snapshot(memo.pk)
    return document_issue(
        user=user,
        kind=DocumentKind(memo.document_kind),
        snapshot=snapshot,
        agreement=memo.agreement,
    )


def followup_report_issue(*, user: User, round: FollowUpRound) -> IssuedDocument:
    """Issue the follow-up report of a round (one version series per round)."""
    require(can_issue_documents(user, round.agreement))
    snapshot = kinds.followup_report_snapshot(round.pk)
    return document_issue(
        user=user,
        kind=DocumentKind.FOLLOWUP_REPORT,
        snapshot=snapshot,
        agreement=round.agreement,
        subject_key=f"omgang-{round.pk}",
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
    """The fields of a new memo, prefilled from the agreement (seeds/002 and 004); the
    wording is in ``templates/documents/prose/``."""
    today = today or timezone.localdate()
    names = _idea_based_names(agreement)
    board = agreement.board
    administration = (board.administration_name if board else "") or "Förvaltningen"
    office = administration if board else (user.organisation.name if user.organisation else "")
    goals = [goal.text for goal in agreement.goals.all()]
    target_and_goals = "\n\n".join(
        part
        for part in (agreement.target_group.strip(), "\n".join(f"- {goal}" for goal in goals))
        if part
    )
    follow_up = agreement.follow_up_terms.strip() or texts.prose(
        "memo_follow_up",
        followup=texts.followup_text(agreement.min_followups_per_year),
        administration=administration,
    )
    economy = finance_data.memo_economy(agreement, kind.value)
    context = {
        "agreement": agreement,
        "partners": texts.join_names(names),
        "board_name": board.name if board else "Nämnden",
        "administration": administration,
        "proposer": texts.genitive(administration),
        "start": format_date(agreement.period_start),
        "end": format_date(agreement.period_end),
    }
    if kind == MemoKind.NEW:
        proposals = texts.new_memo_proposals(
            idea_based_names=names, administration_name=administration
        )
    else:
        years, new_end = _renewal_period(agreement)
        proposals = texts.renewal_memo_proposals(
            years=years, new_end=new_end, administration_name=administration
        )
        end = agreement.period_end
        context |= {
            "period": texts.period_text(agreement.period_start, agreement.period_end),
            "ends_at_year_end": (end.month, end.day) == (12, 31),
            # "ändring 2026-03-12 § 23": the amendments the renewal continues with
            "amended": texts.join_names(
                [a.label for a in agreement.amendments.order_by("decided_on", "pk")]
            ),
            "end_year": end.year,
            "next_year_short": f"{(end.year + 1) % 100:02d}",
            "years_word": texts.number_word(years, neuter=True),
        }
    prefix = "new_memo" if kind == MemoKind.NEW else "renewal_memo"
    title = texts.prose(f"{prefix}_title", **context)
    return {
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
        "title": title[:300],
        "proposed_decisions": "\n".join(proposals),
        "matter": texts.prose(f"{prefix}_matter", **context),
        "decision_basis": "\n".join(texts.prose_lines(f"{prefix}_basis", title=title, **context)),
    }


def _renewal_period(agreement: Agreement) -> tuple[int, dt.date]:
    """(years, new end) of the renewal: the draft successor's period when the renewal flow
    made one, else as long again as the current period."""
    successor = Agreement.objects.filter(predecessor=agreement).first()
    if successor is not None:
        years = texts.whole_years(successor.period_start, successor.period_end) or 3
        return years, successor.period_end
    years = texts.whole_years(agreement.period_start, agreement.period_end) or 3
    return years, agreement.period_end + relativedelta(years=years)


@transaction.atomic
def memo_create(
    *, user: User, agreement: Agreement, kind: MemoKind, today: dt.date | None = None
) -> Memo:
    """Create the memo of ``kind`` for the agreement, prefilled; one per kind."""
    require(can_edit_memo(user, agreement))
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
def memo_update(*, user: User, memo: Memo, expected_version: int) -> Memo:
    """Save the edited ``memo`` (its fields already set, e.g. by a valid ``MemoForm``)
    unless somebody else saved it since ``expected_version`` was read."""
    require(can_edit_memo(user, memo.agreement))
    memo.full_clean()
    bumped = Memo.objects.filter(pk=memo.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise ConcurrentEditError
    memo.version = expected_version + 1
    memo.save()
    return memo
