"""Date rules of an agreement: pure functions, callable without a database."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import models


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    APPROVED = "approved", "Beslutad"
    ACTIVE = "active", "Pågående"
    ENDED = "ended", "Avslutad"
    TERMINATED = "terminated", "Uppsagd"


STATUS_LABELS = {status: status.label for status in AgreementStatus}


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    return day + relativedelta(months=months)


def termination_end_date(
    *, notice_date: dt.date, notice_months: int, period_end: dt.date
) -> dt.date:
    """The last day of an agreement after written notice: the notice period runs from the
    day notice is given, but the agreement never runs past its own period end."""
    return min(add_months(notice_date, notice_months), period_end)


def last_notice_date(*, period_end: dt.date, notice_months: int) -> dt.date:
    """The last day a party can give notice so that it takes effect before the period ends."""
    return add_months(period_end, -notice_months)


def agreement_status(
    *,
    approved: bool,
    period_start: dt.date,
    period_end: dt.date,
    notice_date: dt.date | None,
    today: dt.date,
) -> AgreementStatus:
    """Status follows the dates: nobody has to flip it.

    Must give the same answer as ``AgreementQuerySet.with_status`` (tested together).
    """
    if not approved:
        return AgreementStatus.DRAFT
    if notice_date is not None and notice_date <= today:
        return AgreementStatus.TERMINATED
    if today < period_start:
        return AgreementStatus.APPROVED
    if today > period_end:
        return AgreementStatus.ENDED
    return AgreementStatus.ACTIVE


def months_and_days_left(*, today: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole months and remaining days from today to end (inclusive end day)."""
    if end < today:
        return (0, 0)
    delta = relativedelta(end + dt.timedelta(days=1), today)
    return (delta.years * 12 + delta.months, delta.days)


def renewal_state(agreement) -> str:
    """How the renewal of an agreement stands, in words for the start page."""
    decision = getattr(agreement, "renewal_decision", None)
    if decision is not None:
        return decision.get_outcome_display()
    successor = getattr(agreement, "successor", None)
    if successor is not None:
        return "Beslutad" if successor.approved else "Utkast finns, beslut saknas"
    if agreement.approved:
        return "Beslut saknas"
    return "–"
