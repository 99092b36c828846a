"""The follow-up report of a round (seeds/000, 001): only what partners submitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from attachments import documents_data as attachment_data
from finance import documents_data as finance_data
from finance import shapes_documents as finance_shapes
from finance.amendment_documents import AmendmentItem, amendment_items_by_agreement
from followups import documents_data as followup_data
from followups.models import FollowUpRound

from .. import texts
from ..models import DocumentKind
from .base import AgreementRef, BoardInfo, DocumentBlock, Meta, Snapshot, municipality_name


@dataclass
class ReportTexts:
    period: str


@dataclass
class FollowUpReportSnapshot(Snapshot):
    agreement: AgreementRef
    texts: ReportTexts
    report: dict[str, Any]  # followups.documents_data.FollowUpReport
    # finance.documents_data.EconomicResultRow of the period's years (submitted reports only)
    economic: list[dict[str, Any]] = field(default_factory=list)
    # finance.shapes_documents.in_kind_by_agreement of the round's years: {"rows", "total"}
    in_kind: dict[str, Any] = field(default_factory=dict)
    # attachments.documents_data.AttachmentRow of the period's years: the documents received
    # (an issued report keeps the attachments it names)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    # The amendments decided within the round's period, with what each changes.
    amendments: list[AmendmentItem] = field(default_factory=list)


def snapshot_from(round: FollowUpRound, *, date: str | None = None) -> dict[str, Any]:
    agreement = round.agreement
    years = list(range(round.period_start.year, round.period_end.year + 1))
    return FollowUpReportSnapshot(
        kind=DocumentKind.FOLLOWUP_REPORT.value,
        document=DocumentBlock.draft_of(date),
        municipality=municipality_name(agreement),
        board=BoardInfo.of(agreement),
        agreement=AgreementRef.of(agreement),
        texts=ReportTexts(period=texts.period_text(agreement.period_start, agreement.period_end)),
        report=followup_data.followup_report_data(round),
        economic=finance_data.economic_results([agreement.pk], years)[agreement.pk],
        attachments=attachment_data.attachment_rows(agreement.pk, years),
        in_kind=finance_shapes.in_kind_by_agreement([agreement.pk], years)[agreement.pk],
        amendments=amendment_items_by_agreement(
            [agreement.pk], since=round.period_start, until=round.period_end
        )[agreement.pk],
    ).as_dict()


def snapshot(round_id: int, *, date: str | None = None) -> dict[str, Any]:
    round = FollowUpRound.objects.select_related("agreement__board__organisation").get(pk=round_id)
    return snapshot_from(round, date=date)


def meta(s: dict[str, Any]) -> Meta:
    agreement, report = s["agreement"], s["report"]
    author = s["board"]["administration_name"] if s["board"] else ""
    registry = agreement["registry_number"]
    return Meta(
        title=f"Uppföljning av IOP: {agreement['title']}, {report['period_label']}",
        author=author or s["municipality"] or "IOP-registret",
        subject=f"Uppföljningsrapport {report['period_start']} – {report['period_end']}"
        + (f", dnr {registry}" if registry else ""),
        kind_label=DocumentKind.FOLLOWUP_REPORT.label,
        registry_number=registry,
        filename_stem=f"uppfoljningsrapport-{registry or agreement['id']}-{report['period_start']}",
    )
