"""SIE export of planned payments per instalment (issue 14): a compensation paid half-yearly,
quarterly, monthly or on given dates gives one voucher per instalment, dated its due date,
with the instalment's amount; the vouchers of a year add up to the year's amount. A yearly
compensation (Linköping's) keeps its one voucher per year, byte for byte."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from finance import schedule as payment_plan
from finance import sie
from finance.models import AccountingDefaults, GivenInstalment, SieExportBatch, SieExportLine
from partnerships.models import Sector
from tests.finance.factories import CompensationFactory, DecidedAmountFactory, PaymentFactory

EXPORTS = "/ekonomi/sie/"
NOW = dt.datetime(2024, 6, 10, 10, tzinfo=dt.UTC)
D = dt.date


def _compensation(world, **fields):
    idea_party = world.agreement.parties.get(role=Sector.IDEA_BASED)
    compensation = CompensationFactory(
        party=idea_party, base_amount=100_003, base_year=2023, first_index_year=2024, **fields
    )
    for year in (2024, 2025, 2026):
        DecidedAmountFactory(compensation=compensation, year=year, amount=100_003)
    AccountingDefaults.objects.create(
        organisation=world.municipality, account="4990", counter_account="2440", cost_centre="120"
    )
    return compensation


def _export_planned(client, until="2024-12-31"):
    return client.post(
        EXPORTS, {"include_paid": "on", "include_planned": "on", "planned_until": until}
    )


def _parsed(client, batch):
    response = client.get(reverse("finance:sie_export_download", args=[batch.pk]))
    parsed = sie.parse_sie(response.content)
    assert parsed.checksum_ok
    assert all(v.balance == 0 for v in parsed.vouchers)
    return parsed, response.content


# --- pure ------------------------------------------------------------------------------


def test_planned_instalments_skip_paid_exported_and_later_ones():
    year = payment_plan.year_instalments(
        year=2024, amount=100_003, paid=30_000, kind=payment_plan.QUARTERLY, payment_month=1,
        period_start=D(2024, 1, 1), period_end=D(2024, 12, 31), today=D(2024, 6, 10),
    )  # fmt: skip
    # 25 000 x 3 + 25 003; 30 000 paid covers the first and 5 000 of the second.
    assert [i.amount for i in year.instalments] == [25_000, 25_000, 25_000, 25_003]
    planned = payment_plan.planned_instalments(
        year, until=D(2024, 10, 31), exported={D(2024, 7, 31): 25_000}
    )
    assert planned == [
        payment_plan.PlannedInstalment(2, 4, D(2024, 4, 30), 20_000),
        payment_plan.PlannedInstalment(4, 4, D(2024, 10, 31), 25_003),
    ]


def _quarterly(paid=0):
    return payment_plan.year_instalments(
        year=2024, amount=100_003, paid=paid, kind=payment_plan.QUARTERLY, payment_month=1,
        period_start=D(2024, 1, 1), period_end=D(2024, 12, 31), today=D(2024, 6, 10),
    )  # fmt: skip


def test_a_year_planned_yearly_is_not_planned_again_by_quarter():
    # Exported yearly (one voucher on 31 January, the due date of the first quarter too),
    # then paid quarterly: the year is planned already, nothing more.
    exported = {D(2024, 1, 31): 100_003}
    assert (
        payment_plan.planned_instalments(_quarterly(), until=D(2024, 12, 31), exported=exported)
        == []
    )
    # 60 000 paid first, the rest (40 003) planned yearly: still nothing more.
    exported = {D(2024, 1, 31): 40_003}
    assert (
        payment_plan.planned_instalments(
            _quarterly(60_000), until=D(2024, 12, 31), exported=exported
        )
        == []
    )


def test_part_of_a_year_planned_under_another_schedule_leaves_the_rest():
    # 50 003 planned under another schedule on a date that is no quarter's due date: it
    # covers the last quarters; the first two plan the other 50 000, never more in all.
    exported = {D(2024, 3, 31): 50_003}
    planned = payment_plan.planned_instalments(
        _quarterly(), until=D(2024, 12, 31), exported=exported
    )
    assert [(p.number, p.amount) for p in planned] == [(1, 25_000), (2, 25_000)]
    assert sum(p.amount for p in planned) + 50_003 == 100_003


@given(
    paid=st.integers(0, 100_003),
    first=st.lists(st.sampled_from(range(1, 13)), unique=True, max_size=4),
    split=st.integers(1, 100_003),
)
def test_planned_vouchers_of_a_year_never_exceed_its_amount(paid, first, split):
    """Whatever another schedule exported before (on any month ends, any amounts up to
    what was outstanding then), the quarters add at most what is left of the year."""
    before = {payment_plan.payment_due_date(2024, m): 0 for m in first}
    outstanding = 100_003 - paid
    for due in before:
        before[due] = min(split, outstanding)
        outstanding -= before[due]
    before = {due: amount for due, amount in before.items() if amount > 0}
    planned = payment_plan.planned_instalments(
        _quarterly(paid), until=D(2024, 12, 31), exported=before
    )
    assert sum(before.values()) + sum(p.amount for p in planned) <= 100_003


def test_a_yearly_year_planned_by_instalments_before_plans_only_the_rest():
    assert payment_plan.unplanned_year(100_003, {}, D(2024, 1, 31)) == 100_003
    assert payment_plan.unplanned_year(100_003, {D(2024, 1, 31): 25_000}, D(2024, 1, 31)) == 0
    assert payment_plan.unplanned_year(100_003, {D(2024, 4, 30): 25_000}, D(2024, 3, 31)) == 75_003
    assert payment_plan.unplanned_year(10_000, {D(2024, 4, 30): 25_000}, D(2024, 3, 31)) == 0


# --- through the app -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "dates"),
    [
        ("half_yearly", [D(2024, 1, 31), D(2024, 7, 31)]),
        ("quarterly", [D(2024, 1, 31), D(2024, 4, 30), D(2024, 7, 31), D(2024, 10, 31)]),
        ("monthly", [payment_plan.payment_due_date(2024, m) for m in range(1, 13)]),
    ],
)
def test_one_voucher_per_instalment_adding_up_to_the_year(client_for, world, kind, dates):
    with time_machine.travel(NOW, tick=False):
        compensation = _compensation(world, payment_schedule=kind)
        client = client_for(world.admin)
        assert _export_planned(client).status_code == 302
        batch = SieExportBatch.objects.get()
        parsed, _ = _parsed(client, batch)
    assert [v.date for v in parsed.vouchers] == dates
    amounts = [v.transactions[0].amount_ore // 100 for v in parsed.vouchers]
    assert sum(amounts) == 100_003  # to the krona: the rest goes on the last instalment
    assert amounts[:-1] == [100_003 // len(dates)] * (len(dates) - 1)
    count = len(dates)
    assert parsed.vouchers[1].text.startswith(
        f"Planerad utbetalning IOP 2024, delbetalning 2 av {count}: "
    )
    assert batch.voucher_count == count and batch.total == 100_003
    lines = SieExportLine.objects.filter(compensation=compensation, payment__isnull=True)
    assert sorted(lines.values_list("voucher_date", flat=True)) == dates
    # Exported once: a second export has nothing new up to the same date ...
    with time_machine.travel(NOW, tick=False):
        assert _export_planned(client).status_code == 400
        # ... and takes only the next year's instalments up to a later date.
        assert _export_planned(client, until="2025-01-31").status_code == 302
        second, _ = _parsed(client, SieExportBatch.objects.get(number=2))
        assert [v.date for v in second.vouchers] == [D(2025, 1, 31)]


@pytest.mark.django_db
def test_paid_instalments_are_not_planned_again(client_for, world):
    with time_machine.travel(NOW, tick=False):
        compensation = _compensation(world, payment_schedule="quarterly")
        PaymentFactory(compensation=compensation, year=2024, amount=30_000, paid_on=D(2024, 1, 20))
        client = client_for(world.admin)
        assert _export_planned(client).status_code == 302
        parsed, _ = _parsed(client, SieExportBatch.objects.get())
    planned = [v for v in parsed.vouchers if v.text.startswith("Planerad")]
    # The payment (a made voucher) covers the first instalment and 5 000 of the second.
    assert [(v.date, v.transactions[0].amount_ore // 100) for v in planned] == [
        (D(2024, 4, 30), 20_000), (D(2024, 7, 31), 25_000), (D(2024, 10, 31), 25_003),
    ]  # fmt: skip
    made = [v for v in parsed.vouchers if v.text.startswith("Utbetalning")]
    assert sum(v.transactions[0].amount_ore for v in made + planned) // 100 == 100_003


@pytest.mark.django_db
def test_given_dates_give_their_own_vouchers(client_for, world):
    with time_machine.travel(NOW, tick=False):
        compensation = _compensation(world, payment_schedule="given_dates")
        for due, amount in ((D(2024, 3, 15), 60_000), (D(2024, 9, 15), 40_003)):
            GivenInstalment.objects.create(
                compensation=compensation, year=2024, due_on=due, amount=amount
            )
        client = client_for(world.admin)
        assert _export_planned(client).status_code == 302
        parsed, _ = _parsed(client, SieExportBatch.objects.get())
    assert [(v.date, v.transactions[0].amount_ore // 100) for v in parsed.vouchers] == [
        (D(2024, 3, 15), 60_000), (D(2024, 9, 15), 40_003),
    ]  # fmt: skip


# The file of a yearly compensation as the export wrote it before instalments were
# exported one by one: it must not change by a byte.
YEARLY_FILE = (
    b'#FLAGGA 0\r\n#KSUMMA\r\n#PROGRAM "IOP-registret" "1.0"\r\n#FORMAT PC8\r\n'
    b'#GEN 20240610 "handlaggare"\r\n#SIETYP 4\r\n#ORGNR 212000-0449\r\n'
    b'#FNAMN "Link\x94pings kommun"\r\n#DIM 1 "Kostnadsst\x84lle"\r\n#DIM 6 "Projekt"\r\n'
    b'#VER "" "" 20240120 "Utbetalning IOP 2024: IOGT-NTO Kamratst\x94det, Kamratst\x94d (VER-1)"'
    b'\r\n{\r\n#TRANS 4990 {1 "120"} 60000.00 "" "IOGT-NTO Kamratst\x94det"\r\n'
    b'#TRANS 2440 {} -60000.00 "" "IOGT-NTO Kamratst\x94det"\r\n}\r\n'
    b'#VER "" "" 20240131 "Planerad utbetalning IOP 2024: IOGT-NTO Kamratst\x94det, Kamratst\x94d"'
    b'\r\n{\r\n#TRANS 4990 {1 "120"} 40003.00 "" "IOGT-NTO Kamratst\x94det"\r\n'
    b'#TRANS 2440 {} -40003.00 "" "IOGT-NTO Kamratst\x94det"\r\n}\r\n'
    b'#VER "" "" 20250131 "Planerad utbetalning IOP 2025: IOGT-NTO Kamratst\x94det, Kamratst\x94d"'
    b'\r\n{\r\n#TRANS 4990 {1 "120"} 100003.00 "" "IOGT-NTO Kamratst\x94det"\r\n'
    b'#TRANS 2440 {} -100003.00 "" "IOGT-NTO Kamratst\x94det"\r\n}\r\n#KSUMMA 2347446651\r\n'
)


@pytest.mark.django_db
def test_a_yearly_compensation_exports_byte_for_byte_as_before(client_for, world):
    with time_machine.travel(NOW, tick=False):
        # Names that no factory sequence can change.
        world.municipality.organisation_number = "212000-0449"
        world.municipality.save()
        type(world.agreement).objects.filter(pk=world.agreement.pk).update(title="Kamratstöd")
        compensation = _compensation(world)
        PaymentFactory(
            compensation=compensation, year=2024, amount=60_000, paid_on=D(2024, 1, 20),
            reference="VER-1",
        )  # fmt: skip
        client = client_for(world.admin)
        assert _export_planned(client, until="2025-12-31").status_code == 302
        _, content = _parsed(client, SieExportBatch.objects.get())
    assert content == YEARLY_FILE


@pytest.mark.django_db
def test_a_year_exported_yearly_then_switched_to_quarters_is_not_planned_twice(client_for, world):
    with time_machine.travel(NOW, tick=False):
        compensation = _compensation(world)  # yearly, due 31 January
        client = client_for(world.admin)
        assert _export_planned(client).status_code == 302
        compensation.payment_schedule = "quarterly"
        compensation.save()
        # 2024 was planned in full; only 2025's first quarter is new.
        assert _export_planned(client, until="2025-01-31").status_code == 302
        second, _ = _parsed(client, SieExportBatch.objects.get(number=2))
    assert [(v.date, v.transactions[0].amount_ore // 100) for v in second.vouchers] == [
        (D(2025, 1, 31), 25_000)
    ]
    planned_2024 = SieExportLine.objects.filter(
        compensation=compensation, year=2024, payment__isnull=True
    )
    assert sum(planned_2024.values_list("amount", flat=True)) == 100_003


def test_a_quarter_exported_as_itself_and_a_yearly_voucher_together_never_exceed_the_year():
    # The second quarter exported as itself, and 75 003 under a yearly plan: the first
    # quarter is covered by that (counted back from the end past the second quarter).
    exported = {D(2024, 1, 31): 75_003, D(2024, 4, 30): 25_000}
    assert (
        payment_plan.planned_instalments(_quarterly(), until=D(2024, 12, 31), exported=exported)
        == []
    )
