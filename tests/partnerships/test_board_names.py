"""A board's name on a given day from its history rows (pure, no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

from partnerships.boards import board_name_on, decided_by_label

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(y, m, d, h=12, tz=STOCKHOLM):
    return dt.datetime(y, m, d, h, tzinfo=tz)


ROWS = [
    (at(2024, 5, 1), "Fritidsnämnden"),
    (at(2025, 1, 1, 9), "Kultur- och fritidsnämnden"),
]


def test_the_name_the_board_had_on_the_decision_day():
    assert board_name_on(ROWS, dt.date(2024, 11, 20), tz=STOCKHOLM) == "Fritidsnämnden"
    assert board_name_on(ROWS, dt.date(2025, 3, 1), tz=STOCKHOLM) == "Kultur- och fritidsnämnden"


def test_a_rename_on_the_decision_day_counts_from_that_day():
    assert board_name_on(ROWS, dt.date(2025, 1, 1), tz=STOCKHOLM) == "Kultur- och fritidsnämnden"
    assert board_name_on(ROWS, dt.date(2024, 12, 31), tz=STOCKHOLM) == "Fritidsnämnden"


def test_rows_in_any_order_and_the_local_day_decides():
    # 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    rows = [
        (dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC), "Ny"),
        (at(2020, 1, 1), "Gammal"),
    ]
    assert board_name_on(rows, dt.date(2024, 12, 31), tz=STOCKHOLM) == "Gammal"
    assert board_name_on(rows, dt.date(2025, 1, 1), tz=STOCKHOLM) == "Ny"
    assert board_name_on(rows, dt.date(2024, 12, 31), tz=dt.UTC) == "Ny"


def test_a_decision_older_than_the_register_gets_the_first_name_known():
    assert board_name_on(ROWS, dt.date(2017, 12, 20), tz=STOCKHOLM) == "Fritidsnämnden"


def test_no_history_no_name():
    assert board_name_on([], dt.date(2025, 1, 1), tz=STOCKHOLM) is None


def test_label_says_what_the_board_was_called_then():
    assert (
        decided_by_label("Kultur- och fritidsnämnden", "Fritidsnämnden")
        == "Kultur- och fritidsnämnden (hette då Fritidsnämnden)"
    )
    assert decided_by_label("Fritidsnämnden", "Fritidsnämnden") == "Fritidsnämnden"
    assert decided_by_label("Fritidsnämnden", None) == "Fritidsnämnden"
