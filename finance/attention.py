"""Items for the start page from this app (see partnerships.attention.AttentionItem)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from partnerships.attention import AttentionItem
from partnerships.formatting import format_sek
from partnerships.models import User
from partnerships.selectors import agreements_visible_to

from .ledger import build_ledger, index_points, ledger_queryset
from .models import AgreementCap, PaymentSchedule
from .selectors import (
    compensations_visible_to,
    late_index_differences,
    missing_index_values,
    partner_only,
    reports_missing,
)
from .selectors.shapes import cap_views, schedules_of


def _to_economy(agreement_id: int, text: str) -> AttentionItem:
    """A warning that links to the agreement's economy tab."""
    url = reverse("finance:economy", args=[agreement_id])
    return AttentionItem(level="warning", text=text, url=url, link_text="Öppna ekonomin")


def _years_text(years: tuple[int, ...]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def attention_items(user: User, today: dt.date) -> list[AttentionItem]:
    """A missing index value that an agreement needs is a warning, never a silent zero."""
    items = []
    for missing in missing_index_values(user, today):
        agreement = missing.agreement
        items.append(
            _to_economy(
                agreement.pk,
                (
                    f"{missing.reason}: ersättningen till {missing.organisation_name} i "
                    f"{agreement.title} ({agreement.period_start.year}–"
                    f"{agreement.period_end.year}) kan inte räknas fram för "
                    f"{_years_text(missing.years)}."
                ),
            )
        )
    return items


def late_index_items(user: User, today: dt.date) -> list[AttentionItem]:
    """A definitive index published after the year's payment: what is still to pay, or to
    claim back, in kronor (for those who administer the money, not the partners)."""
    if not user.is_authenticated or not (user.is_superuser or user.is_administrator):
        return []
    return [
        _to_economy(item.agreement.pk, f"{item.agreement.title}: {item.text}")
        for item in late_index_differences(user, today)
    ]


def economic_report_items(user: User, today: dt.date) -> list[AttentionItem]:
    """Yearly economic reports not yet submitted: to the partner for its own party, to the
    administration for every party. One item per agreement, years and parties named."""
    if not user.is_authenticated or not (
        user.is_superuser or user.is_partner or user.is_administrator
    ):
        return []
    agreements = agreements_visible_to(user).filter(
        approved=True, period_end__year__gte=today.year - 1
    )
    by_agreement: dict[int, tuple] = {}
    for agreement, party, year in reports_missing(agreements, today):
        if user.is_partner and party.organisation_id != user.organisation_id:
            continue
        by_agreement.setdefault(agreement.pk, (agreement, []))[1].append((party, year))
    items = []
    for agreement, missing in by_agreement.values():
        listed = ", ".join(f"{party.organisation.name} {year}" for party, year in missing)
        party, year = missing[0]
        items.append(
            AttentionItem(
                level="info",
                text=f"Ekonomisk redovisning saknas i {agreement.title}: {listed}.",
                url=reverse("finance:economic_report", args=[agreement.pk, party.pk, year]),
                link_text="Lämna redovisningen" if user.is_partner else "Öppna redovisningen",
            )
        )
    return items


def schedule_items(user: User, today: dt.date) -> list[AttentionItem]:
    """Instalments past their due date and unpaid (a schedule other than once a year), and
    caps that the amounts or the payments pass. A fixed number of queries: the
    compensations concerned with their ledgers, index values, given dates and caps."""
    if not user.is_authenticated:
        return []
    agreements = agreements_visible_to(user).filter(
        approved=True, period_start__lte=today, period_end__year__gte=today.year - 1
    )
    scoped = compensations_visible_to(user).filter(agreement__in=agreements)
    concerned = scoped.filter(
        ~Q(payment_schedule=PaymentSchedule.YEARLY) | Q(agreement__caps__isnull=False)
    ).distinct()
    compensations = list(ledger_queryset(concerned, chain=False).order_by("agreement__title", "pk"))
    if not compensations:
        return []
    points = index_points()
    ledgers = [build_ledger(c, points, today) for c in compensations]
    items = []
    for plan in schedules_of(ledgers, today):
        compensation = plan.compensation
        if compensation.payment_schedule == PaymentSchedule.YEARLY or not plan.overdue_count:
            continue
        agreement = compensation.agreement
        items.append(
            _to_economy(
                agreement.pk,
                (
                    f"{plan.overdue_count} delbetalning(ar) till "
                    f"{compensation.party.organisation.name} i {agreement.title} är försenade: "
                    f"{format_sek(plan.overdue)} har passerat förfallodagen utan att betalas."
                ),
            )
        )
    by_agreement: dict[int, list] = {}
    for ledger in ledgers:
        by_agreement.setdefault(ledger.compensation.agreement_id, []).append(ledger)
    caps = (
        AgreementCap.objects.none()
        if partner_only(user)
        else AgreementCap.objects.filter(agreement_id__in=list(by_agreement))
        .select_related("agreement")
        .prefetch_related("compensations")
        .order_by("agreement__title", "pk")
    )
    for cap in caps:
        for view in cap_views([cap], by_agreement.get(cap.agreement_id, [])):
            for warning in view.warnings:
                items.append(_to_economy(cap.agreement_id, f"{cap.agreement.title}: {warning}"))
    return items
