"""Two-factor authentication with django-otp: TOTP (authenticator app) and one-time
recovery codes (django-otp's static tokens, each removed when used).

Required, when ``IOP_REQUIRE_MFA`` is on, for everybody who can change or read more than
their own organisation's notes: administrators, operators, board staff and partner
administrators (OWASP ASVS 5.0 level 2). A sign-in through the organisation's identity
provider or an eID broker counts as two-factor: that provider did it."""

import base64
import io
import secrets

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.permissions import require
from partnerships.models import User

from . import permissions
from .models import AccountEvent
from .services import account_event_log

SSO_SESSION_KEY = "iop_signed_in_with"
RECOVERY_CODES = 10


def requires_two_factor(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return bool(
        user.is_operator
        or user.is_superuser
        or user.role in (User.Role.ADMINISTRATOR, User.Role.BOARD_STAFF)
        or user.is_organisation_admin
    )


def is_satisfied(request: HttpRequest) -> bool:
    user = request.user
    if not settings.IOP_REQUIRE_MFA or not requires_two_factor(user):
        return True
    if request.session.get(SSO_SESSION_KEY):
        return True
    return user.is_verified()


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp(user: User) -> TOTPDevice:
    """The device being enrolled (unconfirmed), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=False)
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def new_recovery_code() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@transaction.atomic
def recovery_codes_replace(user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Reservkoder", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [new_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def totp_confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device being enrolled with a code from the app; recovery codes back."""
    if not device.verify_token(code):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return recovery_codes_replace(device.user)


def verify(request: HttpRequest, code: str) -> bool:
    """A code from the app or a recovery code (used once) verifies this session."""
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(code):
            otp_login(request, device)
            return True
    return False


def _delete_devices(person: User) -> bool:
    """Remove the person's authenticator and recovery codes; True if there were any."""
    totp, _ = TOTPDevice.objects.filter(user=person).delete()
    static, _ = StaticDevice.objects.filter(user=person).delete()
    return bool(totp or static)


@transaction.atomic
def two_factor_reset(*, user: User, person: User) -> bool:
    """An administrator resets the second factor of a person who lost their authenticator:
    the app and the recovery codes stop working, and the person is asked to enrol again at
    the next sign-in (and on their next page, if signed in). Recorded with who and when."""
    require(permissions.can_reset_two_factor(user, person))
    had_any = _delete_devices(person)
    account_event_log(
        person=person,
        by=user,
        action=AccountEvent.Action.TWO_FACTOR_RESET,
        text=f"Tvåstegsverifiering nollställd för {person.get_full_name() or person.username}",
    )
    return had_any


@transaction.atomic
def two_factor_remove_own(request: HttpRequest) -> None:
    """The signed-in person removes their own authenticator; only in a session verified
    with it (a password alone may not take the second factor away)."""
    user = request.user
    if not user.is_verified():
        raise PermissionDenied("Ange en kod från appen först.")
    _delete_devices(user)
    request.user.otp_device = None
    account_event_log(
        person=user,
        by=user,
        action=AccountEvent.Action.TWO_FACTOR_REMOVED,
        text="Tvåstegsverifiering borttagen av personen själv",
    )
