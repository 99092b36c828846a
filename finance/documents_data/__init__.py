"""The money of an agreement as plain data for the board documents.

Plain functions that return JSON-safe dicts (ints for kronor, ISO strings for dates, Swedish
sentences already formatted with ``format_sek``), declared as ``TypedDict``s in ``base``.
``documents`` calls them (it sits above finance); this module imports nothing from
``documents``. The annual report's money is in ``finance.annual_report_data``.

They read every row of the agreement (no user scope): the caller has already decided that
the user may see the agreement, and a board document prints the whole economy.
"""

from .agreement import agreement_economy
from .base import (
    AgreementEconomy,
    AmountRow,
    DecidedRow,
    EconomicResultRow,
    MemoEconomy,
    UnsettledRow,
)
from .decisions import decided_row, decisions_and_differences, unsettled_row
from .memo import memo_economy
from .results import economic_results

__all__ = [
    "AgreementEconomy",
    "AmountRow",
    "DecidedRow",
    "EconomicResultRow",
    "MemoEconomy",
    "UnsettledRow",
    "agreement_economy",
    "decided_row",
    "decisions_and_differences",
    "economic_results",
    "memo_economy",
    "unsettled_row",
]
