import pytest
from django.core.exceptions import ValidationError

from partnerships.orgnr import normalise_organisation_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("212000-0449", "212000-0449"),  # Linköpings kommun
        ("8025065742", "802506-5742"),  # IOGT-NTO Kamratstödet
        ("82 20 00-3811", "822000-3811"),  # as printed in seeds/003
        ("212000\u20130449", "212000-0449"),  # en dash, as in seeds/003
        (" 802506-5742 ", "802506-5742"),
    ],
)
def test_valid_numbers_are_stored_as_nnnnnn_nnnn(typed, stored):
    assert normalise_organisation_number(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("212000-0448", "checksum"),
        ("850709-9805", "personal_number"),  # a valid personnummer, third digit 0
        ("21200-0449", "length"),
        ("2120000-0449", "length"),
        ("ABCDEF-GHIJ", "format"),
        ("", "format"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number(typed)
    assert error.value.code == code


def test_personal_number_message_explains_the_third_digit():
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number("850709-9805")
    assert "Tredje siffran" in error.value.messages[0]
    assert "personnummer" in error.value.messages[0]
