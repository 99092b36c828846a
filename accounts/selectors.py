"""Whose people a user may see and invite. Anything outside that reach is a 404.

- an operator: every organisation (they onboard public bodies and help them);
- an administrator of a public body: their own body, and the idea-based organisations that
  are parties to that body's agreements;
- a partner administrator (``is_organisation_admin``): their own organisation only;
- everybody else: nobody's.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.converters import one_or_404
from partnerships.models import Board, ContactPerson, Organisation, Party, Sector, User

from .models import AccountEvent, Invitation


def organisations_managed_by(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_operator:
        return Organisation.objects.all()
    if user.organisation_id is None:
        return Organisation.objects.none()
    if user.is_administrator and user.organisation.sector == Sector.PUBLIC:
        my_agreements = Party.objects.filter(organisation_id=user.organisation_id).values(
            "agreement_id"
        )
        partners = Party.objects.filter(
            agreement_id__in=my_agreements, role=Sector.IDEA_BASED
        ).values("organisation_id")
        return Organisation.objects.filter(pk=user.organisation_id) | Organisation.objects.filter(
            pk__in=partners, sector=Sector.IDEA_BASED
        )
    if user.is_partner and user.is_organisation_admin:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def managed_organisation_for_user(user: User, pk: object) -> Organisation:
    return one_or_404(organisations_managed_by(user), pk, "Ingen sådan organisation.")


def person_for_manager(user: User, pk: object) -> User:
    people = User.objects.select_related("organisation").filter(
        organisation__in=organisations_managed_by(user)
    )
    return one_or_404(people, pk, "Ingen sådan person.")


def invitation_for_manager(user: User, pk: object) -> Invitation:
    invitations = Invitation.objects.select_related("organisation").filter(
        organisation__in=organisations_managed_by(user)
    )
    return one_or_404(invitations, pk, "Ingen sådan inbjudan.")


def people_of(organisation: Organisation) -> QuerySet[User]:
    """The organisation's people, each with ``has_two_factor`` (an authenticator enrolled)."""
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.filter(organisation=organisation)
        .annotate(has_two_factor=Exists(enrolled))
        .order_by("-is_active", "last_name", "first_name", "pk")
    )


def account_events_of(person: User, limit: int = 50) -> QuerySet[AccountEvent]:
    return AccountEvent.objects.filter(person=person).select_related("by")[:limit]


def open_invitations_of(organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-sent_at", "-pk")
    )


def contacts_without_account(organisation: Organisation) -> list[ContactPerson]:
    """Contact people with an e-mail address that has no account and no open invitation:
    the starting point for inviting a partner organisation's staff."""
    taken = {
        e.lower()
        for e in User.objects.filter(organisation=organisation).values_list("email", flat=True)
    } | {e.lower() for e in open_invitations_of(organisation).values_list("email", flat=True)}
    return [
        c
        for c in organisation.contacts.exclude(email="").order_by("name", "pk")
        if c.email.lower() not in taken
    ]


def managed_organisations_overview(user: User) -> QuerySet[Organisation]:
    return organisations_managed_by(user).order_by("sector", "name")


def boards_of(organisation: Organisation) -> QuerySet[Board]:
    return organisation.boards.order_by("name", "pk")


def board_for_manager(user: User, pk: object) -> Board:
    boards = Board.objects.select_related("organisation").filter(
        organisation__in=organisations_managed_by(user), organisation__sector=Sector.PUBLIC
    )
    return one_or_404(boards, pk, "Ingen sådan nämnd.")
