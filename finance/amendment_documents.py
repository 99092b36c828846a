"""Amendments in the board documents: the list of amendments with what each changes, money
included; the years whose amount an amendment changes, with the basis in words; and the
agreement as amended in short (the new yearly levels, an extension, parties that joined or
left), which a renewal memo proposes to continue. Read by ``documents`` after it checked
access; not scoped to a user. A fixed number of queries for any number of agreements."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TypedDict

from django.db.models import Prefetch

from partnerships.amendments import JOINS, LEAVES, terms_of, terms_texts
from partnerships.boards import label_amendment_boards
from partnerships.models import Agreement, Amendment, Goal
from partnerships.selectors import amendments_queryset

from .amendments import NEW_LEVEL
from .ledger import Ledger
from .models import AmountChange


class AmendedRow(TypedDict):
    name: str
    year: int
    amount: int | None
    basis: list[str]


class AmendmentItem(TypedDict):
    decided_on: str
    board: str  # the board's name at the decision (partnerships.boards.board_name_on)
    paragraph: str
    registry_number: str
    title: str
    description: str
    changes: list[str]


class AmendedLevel(TypedDict):
    name: str
    amount: int  # the new yearly level, whole kronor
    effective_from: str
    amendment: str  # "ändring 2026-03-12 § 23"


class PartyChange(TypedDict):
    name: str
    on: str
    amendment: str


class AsAmended(TypedDict):
    """The agreement as its amendments left it, in short (a renewal continues this)."""

    levels: list[AmendedLevel]  # each compensation's latest new yearly level
    period_end: str
    original_end: str  # the end it was decided with; "" when not extended
    extended_by: list[str]  # the amendments that extended it
    joined: list[PartyChange]
    left: list[PartyChange]
    goals_added: list[str]  # the goals' texts
    responsibilities_added: int


def amended_rows(ledgers: list[Ledger]) -> list[AmendedRow]:
    """Each year whose amount an amendment changes, per party: the amount as amended and
    how it is made up ("2025-01-01–2025-06-30: 181 av 365 dagar av 730 000 kr = ...")."""
    rows: list[AmendedRow] = []
    for ledger in ledgers:
        name = ledger.compensation.party.display_name
        for row in ledger.rows:
            if row.changes or row.schedule.changed:
                rows.append(
                    {
                        "name": name,
                        "year": row.year,
                        "amount": row.schedule.amount,
                        "basis": row.basis_texts,
                    }
                )
    return rows


def _amendments(agreement_ids: list[int], until: dt.date | None) -> dict[int, list[Amendment]]:
    """The agreements' amendments in date order, boards labelled by their names then, money
    changes prefetched: agreement id -> amendments (decided on or before ``until``)."""
    amendments = amendments_queryset().filter(agreement_id__in=agreement_ids)
    if until is not None:
        amendments = amendments.filter(decided_on__lte=until)
    amendments = amendments.prefetch_related(
        Prefetch(
            "amount_changes",
            queryset=AmountChange.objects.select_related("compensation__party__organisation"),
        ),
        Prefetch("goals", queryset=Goal.objects.order_by("position", "pk")),
    ).order_by("decided_on", "pk")
    by_agreement: dict[int, list[Amendment]] = defaultdict(list)
    for amendment in label_amendment_boards(amendments):
        by_agreement[amendment.agreement_id].append(amendment)
    return by_agreement


def _item(amendment: Amendment) -> AmendmentItem:
    money = [
        f"{change.text} till {change.compensation.party.display_name}"
        for change in amendment.amount_changes.all()
    ]
    return {
        "decided_on": f"{amendment.decided_on:%Y-%m-%d}",
        "board": amendment.board_label,
        "paragraph": amendment.paragraph,
        "registry_number": amendment.registry_number,
        "title": amendment.title,
        "description": amendment.description,
        "changes": terms_texts(terms_of(amendment)) + money,
    }


def amendment_items_by_agreement(
    agreement_ids: list[int],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[int, list[AmendmentItem]]:
    """Agreement id -> its amendments decided from ``since`` to ``until`` (both included,
    open when None), in date order with what each changes, in words."""
    loaded = _amendments(agreement_ids, until)
    return {
        pk: [_item(a) for a in loaded.get(pk, []) if since is None or a.decided_on >= since]
        for pk in agreement_ids
    }


def amendment_items(agreement: Agreement) -> list[AmendmentItem]:
    """The agreement's amendments in date order with what each changes, in words."""
    return amendment_items_by_agreement([agreement.pk])[agreement.pk]


def as_amended(agreement: Agreement) -> AsAmended | None:
    """The agreement as amended, in short; None when it has no amendments."""
    amendments = _amendments([agreement.pk], None).get(agreement.pk, [])
    if not amendments:
        return None
    levels: dict[int, AmendedLevel] = {}
    joined: list[PartyChange] = []
    left: list[PartyChange] = []
    extended_by: list[str] = []
    original_end: dt.date | None = None
    goals: list[str] = []
    responsibilities = 0
    for amendment in amendments:  # in date order: a later level replaces an earlier one
        terms = terms_of(amendment)
        goals += [goal.text for goal in amendment.goals.all()]
        responsibilities += terms.responsibilities_added
        if terms.new_period_end is not None:
            extended_by.append(amendment.label)
            if original_end is None:
                original_end = terms.previous_period_end
        if terms.party_change in (JOINS, LEAVES) and terms.party_change_on is not None:
            change: PartyChange = {
                "name": terms.party_name,
                "on": f"{terms.party_change_on:%Y-%m-%d}",
                "amendment": amendment.label,
            }
            (joined if terms.party_change == JOINS else left).append(change)
        for money in sorted(amendment.amount_changes.all(), key=lambda c: c.effective_from):
            if money.kind != NEW_LEVEL:
                continue
            current = levels.get(money.compensation_id)
            if current is None or current["effective_from"] <= f"{money.effective_from:%Y-%m-%d}":
                levels[money.compensation_id] = {
                    "name": money.compensation.party.display_name,
                    "amount": money.amount,
                    "effective_from": f"{money.effective_from:%Y-%m-%d}",
                    "amendment": amendment.label,
                }
    return {
        "levels": sorted(levels.values(), key=lambda level: level["name"]),
        "period_end": f"{agreement.period_end:%Y-%m-%d}",
        "original_end": f"{original_end:%Y-%m-%d}" if extended_by and original_end else "",
        "extended_by": extended_by,
        "joined": joined,
        "left": left,
        "goals_added": goals,
        "responsibilities_added": responsibilities,
    }
