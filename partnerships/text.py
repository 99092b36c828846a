"""Free text typed into the register's forms: no invisible control characters.

A right-to-left override (U+202E) or another bidirectional control can make a name or a
clause read differently on screen and in a printed board document than what is stored
("Föreningen\u202egpj.exe"); other C0 control characters have no meaning in the texts
and break exports. NUL is already refused by every Django ``CharField`` (PostgreSQL
cannot store it). Follow-ups have their own, stricter guard (``followups.privacy``).
"""

import re

from django import forms
from django.core.exceptions import ValidationError

# Bidi embeddings/overrides U+202A-U+202E, isolates U+2066-U+2069, C0 controls except
# tab, line feed and carriage return, and DEL. NUL is left to Django's own validator.
_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unsafe_characters(text: str) -> list[str]:
    return [f"U+{ord(char):04X}" for char in sorted(set(_UNSAFE.findall(text or "")))]


def validate_plain_text(value: str) -> None:
    bad = unsafe_characters(value) if isinstance(value, str) else []
    if bad:
        raise ValidationError(
            "Texten innehåller osynliga styrtecken som inte får sparas (%(chars)s). "
            "Ta bort dem, till exempel genom att skriva om texten i stället för att "
            "klistra in den.",
            code="unsafe_characters",
            params={"chars": ", ".join(bad)},
        )


class PlainTextFormMixin:
    """Adds ``validate_plain_text`` to every text field of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_plain_text not in field.validators:
                field.validators.append(validate_plain_text)
