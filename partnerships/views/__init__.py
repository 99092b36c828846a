"""Thin views of the register: load via selectors, check permissions, call services."""

from .agreements import (
    agreement_create,
    agreement_detail,
    agreement_list,
    agreement_update,
    party_update,
    renewal_decide,
    renewal_start,
    termination_create,
)
from .history import agreement_history
from .organisations import (
    organisation_contacts,
    organisation_create,
    organisation_detail,
    organisation_list,
    organisation_update,
)

__all__ = [
    "agreement_create",
    "agreement_detail",
    "agreement_history",
    "agreement_list",
    "agreement_update",
    "organisation_contacts",
    "organisation_create",
    "organisation_detail",
    "organisation_list",
    "organisation_update",
    "party_update",
    "renewal_decide",
    "renewal_start",
    "termination_create",
]
