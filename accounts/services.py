"""Writes of people, invitations, boards and public bodies: rules + full_clean + atomic.

A service that makes an invitation link returns the raw token for the e-mail; only its
SHA-256 is stored."""

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.permissions import require
from partnerships.models import Board, Organisation, Sector, User, public_kind_from_name

from . import permissions
from .models import AccountEvent, ElegitimationLink, Invitation
from .rules import InvitationStatus, invitation_expiry
from .tokens import hash_token, looks_like_token, new_token, personal_number_hmac


def account_event_log(*, person: User, by: User | None, action: str, text: str) -> AccountEvent:
    """Record who did what to an account; call inside the service's transaction."""
    event = AccountEvent(
        person=person,
        by=by if by is not None and by.is_authenticated else None,
        action=action,
        text=text[:300],
    )
    event.full_clean()
    event.save()
    return event


def _name(person: User) -> str:
    return person.get_full_name() or person.username


def _email_taken(email: str) -> bool:
    return (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    )


@transaction.atomic
def invitation_create(
    *,
    user: User,
    organisation: Organisation,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    is_organisation_admin: bool = False,
) -> tuple[Invitation, str]:
    require(permissions.can_invite(user, organisation, role))
    email = email.strip()
    if _email_taken(email):
        raise ValidationError({"email": "Det finns redan ett konto med den e-postadressen."})
    if (
        Invitation.objects.filter(
            organisation=organisation,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .select_for_update()
        .exists()
    ):
        raise ValidationError(
            {"email": "Personen har redan en inbjudan. Skicka den igen i listan i stället."}
        )
    token = new_token()
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        is_organisation_admin=is_organisation_admin and role == User.Role.PARTNER,
        token_hash=hash_token(token),
        invited_by=user,
        sent_at=now,
        expires_at=invitation_expiry(now),
    )
    invitation.full_clean()
    invitation.save()
    return invitation, token


@transaction.atomic
def invitation_resend(*, user: User, invitation: Invitation) -> str:
    """A new link (the old one stops working) valid for another seven days."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    require(permissions.can_invite(user, invitation.organisation, invitation.role))
    if invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.REVOKED):
        raise ValidationError("Inbjudan är redan accepterad eller återkallad.")
    token = new_token()
    now = timezone.now()
    invitation.token_hash = hash_token(token)
    invitation.sent_at = now
    invitation.expires_at = invitation_expiry(now)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    return token


@transaction.atomic
def invitation_revoke(*, user: User, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    require(permissions.can_invite(user, invitation.organisation, invitation.role))
    if invitation.accepted_at is not None:
        raise ValidationError("Inbjudan är redan accepterad; avaktivera kontot i stället.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_by_token(token: str) -> Invitation | None:
    """The pending invitation of this token, else None (unknown, used, revoked, expired)."""
    if not looks_like_token(token):
        return None
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return None
    return invitation


def new_user_for(invitation: Invitation) -> User:
    """The account an invitation will create (unsaved), for the password validators."""
    return User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        organisation=invitation.organisation,
        role=invitation.role,
        is_organisation_admin=invitation.is_organisation_admin,
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Create the invited person's account with the password they chose. The link works
    once: the invitation is accepted in the same transaction."""
    found = invitation_by_token(token)
    if found is None:
        raise PermissionDenied("Inbjudan gäller inte längre.")
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise PermissionDenied("Inbjudan gäller inte längre.")
    if _email_taken(invitation.email):
        raise ValidationError("Det finns redan ett konto med den här e-postadressen.")
    new_user = new_user_for(invitation)
    password_validation.validate_password(password, user=new_user)
    new_user.set_password(password)
    new_user.full_clean()
    new_user.save()
    invitation.user = new_user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    return new_user


