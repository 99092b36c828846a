"""The amendments of an agreement with what each changes, money included, for the user:
a partner sees the amount changes of their own party only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from partnerships.amendments import terms_of, terms_texts
from partnerships.boards import label_amendment_boards
from partnerships.models import Agreement, Amendment, User
from partnerships.selectors import amendment_for_user, amendments_queryset

from ..models import AmountChange, Compensation
from .scope import party_filter


@dataclass
class AmendmentView:
    amendment: Amendment
    texts: list[str]  # what it changes, in words (register and money)
    amount_changes: list[AmountChange]


def _amount_changes(user: User) -> Prefetch:
    return Prefetch(
        "amount_changes",
        queryset=AmountChange.objects.filter(party_filter(user, prefix="compensation__party__"))
        .select_related("compensation__party__organisation")
        .order_by("effective_from", "pk"),
    )


def amendment_views(user: User, agreement: Agreement) -> list[AmendmentView]:
    """The amendments of an agreement the user sees (loaded by ``agreement_for_user``), in
    date order. Three queries, whatever the rows."""
    amendments = (
        amendments_queryset()
        .filter(agreement=agreement)
        .prefetch_related(_amount_changes(user))
        .order_by("decided_on", "pk")
    )
    views = []
    for amendment in label_amendment_boards(amendments):
        changes = list(amendment.amount_changes.all())
        money = [f"{c.text} till {c.compensation.party.display_name}" for c in changes]
        views.append(AmendmentView(amendment, terms_texts(terms_of(amendment)) + money, changes))
    return views


def amendment_with_changes(user: User, agreement: Agreement, pk: object) -> Amendment:
    """One amendment of the agreement (404 outside it) with its amount changes."""
    amendment = amendment_for_user(user, agreement, pk)
    amendment.visible_changes = list(
        AmountChange.objects.filter(amendment=amendment).filter(
            party_filter(user, prefix="compensation__party__")
        )
    )
    return amendment


def compensations_of(agreement: Agreement) -> list[Compensation]:
    """The agreement's compensations, for the amendment form (administrators only)."""
    return list(
        Compensation.objects.filter(agreement=agreement)
        .select_related("party__organisation")
        .order_by("party__organisation__name")
    )
