"""Login throttling beyond django-axes' one limit (issue 11).

Axes locks a username at an address after ``AXES_FAILURE_LIMIT`` failures. One address
trying many usernames is limited too, with its own, higher limit
(``IOP_LOGIN_FAILURES_PER_ADDRESS``), so that colleagues behind one municipal NAT are not
locked out by one person's typos. Axes takes the limit from ``failure_limit``: when the
address is over its own limit, the limit for every username there is 0 (locked)."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def address_failures(ip_address: str) -> int:
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def failure_limit(request, credentials) -> int:
    ip_address = getattr(request, "axes_ip_address", None)
    if ip_address and address_failures(ip_address) >= settings.IOP_LOGIN_FAILURES_PER_ADDRESS:
        return 0
    return settings.IOP_LOGIN_FAILURES_PER_USERNAME
