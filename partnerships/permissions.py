"""Who may do what. Visibility is in selectors (404); these rules decide 403 for visible
objects. Each rule answers a ``Decision``: its refusal carries the Swedish text of the 403."""

from common.permissions import Decision, allow, deny

from .models import Agreement, Organisation, Sector, User
from .selectors import organisations_editable_by


def is_public_party_member(user: User, agreement: Agreement) -> bool:
    """The user's organisation is a public party of the agreement (any role)."""
    return user.organisation_id is not None and any(
        party.organisation_id == user.organisation_id and party.role == Sector.PUBLIC
        for party in agreement.parties.all()
    )


def is_public_party_administrator(user: User, agreement: Agreement) -> bool:
    """The one version of "an administrator of a public party of this agreement";
    superusers count as one. Finance, follow-ups and documents build on it."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.is_administrator and is_public_party_member(user, agreement)


def is_public_administrator(user: User) -> bool:
    """An administrator whose own organisation is a public one (a municipality or region)."""
    return bool(
        user.is_authenticated
        and user.is_administrator
        and user.organisation is not None
        and user.organisation.sector == Sector.PUBLIC
    )


def _administrator_of(user: User, agreement: Agreement, reason: str) -> Decision:
    return allow() if is_public_party_administrator(user, agreement) else deny(reason)


def can_create_agreement(user: User) -> Decision:
    if is_public_administrator(user):
        return allow()
    return deny("Endast handläggare kan skapa överenskommelser.")


def can_edit_agreement(user: User, agreement: Agreement) -> Decision:
    """Administrators of a public organisation that is party to the agreement."""
    return _administrator_of(user, agreement, "Du kan läsa men inte ändra denna överenskommelse.")


def can_start_renewal(user: User, agreement: Agreement) -> Decision:
    return _administrator_of(user, agreement, "Endast handläggare kan starta en förnyelse.")


def can_decide_renewal(user: User, agreement: Agreement) -> Decision:
    return _administrator_of(user, agreement, "Endast handläggare kan registrera nämndens beslut.")


def can_terminate_agreement(user: User, agreement: Agreement) -> Decision:
    return _administrator_of(user, agreement, "Endast handläggare kan registrera en uppsägning.")


def can_manage_organisations(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.is_administrator)


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    if not can_manage_organisations(user):
        return False
    return organisations_editable_by(user).filter(pk=organisation.pk).exists()
