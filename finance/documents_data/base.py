"""The typed rows the board documents receive, and the few facts every section reads."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from partnerships.models import Agreement

from ..amendment_documents import AmendedRow
from ..ledger import ledger_queryset
from ..models import Compensation


class AmountRow(TypedDict):
    name: str
    amount: int


class DecidedRow(TypedDict):
    name: str
    year: int
    computed: int | None
    decided: int
    deviation: int | None
    one_off: bool
    decided_on: dt.date | None
    # The board that decided, by its name on the decision day ("... (hette då ...)").
    decided_by: str
    note: str


class UnsettledRow(TypedDict):
    name: str
    year: int
    difference: int


class AgreementEconomy(TypedDict):
    """The "Ekonomi" section of the agreement (seeds/003)."""

    level_text: str
    compensation: list[AmountRow]
    compensation_total: int
    terms_text: str
    budget_year: int | None
    party_costs: list[dict[str, Any]]  # {"name", "year", "rows", "total", "municipal", "own"}
    total_cost: int | None
    municipal_financing: int | None
    own_financing: int | None
    diff: int | None
    warnings: list[str]
    decided: list[DecidedRow]
    unsettled: list[UnsettledRow]
    amended: list[AmendedRow]  # the years whose amount an amendment changes
    # Contributions in kind (finance.shapes_documents.in_kind_by_agreement), their valued
    # sum, and the valued sum of the budget year (counted in the balance, "värde av insats")
    in_kind: list[dict[str, Any]]
    in_kind_total: int
    in_kind_budget: int
    no_money_text: str


class MemoEconomy(TypedDict):
    """The "Ekonomiska konsekvenser" of a memo (seeds/002)."""

    text: str
    rows: list[dict[str, Any]]  # {"label", "amount"}
    warnings: list[str]
    decided: list[DecidedRow]
    unsettled: list[UnsettledRow]
    amended: list[AmendedRow]  # the years whose amount an amendment changes
    # finance.shapes_documents.in_kind_by_agreement: the contributions in kind and their sum
    in_kind: list[dict[str, Any]]
    in_kind_total: int


class EconomicResultRow(TypedDict):
    organisation: str
    year: int
    budget: int
    actual: int
    deviation: int
    deviation_percent: str  # "−0,9 %" or "" without a budget
    received: int
    used: int
    remainder: int


def municipality_name(agreement: Agreement) -> str:
    municipality = agreement.municipality
    return municipality.name if municipality is not None else "Kommunen"


def public_genitive(agreement: Agreement) -> str:
    """ "kommunens" or "regionens"."""
    municipality = agreement.municipality
    return municipality.public_genitive if municipality is not None else "kommunens"


def compensations_of(agreement: Agreement) -> list[Compensation]:
    return list(
        ledger_queryset(Compensation.objects.filter(agreement=agreement)).order_by(
            "party__organisation__name", "pk"
        )
    )
