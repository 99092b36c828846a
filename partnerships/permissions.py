"""Who may do what. Visibility is in selectors; these rules decide 403 for visible objects."""

from common.permissions import Decision, allow, deny

from .models import Agreement, Organisation, Sector, User


def can_create_agreement(user: User) -> bool:
    return (
        user.is_authenticated
        and user.is_administrator
        and (user.organisation is not None and user.organisation.sector == Sector.PUBLIC)
    )


def can_edit_agreement(user: User, agreement: Agreement) -> bool:
    """Administrators of a public organisation that is party to the agreement."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not user.is_administrator:
        return False
    return any(
        party.organisation_id == user.organisation_id and party.role == Sector.PUBLIC
        for party in agreement.parties.all()
    )


def can_manage_organisations(user: User) -> bool:
    """Who may register a new organisation: administrators of a public body, operators."""
    return user.is_authenticated and (
        user.is_operator or (user.is_administrator and user.organisation.sector == Sector.PUBLIC)
    )


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
    if user.is_administrator and user.organisation.sector == Sector.PUBLIC:
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
