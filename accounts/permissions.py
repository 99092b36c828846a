"""Who may do what to the people of an organisation the user can already see (selectors
decide the 404; these rules the 403 with its reason)."""

from common.permissions import Decision, allow, deny
from partnerships.models import Organisation, Sector, User


def invitable_roles(user: User, organisation: Organisation) -> list[str]:
    """The roles this user may give people of this organisation."""
    if organisation.sector == Sector.IDEA_BASED:
        return [User.Role.PARTNER]
    if user.is_operator or (user.is_administrator and user.organisation_id == organisation.pk):
        return [User.Role.ADMINISTRATOR, User.Role.BOARD_STAFF]
    return []


def can_invite(user: User, organisation: Organisation, role: str | None = None) -> Decision:
    roles = invitable_roles(user, organisation)
    if not roles:
        return deny("Du kan inte bjuda in personer till den här organisationen.")
    if role is not None and role not in roles:
        return deny("Du kan inte ge den rollen i den här organisationen.")
    return allow()


def can_change_person(user: User, person: User) -> Decision:
    if person.pk == user.pk:
        return deny("Du kan inte ändra din egen roll eller avaktivera dig själv.")
    if (person.is_superuser or person.role == User.Role.OPERATOR) and not user.is_operator:
        return deny("Bara driftansvariga kan ändra en driftansvarig.")
    if person.organisation is None or not invitable_roles(user, person.organisation):
        return deny("Du kan inte ändra personer i den här organisationen.")
    return allow()


def can_manage_boards(user: User, organisation: Organisation) -> Decision:
    if organisation.sector != Sector.PUBLIC:
        return deny("Bara offentliga organisationer har nämnder.")
    if user.is_operator or (user.is_administrator and user.organisation_id == organisation.pk):
        return allow()
    return deny("Bara organisationens handläggare kan ändra dess nämnder.")


def can_onboard(user: User) -> Decision:
    if user.is_authenticated and user.is_operator:
        return allow()
    return deny("Bara driftansvariga kan lägga till en kommun eller region.")


def can_reset_two_factor(user: User, person: User) -> Decision:
    """An organisation's administrators (or an operator) reset a person's lost
    authenticator; one's own is removed or replaced from "Mitt konto"."""
    if person.pk == user.pk:
        return deny("Din egen tvåstegsverifiering tar du bort eller byter under Mitt konto.")
    return can_change_person(user, person)
