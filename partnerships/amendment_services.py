"""Writes of amendments (ändringar) in the register. Each is atomic and audited.

The money an amendment changes (``finance.AmountChange``) is written by finance's service,
which calls these in the same transaction; the register never imports finance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from common.versioning import save_versioned

from . import amendments as rules
from .audit import log_event
from .models import Agreement, Amendment, Board, Goal, Party, Responsibility, User

#: The fields of an amendment's decision and of what it changes in the register.
AMENDMENT_FIELDS = (
    "decided_on",
    "board",
    "paragraph",
    "registry_number",
    "title",
    "description",
    "new_period_end",
    "party",
    "party_change",
    "party_change_on",
)


def _original_end(agreement: Agreement, amendments: Sequence[Amendment]) -> dt.date:
    return rules.original_period_end(agreement.period_end, [rules.terms_of(a) for a in amendments])


def amendment_validate(
    *,
    agreement: Agreement,
    amendment: Amendment,
    board: Board | None,
    party: Party | None,
    end_before: dt.date,
) -> None:
    """Raise a field-keyed ValidationError (Swedish) if the amendment cannot be recorded.
    ``end_before``: the period's end before this amendment (what an extension extends)."""
    errors: dict[str, str] = {}
    if not agreement.approved:
        errors["decided_on"] = (
            "Ett utkast ändras direkt i överenskommelsen; en ändring gäller en beslutad "
            "överenskommelse."
        )
    municipality = agreement.municipality
    if board is not None and (municipality is None or board.organisation_id != municipality.pk):
        errors["board"] = "Välj en nämnd hos den offentliga parten i överenskommelsen."
    if amendment.new_period_end is not None and amendment.new_period_end <= end_before:
        errors["new_period_end"] = (
            f"En förlängning ska sluta efter {end_before:%Y-%m-%d}, periodens slut före ändringen."
        )
    if party is not None and party.agreement_id != agreement.pk:
        errors["party"] = "Välj en av överenskommelsens parter."
    if bool(party) != bool(amendment.party_change) or bool(party) != bool(
        amendment.party_change_on
    ):
        errors["party_change"] = (
            "Ange part, om parten tillkommer eller lämnar och från vilket datum – eller "
            "inget av dem."
        )
    elif amendment.party_change_on is not None and not (
        agreement.period_start <= amendment.party_change_on <= agreement.period_end
        or amendment.new_period_end is not None
        and agreement.period_start <= amendment.party_change_on <= amendment.new_period_end
    ):
        errors["party_change_on"] = "Datumet ska ligga inom överenskommelsens period."
    if errors:
        raise ValidationError(errors)


def _set_period_end(agreement: Agreement, original: dt.date) -> None:
    """Keep ``Agreement.period_end`` equal to the period as amended: ``original`` plus the
    extensions in date order (one save, with history, only when it moves)."""
    amendments = list(agreement.amendments.select_related("party__organisation"))
    end = rules.amended_period_end(original, [rules.terms_of(a) for a in amendments])
    if end != agreement.period_end:
        agreement.period_end = end
        agreement.full_clean(validate_unique=False, validate_constraints=False)
        save_versioned(agreement, agreement.version)


def _add_goals_and_responsibilities(
    amendment: Amendment,
    goals: Sequence[str],
    responsibilities: Sequence[tuple[Party, str]],
) -> None:
    agreement = amendment.agreement
    position = max((g.position for g in agreement.goals.all()), default=0)
    for offset, text in enumerate(t.strip() for t in goals):
        if text:
            goal = Goal(
                agreement=agreement,
                text=text,
                position=position + offset + 1,
                added_by_amendment=amendment,
            )
            goal.full_clean()
            goal.save()
    for party, text in responsibilities:
        if party.agreement_id != agreement.pk:
            raise ValidationError({"responsibility_party": "Välj en av överenskommelsens parter."})
        if text.strip():
            item = Responsibility(
                party=party,
                text=text.strip(),
                position=party.responsibilities.count() + 1,
                added_by_amendment=amendment,
            )
            item.full_clean()
            item.save()


