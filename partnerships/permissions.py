"""Who may do what. Visibility is in selectors (404); these rules decide 403 for visible
objects. Each rule answers a ``Decision``: its refusal carries the Swedish text of the 403."""

from common.permissions import Decision, allow, deny

from .models import Agreement, Organisation, Sector, User


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


def administrator_of(user: User, agreement: Agreement, reason: str) -> Decision:
    """The one rule "an administrator of a public party of this agreement", with the
    caller's Swedish reason for the 403."""
    return allow() if is_public_party_administrator(user, agreement) else deny(reason)


def can_create_agreement(user: User) -> Decision:
    if is_public_administrator(user):
        return allow()
    return deny("Endast handläggare kan skapa överenskommelser.")


def can_edit_agreement(user: User, agreement: Agreement) -> Decision:
    """Administrators of a public organisation that is party to the agreement."""
    return administrator_of(user, agreement, "Du kan läsa men inte ändra denna överenskommelse.")


def can_start_renewal(user: User, agreement: Agreement) -> Decision:
    return administrator_of(user, agreement, "Endast handläggare kan starta en förnyelse.")


def can_decide_renewal(user: User, agreement: Agreement) -> Decision:
    return administrator_of(user, agreement, "Endast handläggare kan registrera nämndens beslut.")


def can_terminate_agreement(user: User, agreement: Agreement) -> Decision:
    return administrator_of(user, agreement, "Endast handläggare kan registrera en uppsägning.")


def can_record_amendment(user: User, agreement: Agreement) -> Decision:
    """Record or change an amendment (ändring): administrators of a public party."""
    return administrator_of(user, agreement, "Endast handläggare kan registrera en ändring.")


def can_manage_organisations(user: User) -> Decision:
    """Who may register a new organisation: administrators of a public body, operators."""
    if user.is_authenticated and (user.is_operator or is_public_administrator(user)):
        return allow()
    return deny("Endast handläggare kan registrera organisationer.")


def can_edit_organisation(user: User, organisation: Organisation) -> Decision:
    """An organisation's record is changed only by those it belongs to: a public body's by
    its own administrators; an idea-based organisation's by its own organisation
    administrators, or by the public body that registered it as long as it has no
    administrator of its own. Operators may correct any record."""
    if not user.is_authenticated:
        return deny("Logga in först.")
    if user.is_operator:
        return allow()
    if organisation.sector == Sector.PUBLIC:
        if user.is_administrator and user.organisation_id == organisation.pk:
            return allow()
        return deny("Bara organisationens egna handläggare kan ändra dess uppgifter.")
    if user.organisation_id == organisation.pk and user.is_organisation_admin:
        return allow()
    if (
        user.is_administrator
        and organisation.registered_by_id == user.organisation_id
        and not organisation.users.filter(is_organisation_admin=True, is_active=True).exists()
    ):
        return allow()
    return deny(
        "Bara organisationens egna administratörer (eller driftansvarig) kan ändra dess uppgifter."
    )


def contact_owner_for(user: User, organisation: Organisation) -> Organisation | None:
    """Whose contact records about ``organisation`` this user keeps, or None.

    An administrator of a public body keeps the body's own records (about any organisation,
    its own included); an organisation's own administrator and an operator keep the
    organisation's own records."""
    if not user.is_authenticated:
        return None
    if is_public_administrator(user):
        return user.organisation
    if user.is_operator or (user.organisation_id == organisation.pk and user.is_organisation_admin):
        return organisation
    return None


def can_edit_contacts(user: User, organisation: Organisation) -> Decision:
    if contact_owner_for(user, organisation) is None:
        return deny(
            "Kontaktpersoner förs av handläggare på offentliga organisationer och av "
            "organisationens egna administratörer."
        )
    return allow()
