"""Items for the start page from this app (see partnerships.attention.AttentionItem)."""

import datetime as dt

from partnerships.attention import AttentionItem
from partnerships.models import User


def attention_items(user: User, today: dt.date) -> list[AttentionItem]:
    return []
