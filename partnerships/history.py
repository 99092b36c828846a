"""The change history of an agreement and everything that belongs to it.

Built from django-simple-history's tables in a fixed number of queries, whatever the
number of entries: one query per tracked model, diffs computed in Python.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .models import (
    Agreement,
    Amendment,
    Goal,
    Party,
    Responsibility,
    Signatory,
    Termination,
    party_display_name,
)

_ACTIONS = {"+": "skapade", "~": "ändrade", "-": "tog bort"}
_IGNORED = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "id",
    "created_at",
    "updated_at",
    "version",
    "position",
}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    what: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a historical-only field
        return name


def _shown(value) -> str:
    return "–" if value in (None, "") else str(value)[:200]


def _field(model, attname: str):
    for candidate in model._meta.concrete_fields:
        if candidate.attname == attname:
            return candidate
    return None


def _value_names(model, raw_changes) -> dict[tuple[str, object], str]:
    """How each changed value reads: a foreign key by its object's name (one query per
    foreign key that changed, not per entry), a choice by its label."""
    wanted: dict[str, set] = {}
    for _entry, name, old, new in raw_changes:
        model_field = _field(model, name)
        if model_field is not None and (model_field.many_to_one or model_field.choices):
            wanted.setdefault(name, set()).update(v for v in (old, new) if v not in (None, ""))
    names: dict[tuple[str, object], str] = {}
    for name, values in wanted.items():
        model_field = _field(model, name)
        if model_field.many_to_one:
            related_model = model_field.related_model
            # What its name needs (a board's organisation), fetched in the same query.
            joins = [
                f.name for f in related_model._meta.concrete_fields if f.many_to_one and not f.null
            ]
            related = related_model._default_manager.select_related(*joins).filter(pk__in=values)
            names.update(((name, obj.pk), str(obj)) for obj in related)
        elif model_field.choices:
            labels = dict(model_field.flatchoices)
            names.update(((name, v), str(labels[v])) for v in values if v in labels)
    return names


def entries_from(records, model, describe) -> list[HistoryEntry]:
    entries = []
    raw_changes: list[tuple[HistoryEntry, str, object, object]] = []
    previous: dict[int, object] = {}
    field_names = [f.attname for f in model._meta.concrete_fields if f.attname not in _IGNORED]
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changed = []
        if record.history_type == "~" and before is not None:
            changed = [
                (name, getattr(before, name, None), getattr(record, name, None))
                for name in field_names
                if getattr(before, name, None) != getattr(record, name, None)
            ]
            if not changed:
                previous[record.id] = record
                continue
        previous[record.id] = record
        user = record.history_user
        entry = HistoryEntry(
            when=record.history_date,
            who=(user.get_full_name() or user.username) if user else "systemet",
            action=_ACTIONS.get(record.history_type, record.history_type),
            what=describe(record),
        )
        entries.append(entry)
        raw_changes += [(entry, name, old, new) for name, old, new in changed]
    names = _value_names(model, raw_changes)
    for entry, name, old, new in raw_changes:
        entry.changes.append(
            (
                _label(model, name.removesuffix("_id")),
                _shown(names.get((name, old), old)),
                _shown(names.get((name, new), new)),
            )
        )
    return entries


def model_entries(model, describe, **filters) -> list[HistoryEntry]:
    """The entries of the tracked ``model``'s rows that match ``filters`` (one query)."""
    records = model.history.filter(**filters).select_related("history_user")
    return entries_from(records, model, describe)


def agreement_history(agreement: Agreement, limit: int = 100) -> list[HistoryEntry]:
    party_records = list(
        Party.history.filter(agreement_id=agreement.pk).select_related("history_user")
    )
    party_ids = {r.id for r in party_records}
    organisation_names = {
        pk: party_display_name(name, unit)
        for pk, name, unit in Party.objects.filter(pk__in=party_ids).values_list(
            "pk", "organisation__name", "unit"
        )
    }

    def party_name(party_id: int) -> str:
        return organisation_names.get(party_id, f"part #{party_id}")

    by_agreement = {"agreement_id": agreement.pk}
    by_party = {"party_id__in": party_ids}
    entries = [
        *model_entries(Agreement, lambda r: "överenskommelsen", id=agreement.pk),
        *model_entries(Goal, lambda r: f"mål: {r.text[:60]}", **by_agreement),
        *entries_from(party_records, Party, lambda r: f"part: {party_name(r.id)}"),
        *model_entries(
            Responsibility, lambda r: f"ansvarsområde för {party_name(r.party_id)}", **by_party
        ),
        *model_entries(
            Signatory, lambda r: f"firmatecknare {r.name} för {party_name(r.party_id)}", **by_party
        ),
        *model_entries(Termination, lambda r: "uppsägning", **by_agreement),
        *model_entries(
            Amendment, lambda r: f"ändring {r.decided_on:%Y-%m-%d}: {r.title[:60]}", **by_agreement
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
