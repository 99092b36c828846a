"""Pure rules of invitations: status and expiry (no database)."""

import datetime as dt

from django.db import models

INVITATION_VALID_FOR = dt.timedelta(days=7)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Väntar på svar"
    ACCEPTED = "accepted", "Accepterad"
    REVOKED = "revoked", "Återkallad"
    EXPIRED = "expired", "Har gått ut"


STATUS_LABELS = {status: status.label for status in InvitationStatus}


def invitation_expiry(sent_at: dt.datetime) -> dt.datetime:
    return sent_at + INVITATION_VALID_FOR


def invitation_status(
    *,
    now: dt.datetime,
    expires_at: dt.datetime,
    accepted_at: dt.datetime | None,
    revoked_at: dt.datetime | None,
) -> InvitationStatus:
    if accepted_at is not None:
        return InvitationStatus.ACCEPTED
    if revoked_at is not None:
        return InvitationStatus.REVOKED
    if now >= expires_at:
        return InvitationStatus.EXPIRED
    return InvitationStatus.PENDING
