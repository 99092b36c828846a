"""The economy's part of the agreement's change history (a source of partnerships.audit).

One query per tracked model, whatever the number of rows; a partner sees the rows of its
own party only, as on the economy tab."""

from partnerships.audit import HistorySource, party_rows_visible, register_history_source
from partnerships.history import HistoryEntry, model_entries
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

    by_party = {"agreement_id": agreement.pk, "party_id__in": allowed}
    by_compensation = {"compensation_id__in": visible_compensations}
    entries = [
        *model_entries(Compensation, lambda r: f"ersättning till {name(r.party_id)}", **by_party),
        *model_entries(
            DecidedAmount,
            lambda r: f"beslutat belopp {r.year} för {of_compensation(r)}",
            **by_compensation,
        ),
        *model_entries(
            IndexSettlement,
            lambda r: f"avräkning av indexskillnad {r.year} för {of_compensation(r)}",
            **by_compensation,
        ),
        *model_entries(
            AmountChange,
            lambda r: f"beloppsändring från {r.effective_from:%Y-%m-%d} för {of_compensation(r)}",
            **by_compensation,
        ),
        *model_entries(
            Payment,
            lambda r: f"utbetalning {r.reference} till {of_compensation(r)}",
            agreement_id=agreement.pk,
            **by_compensation,
        ),
        *model_entries(
            RepaymentClaim, lambda r: f"återbetalningskrav på {name(r.party_id)}", **by_party
        ),
        *model_entries(
            PartyBudget, lambda r: f"budget {r.year} för {name(r.party_id)}", **by_party
        ),
        *model_entries(InKindContribution, lambda r: f"insats från {name(r.party_id)}", **by_party),
        *model_entries(
            GivenInstalment,
            lambda r: f"delbetalning {r.year} för {of_compensation(r)}",
            **by_compensation,
        ),
    ]
    if own is None:  # a cap sums several parties' money: not for a partner
        entries += model_entries(
            AgreementCap, lambda r: f"tak ”{r.label}”", agreement_id=agreement.pk
        )
    return entries


def register() -> None:
    register_history_source(HistorySource("economy", "Ekonomi", economy_entries, order=30))
