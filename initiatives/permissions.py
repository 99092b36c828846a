"""Who may do what with a visible initiative (visibility itself is in selectors: 404)."""

from common.permissions import Decision, allow, deny
from partnerships.models import User
from partnerships.permissions import is_public_administrator

from .models import Initiative, Status

# While the public body has not turned the initiative into an agreement or declined it, the
# organisation may still complete it and its documents.
OPEN_STATUSES = (Status.RECEIVED, Status.DIALOGUE, Status.ASSESSED)


def can_file_initiative(user: User) -> Decision:
    if user.is_authenticated and (user.is_partner or is_public_administrator(user)):
        return allow()
    return deny("Initiativ lämnas av en idéburen organisation eller av en handläggare.")


def can_handle_initiative(user: User, initiative: Initiative) -> Decision:
    """Administrators of the public body the initiative was filed to."""
    if user.is_superuser or (
        is_public_administrator(user) and user.organisation_id == initiative.public_body_id
    ):
        return allow()
    return deny("Endast den offentliga partens handläggare hanterar initiativet.")


def can_make_agreement(user: User, initiative: Initiative) -> Decision:
    decision = can_handle_initiative(user, initiative)
    if not decision:
        return decision
    if initiative.agreement_id is not None:
        return deny("Initiativet har redan blivit en överenskommelse.")
    if initiative.status == Status.DECLINED:
        return deny("Initiativet är avslaget.")
    return allow()


def can_export_de_minimis(user: User) -> Decision:
    if is_public_administrator(user):
        return allow()
    return deny("Endast handläggare kan ta ut registret över stöd av mindre betydelse.")


def can_see_attachments(user: User, initiative: Initiative) -> Decision:
    """The organisation's statutes and accounts: its own users and the receiving public
    body's administrators only (not the body's board staff, nobody else)."""
    if not user.is_authenticated:
        return deny("Logga in.")
    if user.is_superuser or user.organisation_id == initiative.organisation_id:
        return allow()
    if is_public_administrator(user) and user.organisation_id == initiative.public_body_id:
        return allow()
    return deny("Endast organisationen och den mottagande partens handläggare ser bilagorna.")


def can_attach(user: User, initiative: Initiative) -> Decision:
    """Add or remove an initiative's documents until it is an agreement (then they are the
    agreement's) or declined."""
    decision = can_see_attachments(user, initiative)
    if not decision:
        return decision
    if initiative.agreement_id is not None:
        return deny("Initiativet är en överenskommelse; bilagorna finns under överenskommelsen.")
    if initiative.status not in OPEN_STATUSES:
        return deny("Initiativet är avslutat.")
    return allow()


def can_complete(user: User, initiative: Initiative) -> Decision:
    """The organisation completes its own initiative while it is open."""
    if not (user.is_authenticated and user.organisation_id == initiative.organisation_id):
        return deny("Endast organisationen som lämnade initiativet kan komplettera det.")
    if initiative.agreement_id is not None or initiative.status not in OPEN_STATUSES:
        return deny("Initiativet kan inte längre kompletteras.")
    return allow()
