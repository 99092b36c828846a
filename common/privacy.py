"""The one text guard of the register: pure functions and validators, no database.

No field, form, import or upload may store a Swedish personal identity number
(personnummer) or coordination number (samordningsnummer). Every text field of every model
carries the guard in its ``validators`` (``TEXT_GUARD`` for multi-line text, ``LINE_GUARD``
for one-line fields), so ModelForms, the Django admin and every service that calls
``full_clean()`` refuse such a number with one Swedish message. The rule is also the place
for characters that have no business in stored text: bidirectional overrides (which make a
text read differently on screen than what is stored), C0 control characters, and in a
one-line field any line break (a line break in a meeting title broke the invitation's
e-mail subject).

A number is flagged when it has 10 or 12 digits, optionally with ``-`` or ``+`` (or a dash
as pasted from word processors) before the last four, a valid Luhn digit over the
10-digit form, and a plausible date of birth: a coordination number has day + 60. A
12-digit number dated in the future (20991231-NNNN) is no one's personal number and is not
flagged; the 10-digit form always names a past date (``-`` within 100 years, ``+`` more).
Organisation numbers have a third digit of at least 2 (a "month" of 20 or more, never a
date) and are not flagged; ``is_organisation_number_shape`` is the rule the organisation
number validator uses for the opposite check.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

# The one wording shown to users near free text, and the one refusal message.
PRIVACY_NOTICE = (
    "Skriv inte personnummer, samordningsnummer, namn eller uppgifter om hälsa, missbruk "
    "eller brott om enskilda personer. Beskriv verksamheten i allmänna ordalag och med antal."
)
PERSONAL_NUMBER_MESSAGE = (
    "Texten innehåller något som ser ut som ett %(kind)s (%(number)s). Personnummer och "
    "samordningsnummer får inte sparas i registret. Ta bort numret."
)
CONTROL_CHARACTER_MESSAGE = (
    "Texten innehåller osynliga styrtecken som inte får sparas (%(chars)s). Ta bort dem, "
    "till exempel genom att skriva om texten i stället för att klistra in den."
)
LINE_BREAK_MESSAGE = (
    "Fältet ska vara en enda rad utan radbrytningar, tabbar eller andra styrtecken "
    "(här: %(chars)s). Skriv texten på en rad."
)

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_CANDIDATE = re.compile(rf"(?<!\d)(\d{{6}}|\d{{8}})([-+{_DASHES}]?)(\d{{4}})(?!\d)")
# Bidi embeddings/overrides U+202A-U+202E, isolates U+2066-U+2069, C0 controls except tab,
# line feed and carriage return, NUL, DEL and the C1 controls.
_UNSAFE_IN_TEXT = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK_NAMES = {
    "\n": "radbrytning",
    "\r": "radbrytning",
    "\t": "tabb",
    "\u2028": "radbrytning",
    "\u2029": "styckebrytning",
}


@dataclass(frozen=True)
class PersonalNumberHit:
    text: str  # as written, e.g. "850709-9805"
    kind: str  # "personnummer" or "samordningsnummer"
    start: int
    end: int

    @property
    def masked(self) -> str:
        """The number with every digit but the first two hidden: safe to print in a report."""
        return mask_digits(self.text)


def mask_digits(text: str, *, keep: int = 2) -> str:
    kept = 0
    out = []
    for char in text:
        if char.isdigit():
            out.append(char if kept < keep else "•")
            kept += 1
        else:
            out.append(char)
    return "".join(out)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_organisation_number_shape(ten_digits: str) -> bool:
    """An organisation number's third digit is at least 2: its "month" is never a date."""
    return len(ten_digits) == 10 and ten_digits.isdigit() and int(ten_digits[2]) >= 2


def _date_kind(year: int | None, month: int, day: int, today: dt.date) -> str | None:
    """'personnummer', 'samordningsnummer' or None when no such date of birth can exist.

    ``year`` None means a two-digit year: accept a date valid in some past century
    (29 February counts when a century makes the year a leap year)."""
    if not 1 <= month <= 12:
        return None
    kind = "personnummer"
    if day > 60:
        day -= 60
        kind = "samordningsnummer"
    if day < 1:
        return None
    if year is None:
        longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        return kind if day <= longest else None
    if day > calendar.monthrange(year, month)[1]:
        return None
    if dt.date(year, month, day) > today:
        return None  # not born yet: no one's number
    return kind


