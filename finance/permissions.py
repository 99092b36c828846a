"""Who may change money. Visibility is in selectors (404); these rules decide 403, each with
the Swedish reason the 403 page shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Party, Sector, User
from partnerships.permissions import administrator_of, is_public_administrator

if TYPE_CHECKING:
    from .ledger import YearRow
    from .models import Compensation, EconomicReport, IndexSeries


def can_edit_economy(user: User, agreement: Agreement) -> Decision:
    """Administrators of a public party of the agreement (the register's own rule)."""
    return administrator_of(
        user, agreement, "Du kan läsa men inte ändra ekonomin i denna överenskommelse."
    )


def can_manage_index_values(user: User) -> Decision:
    """Operators keep the shared series; a public body's administrators keep its own."""
    if user.is_authenticated and (user.is_operator or is_public_administrator(user)):
        return allow()
    return deny("Endast handläggare kan ändra indexvärden.")


def can_edit_series(user: User, series: IndexSeries) -> Decision:
    """A shared series (SKR's OPI) every public body relies on is changed by operators only;
    a body's own series by that body's administrators only."""
    if series.owner_id is None:
        if user.is_authenticated and user.is_operator:
            return allow()
        return deny(
            f"{series.name} är en gemensam indexserie som alla offentliga organisationer "
            "använder; den ändras bara av driftansvarig. Behöver ni egna värden, skapa en "
            "egen indexserie."
        )
    if is_public_administrator(user) and user.organisation_id == series.owner_id:
        return allow()
    return deny("Indexserien är en annan organisations egen serie.")


def compensation_of_agreement(compensation: Compensation, agreement: Agreement) -> Decision:
    if compensation.agreement_id == agreement.pk:
        return allow()
    return deny("Ersättningen hör till en annan överenskommelse.")


def year_in_period(agreement: Agreement, year: int) -> Decision:
    if agreement.period_start.year <= year <= agreement.period_end.year:
        return allow()
    return deny("Året ligger utanför överenskommelsens period.")


def ledger_year(row: YearRow | None) -> Decision:
    """A year of the ledger: decided amounts are set for the agreement's own years only."""
    return allow() if row is not None else deny("Året ligger utanför överenskommelsens period.")


def can_settle(row: YearRow | None) -> Decision:
    if row is not None and row.schedule.definitive_difference:
        return allow()
    return deny("Det finns ingen indexskillnad att avräkna för året.")


def can_write_economic_report(user: User, party: Party) -> Decision:
    """Only the idea-based party's own organisation (its partner users) files its report."""
    if (
        user.is_authenticated
        and user.is_partner
        and party.role == Sector.IDEA_BASED
        and party.organisation_id == user.organisation_id
    ):
        return allow()
    return deny("Endast den idéburna partens egna användare lämnar dess ekonomiska redovisning.")


def can_reopen_economic_report(user: User, agreement: Agreement) -> Decision:
    """Reopen a submitted report or start a repayment claim from it: the administrators."""
    return administrator_of(
        user,
        agreement,
        "Endast handläggare för överenskommelsen kan öppna en redovisning eller kräva "
        "återbetalning.",
    )


def may_attach_to_report(user: User, report: EconomicReport) -> Decision:
    """Attachments on an economic report: its own party's users, or the administrators once
    it is submitted (a draft is private to the party's organisation)."""
    if can_write_economic_report(user, report.party):
        return allow()
    if report.is_submitted and can_edit_economy(user, report.agreement):
        return allow()
    return deny("Du kan inte lägga till bilagor till den här redovisningen.")