@transaction.atomic
def person_update(
    *, user: User, person: User, role: str, is_organisation_admin: bool = False
) -> User:
    require(permissions.can_change_person(user, person))
    if role not in permissions.invitable_roles(user, person.organisation):
        raise ValidationError({"role": "Du kan inte ge den rollen i den här organisationen."})
    before = (person.get_role_display(), person.is_organisation_admin)
    person.role = role
    person.is_organisation_admin = is_organisation_admin and role == User.Role.PARTNER
    person.full_clean()
    person.save(update_fields=["role", "is_organisation_admin"])
    after = (person.get_role_display(), person.is_organisation_admin)
    if before != after:

        def label(role_label: str, admin: bool) -> str:
            return f"{role_label}, administratör" if admin else role_label

        account_event_log(
            person=person,
            by=user,
            action=AccountEvent.Action.ROLE_CHANGED,
            text=f"Roll för {_name(person)}: {label(*before)} → {label(*after)}",
        )
    return person


@transaction.atomic
def person_set_active(*, user: User, person: User, active: bool) -> User:
    """Deactivate (or reactivate) an account. Never deleted: the change history keeps
    saying who did what. A deactivated person cannot sign in, gets no reminders and their
    calendar address stops working."""
    require(permissions.can_change_person(user, person))
    if person.is_active == active:
        return person
    person.is_active = active
    person.save(update_fields=["is_active"])
    account_event_log(
        person=person,
        by=user,
        action=AccountEvent.Action.REACTIVATED if active else AccountEvent.Action.DEACTIVATED,
        text=f"{_name(person)} {'aktiverad igen' if active else 'avaktiverad'}",
    )
    return person


@transaction.atomic
def board_create(
    *, user: User, organisation: Organisation, name: str, administration_name: str = ""
) -> Board:
    require(permissions.can_manage_boards(user, organisation))
    board = Board(organisation=organisation, name=name, administration_name=administration_name)
    board.full_clean()
    board.save()
    return board


@transaction.atomic
def board_update(*, user: User, board: Board, name: str, administration_name: str) -> Board:
    """Rename a board. Its history keeps the old name; documents already issued are
    snapshots and keep the name they were issued with."""
    require(permissions.can_manage_boards(user, board.organisation))
    board.name = name
    board.administration_name = administration_name
    board.full_clean()
    board.save()
    return board


@transaction.atomic
def public_body_onboard(
    *,
    user: User,
    name: str,
    organisation_number: str,
    board_names: list[str],
    admin_email: str,
    admin_first_name: str,
    admin_last_name: str,
) -> tuple[Organisation, Invitation, str]:
    """A municipality or region with its boards and an invitation for its first
    administrator."""
    require(permissions.can_onboard(user))
    if not organisation_number.strip():
        raise ValidationError({"organisation_number": "Ange organisationsnumret."})
    organisation = Organisation(
        name=name,
        organisation_number=organisation_number,
        sector=Sector.PUBLIC,
        public_kind=public_kind_from_name(name),
    )
    organisation.full_clean()
    organisation.save()
    for board_name in board_names:
        board = Board(organisation=organisation, name=board_name)
        board.full_clean()
        board.save()
    try:
        invitation, token = invitation_create(
            user=user,
            organisation=organisation,
            email=admin_email,
            first_name=admin_first_name,
            last_name=admin_last_name,
            role=User.Role.ADMINISTRATOR,
        )
    except ValidationError as exc:
        errors = exc.message_dict.get("email") if hasattr(exc, "error_dict") else None
        raise ValidationError({"admin_email": errors or exc.messages}) from exc
    return organisation, invitation, token


@transaction.atomic
def elegitimation_link(*, user: User, personal_number: str, key: str) -> ElegitimationLink:
    """Link the signed-in partner to their e-legitimation: keep the keyed hash only."""
    if not (user.is_active and user.is_partner):
        raise PermissionDenied("Bara partner kan koppla e-legitimation.")
    digest = personal_number_hmac(personal_number, key=key)
    if ElegitimationLink.objects.filter(subject_hmac=digest).exclude(user=user).exists():
        raise ValidationError("E-legitimationen är redan kopplad till ett annat konto.")
    link, _ = ElegitimationLink.objects.update_or_create(
        user=user, defaults={"subject_hmac": digest}
    )
    return link


def user_for_elegitimation(*, personal_number: str, key: str) -> User | None:
    """The active partner linked to this e-legitimation, else None."""
    digest = personal_number_hmac(personal_number, key=key)
    link = (
        ElegitimationLink.objects.select_related("user")
        .filter(subject_hmac=digest, user__is_active=True, user__role=User.Role.PARTNER)
        .first()
    )
    return link.user if link else None
