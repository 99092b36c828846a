"""Who may do what in follow-ups. Visibility is in selectors (404); these rules decide 403,
each with the Swedish reason the 403 page shows."""

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Organisation, Sector, User
from partnerships.permissions import administrator_of

from .models import FollowUpRound, Meeting


def _managers(user: User, agreement: Agreement, doing: str) -> Decision:
    """Plan meetings, open rounds, reopen notes, assess: the agreement's administrators."""
    return administrator_of(user, agreement, f"Endast handläggare för överenskommelsen {doing}.")


def can_manage_followups(user: User, agreement: Agreement) -> Decision:
    return _managers(user, agreement, "kan göra detta")


def can_plan_meetings(user: User, agreement: Agreement) -> Decision:
    return _managers(user, agreement, "kan planera möten")


def can_open_rounds(user: User, agreement: Agreement) -> Decision:
    return _managers(user, agreement, "kan öppna omgångar")


def can_assess(user: User, agreement: Agreement) -> Decision:
    return _managers(user, agreement, "skriver bedömningen")


def reporting_organisation(user: User, agreement: Agreement) -> Organisation | None:
    """The idea-based party the user reports for, or None. Always the user's own
    organisation: nothing posted by the user can change it."""
    if not user.is_authenticated or not user.is_partner:
        return None
    for party in agreement.parties.all():
        if party.organisation_id == user.organisation_id and party.role == Sector.IDEA_BASED:
            return party.organisation
    return None


def can_report(user: User, agreement: Agreement) -> Decision:
    if reporting_organisation(user, agreement) is not None:
        return allow()
    return deny("Endast de idéburna parterna lämnar rapport i uppföljningen.")


def can_write_report(user: User, round: FollowUpRound, *, locked: bool = False) -> Decision:
    """Write (save or submit) the own organisation's report: an open round, not yet locked."""
    decision = can_report(user, round.agreement)
    if not decision:
        return decision
    if locked or not round.is_open:
        return deny("Rapporten är låst.")
    return allow()


def meeting_of_agreement(meeting: Meeting, agreement: Agreement) -> Decision:
    if meeting.agreement_id == agreement.pk:
        return allow()
    return deny("Mötet hör till en annan överenskommelse.")
