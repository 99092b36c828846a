"""The memos (tjänsteskrivelser): seeds/002 for a new IOP, seeds/004 for a renewal."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from finance import documents_data as finance_data
from finance.amendment_documents import AmendmentItem, AsAmended, amendment_items, as_amended
from initiatives import documents_data as initiative_data
from partnerships.models import PublicKind

from .. import texts
from ..models import DocumentKind, Memo
from .base import AgreementRef, BoardInfo, DocumentBlock, Meta, Snapshot, iso, municipality_name


@dataclass
class MemoSection:
    name: str
    heading: str
    text: str


@dataclass
class MemoBody:
    id: int
    kind: str
    title: str
    registry_number: str
    memo_date: str
    proposals: list[str]
    matter: str
    decision_basis: list[str]
    sections: list[MemoSection]
    signing_official: str
    office: str


@dataclass
class FixedStatement:
    heading: str
    statement: str


@dataclass
class MemoSnapshot(Snapshot):
    agreement: AgreementRef
    memo: MemoBody
    mbl: FixedStatement
    economy: finance_data.MemoEconomy | None
    initiative: initiative_data.InitiativeBasis | None = None
    # The amendments decided during the period, with what each changes, and (a renewal)
    # the agreement as amended in short: what the renewal proposes to continue.
    amendments: list[AmendmentItem] = field(default_factory=list)
    as_amended: AsAmended | None = None


def _heading(name: str, heading: str, agreement) -> str:
    """The memo's heading of a section: a region's memo has "Regionala mål"."""
    municipality = agreement.municipality
    if (
        name == "municipal_goals"
        and municipality is not None
        and municipality.public_kind == PublicKind.REGION
    ):
        return "Regionala mål"
    return heading


def snapshot_from(memo: Memo, *, date: str | None = None) -> dict[str, Any]:
    agreement = memo.agreement
    return MemoSnapshot(
        kind=memo.document_kind,
        document=DocumentBlock.draft_of(date or iso(memo.memo_date), fixed_date=True),
        municipality=municipality_name(agreement),
        board=BoardInfo.of(agreement),
        agreement=AgreementRef.of(agreement),
        memo=MemoBody(
            id=memo.pk,
            kind=memo.kind,
            title=memo.title,
            registry_number=memo.registry_number,
            memo_date=iso(memo.memo_date),
            proposals=memo.proposal_lines,
            matter=memo.matter,
            decision_basis=memo.decision_basis_lines,
            sections=[
                MemoSection(
                    name=name,
                    heading=_heading(name, heading, agreement),
                    text=getattr(memo, name) or "",
                )
                for name, heading in Memo.TEXT_SECTIONS
            ],
            signing_official=memo.signing_official,
            office=memo.office,
        ),
        mbl=FixedStatement(heading=texts.MBL_HEADING, statement=texts.MBL_STATEMENT),
        economy=finance_data.memo_economy(agreement, memo.kind),
        initiative=initiative_data.memo_basis(agreement) if memo.kind == "new" else None,
        amendments=amendment_items(agreement),
        as_amended=as_amended(agreement) if memo.kind == "renewal" else None,
    ).as_dict()


def snapshot(memo_id: int, *, date: str | None = None) -> dict[str, Any]:
    memo = Memo.objects.select_related("agreement__board__organisation").get(pk=memo_id)
    return snapshot_from(memo, date=date)


def meta(s: dict[str, Any]) -> Meta:
    memo = s["memo"]
    author = ", ".join(x for x in (memo["signing_official"], memo["office"]) if x)
    registry = memo["registry_number"] or s["agreement"]["registry_number"]
    kind = "ny" if memo["kind"] == "new" else "forlangning"
    return Meta(
        title=f"Tjänsteskrivelse: {memo['title']}",
        author=author or s["municipality"] or "IOP-registret",
        subject=DocumentKind(s["kind"]).label + (f", dnr {registry}" if registry else ""),
        kind_label="Tjänsteskrivelse",
        registry_number=registry,
        filename_stem=f"tjansteskrivelse-{kind}-{registry or s['agreement']['id']}",
    )
