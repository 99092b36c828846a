"""The amendments of a whole board's agreements are read for the annual report in a fixed
number of queries, and each agreement gets only its own (issue 14)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.amendment_documents import amendment_items_by_agreement
from partnerships.models import Amendment
from tests.factories import AgreementFactory, BoardFactory, GoalFactory

pytestmark = pytest.mark.django_db


def _amended(board, n):
    agreement = AgreementFactory(board=board)
    amendment = Amendment.objects.create(
        agreement=agreement,
        decided_on=dt.date(2025, 5, n),
        board=board,
        paragraph=f"§ {n}",
        title=f"Ändring {n}",
    )
    GoalFactory(agreement=agreement, text=f"Mål {n}", added_by_amendment=amendment)
    return agreement


def _queries(ids):
    with CaptureQueriesContext(connection) as ctx:
        items = amendment_items_by_agreement(ids, until=dt.date(2025, 12, 31))
    return len(ctx.captured_queries), items


def test_the_amendments_of_many_agreements_take_as_many_queries_as_of_one(world):
    board = BoardFactory(organisation=world.municipality)
    one = _amended(board, 1)
    few, items = _queries([one.pk])
    others = [_amended(board, n) for n in range(2, 6)]
    many, items = _queries([one.pk] + [a.pk for a in others])
    assert many == few
    assert [item["title"] for item in items[others[0].pk]] == ["Ändring 2"]
    assert items[one.pk][0]["changes"] == ["1 mål läggs till"]
    assert items[one.pk][0]["board"] == board.name and items[one.pk][0]["paragraph"] == "§ 1"
    assert amendment_items_by_agreement([one.pk], until=dt.date(2025, 4, 30))[one.pk] == []
