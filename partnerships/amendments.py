"""The agreement as amended: pure functions over the original and its amendments.

The agreement's decided terms stay as they were decided; each amendment keeps what it
changed. Applied in date order (decision date, then the order they were recorded), the
latest extension gives the period's end, and the original end is the one the first
extension replaced. The register's ``Agreement.period_end`` is kept equal to
``amended_period_end`` by the amendment services, so that status, notice dates, follow-up
and the ledger follow the agreement as amended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

JOINS = "joins"
LEAVES = "leaves"


@dataclass(frozen=True)
class AmendmentTerms:
    """What one amendment changes in the register (money is in ``finance.amendments``)."""

    decided_on: dt.date
    order: int = 0  # the order recorded (pk), for two amendments decided the same day
    new_period_end: dt.date | None = None
    previous_period_end: dt.date | None = None
    party_name: str = ""
    party_change: str = ""  # JOINS / LEAVES / ""
    party_change_on: dt.date | None = None
    goals_added: int = 0
    responsibilities_added: int = 0


def in_date_order(amendments: Iterable[AmendmentTerms]) -> list[AmendmentTerms]:
    return sorted(amendments, key=lambda a: (a.decided_on, a.order))


def amended_period_end(original_end: dt.date, amendments: Iterable[AmendmentTerms]) -> dt.date:
    """The period's end as amended: the latest extension's new end, in date order."""
    end = original_end
    for amendment in in_date_order(amendments):
        if amendment.new_period_end is not None:
            end = amendment.new_period_end
    return end


def original_period_end(current_end: dt.date, amendments: Iterable[AmendmentTerms]) -> dt.date:
    """The end the agreement was decided with: what the first extension replaced, else
    the current end."""
    for amendment in in_date_order(amendments):
        if amendment.new_period_end is not None and amendment.previous_period_end is not None:
            return amendment.previous_period_end
    return current_end


def extension_text(original_end: dt.date, amendments: Sequence[AmendmentTerms]) -> str:
    """ "(förlängd genom ändring 2025-05-12, tidigare 2025-12-31)", or "" if not extended."""
    extensions = [a for a in in_date_order(amendments) if a.new_period_end is not None]
    if not extensions:
        return ""
    dates = ", ".join(f"{a.decided_on:%Y-%m-%d}" for a in extensions)
    word = "ändring" if len(extensions) == 1 else "ändringar"
    return f"(förlängd genom {word} {dates}, tidigare {original_end:%Y-%m-%d})"


def hand_edited_end_error(
    current_end: dt.date, new_end: dt.date, amendments: Iterable[AmendmentTerms]
) -> str:
    """Why the period's end cannot be edited by hand, or "". Once an amendment has
    extended the period, the end is the amendments' (``amended_period_end``, which
    ``Agreement.period_end`` is kept equal to): an end set by hand, earlier or later, would
    make the agreement page ("förlängd genom ändring …") and the economy's years disagree.
    It is changed by an amendment instead (a new extension, or the extension changed or
    removed on the Ändringar tab)."""
    extensions = [a for a in in_date_order(amendments) if a.new_period_end is not None]
    if not extensions or new_end == current_end:
        return ""
    latest = extensions[-1]
    return (
        f"Perioden är förlängd genom ändring {latest.decided_on:%Y-%m-%d} till och med "
        f"{current_end:%Y-%m-%d}. Slutdatumet ändras genom en ändring: registrera en ny "
        "förlängning, eller ändra eller ta bort förlängningen under Ändringar."
    )


def party_period(
    start: dt.date, end: dt.date, amendments: Iterable[AmendmentTerms]
) -> tuple[dt.date, dt.date]:
    """The part of the period ``start``..``end`` a party is a party in: from the day it
    joins, until the day before it leaves (its own amendments)."""
    for amendment in in_date_order(amendments):
        if amendment.party_change_on is None:
            continue
        if amendment.party_change == JOINS:
            start = max(start, amendment.party_change_on)
        elif amendment.party_change == LEAVES:
            end = min(end, amendment.party_change_on - dt.timedelta(days=1))
    return start, end


def terms_texts(terms: AmendmentTerms) -> list[str]:
    """What an amendment changes in the register, in words (money is added by finance)."""
    texts = []
    if terms.new_period_end is not None:
        previous = (
            f" (tidigare {terms.previous_period_end:%Y-%m-%d})" if terms.previous_period_end else ""
        )
        texts.append(f"perioden förlängs till och med {terms.new_period_end:%Y-%m-%d}{previous}")
    if terms.party_change_on is not None and terms.party_change in (JOINS, LEAVES):
        verb = "tillkommer som part" if terms.party_change == JOINS else "lämnar överenskommelsen"
        texts.append(f"{terms.party_name} {verb} från och med {terms.party_change_on:%Y-%m-%d}")
    if terms.goals_added:
        texts.append(f"{terms.goals_added} mål läggs till")
    if terms.responsibilities_added:
        count = terms.responsibilities_added
        texts.append(f"{count} ansvarsområde{'n' if count > 1 else ''} läggs till")
    return texts


def terms_of(amendment) -> AmendmentTerms:
    """The terms of an ``Amendment`` row (goals and responsibilities prefetched or counted:
    ``goals_added``/``responsibilities_added`` annotations are used when present)."""
    goals = getattr(amendment, "goals_added", None)
    responsibilities = getattr(amendment, "responsibilities_added", None)
    party = amendment.party if amendment.party_id else None
    return AmendmentTerms(
        decided_on=amendment.decided_on,
        order=amendment.pk or 0,
        new_period_end=amendment.new_period_end,
        previous_period_end=amendment.previous_period_end,
        party_name=party.display_name if party else "",
        party_change=amendment.party_change,
        party_change_on=amendment.party_change_on,
        goals_added=len(amendment.goals.all()) if goals is None else goals,
        responsibilities_added=(
            len(amendment.responsibilities.all()) if responsibilities is None else responsibilities
        ),
    )


@dataclass(frozen=True)
class AmendedAgreement:
    """What the agreement page shows of the agreement as amended."""

    original_end: dt.date
    extension: str  # "(förlängd genom ändring …, tidigare …)" or ""
    items: list[tuple[object, list[str]]]  # (amendment, what it changes in words)


def as_amended(agreement) -> AmendedAgreement:
    """The agreement as amended, from its prefetched ``amendments`` (annotated with their
    counts by ``selectors.amendments_queryset``)."""
    amendments = list(agreement.amendments.all())
    terms = [terms_of(a) for a in amendments]
    original = original_period_end(agreement.period_end, terms)
    ordered = sorted(
        zip(terms, amendments, strict=True), key=lambda pair: (pair[0].decided_on, pair[0].order)
    )
    return AmendedAgreement(
        original_end=original,
        extension=extension_text(original, terms),
        items=[(amendment, terms_texts(t)) for t, amendment in ordered],
    )


def party_change_texts(party) -> list[str]:
    """ "tillkommer som part från och med 2025-06-01 (ändring 2025-05-12)" for a party's
    prefetched ``amendments``."""
    texts = []
    for amendment in sorted(party.amendments.all(), key=lambda a: (a.decided_on, a.pk)):
        if amendment.party_change == JOINS:
            texts.append(f"tillkommer som part från och med {amendment.party_change_on:%Y-%m-%d}")
        elif amendment.party_change == LEAVES:
            texts.append(
                f"lämnar överenskommelsen från och med {amendment.party_change_on:%Y-%m-%d}"
            )
        else:
            continue
        texts[-1] += f" ({amendment.label})"
    return texts