def _checked(agreement, amendment, fields: dict, end_before) -> None:
    """Check an amendment against the agreement as amended before it (``end_before``: the
    period end then), keep the end it extends, and ``full_clean``."""
    amendment_validate(
        agreement=agreement,
        amendment=amendment,
        board=fields.get("board"),
        party=fields.get("party"),
        end_before=end_before,
    )
    amendment.previous_period_end = end_before if amendment.new_period_end else None
    amendment.full_clean()


_LOGGED = {"recorded": "registrerade", "changed": "ändrade"}


def _saved(agreement, amendment, original, goals, responsibilities, user, event) -> Amendment:
    """After an amendment is saved: the goals and responsibilities it adds, the agreement's
    period end as amended, and the audit event (``event``: "recorded" or "changed")."""
    _add_goals_and_responsibilities(amendment, goals, responsibilities)
    _set_period_end(agreement, original)
    log_event(
        agreement=agreement,
        user=user,
        action=f"partnerships.amendment_{event}",
        text=f"{_LOGGED[event]} {amendment.label}: {amendment.title}",
        target=amendment,
    )
    return amendment


@transaction.atomic
def amendment_create(
    *,
    agreement: Agreement,
    user: User | None,
    goals: Sequence[str] = (),
    responsibilities: Sequence[tuple[Party, str]] = (),
    **fields,
) -> Amendment:
    """Record an amendment: its decision, and what it changes in the register (the period
    extended, a party joining or leaving, goals and responsibilities added). The agreement's
    ``period_end`` follows the period as amended."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    existing = list(agreement.amendments.select_related("party"))
    original = _original_end(agreement, existing)
    amendment = Amendment(agreement=agreement, **fields)
    earlier = [a for a in existing if a.decided_on <= amendment.decided_on]
    end_before = rules.amended_period_end(original, [rules.terms_of(a) for a in earlier])
    _checked(agreement, amendment, fields, end_before)
    amendment.save()
    return _saved(agreement, amendment, original, goals, responsibilities, user, "recorded")


@transaction.atomic
def amendment_update(
    *,
    amendment: Amendment,
    user: User | None,
    expected_version: int,
    goals: Sequence[str] = (),
    responsibilities: Sequence[tuple[Party, str]] = (),
    **fields,
) -> Amendment:
    """Change an amendment's decision or what it changes (more goals or responsibilities
    may be added; those already added are edited on the agreement)."""
    agreement = Agreement.objects.select_for_update().get(pk=amendment.agreement_id)
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    others = list(agreement.amendments.exclude(pk=amendment.pk).select_related("party"))
    earlier = [a for a in others if (a.decided_on, a.pk) < (fields["decided_on"], amendment.pk)]
    original = _original_end(agreement, [*others, amendment])
    end_before = rules.amended_period_end(original, [rules.terms_of(a) for a in earlier])
    for name, value in fields.items():
        setattr(amendment, name, value)
    _checked(agreement, amendment, fields, end_before)
    save_versioned(amendment, expected_version)
    return _saved(agreement, amendment, original, goals, responsibilities, user, "changed")


def amendment_deletion_stop(amendment: Amendment) -> str:
    """Why the amendment cannot be deleted, or "" (goals or responsibilities it added stay
    on the agreement and must be removed there first)."""
    if amendment.goals.exists() or amendment.responsibilities.exists():
        return (
            "Ändringen har lagt till mål eller ansvarsområden. Ta bort dem i "
            "överenskommelsen först."
        )
    return ""


@transaction.atomic
def amendment_delete(*, amendment: Amendment, user: User | None) -> None:
    """Delete an amendment nothing depends on (finance removes its amount changes first);
    an extension it made is undone."""
    agreement = Agreement.objects.select_for_update().get(pk=amendment.agreement_id)
    reason = amendment_deletion_stop(amendment)
    if reason:
        raise ValidationError(reason)
    amendments = list(agreement.amendments.select_related("party"))
    original = _original_end(agreement, amendments)
    label, title = amendment.label, amendment.title
    amendment.delete()
    _set_period_end(agreement, original)
    log_event(
        agreement=agreement,
        user=user,
        action="partnerships.amendment_deleted",
        text=f"tog bort {label}: {title}",
    )
