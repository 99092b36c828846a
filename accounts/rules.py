"""Pure rules of invitations: status and expiry (no database)."""

import datetime as dt
from enum import StrEnum

INVITATION_VALID_FOR = dt.timedelta(days=7)


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    EXPIRED = "expired"


STATUS_LABELS = {
    InvitationStatus.PENDING: "Väntar på svar",
    InvitationStatus.ACCEPTED: "Accepterad",
    InvitationStatus.REVOKED: "Återkallad",
    InvitationStatus.EXPIRED: "Har gått ut",
}


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
