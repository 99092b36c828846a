"""Writes of index series and index values (one value, or a CSV import)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from common.versioning import save_versioned
from partnerships.models import User

from ..index_import import ParsedRow
from ..models import (
    IndexSeries,
    IndexValue,
)
from ..permissions import can_edit_series

# --- index values -------------------------------------------------------------------------


def _require_series_editor(user: User, series: IndexSeries) -> None:
    decision = can_edit_series(user, series)
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def index_series_create(*, user: User, name: str, description: str = "") -> IndexSeries:
    """An operator creates a shared series; a public body's administrator the body's own."""
    owner = None if user.is_operator else user.organisation
    if owner is None and not user.is_operator:
        raise PermissionDenied("Endast handläggare kan skapa indexserier.")
    series = IndexSeries(name=name, description=description, owner=owner)
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def index_value_save(
    *,
    user: User,
    series: IndexSeries,
    year: int,
    preliminary_percent: Decimal | None,
    preliminary_published: dt.date | None,
    definitive_percent: Decimal | None,
    definitive_published: dt.date | None,
    source: str,
    instance: IndexValue | None = None,
    expected_version: int,
) -> IndexValue:
    _require_series_editor(user, series)
    if instance is not None:
        _require_series_editor(user, instance.series)
    clash = IndexValue.objects.filter(series=series, year=year)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError(
            {"year": f"{series} för {year} finns redan. Ändra det befintliga värdet i stället."}
        )
    value = instance or IndexValue()
    value.series = series
    value.year = year
    value.preliminary_percent = preliminary_percent
    value.preliminary_published = preliminary_published
    value.definitive_percent = definitive_percent
    value.definitive_published = definitive_published
    value.source = source
    value.full_clean()
    save_versioned(value, expected_version)
    return value


@transaction.atomic
def index_values_import(
    *, user: User, series: IndexSeries, rows: list[ParsedRow]
) -> tuple[int, int]:
    """Create or correct the values of ``series``; all rows or none. Returns (new, updated)."""
    _require_series_editor(user, series)
    existing = {v.year: v for v in IndexValue.objects.select_for_update().filter(series=series)}
    created = updated = 0
    for row in rows:
        value = existing.get(row.year) or IndexValue(series=series, year=row.year)
        is_new = value.pk is None
        value.preliminary_percent = row.preliminary_percent
        value.preliminary_published = row.preliminary_published
        value.definitive_percent = row.definitive_percent
        value.definitive_published = row.definitive_published
        value.source = row.source
        try:
            value.full_clean()
        except ValidationError as exc:
            raise ValidationError(f"Rad {row.line}: {'; '.join(exc.messages)}") from exc
        if not is_new:
            value.version += 1
        value.save()
        created += is_new
        updated += not is_new
    return created, updated
