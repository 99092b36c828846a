"""Who may do what in follow-ups. Visibility is in selectors (404); these decide 403."""

from partnerships.models import Agreement, Organisation, Sector, User
from partnerships.permissions import can_edit_agreement

from .models import FollowUpRound


def can_manage_followups(user: User, agreement: Agreement) -> bool:
    """Plan meetings, open rounds, reopen notes, assess: the agreement's administrators."""
    return can_edit_agreement(user, agreement)


def reporting_organisation(user: User, agreement: Agreement) -> Organisation | None:
    """The idea-based party the user reports for, or None. Always the user's own
    organisation: nothing posted by the user can change it."""
    if not user.is_authenticated or not user.is_partner:
        return None
    for party in agreement.parties.all():
        if party.organisation_id == user.organisation_id and party.role == Sector.IDEA_BASED:
            return party.organisation
    return None


def can_write_report(user: User, round: FollowUpRound) -> bool:
    return round.is_open and reporting_organisation(user, round.agreement) is not None
