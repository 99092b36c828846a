"""What every document kind's snapshot shares: the typed blocks and the helpers that fill
them from an agreement. A snapshot is built as dataclasses (the shape declared once, here
and in each kind's module) and stored and rendered as the plain data ``as_dict`` gives."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from partnerships.formatting import format_date
from partnerships.models import Agreement, Sector

SNAPSHOT_SCHEMA = 1


def iso(value) -> str:
    return format_date(value) if value else ""


def today() -> str:
    return format_date(timezone.localdate())


@dataclass
class DocumentBlock:
    """``fixed_date``: the date is the author's (a memo's date) and issuing keeps it;
    otherwise issuing stamps the issue date. Issuing adds ``data_sha256``."""

    date: str
    version: int | None = None
    draft: bool = True
    fixed_date: bool = False

    @classmethod
    def draft_of(cls, date: str | None, *, fixed_date: bool = False) -> DocumentBlock:
        return cls(date=date or today(), fixed_date=fixed_date)


@dataclass
class BoardInfo:
    name: str
    administration_name: str
    organisation: str
    organisation_number: str
    # "kommun" or "region" (partnerships.models.PublicKind): "regionen" in a region's texts.
    public_kind: str = "kommun"

    @classmethod
    def of(cls, agreement: Agreement) -> BoardInfo | None:
        board = agreement.board
        if board is None:
            return None
        return cls(
            name=board.name,
            administration_name=board.administration_name,
            organisation=board.organisation.name,
            organisation_number=board.organisation.organisation_number or "",
            public_kind=board.organisation.public_kind,
        )


@dataclass
class AgreementRef:
    id: int
    title: str
    registry_number: str
    period_start: str
    period_end: str

    @classmethod
    def of(cls, agreement: Agreement) -> AgreementRef:
        return cls(
            id=agreement.pk,
            title=agreement.title,
            registry_number=agreement.registry_number,
            period_start=iso(agreement.period_start),
            period_end=iso(agreement.period_end),
        )


@dataclass
class Meta:
    """Title, author and subject (PDF metadata), header facts and the file name stem."""

    title: str
    author: str
    subject: str
    kind_label: str
    registry_number: str
    filename_stem: str


@dataclass
class Snapshot:
    kind: str
    document: DocumentBlock
    municipality: str
    board: Any  # BoardInfo | None (the annual report's board also has its id)

    def as_dict(self) -> dict[str, Any]:
        return {"schema": SNAPSHOT_SCHEMA, **dataclasses.asdict(self)}


def municipality_name(agreement: Agreement) -> str:
    """The public body of the agreement: the board's organisation, else the public party."""
    if agreement.board is not None:
        return agreement.board.organisation.name
    for party in agreement.parties.all():
        if party.role == Sector.PUBLIC:
            return party.organisation.name
    return ""


def public_first(parties) -> list:
    return sorted(parties, key=lambda p: (p.role != Sector.PUBLIC, p.organisation.name, p.pk))
