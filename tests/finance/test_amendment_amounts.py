"""Amendments during the period (issue 14): an amount changed from a date splits its year by
the compensation's proration rule; a one-off sum adds to its year only; indexation goes on
from the new level. Pure functions, no database."""

import datetime as dt
from decimal import Decimal

from finance import indexation
from finance.amendments import (
    NEW_LEVEL,
    ONE_OFF,
    LevelChange,
    change_text,
    level_after,
    split_year,
)
from finance.proration import BY_DAYS, BY_MONTHS, year_share
from partnerships.amendments import (
    AmendmentTerms,
    amended_period_end,
    extension_text,
    original_period_end,
    party_period,
    terms_texts,
)

NBSP = "\u00a0"
D = dt.date


def fixed(years, *, changes=(), one_offs=None, rule=BY_DAYS, period=None, base=500_000):
    """A fixed amount (no index) of ``base`` kr a year from 2024."""
    period = period or (D(2024, 1, 1), D(2027, 12, 31))
    return {
        row.year: row
        for row in indexation.compute_schedule(
            base_amount=base,
            base_year=2024,
            first_index_year=None,
            years=years,
            index={},
            level_changes=changes,
            one_off_sums=one_offs,
            period=period,
            proration_rule=rule,
            shares={year: year_share(year, *period, rule) for year in years},
        )
    }


def test_a_raise_from_1_july_by_days_in_a_common_year():
    rows = fixed([2025, 2026], changes=[LevelChange(D(2025, 7, 1), 600_000)])
    # 181 of 365 days at 500 000 (247 945) + 184 of 365 days at 600 000 (302 466).
    assert [s.amount for s in rows[2025].segments] == [247_945, 302_466]
    assert rows[2025].amount == 550_411
    assert rows[2026].amount == 600_000  # the new level rules the following years


def test_a_raise_from_1_july_by_days_in_a_leap_year():
    rows = fixed([2024], changes=[LevelChange(D(2024, 7, 1), 600_000)])
    # 182 of 366 days at 500 000 (248 634) + 184 of 366 days at 600 000 (301 639).
    assert [s.amount for s in rows[2024].segments] == [248_634, 301_639]
    assert rows[2024].amount == 550_273


def test_a_raise_by_whole_months():
    rows = fixed([2025], changes=[LevelChange(D(2025, 7, 1), 600_000)], rule=BY_MONTHS)
    assert [s.amount for s in rows[2025].segments] == [250_000, 300_000]
    # From 15 May: May belongs to the new level (it holds May's last day).
    rows = fixed([2025], changes=[LevelChange(D(2025, 5, 15), 600_000)], rule=BY_MONTHS)
    assert [s.amount for s in rows[2025].segments] == [166_667, 400_000]
    assert rows[2025].amount == 566_667


def test_by_months_the_leap_day_does_not_matter():
    leap = fixed([2024], changes=[LevelChange(D(2024, 3, 1), 600_000)], rule=BY_MONTHS)
    common = fixed([2025], changes=[LevelChange(D(2025, 3, 1), 600_000)], rule=BY_MONTHS)
    # 2/12 of 500 000 (83 333) + 10/12 of 600 000 (500 000), leap year or not.
    assert leap[2024].amount == common[2025].amount == 583_333


def test_a_lowered_amount_from_1_october():
    rows = fixed([2025, 2026], changes=[LevelChange(D(2025, 10, 1), 400_000)])
    # 273 of 365 days at 500 000 (373 973) + 92 of 365 days at 400 000 (100 822).
    assert [s.amount for s in rows[2025].segments] == [373_973, 100_822]
    assert rows[2025].amount == 474_795
    assert rows[2026].amount == 400_000


def test_a_change_effective_on_1_january_is_the_new_level_of_that_year():
    rows = fixed([2025, 2026, 2027], changes=[LevelChange(D(2026, 1, 1), 600_000)])
    assert rows[2025].amount == 500_000
    assert not rows[2025].changed
    assert rows[2026].amount == 600_000
    assert not rows[2026].split  # one level only: nothing to split
    assert rows[2027].amount == 600_000


def test_indexation_goes_on_from_the_new_level():
    rows = {
        row.year: row
        for row in indexation.compute_schedule(
            base_amount=500_000,
            base_year=2024,
            first_index_year=2025,
            years=[2024, 2025, 2026],
            index={
                2025: indexation.IndexPoint(Decimal("3.0")),
                2026: indexation.IndexPoint(Decimal("2.0")),
            },
            level_changes=[LevelChange(D(2025, 7, 1), 600_000)],
            period=(D(2024, 1, 1), D(2026, 12, 31)),
        )
    }
    assert rows[2025].computed == 515_000
    # 181/365 of 515 000 (255 384) + 184/365 of 600 000 (302 466).
    assert rows[2025].amount == 557_850
    assert rows[2025].level == 600_000
    assert rows[2026].computed == 612_000  # 600 000 x 1,02


def test_a_one_off_sum_adds_to_its_year_only():
    rows = fixed([2025, 2026], one_offs={2025: 50_000})
    assert rows[2025].amount == 550_000
    assert rows[2025].level == 500_000
    assert rows[2026].amount == 500_000


def test_a_one_off_sum_in_a_partial_year_is_not_split():
    rows = fixed([2025], one_offs={2025: 50_000}, period=(D(2024, 1, 1), D(2025, 6, 30)))
    # 181/365 of 500 000 = 247 945, plus the whole one-off sum.
    assert rows[2025].amount == 247_945 + 50_000


