"""Reads of attachments, scoped to the user (404 outside).

A user sees the attachments of the agreements they see; a partner only those of their own
organisation and of the public parties (minutes, the signed agreement), never another
idea-based party's accounts.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from common.converters import one_or_404
from partnerships.models import Agreement, Sector, User
from partnerships.selectors import agreements_visible_to

from . import registry
from .models import Attachment
from .rules import RequiredRow, required_documents


def _partner_filter(user: User) -> Q:
    if user.is_superuser or not user.is_partner:
        return Q()
    return Q(organisation_id=user.organisation_id) | Q(organisation__sector=Sector.PUBLIC)


def _not_private(queryset: QuerySet[Attachment], user: User | None) -> QuerySet[Attachment]:
    """Leave out what another app keeps private from this user (a draft economic report's
    attachments, seen only by the party's own organisation until it is submitted)."""
    hidden = registry.private_to_others(user)
    return queryset if hidden is None else queryset.exclude(hidden)


def attachments_visible_to(user: User) -> QuerySet[Attachment]:
    return _not_private(
        Attachment.objects.active()
        .filter(agreement__in=agreements_visible_to(user))
        .filter(_partner_filter(user)),
        user,
    ).select_related("organisation", "agreement")


def attachment_for_user(user: User, pk: object) -> Attachment:
    return one_or_404(attachments_visible_to(user), pk, "Ingen sådan bilaga.")


def attachments_of_agreement(user: User, agreement: Agreement) -> QuerySet[Attachment]:
    return attachments_visible_to(user).filter(agreement=agreement).select_related("uploaded_by")


def attachments_of_target(user: User, target: Model) -> QuerySet[Attachment]:
    return attachments_visible_to(user).filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    )


def required_documents_of(user: User, agreement: Agreement, today: dt.date) -> list[RequiredRow]:
    """Which yearly documents each idea-based party has handed in, for the years ended."""
    parties = [
        p
        for p in agreement.parties.all()
        if p.role == Sector.IDEA_BASED
        and (user.is_superuser or not user.is_partner or p.organisation_id == user.organisation_id)
    ]
    arrived = arrived_keys([agreement.pk], user=user)
    return required_documents(
        agreement_id=agreement.pk,
        years=range(agreement.period_start.year, agreement.period_end.year + 1),
        organisations=[(p.organisation_id, p.organisation.name) for p in parties],
        arrived=arrived,
        today=today,
    )


def arrived_keys(
    agreement_ids: Iterable[int], *, user: User | None = None
) -> set[tuple[int, int, int, str]]:
    """(agreement, organisation, year, kind) of every active attachment: one query. Without
    a user (the reminders), what is still private to a party (a draft report's files) has
    not arrived."""
    attachments = Attachment.objects.active().filter(agreement_id__in=list(agreement_ids))
    return set(
        _not_private(attachments, user).values_list(
            "agreement_id", "organisation_id", "year", "kind"
        )
    )
