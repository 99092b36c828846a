"""Reads of the public list. No user: what is public is decided here, in one place.

Public: the agreements of a public body that has switched its list on, decided ones only
(approved, active, ended, terminated; a draft is never public), with the fields the body
has not hidden. Everything else (notes, contacts, texts, follow-ups, payments) never
leaves this module: the rows below are plain data classes with only the public fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from finance.ledger import yearly_amounts_for_agreements
from partnerships.models import Agreement, Party, Sector
from partnerships.rules import STATUS_LABELS, AgreementStatus

from .models import Publication

PUBLIC_STATUSES = (
    AgreementStatus.APPROVED,
    AgreementStatus.ACTIVE,
    AgreementStatus.ENDED,
    AgreementStatus.TERMINATED,
)


@dataclass(frozen=True)
class PublicParty:
    name: str
    organisation_number: str | None
    role: str
    role_label: str


@dataclass(frozen=True)
class PublicAmount:
    year: int
    amount: int | None


@dataclass(frozen=True)
class PublicCompensation:
    party_name: str
    organisation_number: str | None
    amounts: tuple[PublicAmount, ...]


@dataclass
class PublicAgreement:
    id: int
    title: str
    status: str
    status_label: str
    period_start: dt.date
    period_end: dt.date
    parties: list[PublicParty]
    board: str | None = None
    registry_number: str | None = None
    compensation: list[PublicCompensation] | None = field(default=None)

    def matches(self, query: str) -> bool:
        """Search in what is shown only (hidden fields are None here)."""
        haystack = [self.title, self.board or "", self.registry_number or ""]
        for party in self.parties:
            haystack += [party.name, party.organisation_number or ""]
        text = " ".join(haystack).casefold()
        return all(word in text for word in query.casefold().split())


def publication_for_slug(slug: str) -> Publication:
    """The switched-on publication at this address, else 404 (also when switched off)."""
    publication = (
        Publication.objects.select_related("organisation").filter(slug=slug, enabled=True).first()
    )
    if publication is None:
        raise Http404("Ingen publicerad IOP-lista på den adressen.")
    return publication


def _published_queryset(publication: Publication) -> QuerySet[Agreement]:
    return (
        Agreement.objects.filter(
            approved=True,
            pk__in=Party.objects.filter(
                organisation_id=publication.organisation_id, role=Sector.PUBLIC
            ).values("agreement_id"),
        )
        .with_status()
        .filter(current_status__in=[s.value for s in PUBLIC_STATUSES])
    )


def last_modified(publication: Publication) -> dt.datetime | None:
    return _published_queryset(publication).aggregate(latest=Max("updated_at"))["latest"]


def public_agreements(
    publication: Publication, today: dt.date, query: str = ""
) -> list[PublicAgreement]:
    """The public rows, in a fixed number of queries (two, plus four for the money)."""
    agreements = list(
        _published_queryset(publication)
        .select_related("board")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("-period_start", "title", "pk")
    )
    show_numbers = publication.shows("organisation_number")
    show_money = publication.shows("compensation")
    amounts = yearly_amounts_for_agreements([a.pk for a in agreements], today) if show_money else {}
    rows = []
    for agreement in agreements:
        parties = list(agreement.parties.all())
        row = PublicAgreement(
            id=agreement.pk,
            title=agreement.title,
            status=agreement.status.value,
            status_label=STATUS_LABELS[agreement.status],
            period_start=agreement.period_start,
            period_end=agreement.period_end,
            parties=[
                PublicParty(
                    name=p.organisation.name,
                    organisation_number=p.organisation.organisation_number
                    if show_numbers
                    else None,
                    role=p.role,
                    role_label=p.get_role_display(),
                )
                for p in parties
            ],
        )
        if publication.shows("board"):
            row.board = agreement.board.name if agreement.board else ""
        if publication.shows("registry_number"):
            row.registry_number = agreement.registry_number
        if show_money:
            row.compensation = [
                PublicCompensation(
                    party_name=p.organisation.name,
                    organisation_number=p.organisation.organisation_number
                    if show_numbers
                    else None,
                    amounts=tuple(PublicAmount(y, a) for y, a in amounts[p.pk]),
                )
                for p in parties
                if p.pk in amounts
            ]
        if not query or row.matches(query):
            rows.append(row)
    return rows
