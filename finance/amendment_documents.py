"""Amendments in the board documents (the agreement PDF): the list of amendments with what
each changes, money included, and the years whose amount an amendment changes, with the
basis in words. Read by ``documents`` after it checked access; not scoped to a user."""

from __future__ import annotations

from typing import TypedDict

from django.db.models import Prefetch

from partnerships.amendments import terms_of, terms_texts
from partnerships.boards import label_amendment_boards
from partnerships.models import Agreement
from partnerships.selectors import amendments_queryset

from .ledger import Ledger
from .models import AmountChange


class AmendedRow(TypedDict):
    name: str
    year: int
    amount: int | None
    basis: list[str]


class AmendmentItem(TypedDict):
    decided_on: str
    board: str
    paragraph: str
    registry_number: str
    title: str
    description: str
    changes: list[str]


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


def amendment_items(agreement: Agreement) -> list[AmendmentItem]:
    """The agreement's amendments in date order with what each changes, in words."""
    amendments = (
        amendments_queryset()
        .filter(agreement=agreement)
        .prefetch_related(
            Prefetch(
                "amount_changes",
                queryset=AmountChange.objects.select_related("compensation__party__organisation"),
            )
        )
        .order_by("decided_on", "pk")
    )
    items: list[AmendmentItem] = []
    for amendment in label_amendment_boards(amendments):
        money = [
            f"{change.text} till {change.compensation.party.display_name}"
            for change in amendment.amount_changes.all()
        ]
        items.append(
            {
                "decided_on": f"{amendment.decided_on:%Y-%m-%d}",
                "board": amendment.board_label,
                "paragraph": amendment.paragraph,
                "registry_number": amendment.registry_number,
                "title": amendment.title,
                "description": amendment.description,
                "changes": terms_texts(terms_of(amendment)) + money,
            }
        )
    return items
