"""The change history of an agreement and everything that belongs to it.

Built from django-simple-history's tables in a fixed number of queries, whatever the
number of entries: one query per tracked model, diffs computed in Python.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .models import Agreement, Goal, Party, Responsibility, Signatory, Termination

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


def entries_from(records, model, describe) -> list[HistoryEntry]:
    entries = []
    previous: dict[int, object] = {}
    field_names = [f.attname for f in model._meta.concrete_fields if f.attname not in _IGNORED]
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            for name in field_names:
                old, new = getattr(before, name, None), getattr(record, name, None)
                if old != new:
                    changes.append(
                        (
                            _label(model, name.removesuffix("_id")),
                            "–" if old in (None, "") else str(old)[:200],
                            "–" if new in (None, "") else str(new)[:200],
                        )
                    )
            if not changes:
                previous[record.id] = record
                continue
        previous[record.id] = record
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "systemet",
                action=_ACTIONS.get(record.history_type, record.history_type),
                what=describe(record),
                changes=changes,
            )
        )
    return entries


def agreement_history(agreement: Agreement, limit: int = 100) -> list[HistoryEntry]:
    party_records = list(
        Party.history.filter(agreement_id=agreement.pk).select_related("history_user")
    )
    party_ids = {r.id for r in party_records}
    organisation_names = dict(
        Party.objects.filter(pk__in=party_ids).values_list("pk", "organisation__name")
    )

    def party_name(party_id: int) -> str:
        return organisation_names.get(party_id, f"part #{party_id}")

    entries: list[HistoryEntry] = []
    entries += entries_from(
        Agreement.history.filter(id=agreement.pk).select_related("history_user"),
        Agreement,
        lambda r: "överenskommelsen",
    )
    entries += entries_from(
        Goal.history.filter(agreement_id=agreement.pk).select_related("history_user"),
        Goal,
        lambda r: f"mål: {r.text[:60]}",
    )
    entries += entries_from(party_records, Party, lambda r: f"part: {party_name(r.id)}")
    entries += entries_from(
        Responsibility.history.filter(party_id__in=party_ids).select_related("history_user"),
        Responsibility,
        lambda r: f"ansvarsområde för {party_name(r.party_id)}",
    )
    entries += entries_from(
        Signatory.history.filter(party_id__in=party_ids).select_related("history_user"),
        Signatory,
        lambda r: f"firmatecknare {r.name} för {party_name(r.party_id)}",
    )
    entries += entries_from(
        Termination.history.filter(agreement_id=agreement.pk).select_related("history_user"),
        Termination,
        lambda r: "uppsägning",
    )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
