"""Who may do what with a visible initiative (visibility itself is in selectors: 404)."""

from common.permissions import Decision, allow, deny
from partnerships.models import User
from partnerships.permissions import is_public_administrator

from .models import Initiative, Status


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