def find_personal_numbers(text: str, *, today: dt.date | None = None) -> list[PersonalNumberHit]:
    """Every personnummer or samordningsnummer in ``text``, in order of appearance."""
    if not text or not isinstance(text, str):
        return []
    today = today or dt.date.today()
    hits = []
    for match in _CANDIDATE.finditer(text):
        head, _separator, tail = match.groups()
        year: int | None = None
        if len(head) == 8:
            if int(head[:2]) not in (18, 19, 20):
                continue
            year = int(head[:4])
            head = head[2:]
        if is_organisation_number_shape(head + tail) or not luhn_valid(head + tail):
            continue
        kind = _date_kind(year, int(head[2:4]), int(head[4:6]), today)
        if kind:
            hits.append(PersonalNumberHit(match.group(0), kind, match.start(), match.end()))
    return hits


def _char_name(char: str) -> str:
    return _LINE_BREAK_NAMES.get(char) or f"U+{ord(char):04X}"


def control_characters(text: str) -> list[str]:
    """Characters refused in any text: NUL, bidi overrides/isolates, other control codes."""
    if not isinstance(text, str):
        return []
    return [_char_name(c) for c in sorted(set(_UNSAFE_IN_TEXT.findall(text)))]


def line_breaks(text: str) -> list[str]:
    """Line breaks and tabs, refused in a one-line field (including the Unicode line and
    paragraph separators)."""
    if not isinstance(text, str):
        return []
    found = {c for c in text if c in "\n\r\t\u2028\u2029"}
    return list(dict.fromkeys(_char_name(c) for c in sorted(found)))


def reject_personal_numbers(value: object) -> None:
    """Validator: refuse a personnummer or samordningsnummer, with the one Swedish message."""
    hits = find_personal_numbers(value) if isinstance(value, str) else []
    if hits:
        raise ValidationError(
            PERSONAL_NUMBER_MESSAGE,
            code="personal_number",
            params={"kind": hits[0].kind, "number": hits[0].text},
        )


def reject_control_characters(value: object) -> None:
    """Validator for multi-line text: no NUL, bidi overrides or other control characters
    (tab, line feed and carriage return are text)."""
    bad = control_characters(value) if isinstance(value, str) else []
    if bad:
        raise ValidationError(
            CONTROL_CHARACTER_MESSAGE,
            code="unsafe_characters",
            params={"chars": ", ".join(bad)},
        )


def reject_line_breaks(value: object) -> None:
    """Validator for one-line fields (titles, names, references): no control character at
    all, line breaks and tabs included."""
    reject_control_characters(value)
    bad = line_breaks(value) if isinstance(value, str) else []
    if bad:
        raise ValidationError(
            LINE_BREAK_MESSAGE, code="line_break", params={"chars": ", ".join(bad)}
        )


# What every model text field carries. Lists, so a field can add its own validators:
# ``validators=[*LINE_GUARD, other]``.
TEXT_GUARD = [reject_personal_numbers, reject_control_characters]
LINE_GUARD = [reject_personal_numbers, reject_line_breaks]


def validate_text(value: object) -> None:
    """Both checks of multi-line text in one call, for text that is not a model field
    (an uploaded file's cells, a non-model form field)."""
    for validator in TEXT_GUARD:
        validator(value)


def validate_line(value: object) -> None:
    for validator in LINE_GUARD:
        validator(value)


def fold_line(value: str) -> str:
    """One line for places that must never break on stored text (an e-mail subject):
    every control character and line break becomes a space."""
    return " ".join(
        "".join(
            " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") or _UNSAFE_IN_TEXT.match(c) else c
            for c in (value or "")
        ).split()
    )


class TextGuardFormMixin:
    """For forms that are not ModelForms (their values reach a model through a service):
    every text field gets the guard at once, so the error sits on the field the user typed
    in. ModelForms need nothing: the model fields carry the guard."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.HiddenInput
            ):
                continue
            guard = TEXT_GUARD if isinstance(field.widget, forms.Textarea) else LINE_GUARD
            field.validators.extend(v for v in guard if v not in field.validators)
