"""Invitations and the link between a partner and their e-legitimation.

Sign-in data lives here, not in ``partnerships``: the register does not need it, and
finance and follow-ups never import it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from common import fields
from common.privacy import LINE_GUARD
from partnerships.fields import organisation_fk
from partnerships.models import User

from .rules import STATUS_LABELS, InvitationStatus, invitation_status

INVITABLE_ROLES = (User.Role.ADMINISTRATOR, User.Role.BOARD_STAFF, User.Role.PARTNER)


class Invitation(models.Model):
    """A one-time link for a new person of an organisation. Only the token's SHA-256 is
    kept; the link itself is in the e-mail and nowhere else."""

    organisation = organisation_fk("invitations", "organisation")
    email = models.EmailField("e-post", validators=LINE_GUARD)
    first_name = fields.line("förnamn", 150)
    last_name = fields.line("efternamn", 150)
    role = models.CharField(
        "roll", max_length=20, choices=[(r.value, r.label) for r in INVITABLE_ROLES]
    )
    is_organisation_admin = models.BooleanField("administratör för organisationen", default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = fields.user_fk("inbjuden av", related_name="invitations_sent")
    created_at = fields.created_at()
    sent_at = models.DateTimeField("skickad")
    expires_at = models.DateTimeField("gäller till")
    accepted_at = models.DateTimeField("accepterad", null=True, blank=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="konto",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitation",
    )

    class Meta:
        verbose_name = "inbjudan"
        verbose_name_plural = "inbjudningar"
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                models.functions.Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(accepted_at__isnull=False, revoked_at__isnull=False),
                name="invitation_not_accepted_and_revoked",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(user__isnull=False),
                name="invitation_accepted_has_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Inbjudan till {self.email}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def status(self) -> InvitationStatus:
        return invitation_status(
            now=timezone.now(),
            expires_at=self.expires_at,
            accepted_at=self.accepted_at,
            revoked_at=self.revoked_at,
        )

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def get_role_display_text(self) -> str:
        return User.Role(self.role).label


class ElegitimationLink(models.Model):
    """A partner's e-legitimation: HMAC-SHA256 of the personal identity number with the
    installation's key (``IOP_EID_HMAC_KEY``). The number itself is stored nowhere."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="elegitimation"
    )
    # A hex digest: exempt from the text guard (iop/privacy.py), ten digits in a row happen.
    subject_hmac = models.CharField(max_length=64, unique=True, editable=False)
    linked_at = fields.created_at()

    class Meta:
        verbose_name = "koppling till e-legitimation"
        verbose_name_plural = "kopplingar till e-legitimation"

    def __str__(self) -> str:
        return f"E-legitimation för {self.user}"


class AccountEvent(models.Model):
    """Who did what to a person's account (role changed, deactivated, second factor reset
    or removed): the people page's own audit log, append-only like ``AuditEvent``."""

    class Action(models.TextChoices):
        ROLE_CHANGED = "role_changed", "Roll ändrad"
        DEACTIVATED = "deactivated", "Avaktiverad"
        REACTIVATED = "reactivated", "Aktiverad igen"
        TWO_FACTOR_RESET = "two_factor_reset", "Tvåstegsverifiering nollställd"
        TWO_FACTOR_REMOVED = "two_factor_removed", "Tvåstegsverifiering borttagen av personen"

    person = fields.user_fk("person", related_name="account_events")
    action = models.CharField("händelse", max_length=30, choices=Action.choices)
    text = fields.line("beskrivning", 300)
    by = fields.user_fk("av", on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField("tidpunkt", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "kontohändelse"
        verbose_name_plural = "kontohändelser"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.text}"