def test_a_change_in_a_partial_last_year_splits_only_the_period():
    rows = fixed(
        [2025],
        changes=[LevelChange(D(2025, 4, 1), 600_000)],
        period=(D(2024, 1, 1), D(2025, 6, 30)),
    )
    first, second = rows[2025].segments
    assert (first.first, first.last, second.first, second.last) == (
        D(2025, 1, 1),
        D(2025, 3, 31),
        D(2025, 4, 1),
        D(2025, 6, 30),
    )
    # 90/365 of 500 000 (123 288) + (181 - 90)/365 of 600 000 (297 534 - 147 945 = 149 589).
    assert rows[2025].amount == 123_288 + 149_589


def test_two_changes_in_one_year_and_the_level_after():
    changes = [LevelChange(D(2025, 9, 1), 450_000), LevelChange(D(2025, 3, 1), 600_000)]
    segments = split_year(
        year=2025, before=500_000, changes=changes, start=D(2025, 1, 1), end=D(2025, 12, 31),
        rule=BY_MONTHS,
    )  # fmt: skip
    assert [(s.yearly, s.amount) for s in segments] == [
        (500_000, 83_333),
        (600_000, 300_000),
        (450_000, 150_000),
    ]
    assert level_after(500_000, changes) == 450_000


def test_the_parts_at_one_level_add_up_to_the_level():
    # A "change" to the same level must not move a krona (reproducible rounding).
    for rule in (BY_DAYS, BY_MONTHS):
        rows = fixed([2024, 2025], changes=[LevelChange(D(2024, 8, 17), 500_000)], rule=rule)
        assert rows[2024].amount == 500_000


def test_an_unknown_level_before_the_change_makes_the_year_unknown():
    rows = {
        row.year: row
        for row in indexation.compute_schedule(
            base_amount=500_000,
            base_year=2024,
            first_index_year=2025,
            years=[2025, 2026],
            index={},  # 2025 is missing
            level_changes=[LevelChange(D(2025, 7, 1), 600_000)],
            period=(D(2024, 1, 1), D(2026, 12, 31)),
        )
    }
    assert rows[2025].amount is None
    # The new level is known again: 2026 needs its own index value.
    assert rows[2026].missing_reason == "OPI för 2026 saknas"


def test_the_basis_in_words():
    (segment, _) = split_year(
        year=2025, before=500_000, changes=[LevelChange(D(2025, 7, 1), 600_000)],
        start=D(2025, 1, 1), end=D(2025, 12, 31),
    )  # fmt: skip
    assert segment.text(2025) == (
        f"2025-01-01–2025-06-30: 181 av 365 dagar av 500{NBSP}000{NBSP}kr = 247{NBSP}945{NBSP}kr"
    )
    assert change_text(NEW_LEVEL, 600_000, D(2025, 7, 1)) == (
        f"ny årsnivå 600{NBSP}000{NBSP}kr från och med 2025-07-01"
    )
    assert change_text(ONE_OFF, 50_000, D(2025, 3, 1), "sommarlovsaktiviteter") == (
        f"engångsbelopp 50{NBSP}000{NBSP}kr för 2025 (sommarlovsaktiviteter)"
    )


# --- the agreement as amended (partnerships.amendments) -------------------------------------


def test_an_extension_moves_the_end_and_keeps_the_original():
    first = AmendmentTerms(
        decided_on=D(2025, 5, 12), order=1, new_period_end=D(2026, 12, 31),
        previous_period_end=D(2025, 12, 31),
    )  # fmt: skip
    assert amended_period_end(D(2025, 12, 31), [first]) == D(2026, 12, 31)
    assert original_period_end(D(2026, 12, 31), [first]) == D(2025, 12, 31)
    assert extension_text(D(2025, 12, 31), [first]) == (
        "(förlängd genom ändring 2025-05-12, tidigare 2025-12-31)"
    )
    # A later extension rules; date order, not the order given.
    second = AmendmentTerms(
        decided_on=D(2026, 3, 1), order=2, new_period_end=D(2027, 6, 30),
        previous_period_end=D(2026, 12, 31),
    )  # fmt: skip
    assert amended_period_end(D(2025, 12, 31), [second, first]) == D(2027, 6, 30)
    assert original_period_end(D(2027, 6, 30), [second, first]) == D(2025, 12, 31)
    assert extension_text(D(2025, 12, 31), []) == ""


def test_an_extension_adds_years_to_the_ledger():
    end = amended_period_end(
        D(2025, 12, 31),
        [AmendmentTerms(decided_on=D(2025, 5, 12), new_period_end=D(2026, 6, 30))],
    )
    years = list(range(2024, end.year + 1))
    rows = fixed(years, period=(D(2024, 1, 1), end))
    assert rows[2026].amount == 247_945  # 181 of 365 days of the last, partial year


def test_a_party_joining_and_leaving_from_a_date():
    joins = AmendmentTerms(decided_on=D(2025, 2, 1), party_change="joins",
                           party_change_on=D(2025, 3, 1))  # fmt: skip
    leaves = AmendmentTerms(decided_on=D(2026, 1, 10), party_change="leaves",
                            party_change_on=D(2026, 7, 1))  # fmt: skip
    assert party_period(D(2024, 1, 1), D(2027, 12, 31), [leaves, joins]) == (
        D(2025, 3, 1),
        D(2026, 6, 30),
    )


def test_what_an_amendment_changes_in_words():
    terms = AmendmentTerms(
        decided_on=D(2025, 5, 12), new_period_end=D(2026, 12, 31),
        previous_period_end=D(2025, 12, 31), party_name="Föreningen X", party_change="joins",
        party_change_on=D(2025, 6, 1), goals_added=2, responsibilities_added=1,
    )  # fmt: skip
    assert terms_texts(terms) == [
        "perioden förlängs till och med 2026-12-31 (tidigare 2025-12-31)",
        "Föreningen X tillkommer som part från och med 2025-06-01",
        "2 mål läggs till",
        "1 ansvarsområde läggs till",
    ]
