import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from followups.privacy import find_identity_numbers, unsafe_characters, validate_free_text


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
    hits = find_identity_numbers(text)
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
    assert find_identity_numbers(text) == []


def test_refusal_message_is_swedish_and_says_why():
    with pytest.raises(ValidationError) as exc:
        validate_free_text("Han har 850709-9805.")
    assert exc.value.messages == [
        "Texten innehåller något som ser ut som ett personnummer (850709-9805). "
        "Personnummer och samordningsnummer får inte sparas i registret. Ta bort numret."
    ]


@pytest.mark.parametrize("char", ["\x00", "\u202e", "\u202a", "\u2066", "\u2069"])
def test_nul_and_bidi_characters_are_refused(char):
    assert unsafe_characters(f"abc{char}def")
    with pytest.raises(ValidationError, match="styrtecken"):
        validate_free_text(f"abc{char}def")


@given(
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=20, max_value=99),
    st.integers(min_value=0, max_value=9999),
)
def test_organisation_numbers_are_never_flagged(first, month, serial):
    base = f"{first:02d}{month:02d}{serial:04d}0"[:9]
    number = base + luhn.calc_check_digit(base)
    assert find_identity_numbers(f"org. nr {number[:6]}-{number[6:]}") == []


@given(st.dates(), st.integers(min_value=0, max_value=999), st.booleans())
def test_every_valid_personnummer_is_flagged(day, serial, coordination):
    dd = day.day + (60 if coordination else 0)
    base = f"{day:%y%m}{dd:02d}{serial:03d}"
    number = base + luhn.calc_check_digit(base)
    hits = find_identity_numbers(f"text {number[:6]}-{number[6:]} text")
    assert [h.kind for h in hits] == ["samordningsnummer" if coordination else "personnummer"]
