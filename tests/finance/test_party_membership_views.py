"""A party joining or leaving by amendment, through the app (issue 14): the ledger, the
payment schedule, the economy tab and the CSV follow the party's own membership."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from finance.ledger import compensation_ledger
from finance.models import Compensation
from finance.selectors.shapes import schedules_of
from partnerships.models import Amendment

D = dt.date


@pytest.fixture
def compensation(world):
    return Compensation.objects.create(
        agreement=world.agreement,
        party=world.agreement.parties.get(organisation=world.association),
        base_amount=730_000,
        base_year=2024,
        fixed=True,
        payment_schedule="quarterly",
    )


def _party_change(world, compensation, kind, day, decided_on):
    return Amendment.objects.create(
        agreement=world.agreement, decided_on=decided_on, board=world.agreement.board,
        paragraph="§ 87", title="Partändring", party=compensation.party,
        party_change=kind, party_change_on=day,
    )  # fmt: skip


def _csv_rows(client, agreement):
    response = client.get(reverse("finance:economy_export", args=[agreement.pk]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text), delimiter=";")]


@pytest.mark.django_db
def test_a_party_leaving_mid_period_has_no_money_and_no_instalments_after(
    world, compensation, client_for
):
    _party_change(world, compensation, "leaves", D(2025, 7, 1), D(2025, 5, 12))
    ledger = compensation_ledger(compensation, D(2025, 8, 1))
    assert [row.schedule.amount for row in ledger.rows] == [730_000, 362_000, 0]
    assert [row.not_a_party for row in ledger.rows] == [False, False, True]
    (schedule,) = schedules_of([ledger], D(2025, 8, 1))
    by_year = {y.year: [(i.due_on, i.amount) for i in y.instalments] for y in schedule.years}
    # Quarterly from January; the party is a party until 30 June 2025.
    assert by_year[2025] == [(D(2025, 1, 31), 181_000), (D(2025, 4, 30), 181_000)]
    assert by_year[2026] == []
    rows = _csv_rows(client_for(world.admin), world.agreement)
    row_2026 = next(r for r in rows if r[2] == "2026" and r[1] == world.association.name)
    assert row_2026[7] == "0" and "inte part detta år" in row_2026[11]


@pytest.mark.django_db
def test_a_party_that_joins_and_later_leaves_follows_both_dates(world, compensation, client_for):
    _party_change(world, compensation, "joins", D(2024, 9, 1), D(2024, 6, 1))
    _party_change(world, compensation, "leaves", D(2026, 3, 1), D(2025, 11, 20))
    compensation.proration = "months"
    compensation.save()
    ledger = compensation_ledger(compensation, D(2025, 8, 1))
    # 4 of 12 months in 2024, the whole 2025, 2 of 12 months in 2026.
    assert [row.schedule.amount for row in ledger.rows] == [243_333, 730_000, 121_667]
    (schedule,) = schedules_of([ledger], D(2025, 8, 1))
    by_year = {y.year: [i.due_on for i in y.instalments] for y in schedule.years}
    assert by_year[2024] == [D(2024, 10, 31)]
    assert by_year[2026] == [D(2026, 1, 31)]
    page = client_for(world.admin).get(reverse("finance:economy", args=[world.agreement.pk]))
    assert page.status_code == 200
    content = page.content.decode().replace("\u00a0", " ")
    assert "243 333" in content and "121 667" in content
