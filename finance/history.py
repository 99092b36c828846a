"""The economy's part of the agreement's change history (a source of partnerships.audit).

One query per tracked model, whatever the number of rows; a partner sees the rows of its
own party only, as on the economy tab."""

from partnerships.audit import HistorySource, party_rows_visible, register_history_source
from partnerships.history import HistoryEntry, entries_from
from partnerships.models import Agreement, Party, User

from .models import (
    AgreementCap,
    AmountChange,
    Compensation,
    DecidedAmount,
    GivenInstalment,
    IndexSettlement,
    InKindContribution,
    PartyBudget,
    Payment,
    RepaymentClaim,
)


def economy_entries(agreement: Agreement, user: User) -> list[HistoryEntry]:
    own = party_rows_visible(user, agreement)
    parties = {
        party.pk: party.organisation.name
        for party in Party.objects.filter(agreement=agreement).select_related("organisation")
    }
    allowed = (
        {pk for pk, _ in parties.items()}
        if own is None
        else set(
            Party.objects.filter(agreement=agreement, organisation_id__in=own).values_list(
                "pk", flat=True
            )
        )
    )
    compensations = {c.pk: c.party_id for c in Compensation.objects.filter(agreement=agreement)}
    visible_compensations = {pk for pk, party in compensations.items() if party in allowed}

    def name(party_id) -> str:
        return parties.get(party_id, "en part")

    def of_compensation(record) -> str:
        return name(compensations.get(record.compensation_id))

    entries: list[HistoryEntry] = []
    entries += entries_from(
        Compensation.history.filter(agreement_id=agreement.pk, party_id__in=allowed).select_related(
            "history_user"
        ),
        Compensation,
        lambda r: f"ersättning till {name(r.party_id)}",
    )
    for model, label in (
        (DecidedAmount, "beslutat belopp"),
        (IndexSettlement, "avräkning av indexskillnad"),
    ):
        entries += entries_from(
            model.history.filter(compensation_id__in=visible_compensations).select_related(
                "history_user"
            ),
            model,
            lambda r, label=label: f"{label} {r.year} för {of_compensation(r)}",
        )
    entries += entries_from(
        AmountChange.history.filter(compensation_id__in=visible_compensations).select_related(
            "history_user"
        ),
        AmountChange,
        lambda r: f"beloppsändring från {r.effective_from:%Y-%m-%d} för {of_compensation(r)}",
    )
    entries += entries_from(
        Payment.history.filter(
            agreement_id=agreement.pk, compensation_id__in=visible_compensations
        ).select_related("history_user"),
        Payment,
        lambda r: f"utbetalning {r.reference} till {of_compensation(r)}",
    )
    entries += entries_from(
        RepaymentClaim.history.filter(
            agreement_id=agreement.pk, party_id__in=allowed
        ).select_related("history_user"),
        RepaymentClaim,
        lambda r: f"återbetalningskrav på {name(r.party_id)}",
    )
    entries += entries_from(
        PartyBudget.history.filter(agreement_id=agreement.pk, party_id__in=allowed).select_related(
            "history_user"
        ),
        PartyBudget,
        lambda r: f"budget {r.year} för {name(r.party_id)}",
    )
    entries += entries_from(
        InKindContribution.history.filter(
            agreement_id=agreement.pk, party_id__in=allowed
        ).select_related("history_user"),
        InKindContribution,
        lambda r: f"insats från {name(r.party_id)}",
    )
    entries += entries_from(
        GivenInstalment.history.filter(compensation_id__in=visible_compensations).select_related(
            "history_user"
        ),
        GivenInstalment,
        lambda r: f"delbetalning {r.year} för {of_compensation(r)}",
    )
    if own is None:  # a cap sums several parties' money: not for a partner
        entries += entries_from(
            AgreementCap.history.filter(agreement_id=agreement.pk).select_related("history_user"),
            AgreementCap,
            lambda r: f"tak ”{r.label}”",
        )
    return entries


def register() -> None:
    register_history_source(HistorySource("economy", "Ekonomi", economy_entries, order=30))
