"""Follow-up views by topic: the agreement tab (``agreement``), meetings, rounds with the
partners' reports and the assessment (``rounds``), the calendar feed. Each view: load via
selectors (404 outside scope), ``require`` the rule (403 with its reason), ``submit`` the
form to a service, answer."""

from .agreement import agreement_followup
from .calendar import calendar_feed, calendar_settings
from .indicators import indicators_edit
from .meetings import meeting_create, meeting_detail, meeting_ics, meeting_invite, meeting_update
from .rounds import (
    round_assessment,
    round_create,
    round_detail,
    round_reopen,
    round_report,
    round_status,
)

__all__ = [
    "agreement_followup",
    "calendar_feed",
    "calendar_settings",
    "indicators_edit",
    "meeting_create",
    "meeting_detail",
    "meeting_ics",
    "meeting_invite",
    "meeting_update",
    "round_assessment",
    "round_create",
    "round_detail",
    "round_reopen",
    "round_report",
    "round_status",
]
