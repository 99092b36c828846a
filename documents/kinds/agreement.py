"""The agreement (seeds/003): its sections, parties, period and economy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from finance import documents_data as finance_data
from finance.amendment_documents import AmendmentItem, amendment_items
from partnerships.amendments import as_amended
from partnerships.models import Agreement, Party
from partnerships.selectors import amendments_queryset, contents_prefetch

from .. import texts
from ..models import DocumentKind
from .base import (
    AgreementRef,
    BoardInfo,
    DocumentBlock,
    Meta,
    Snapshot,
    iso,
    municipality_name,
    public_first,
)

#: Headings of the agreement, in the order of seeds/003.
AGREEMENT_HEADINGS = {
    "background": "Bakgrund till överenskommelsen",
    "starting_points": "Överenskommelsens utgångspunkter",
    "shared_values": "Värdegrund",
    "actors": "Aktörer i överenskommelsen",
    "challenge_and_purpose": "Överenskommelsens gemensamma samhällsutmaning och syfte",
    "goals_introduction": "Målsättning",
    "target_group": "Målgrupp",
    "joint_responsibilities": "Gemensamt ansvar",
    "follow_up_terms": "Avstämning och uppföljning",
    "repayment_clause": "Återbetalning",
    "changes_clause": "Förändringar",
}


@dataclass
class SignatoryInfo:
    name: str
    title: str
    place: str
    signed_on: str


@dataclass
class PartyInfo:
    name: str
    organisation_number: str
    role: str
    role_label: str
    responsibilities: list[str]
    signatories: list[SignatoryInfo]


@dataclass
class Section:
    heading: str
    text: str


@dataclass
class AgreementBody(AgreementRef):
    notice_period_months: int = 0
    min_followups_per_year: int = 0
    sections: dict[str, Section] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)


@dataclass
class AgreementTexts:
    period: str
    notice: str
    followup: str
    extension: str = ""  # "(förlängd genom ändring 2025-05-12, tidigare 2025-12-31)"


@dataclass
class AgreementSnapshot(Snapshot):
    agreement: AgreementBody
    parties: list[PartyInfo]
    texts: AgreementTexts
    economy: finance_data.AgreementEconomy | None
    # The amendments decided during the period, with what each changes (the agreement
    # above is printed as amended).
    amendments: list[AmendmentItem] = field(default_factory=list)


def queryset():
    return Agreement.objects.select_related("board__organisation").prefetch_related(
        *contents_prefetch(), Prefetch("amendments", queryset=amendments_queryset())
    )


def _added(item) -> str:
    """The text of a goal or responsibility, marked when an amendment added it."""
    if item.added_by_amendment_id is None:
        return item.text
    return f"{item.text} (tillagt genom {item.added_by_amendment.label})"


def _party(party: Party) -> PartyInfo:
    return PartyInfo(
        name=party.display_name,
        organisation_number=party.organisation.organisation_number or "",
        role=party.role,
        role_label=party.get_role_display(),
        responsibilities=[_added(r) for r in party.responsibilities.all()],
        signatories=[
            SignatoryInfo(name=s.name, title=s.title, place=s.place, signed_on=iso(s.signed_on))
            for s in party.signatories.all()
        ],
    )


def snapshot_from(agreement: Agreement, *, date: str | None = None) -> dict[str, Any]:
    """The snapshot of an agreement already loaded with ``queryset``."""
    ref = AgreementRef.of(agreement)
    body = AgreementBody(
        **vars(ref),
        notice_period_months=agreement.notice_period_months,
        min_followups_per_year=agreement.min_followups_per_year,
        sections={
            name: Section(heading=AGREEMENT_HEADINGS[name], text=getattr(agreement, name) or "")
            for name in Agreement.TEXT_SECTIONS
        },
        goals=[_added(goal) for goal in agreement.goals.all()],
    )
    return AgreementSnapshot(
        kind=DocumentKind.AGREEMENT.value,
        document=DocumentBlock.draft_of(date),
        municipality=municipality_name(agreement),
        board=BoardInfo.of(agreement),
        agreement=body,
        parties=[_party(p) for p in public_first(agreement.parties.all())],
        texts=AgreementTexts(
            period=texts.period_text(agreement.period_start, agreement.period_end),
            notice=texts.notice_text(agreement.notice_period_months),
            followup=texts.followup_text(agreement.min_followups_per_year),
            extension=as_amended(agreement).extension,
        ),
        economy=finance_data.agreement_economy(agreement),
        amendments=amendment_items(agreement),
    ).as_dict()


def snapshot(agreement_id: int, *, date: str | None = None) -> dict[str, Any]:
    return snapshot_from(queryset().get(pk=agreement_id), date=date)


def meta(s: dict[str, Any]) -> Meta:
    agreement = s["agreement"]
    author = s["board"]["name"] if s["board"] else s["municipality"]
    if s["board"] and s["municipality"]:
        author = f"{author}, {s['municipality']}"
    registry = agreement["registry_number"]
    return Meta(
        title=f"Överenskommelse om idéburet offentligt partnerskap: {agreement['title']}",
        author=author or "IOP-registret",
        subject=f"Överenskommelse {agreement['period_start']} – {agreement['period_end']}"
        + (f", dnr {registry}" if registry else ""),
        kind_label=DocumentKind.AGREEMENT.label,
        registry_number=registry,
        filename_stem=f"overenskommelse-{registry or agreement['id']}",
    )
