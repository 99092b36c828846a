"""Who may upload and delete attachments. Visibility is in selectors (404)."""

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Organisation, Sector, User
from partnerships.permissions import can_edit_agreement

from .models import Attachment


def upload_organisations(user: User, agreement: Agreement) -> list[Organisation]:
    """Whose documents the user may upload: administrators of the agreement for any party,
    a partner only for their own idea-based organisation."""
    if not user.is_authenticated:
        return []
    parties = list(agreement.parties.all())
    if can_edit_agreement(user, agreement):
        return [party.organisation for party in parties]
    if user.is_partner:
        return [
            party.organisation
            for party in parties
            if party.organisation_id == user.organisation_id and party.role == Sector.IDEA_BASED
        ]
    return []


def can_upload(user: User, agreement: Agreement) -> Decision:
    if upload_organisations(user, agreement):
        return allow()
    return deny("Endast överenskommelsens parter och handläggare kan ladda upp bilagor.")


def can_delete(user: User, attachment: Attachment) -> Decision:
    if can_edit_agreement(user, attachment.agreement):
        return allow()
    if (
        user.is_authenticated
        and user.is_partner
        and (attachment.organisation_id == user.organisation_id)
    ):
        return allow()
    return deny("Du kan inte ta bort den här bilagan.")
