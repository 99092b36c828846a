"""Who may change money. Visibility is in selectors (404); these rules decide 403."""

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Sector, User
from partnerships.permissions import can_edit_agreement

from .models import IndexSeries


def can_edit_economy(user: User, agreement: Agreement) -> bool:
    """Administrators of a public party of the agreement (the register's own rule)."""
    return can_edit_agreement(user, agreement)


def can_manage_index_values(user: User) -> bool:
    """Operators keep the shared series; a public body's administrators keep its own."""
    if not user.is_authenticated:
        return False
    if user.is_operator:
        return True
    return bool(
        user.is_administrator and user.organisation and user.organisation.sector == Sector.PUBLIC
    )


def can_edit_series(user: User, series: IndexSeries) -> Decision:
    """A shared series (SKR's OPI) every public body relies on is changed by operators only;
    a body's own series by that body's administrators only."""
    if series.owner_id is None:
        if user.is_authenticated and user.is_operator:
            return allow()
        return deny(
            f"{series.name} är en gemensam indexserie som alla offentliga organisationer "
            "använder; den ändras bara av driftansvarig. Behöver ni egna värden, skapa en "
            "egen indexserie."
        )
    if can_manage_index_values(user) and user.organisation_id == series.owner_id:
        return allow()
    return deny("Indexserien är en annan organisations egen serie.")
