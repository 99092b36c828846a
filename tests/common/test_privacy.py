import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from common.privacy import (
    LINE_GUARD,
    control_characters,
    find_personal_numbers,
    fold_line,
    is_organisation_number_shape,
    mask_digits,
    reject_line_breaks,
    reject_personal_numbers,
    validate_text,
)
from followups import privacy as followups_privacy

PNR = "850709-9805"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("850709-9805", "personnummer"),
        ("Besökaren 8507099805 kom", "personnummer"),
        ("19850709-9805", "personnummer"),
        ("198507099805", "personnummer"),
        ("850709+9805", "personnummer"),
        ("701063-2391", "samordningsnummer"),
    ],
)
def test_identity_numbers_are_found(text, kind):
    hits = find_personal_numbers(text)
    assert len(hits) == 1
    assert hits[0].kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "212000-0449",  # Linköpings kommun: month 20 is no date
        "802506-5742",
        "822000-3811",
        "850709-9806",  # wrong check digit
        "851309-9803",  # month 13
        "21850709-9805",  # century 21 is no personnummer century
        "1850709-98051",  # part of a longer number
        "Öppet 5-9 timmar, 220 dagar, 013-20 60 00",
    ],
)
def test_other_numbers_are_not_flagged(text):
    assert find_personal_numbers(text) == []


def test_refusal_message_is_swedish_and_says_why():
    with pytest.raises(ValidationError) as exc:
        validate_text("Han har 850709-9805.")
    assert exc.value.messages == [
        "Texten innehåller något som ser ut som ett personnummer (850709-9805). "
        "Personnummer och samordningsnummer får inte sparas i registret. Ta bort numret."
    ]


@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u202a", "\u2066", "\u2069"])
def test_nul_and_bidi_characters_are_refused(char):
    assert control_characters(f"abc{char}def")
    with pytest.raises(ValidationError, match="styrtecken"):
        validate_text(f"abc{char}def")


@given(
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=20, max_value=99),
    st.integers(min_value=0, max_value=9999),
)
def test_organisation_numbers_are_never_flagged(first, month, serial):
    base = f"{first:02d}{month:02d}{serial:04d}0"[:9]
    number = base + luhn.calc_check_digit(base)
    assert find_personal_numbers(f"org. nr {number[:6]}-{number[6:]}") == []


@given(st.dates(), st.integers(min_value=0, max_value=999), st.booleans())
def test_every_valid_personnummer_is_flagged(day, serial, coordination):
    dd = day.day + (60 if coordination else 0)
    base = f"{day:%y%m}{dd:02d}{serial:03d}"
    number = base + luhn.calc_check_digit(base)
    hits = find_personal_numbers(f"text {number[:6]}-{number[6:]} text")
    assert [h.kind for h in hits] == ["samordningsnummer" if coordination else "personnummer"]


def _with_check_digit(nine: str) -> str:
    return nine + luhn.calc_check_digit(nine)


def test_a_birth_date_in_the_future_is_not_a_personal_number():
    number = _with_check_digit("991231123")  # 20991231-1234 style, valid check digit
    assert find_personal_numbers(f"20{number[:6]}-{number[6:]}") == []
    assert find_personal_numbers(f"20{number}") == []
    reject_personal_numbers(f"Referens 20{number[:6]}-{number[6:]}")  # not refused
    # the same digits dated in the past are a personnummer
    assert [h.kind for h in find_personal_numbers(f"19{number[:6]}-{number[6:]}")] == [
        "personnummer"
    ]


def test_today_decides_what_is_in_the_future():
    number = _with_check_digit("300101123")
    text = f"20{number[:6]}-{number[6:]}"
    assert find_personal_numbers(text, today=dt.date(2029, 12, 31)) == []
    assert len(find_personal_numbers(text, today=dt.date(2030, 1, 1))) == 1


def test_twelve_digit_organisation_number_form_is_not_flagged():
    assert find_personal_numbers("16212000-0449") == []
    assert is_organisation_number_shape("2120000449")
    assert not is_organisation_number_shape("8507099805")


def test_masking_keeps_only_the_first_two_digits():
    (hit,) = find_personal_numbers("Nr 19850709-9805.")
    assert hit.masked == "19••••••-••••"
    assert mask_digits("850709-9805") == "85••••-••••"


@pytest.mark.parametrize("text", ["Rad ett\nRad två", "a\rb", "a\tb", "a\u2028b"])
def test_one_line_fields_refuse_line_breaks_and_tabs(text):
    with pytest.raises(ValidationError) as exc:
        reject_line_breaks(text)
    assert exc.value.messages[0].startswith("Fältet ska vara en enda rad")


def test_one_line_guard_also_refuses_bidi_and_personal_numbers():
    for validator_input, code in [("Titel\u202e", "unsafe_characters"), (PNR, "personal_number")]:
        with pytest.raises(ValidationError) as exc:
            for validator in LINE_GUARD:
                validator(validator_input)
        assert exc.value.code == code


def test_fold_line_turns_breaks_and_controls_into_single_spaces():
    assert fold_line("Möte\r\n  med\tradbrytning\u2028och\x1b slut") == (
        "Möte med radbrytning och slut"
    )


def test_followups_names_are_the_common_guard():
    """One implementation: the old module only re-exports (old migrations import it)."""
    assert followups_privacy.validate_free_text is validate_text
    assert followups_privacy.find_identity_numbers is find_personal_numbers
