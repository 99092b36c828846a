"""Who may change money. Visibility is in selectors (404); these rules decide 403."""

from partnerships.models import Agreement, Sector, User
from partnerships.permissions import can_edit_agreement


def can_edit_economy(user: User, agreement: Agreement) -> bool:
    """Administrators of a public party of the agreement (the register's own rule)."""
    return can_edit_agreement(user, agreement)


def can_manage_index_values(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(
        user.is_administrator and user.organisation and user.organisation.sector == Sector.PUBLIC
    )
