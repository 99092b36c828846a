"""Writes of follow-ups: atomic, keyword-only, ``full_clean`` before every save.

Rule checks raise ``ValidationError`` (Swedish, keyed by field where possible); a refusal
of ``permissions`` is the 403 with its reason (``require``); nothing is half-saved.
"""

from .meetings import (
    CALENDAR_FIELDS,
    MEETING_FIELDS,
    calendar_feed_create,
    calendar_feed_revoke,
    meeting_save,
    meeting_send_invitation,
    party_contacts,
)
from .rounds import (
    assessment_save,
    report_reopen,
    report_save,
    round_create,
    round_set_status,
)

__all__ = [
    "CALENDAR_FIELDS",
    "MEETING_FIELDS",
    "assessment_save",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "meeting_save",
    "meeting_send_invitation",
    "party_contacts",
    "report_reopen",
    "report_save",
    "round_create",
    "round_set_status",
]
