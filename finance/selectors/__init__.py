"""Reads of the finance app, always scoped to the user.

Scope: the agreements of ``partnerships.selectors.agreements_visible_to``; a partner sees
only their own organisation's money on those agreements. Everything outside is a 404.
Each function loads what a page shows in a fixed number of queries.
"""

from ..ledger import (
    Ledger,
    YearRow,
    agreement_years,
    build_ledger,
    compensation_ledger,
    index_points,
    ledger_queryset,
    municipal_financing,
)
from .amendments import (
    AmendmentView,
    amendment_views,
    amendment_with_changes,
    compensations_of,
)
from .budgets import (
    BudgetView,
    BudgetYear,
    budget_years_of,
)
from .economic_report import (
    economic_report_for_user,
    economic_report_of,
    economic_report_statuses,
    economic_result_of,
    municipal_money_received,
    reports_missing,
)
from .economy import (
    MAX_CHAIN,
    Economy,
    economy_for_agreement,
    economy_for_user,
)
from .late_index import LateIndexItem, late_index_differences
from .missing_index import (
    YEAR_VALIDATORS_MIN,
    MissingIndex,
    missing_index_values,
)
from .overview import (
    Overview,
    OverviewRow,
    overview_for_year,
)
from .scope import (
    claim_for_user,
    compensation_for_user,
    compensations_visible_to,
    idea_based_party_for_user,
    index_series_editable_by,
    index_series_for_agreement,
    index_series_visible_to,
    index_series_with_values,
    index_value_for_user,
    partner_only,
    party_filter,
    visible_parties,
)
from .shapes import (
    CapView,
    CompensationSchedule,
    cap_for_user,
    cap_views,
    caps_visible,
    given_rows,
    in_kind_for_user,
    in_kind_values_by_year,
    in_kind_visible,
    schedules_of,
)

__all__ = [
    "AmendmentView",
    "amendment_views",
    "amendment_with_changes",
    "compensations_of",
    "BudgetView",
    "BudgetYear",
    "CapView",
    "CompensationSchedule",
    "Economy",
    "Ledger",
    "MAX_CHAIN",
    "MissingIndex",
    "Overview",
    "OverviewRow",
    "YEAR_VALIDATORS_MIN",
    "YearRow",
    "agreement_years",
    "budget_years_of",
    "build_ledger",
    "cap_for_user",
    "cap_views",
    "caps_visible",
    "claim_for_user",
    "compensation_for_user",
    "compensation_ledger",
    "compensations_visible_to",
    "economic_report_for_user",
    "economic_report_of",
    "economic_report_statuses",
    "economic_result_of",
    "economy_for_agreement",
    "economy_for_user",
    "given_rows",
    "idea_based_party_for_user",
    "in_kind_for_user",
    "in_kind_values_by_year",
    "in_kind_visible",
    "index_points",
    "index_series_editable_by",
    "index_series_for_agreement",
    "index_series_visible_to",
    "index_series_with_values",
    "index_value_for_user",
    "ledger_queryset",
    "late_index_differences",
    "LateIndexItem",
    "missing_index_values",
    "municipal_financing",
    "municipal_money_received",
    "overview_for_year",
    "partner_only",
    "party_filter",
    "reports_missing",
    "schedules_of",
    "visible_parties",
]
