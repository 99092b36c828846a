"""Finance views by topic: the economy tab and the overview (``economy``), a compensation and
its years (``compensation``), budgets and repayment claims (``budget``), index values
(``index``). Each view: load via selectors (404 outside scope), ``require`` the rule (403
with its reason), ``submit`` the form to a service, answer."""

from .amendments import amendment_delete, amendment_edit, amendments
from .budget import budget_edit, claim_edit
from .compensation import compensation_edit, decided_amount_edit, payment_create, settlement_create
from .economy import economy, economy_export, overview, overview_export
from .index import index_import, index_series_create, index_value_edit, index_values
from .shapes import cap_edit, given_instalments_edit, in_kind_edit

__all__ = [
    "amendment_delete",
    "amendment_edit",
    "amendments",
    "budget_edit",
    "cap_edit",
    "claim_edit",
    "compensation_edit",
    "decided_amount_edit",
    "economy",
    "economy_export",
    "given_instalments_edit",
    "in_kind_edit",
    "index_import",
    "index_series_create",
    "index_value_edit",
    "index_values",
    "overview",
    "overview_export",
    "payment_create",
    "settlement_create",
]
