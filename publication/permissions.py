"""Who may switch a public list on and choose what it hides."""

from common.permissions import Decision, allow, deny
from partnerships.models import Sector, User


def can_manage_publication(user: User) -> Decision:
    """Administrators of a public body, for their own body's list."""
    if not user.is_authenticated:
        return deny("Logga in först.")
    if (
        user.is_administrator
        and user.organisation is not None
        and user.organisation.sector == Sector.PUBLIC
    ):
        return allow()
    return deny("Bara handläggare på en offentlig organisation kan ändra dess publicering.")
