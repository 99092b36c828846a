"""Which yearly documents are due and which have arrived: pure functions, no database."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .models import REQUIRED_YEARLY_KINDS, AttachmentKind


@dataclass(frozen=True)
class RequiredRow:
    organisation_id: int
    organisation_name: str
    year: int
    arrived: tuple[str, ...]  # labels of the kinds handed in
    missing: tuple[str, ...]  # labels of the kinds still missing

    @property
    def complete(self) -> bool:
        return not self.missing


def due_years(years: Iterable[int], today: dt.date) -> list[int]:
    """A year's documents are due once the year has ended (they describe it)."""
    return [year for year in years if year < today.year]


def required_documents(
    *,
    agreement_id: int,
    years: Iterable[int],
    organisations: list[tuple[int, str]],
    arrived: set[tuple[int, int, int, str]],
    today: dt.date,
) -> list[RequiredRow]:
    rows = []
    for year in due_years(years, today):
        for organisation_id, name in organisations:
            have, lack = [], []
            for kind in REQUIRED_YEARLY_KINDS:
                key = (agreement_id, organisation_id, year, kind.value)
                (have if key in arrived else lack).append(AttachmentKind(kind).label)
            rows.append(RequiredRow(organisation_id, name, year, tuple(have), tuple(lack)))
    return rows


# The yearly documents (verksamhetsberättelse, årsredovisning, revisionsberättelse) of year
# Y are due by 30 June of year Y + 1, after the association's annual meeting.
DOCUMENTS_DUE_MONTH_DAY = (6, 30)


def documents_due_date(year: int) -> dt.date:
    return dt.date(year + 1, *DOCUMENTS_DUE_MONTH_DAY)


def overdue_document_years(years: Iterable[int], today: dt.date) -> list[int]:
    """Years whose documents are past their due date: the reminders name these."""
    return [year for year in years if documents_due_date(year) < today]
