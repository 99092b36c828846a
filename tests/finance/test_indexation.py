"""The indexation rule, without a database, against the figures in the records."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from finance.indexation import (
    DEFINITIVE,
    PRELIMINARY_FIRST,
    IndexPoint,
    compute_schedule,
    exact_amount,
    round_kronor,
    rounding_bound,
)

D = Decimal
OPI = {
    2017: IndexPoint(None, D("2.7")),
    2018: IndexPoint(None, D("2.6")),
    2019: IndexPoint(None, D("2.7")),
    2020: IndexPoint(None, D("3.0")),
    2021: IndexPoint(None, D("1.5")),
    2022: IndexPoint(None, D("1.9")),
    2023: IndexPoint(D("3.5"), D("4.6")),
}


def amounts(base, years=range(2018, 2024), **kwargs):
    rows = compute_schedule(
        base_amount=base,
        base_year=2018,
        first_index_year=2019,
        years=years,
        index=OPI,
        **kwargs,
    )
    return {row.year: row.amount for row in rows}


def test_400000_from_2018_gives_the_2023_level_of_the_2024_agreement():
    assert amounts(400_000) == {
        2018: 400_000,
        2019: 410_800,
        2020: 423_124,
        2021: 429_471,
        2022: 437_631,
        2023: 452_948,
    }


def test_300000_from_2018_gives_339711_in_2023():
    assert amounts(300_000)[2023] == 339_711


def test_decided_2023_amounts_show_deviation_0_and_minus_21():
    sion = compute_schedule(
        base_amount=400_000,
        base_year=2018,
        first_index_year=2019,
        years=[2023],
        index=OPI,
        decided={2023: 452_948},
    )[0]
    iogt = compute_schedule(
        base_amount=300_000,
        base_year=2018,
        first_index_year=2019,
        years=[2023],
        index=OPI,
        decided={2023: 339_690},
    )[0]
    assert (sion.computed, sion.deviation) == (452_948, 0)
    assert (iogt.computed, iogt.amount, iogt.deviation) == (339_711, 339_690, -21)


def test_decided_amount_is_the_base_of_the_following_years():
    index = {**OPI, 2024: IndexPoint(D("4.0"), None)}
    rows = compute_schedule(
        base_amount=300_000,
        base_year=2018,
        first_index_year=2019,
        years=[2023, 2024],
        index=index,
        decided={2023: 339_690},
    )
    assert rows[1].computed == round_kronor(D(339_690) * D("1.04")) == 353_278


def test_preliminary_value_is_used_where_it_exists_and_definitive_otherwise():
    rows = compute_schedule(
        base_amount=400_000, base_year=2018, first_index_year=2019, years=[2019, 2023], index=OPI
    )
    assert rows[0].index.kind == "definitive" and rows[0].index.percent == D("2.7")
    assert rows[1].index.kind == "preliminary" and rows[1].index.percent == D("3.5")
    assert rows[1].index.label == "3,5 % (prel.)"


def test_definitive_rule_uses_46_percent_for_2023():
    assert amounts(400_000, rule=DEFINITIVE)[2023] == round_kronor(D(437_631) * D("1.046"))


def test_difference_definitive_minus_preliminary_is_shown_for_the_year():
    row = compute_schedule(
        base_amount=400_000, base_year=2018, first_index_year=2019, years=[2023], index=OPI
    )[0]
    assert row.definitive_difference == 457_762 - 452_948 == 4_814


def test_missing_value_makes_that_year_and_later_unknown_never_zero():
    rows = compute_schedule(
        base_amount=452_948,
        base_year=2023,
        first_index_year=2024,
        years=[2024, 2025, 2026],
        index=OPI,
    )
    assert [row.amount for row in rows] == [None, None, None]
    assert all(row.missing_reason == "OPI för 2024 saknas" for row in rows)


def test_decided_amount_rules_even_when_the_index_is_missing():
    rows = compute_schedule(
        base_amount=452_948,
        base_year=2023,
        first_index_year=2024,
        years=[2024, 2025],
        index={2025: IndexPoint(D("2.0"), None)},
        decided={2024: 470_000},
    )
    assert rows[0].amount == 470_000 and rows[0].computed is None and rows[0].deviation is None
    assert rows[1].amount == 479_400


def test_definitive_rule_says_definitive_is_missing_when_only_preliminary_exists():
    rows = compute_schedule(
        base_amount=100,
        base_year=2022,
        first_index_year=2023,
        years=[2023],
        index={2023: IndexPoint(D("3.5"), None)},
        rule=DEFINITIVE,
    )
    assert rows[0].missing_reason == "Definitivt OPI för 2023 saknas (bara preliminärt finns)"


def test_years_before_first_indexation_keep_the_base_amount():
    rows = compute_schedule(
        base_amount=1000,
        base_year=2018,
        first_index_year=2020,
        years=[2019, 2020],
        index=OPI,
        rule=PRELIMINARY_FIRST,
    )
    assert [row.amount for row in rows] == [1000, 1030]


def test_round_half_up():
    assert round_kronor(D("0.5")) == 1
    assert round_kronor(D("2.5")) == 3
    assert round_kronor(D("452948.085")) == 452_948


@given(
    base=st.integers(min_value=0, max_value=50_000_000),
    percents=st.lists(
        st.decimals(min_value=-10, max_value=15, places=1, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=25,
    ),
)
def test_yearly_rounding_stays_within_the_accumulated_rounding_bound(base, percents):
    index = {2000 + i + 1: IndexPoint(None, p) for i, p in enumerate(percents)}
    last = 2000 + len(percents)
    rows = compute_schedule(
        base_amount=base, base_year=2000, first_index_year=2001, years=[last], index=index
    )
    exact = exact_amount(base_amount=base, percents=percents)
    assert abs(D(rows[0].amount) - exact) <= rounding_bound(percents)
