"""Writes of follow-up indicators: the administrators' list of an agreement's indicators,
a party's values in its report, the template for Linköping's agreements, the copy to a
renewal's successor. Atomic, ``full_clean`` before every save, Swedish errors by field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import bump_version
from partnerships.audit import log_event
from partnerships.models import Agreement, Goal, Organisation, User

from .indicators import SHARE, Rule, Spec, check_values
from .models import FollowUpRound, Indicator, IndicatorValue
from .permissions import can_manage_followups

EDITABLE = ["name", "unit", "kind", "goal", "target", "maximum", "position"]


@dataclass(frozen=True)
class IndicatorRow:
    """One row of the administrators' form: ``pk`` None for a new indicator."""

    prefix: str  # the form's prefix, so errors go next to the right field
    pk: int | None
    version: int
    values: Mapping[str, object]
    delete: bool = False


def _describe(indicator: Indicator) -> str:
    return f"”{indicator.name}”" + (f" ({indicator.unit})" if indicator.unit else "")


def _apply(indicator: Indicator, row: IndicatorRow, goals: dict, errors: dict) -> None:
    """The row's values on the indicator, then its own checks; problems go to ``errors``."""
    for name in EDITABLE:
        value = row.values.get(name)
        if name == "goal":
            goal = value if isinstance(value, Goal) else goals.get(value)
            if value and (goal is None or goal.pk not in goals):
                errors.setdefault(f"{row.prefix}-goal", []).append(
                    "Målet hör inte till den här överenskommelsen."
                )
                goal = None
            indicator.goal = goal
        elif name in {"name", "unit"}:
            setattr(indicator, name, (value or "").strip())
        elif name == "position":
            indicator.position = value or 1
        else:
            setattr(indicator, name, value)
    try:
        indicator.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(f"{row.prefix}-{field}", []).extend(messages)


def _same_names(saved: list[tuple[Indicator, IndicatorRow]], errors: dict) -> None:
    names = [i.name.casefold() for i, _row in saved]
    for indicator, row in saved:
        if names.count(indicator.name.casefold()) > 1:
            errors.setdefault(f"{row.prefix}-name", []).append(
                "Två mått har samma namn. Ge varje mått ett eget namn."
            )


def _refuse_removing_reported(indicator: Indicator, row: IndicatorRow, errors: dict) -> None:
    if IndicatorValue.objects.filter(indicator=indicator).exists():
        errors.setdefault(f"{row.prefix}-DELETE", []).append(
            f"Måttet {_describe(indicator)} har rapporterade värden och kan inte tas bort. "
            "Byt namn eller låt det stå kvar."
        )


@transaction.atomic
def indicators_save(
    *, user: User, agreement: Agreement, rows: Sequence[IndicatorRow]
) -> list[Indicator]:
    """Create, change and remove the agreement's indicators in one go; nothing is saved
    when a row is wrong. An indicator with reported values is not removed. Each row
    carries the version it was read at (a newer one is a ``ConcurrentEditError``)."""
    require(can_manage_followups(user, agreement))
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()  # one at a time
    existing = {i.pk: i for i in Indicator.objects.filter(agreement=agreement)}
    goals = {g.pk: g for g in Goal.objects.filter(agreement=agreement)}
    errors: dict[str, list[str]] = {}
    to_save: list[tuple[Indicator, IndicatorRow]] = []
    to_delete: list[Indicator] = []
    for row in rows:
        indicator = existing.get(row.pk) if row.pk is not None else None
        if row.pk is not None and (indicator is None or indicator.version != row.version):
            raise ConcurrentEditError  # changed or removed by somebody else meanwhile
        if row.delete:
            if indicator is not None:
                _refuse_removing_reported(indicator, row, errors)
                to_delete.append(indicator)
            continue
        indicator = indicator or Indicator(agreement=agreement)
        _apply(indicator, row, goals, errors)
        to_save.append((indicator, row))
    _same_names(to_save, errors)
    if errors:
        raise ValidationError(errors)
    for indicator in to_delete:
        indicator.delete()
    for indicator, row in to_save:
        if indicator.pk is not None:
            bump_version(indicator, row.version)
        indicator.save()
    if to_save or to_delete:
        removed = ", ".join(i.name for i in to_delete)
        log_event(
            agreement=agreement,
            user=user,
            action="followups.indicators_changed",
            text="ändrade uppföljningens mått: "
            + (", ".join(i.name for i, _row in to_save) or "inga kvar")
            + (f"; tog bort {removed}" if removed else ""),
        )
    return [i for i, _row in to_save]


