"""Who may do what. Visibility is in selectors; these rules decide 403 for visible objects."""

from .models import Agreement, Organisation, Sector, User
from .selectors import organisations_editable_by


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
    return user.is_authenticated and (user.is_superuser or user.is_administrator)


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    if not can_manage_organisations(user):
        return False
    return organisations_editable_by(user).filter(pk=organisation.pk).exists()
