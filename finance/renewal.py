"""The money side of a renewal (receivers of the register's renewal signals).

When a draft successor is created, each idea-based party's compensation continues from the
current indexed level: the amount of the predecessor's last year whose amount is known (a
decided amount rules), as the base of the successor's compensation, indexed from the year
after (a fixed amount continues as it is, fixed). If index values are missing for the
last years, the base is the last known level and the successor inherits the visible
"OPI för ... saknas" warnings: never a silent zero.
"""

import datetime as dt

from django.utils import timezone

from partnerships.models import Agreement, Party
from partnerships.services import RenewalError

from .ledger import compensation_ledger
from .models import Compensation, DecidedAmount, PartyBudget


def current_level(compensation: Compensation, last_year: int, today: dt.date) -> tuple[int, int]:
    """(year, amount) of the latest known level at or before ``last_year`` (a decided
    amount rules, a one-off decided sum does not: it is no level); the base when no later
    year is known."""
    years = list(range(compensation.base_year, last_year + 1))
    year, amount = compensation_ledger(compensation, today, years=years).latest_level()
    if year is None:
        return compensation.base_year, compensation.base_amount
    return year, amount


def _continuing_party(successor: Agreement, party: Party) -> Party | None:
    organisation = party.organisation
    seen = set()
    while organisation is not None and organisation.pk not in seen:
        seen.add(organisation.pk)
        match = successor.parties.filter(organisation=organisation).first()
        if match:
            return match
        organisation = organisation.successor
    return None


def compensations_continue(*, predecessor: Agreement, successor: Agreement) -> list[Compensation]:
    today = timezone.localdate()
    created = []
    compensations = Compensation.objects.filter(agreement=predecessor).select_related(
        "party__organisation__successor", "index_series"
    )
    for compensation in compensations:
        party = _continuing_party(successor, compensation.party)
        if party is None:
            continue
        year, amount = current_level(compensation, predecessor.period_end.year, today)
        fixed = compensation.fixed
        continued = Compensation(
            agreement=successor,
            party=party,
            base_amount=amount,
            base_year=year,
            # A fixed amount continues as it is: fixed, no index, never indexed.
            fixed=fixed,
            index_series=None if fixed else compensation.index_series,
            first_index_year=None if fixed else year + 1,
            index_rule=compensation.index_rule,
            proration=compensation.proration,
            payment_month=compensation.payment_month,
            payment_schedule=compensation.payment_schedule,
            continues_from=compensation,
        )
        continued.full_clean()
        continued.save()
        created.append(continued)
    return created


def on_successor_created(sender, *, predecessor: Agreement, successor: Agreement, **kwargs):
    compensations_continue(predecessor=predecessor, successor=successor)


def on_successor_discarding(sender, *, successor: Agreement, **kwargs):
    """A declined draft successor is removed: remove its money rows first. A draft that has
    payments recorded is refused (money that moved is never deleted)."""
    if successor.payments.exists() or successor.repayment_claims.exists():
        raise RenewalError(
            "Utkastet har registrerade utbetalningar eller återkrav och kan inte tas bort."
        )
    DecidedAmount.objects.filter(compensation__agreement=successor).delete()
    for compensation in Compensation.objects.filter(agreement=successor):
        compensation.settlements.all().delete()
        compensation.delete()
    PartyBudget.objects.filter(agreement=successor).delete()