def indicators_from_template(agreement: Agreement, template: Iterable[Spec]) -> list[Indicator]:
    """The agreement's indicators from a template (idempotent: an existing name is kept)."""
    indicators = []
    for position, spec in enumerate(template, start=1):
        indicator = Indicator.objects.filter(agreement=agreement, name=spec.name).first()
        if indicator is None:
            indicator = Indicator(
                agreement=agreement,
                name=spec.name,
                unit=spec.unit,
                kind=spec.kind,
                maximum=Decimal(spec.maximum) if spec.maximum is not None else None,
                target=Decimal(spec.target) if spec.target is not None else None,
                position=position,
            )
            indicator.full_clean()
            indicator.save()
        indicators.append(indicator)
    return indicators


def indicators_continue(*, predecessor: Agreement, successor: Agreement) -> list[Indicator]:
    """A renewal's successor gets the predecessor's indicators (goals matched by position)."""
    goals = {g.position: g for g in successor.goals.all()}
    copies = []
    for indicator in Indicator.objects.filter(agreement=predecessor).select_related("goal"):
        copy = Indicator(
            agreement=successor,
            goal=goals.get(indicator.goal.position) if indicator.goal else None,
            name=indicator.name,
            unit=indicator.unit,
            kind=indicator.kind,
            target=indicator.target,
            maximum=indicator.maximum,
            position=indicator.position,
        )
        copy.full_clean()
        copy.save()
        copies.append(copy)
    return copies


def on_successor_created(sender, *, predecessor, successor, user=None, **kwargs) -> None:
    indicators_continue(predecessor=predecessor, successor=successor)


def field_key(indicator: Indicator) -> str:
    return f"ind_{indicator.pk}"


def rules_of(indicators: Iterable[Indicator]) -> list[Rule]:
    return [
        Rule(
            key=field_key(i),
            kind=i.kind,
            maximum=i.effective_maximum,
            group=i.goal_id if i.kind == SHARE else None,
        )
        for i in indicators
    ]


def values_check(
    indicators: Sequence[Indicator],
    values: Mapping[int, tuple[Decimal | None, Decimal | None]],
    errors: dict[str, list],
) -> None:
    """The party's values against the indicators' rules; problems go to ``errors`` under
    the report form's prefix."""
    by_key = {field_key(i): values.get(i.pk, (None, None)) for i in indicators}
    for key, messages in check_values(rules_of(indicators), by_key).items():
        errors.setdefault(f"figures-{key}", []).extend(messages)


def values_store(
    *,
    round: FollowUpRound,
    organisation: Organisation,
    indicators: Sequence[Indicator],
    values: Mapping[int, tuple[Decimal | None, Decimal | None]],
) -> None:
    """Write the party's values (an emptied value is removed), each change in the history."""
    stored = {
        v.indicator_id: v
        for v in IndicatorValue.objects.filter(round=round, organisation=organisation)
    }
    for indicator in indicators:
        low, high = values.get(indicator.pk, (None, None))
        if indicator.kind != Indicator.Kind.RANGE or high == low:
            high = None
        current = stored.get(indicator.pk)
        if low is None:
            if current is not None:
                current.delete()
            continue
        if current is not None and (current.value, current.value_max) == (low, high):
            continue
        current = current or IndicatorValue(
            indicator=indicator, round=round, organisation=organisation
        )
        current.value, current.value_max = low, high
        current.full_clean()
        current.save()
