"""Budget against actual, money received against money used: whole kronor, no database."""

from decimal import Decimal

import pytest

from finance.economic_result import (
    deviation,
    deviation_percent,
    economic_result,
    municipal_money_used,
    unspent_remainder,
)

IOGT_BUDGET = [
    ("staff", "Anställda", 205_000),
    ("volunteers", "Volontärer", 160_000),
    ("premises", "Lokaler m.m.", 170_000),
]


def test_iogt_year_to_the_krona():
    result = economic_result(
        budget_lines=IOGT_BUDGET,
        actuals={
            "staff": (210_000, "Löneökning enligt avtal"),
            "volunteers": (150_000, "Färre volontärtimmar"),
            "premises": (170_000, ""),
        },
        labels={},
        own_financing=195_310,
        other_funding=[],
        received=339_690,
    )
    assert [(line.deviation, line.deviation_percent) for line in result.lines] == [
        (5_000, Decimal("2.4")),
        (-10_000, Decimal("-6.3")),  # -6.25 rounds half up (away from zero)
        (0, Decimal("0.0")),
    ]
    assert result.budget_total == 535_000
    assert result.actual_total == 530_000
    assert result.deviation == -5_000
    assert result.deviation_percent == Decimal("-0.9")
    # 530 000 costs - 195 310 own money = 334 690 of the municipality's 339 690 used.
    assert result.used == 334_690
    assert result.remainder == 5_000
    assert result.uncommented == []


def test_other_funders_reduce_the_municipal_money_used():
    assert (
        municipal_money_used(
            actual_total=500_000, own_financing=100_000, other_funding=150_000, received=300_000
        )
        == 250_000
    )
    assert unspent_remainder(received=300_000, used=250_000) == 50_000


def test_used_never_exceeds_received_nor_goes_below_zero():
    assert (
        municipal_money_used(
            actual_total=900_000, own_financing=0, other_funding=0, received=300_000
        )
        == 300_000
    )
    assert (
        municipal_money_used(
            actual_total=100_000, own_financing=200_000, other_funding=0, received=300_000
        )
        == 0
    )
    assert unspent_remainder(received=300_000, used=300_000) == 0


def test_nothing_received_nothing_to_repay():
    assert unspent_remainder(received=0, used=0) == 0


@pytest.mark.parametrize(
    ("budget", "actual", "kr", "percent"),
    [
        (200_000, 200_000, 0, Decimal("0.0")),
        (3, 4, 1, Decimal("33.3")),
        (8, 9, 1, Decimal("12.5")),
        (0, 1_000, 1_000, None),  # nothing budgeted: no percentage
        (None, 1_000, 1_000, None),
        (1_000, None, None, None),  # not yet reported
    ],
)
def test_deviation_in_kronor_and_percent(budget, actual, kr, percent):
    assert deviation(budget, actual) == kr
    assert deviation_percent(budget, actual) == percent


def test_unbudgeted_costs_and_missing_comments_are_shown():
    result = economic_result(
        budget_lines=[("staff", "Anställda", 100_000)],
        actuals={"staff": (90_000, ""), "other": (5_000, "")},
        labels={"other": "Övrigt"},
        own_financing=0,
        other_funding=[1_000, 2_000],
        received=100_000,
    )
    assert [(line.label, line.budget, line.actual) for line in result.lines] == [
        ("Anställda", 100_000, 90_000),
        ("Övrigt", None, 5_000),
    ]
    assert result.other_funding == 3_000
    assert result.uncommented == ["Anställda", "Övrigt"]
    assert result.used == 92_000 and result.remainder == 8_000
