"""Who may change money. Visibility is in selectors (404); these rules decide 403."""

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Party, Sector, User
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


def can_write_economic_report(user: User, party: Party) -> Decision:
    """Only the idea-based party's own organisation (its partner users) files its report."""
    if (
        user.is_authenticated
        and user.is_partner
        and party.role == Sector.IDEA_BASED
        and party.organisation_id == user.organisation_id
    ):
        return allow()
    return deny("Endast den idéburna partens egna användare lämnar dess ekonomiska redovisning.")


def can_reopen_economic_report(user: User, agreement: Agreement) -> Decision:
    if can_edit_economy(user, agreement):
        return allow()
    return deny(
        "Endast handläggare för överenskommelsen kan öppna en redovisning eller kräva "
        "återbetalning."
    )


def may_attach_to_report(user: User, report) -> Decision:
    """Attachments on an economic report: its own party's users, or the administrators."""
    if can_write_economic_report(user, report.party) or can_edit_economy(user, report.agreement):
        return allow()
    return deny("Du kan inte lägga till bilagor till den här redovisningen.")
