"""Items for the start page from this app (see partnerships.attention.AttentionItem)."""

import datetime as dt

from django.urls import reverse

from partnerships.attention import AttentionItem
from partnerships.models import User

from .selectors import missing_index_values


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
