"""The follow-up's part of the agreement's change history (a source of partnerships.audit).

A party's draft notes and figures are seen by that party only (as on the report page):
their history is shown to others once submitted."""

from django.db.models import Q

from partnerships.audit import HistorySource, party_rows_visible, register_history_source
from partnerships.history import HistoryEntry, entries_from
from partnerships.models import Agreement, Organisation, User

from .models import (
    Assessment,
    Figures,
    FollowUpRound,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)


def followup_entries(agreement: Agreement, user: User) -> list[HistoryEntry]:
    rounds = {r.pk: str(r) for r in FollowUpRound.objects.filter(agreement=agreement)}
    own = party_rows_visible(user, agreement)
    mine = Q(organisation_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    report_rows = Q(status=ReportStatus.SUBMITTED) | mine
    if own is not None:  # a partner: its own party's rows only
        report_rows = mine
    names = dict(
        Organisation.objects.filter(parties__agreement=agreement).values_list("pk", "name")
    )
    entries: list[HistoryEntry] = []
    entries += entries_from(
        Meeting.history.filter(agreement_id=agreement.pk).select_related("history_user"),
        Meeting,
        lambda r: f"möte {r.title} {r.starts_at:%Y-%m-%d}",
    )
    entries += entries_from(
        FollowUpRound.history.filter(agreement_id=agreement.pk).select_related("history_user"),
        FollowUpRound,
        lambda r: f"omgång {rounds.get(r.id, '')}",
    )
    for model, label in ((Note, "anteckning"), (Figures, "siffror")):
        entries += entries_from(
            model.history.filter(report_rows, round_id__in=rounds).select_related("history_user"),
            model,
            lambda r, label=label: (
                f"{label} från {names.get(r.organisation_id, 'en part')}, "
                f"{rounds.get(r.round_id, '')}"
            ),
        )
    indicators = dict(Indicator.history.filter(agreement_id=agreement.pk).values_list("id", "name"))
    entries += entries_from(
        Indicator.history.filter(agreement_id=agreement.pk).select_related("history_user"),
        Indicator,
        lambda r: f"mått {r.name}",
    )
    # A value is seen exactly when its party's report is (drafts by that party only).
    visible = set(
        Figures.objects.filter(report_rows, round_id__in=rounds).values_list(
            "round_id", "organisation_id"
        )
    )
    values = [
        r
        for r in IndicatorValue.history.filter(
            round_id__in=rounds, indicator_id__in=indicators
        ).select_related("history_user")
        if (r.round_id, r.organisation_id) in visible
    ]
    entries += entries_from(
        values,
        IndicatorValue,
        lambda r: (
            f"värde för {indicators.get(r.indicator_id, 'mått')} från "
            f"{names.get(r.organisation_id, 'en part')}, {rounds.get(r.round_id, '')}"
        ),
    )
    entries += entries_from(
        Assessment.history.filter(round_id__in=rounds).select_related("history_user"),
        Assessment,
        lambda r: f"bedömning av {rounds.get(r.round_id, '')}",
    )
    return entries


def register() -> None:
    register_history_source(HistorySource("followups", "Uppföljning", followup_entries, order=40))
