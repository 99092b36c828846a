"""The initiative and its assessment as plain data for the memo of a new IOP.

``documents`` calls it (it sits above this app); this module imports nothing from
``documents``. JSON-safe values only (strings, booleans, ISO dates), so the issued memo
keeps exactly what it printed."""

from __future__ import annotations

from typing import TypedDict

from partnerships.models import Agreement

from .models import Assessment, Initiative


class CriterionRow(TypedDict):
    criterion: str
    met: bool
    reason: str


class InitiativeBasis(TypedDict):
    id: int
    title: str
    organisation: str
    received_on: str
    need: str
    target_group: str
    own_contribution: str
    kammarkollegiet: str
    assessed: bool
    criteria: list[CriterionRow]
    procurement: str
    competence: str
    state_aid_route: str
    state_aid_criteria: list[CriterionRow]
    de_minimis: str
    signed_off: str


def _rows(rows: list[tuple[str, bool, str]]) -> list[CriterionRow]:
    return [CriterionRow(criterion=c, met=m, reason=r) for c, m, r in rows]


def _de_minimis(a: Assessment) -> str:
    if a.state_aid_route != "de_minimis" or a.amount_eur is None:
        return ""
    kind = (
        "tjänst av allmänt ekonomiskt intresse (tak 750 000 euro)"
        if a.de_minimis_sgei
        else ("allmänt stöd av mindre betydelse (tak 300 000 euro)")
    )
    return (
        f"{a.de_minimis_amount_sek} kr = {a.amount_eur} euro till kursen {a.sek_per_eur} kr per "
        f"euro på beslutsdagen {a.decision_date.isoformat()}; {kind}."
    )


def memo_basis(agreement: Agreement) -> InitiativeBasis | None:
    """The initiative the agreement was made from, with its assessment; None otherwise."""
    initiative = (
        Initiative.objects.select_related("organisation").filter(agreement=agreement).first()
    )
    if initiative is None:
        return None
    a = Assessment.objects.filter(initiative=initiative).first()
    in_kind = f"; {initiative.own_in_kind}" if initiative.own_in_kind else ""
    registered = (
        f"Ja, kontrollerat {initiative.kammarkollegiet_checked_on.isoformat()}"
        if initiative.kammarkollegiet_registered and initiative.kammarkollegiet_checked_on
        else "Nej"
    )
    return InitiativeBasis(
        id=initiative.pk,
        title=initiative.title,
        organisation=initiative.organisation.name,
        received_on=initiative.created_at.date().isoformat(),
        need=initiative.need,
        target_group=initiative.target_group,
        own_contribution=f"{initiative.own_money} kr per år{in_kind}",
        kammarkollegiet=registered,
        assessed=a is not None,
        criteria=_rows(a.iop_rows) if a else [],
        procurement=(
            (
                "Kontrakt med ekonomiska villkor. "
                if a.pecuniary_contract
                else "Inte ett kontrakt med ekonomiska villkor. "
            )
            + a.procurement_reason
        )
        if a
        else "",
        competence=a.competence_reason if a else "",
        state_aid_route=a.get_state_aid_route_display() if a else "",
        state_aid_criteria=_rows(a.state_aid_rows) if a and a.state_aid_route == "no_aid" else [],
        de_minimis=_de_minimis(a) if a else "",
        signed_off=(
            f"{a.signed_off_name} ({a.get_signed_off_role_display()}), "
            f"bedömt {a.assessed_at.date().isoformat()}"
        )
        if a and a.assessed_at
        else "",
    )
