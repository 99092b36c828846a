"""Writes of the finance app: atomic, keyword-only, every row ``full_clean``-ed.

Nothing is half-saved. Rows that two people may edit at once are saved only when the
version they read is still the current one (``ConcurrentEditError`` otherwise).
"""

from .amendments import (
    AmountChangeInput,
    amendment_change,
    amendment_deletion_stop,
    amendment_record,
    amendment_remove,
)
from .budgets import (
    budget_save,
)
from .caps import (
    cap_delete,
    cap_save,
)
from .claims import (
    claim_save,
)
from .compensation import (
    compensation_save,
    decided_amount_save,
)
from .economic_report import (
    LOCKED_MESSAGE,
    economic_report_reopen,
    economic_report_save,
)
from .in_kind import (
    in_kind_delete,
    in_kind_save,
)
from .index import (
    index_series_create,
    index_value_save,
    index_values_import,
)
from .payments import (
    DuplicatePaymentError,
    payment_register,
)
from .schedule import (
    given_instalments_save,
    given_instalments_version,
)
from .settlement import (
    settlement_record,
)

__all__ = [
    "AmountChangeInput",
    "amendment_change",
    "amendment_deletion_stop",
    "amendment_record",
    "amendment_remove",
    "DuplicatePaymentError",
    "LOCKED_MESSAGE",
    "budget_save",
    "cap_delete",
    "cap_save",
    "claim_save",
    "compensation_save",
    "decided_amount_save",
    "economic_report_reopen",
    "economic_report_save",
    "given_instalments_save",
    "given_instalments_version",
    "in_kind_delete",
    "in_kind_save",
    "index_series_create",
    "index_value_save",
    "index_values_import",
    "payment_register",
    "settlement_record",
]
