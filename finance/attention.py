"""Items for the start page from this app (see partnerships.attention.AttentionItem)."""

import datetime as dt

from django.urls import reverse

from partnerships.attention import AttentionItem
from partnerships.models import User
from partnerships.selectors import agreements_visible_to

from .selectors import late_index_differences, missing_index_values, reports_missing


def _years_text(years: tuple[int, ...]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def attention_items(user: User, today: dt.date) -> list[AttentionItem]:
    """A missing index value that an agreement needs is a warning, never a silent zero."""
    items = []
    for missing in missing_index_values(user, today):
        agreement = missing.agreement
        items.append(
            AttentionItem(
                level="warning",
                text=(
                    f"{missing.reason}: ersättningen till {missing.organisation_name} i "
                    f"{agreement.title} ({agreement.period_start.year}–"
                    f"{agreement.period_end.year}) kan inte räknas fram för "
                    f"{_years_text(missing.years)}."
                ),
                url=reverse("finance:economy", args=[agreement.pk]),
                link_text="Öppna ekonomin",
            )
        )
    return items


def late_index_items(user: User, today: dt.date) -> list[AttentionItem]:
    """A definitive index published after the year's payment: what is still to pay, or to
    claim back, in kronor (for those who administer the money, not the partners)."""
    if not user.is_authenticated or not (user.is_superuser or user.is_administrator):
        return []
    return [
        AttentionItem(
            level="warning",
            text=f"{item.agreement.title}: {item.text}",
            url=reverse("finance:economy", args=[item.agreement.pk]),
            link_text="Öppna ekonomin",
        )
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
