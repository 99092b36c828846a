"""Named business events and the agreement's change history from every app.

``log_event`` is called by services inside their transaction. Apps above the register
(finance, followups, documents) add their part of the history with
``register_history_source`` in ``AppConfig.ready``, so the register shows the whole history
without importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from .history import HistoryEntry
from .models import Agreement, AuditEvent, Organisation, User


def log_event(
    *,
    agreement: Agreement,
    user: User | None,
    action: str,
    text: str,
    target: models.Model | None = None,
    organisation: Organisation | None = None,
) -> AuditEvent:
    """Record a business event; call inside the service's ``transaction.atomic``."""
    event = AuditEvent(
        agreement=agreement,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        text=text[:300],
        organisation=organisation,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target.pk if target is not None else None,
    )
    event.save()
    return event


@dataclass(frozen=True)
class HistorySource:
    """``entries(agreement, user)`` returns the source's entries in a fixed number of
    queries, leaving out what ``user`` may not see."""

    key: str
    label: str
    entries: Callable[[Agreement, User], list[HistoryEntry]]
    order: int = 100


_sources: dict[str, HistorySource] = {}


def register_history_source(source: HistorySource) -> None:
    _sources[source.key] = source


def history_sources() -> list[HistorySource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


def _may_see_party_rows(user: User, agreement: Agreement) -> set[int] | None:
    """None: the user sees every party's rows (administration, operators); otherwise the
    organisation ids whose rows a partner sees (their own)."""
    from .permissions import is_public_party_member

    if user.is_operator or is_public_party_member(user, agreement):
        return None
    return {user.organisation_id} if user.organisation_id else set()


def _register_entries(agreement: Agreement, user: User) -> list[HistoryEntry]:
    from .history import agreement_history

    return agreement_history(agreement, limit=10_000)


def _event_entries(agreement: Agreement, user: User) -> list[HistoryEntry]:
    events = AuditEvent.objects.filter(agreement=agreement).select_related("user")
    own = _may_see_party_rows(user, agreement)
    if own is not None:
        events = events.filter(
            models.Q(organisation__isnull=True) | models.Q(organisation_id__in=own)
        )
    return [
        HistoryEntry(
            when=event.created_at,
            who=(event.user.get_full_name() or event.user.username) if event.user else "systemet",
            action="händelse:",
            what=event.text,
        )
        for event in events
    ]


def party_rows_visible(user: User, agreement: Agreement) -> set[int] | None:
    """For history sources of other apps: see ``_may_see_party_rows``."""
    return _may_see_party_rows(user, agreement)


register_history_source(HistorySource("events", "Händelser", _event_entries, order=10))
register_history_source(
    HistorySource("register", "Överenskommelse och parter", _register_entries, order=20)
)
