"""Swedish organisation numbers (organisationsnummer).

python-stdnum checks length and the Luhn digit; it also accepts personal identity numbers,
so the third-digit rule (>= 2) that tells an organisation from a person is added here
(``common.privacy.is_organisation_number_shape``, the same rule the personal number guard
uses to leave organisation numbers alone).
"""

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_exceptions
from stdnum.se import orgnr

from common.privacy import is_organisation_number_shape

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


def normalise_organisation_number(value: str) -> str:
    """Return the number in the form NNNNNN-NNNN or raise ValidationError in Swedish."""
    compact = orgnr.compact((value or "").translate(_DASHES))
    if not compact.isdigit():
        raise ValidationError(
            "Ett organisationsnummer består av tio siffror, t.ex. 212000-0449.",
            code="format",
        )
    if len(compact) == 12 and compact.startswith("16"):
        # The twelve-digit form used by Skatteverket and some systems: "16" + the number.
        compact = compact[2:]
    if len(compact) != 10:
        raise ValidationError(
            "Ett organisationsnummer har tio siffror (NNNNNN-NNNN), eller tolv med 16 först "
            "(16NNNNNN-NNNN); du angav %(count)s.",
            code="length",
            params={"count": len(compact)},
        )
    try:
        orgnr.validate(compact)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            "Kontrollsiffran stämmer inte. Kontrollera att numret är rätt skrivet.",
            code="checksum",
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError("Ogiltigt organisationsnummer.", code="invalid") from exc
    if not is_organisation_number_shape(compact):
        raise ValidationError(
            "Tredje siffran i ett organisationsnummer är alltid minst 2. "
            "Numret ser ut som ett personnummer.",
            code="personal_number",
        )
    return f"{compact[:6]}-{compact[6:]}"


def validate_organisation_number(value: str) -> None:
    """Model-field validator: the number must be a valid organisation number."""
    normalise_organisation_number(value)
