"""The privacy guard for free text in follow-ups: pure functions, no database.

No data about individual visitors is ever stored (DOMAIN.md, "Follow-up"). Free text is
scanned for Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer), and for characters that hide or reorder text (NUL, bidi overrides).

A number is flagged when it has 10 or 12 digits, optionally with ``-``, ``+`` (or an en
dash, as pasted from word processors) before the last four, a valid Luhn digit on the
10-digit form, and a plausible date of birth (a coordination number has day + 60).
Organisation numbers such as 212000-0449 have a "month" of 20 or more and are never dates,
so they are not flagged.
"""

import calendar
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_CANDIDATE = re.compile(r"(?<![\d])(\d{6}|\d{8})([-+\u2013]?)(\d{4})(?![\d])")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

PRIVACY_HELP = (
    "Skriv inte namn, personnummer eller uppgifter om hälsa om enskilda besökare. "
    "Beskriv verksamheten med antal och i allmänna ordalag."
)


@dataclass(frozen=True)
class IdentityNumberHit:
    text: str
    kind: str  # "personnummer" or "samordningsnummer"


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


def _date_kind(year: int | None, month: int, day: int) -> str | None:
    """'personnummer', 'samordningsnummer' or None when no such date exists.

    ``year`` None means a two-digit year: accept a date valid in any century (29 February
    counts if some century makes the year a leap year)."""
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
    else:
        longest = calendar.monthrange(year, month)[1]
    return kind if day <= longest else None


def find_identity_numbers(text: str) -> list[IdentityNumberHit]:
    """Every personnummer or samordningsnummer in ``text``, in order of appearance."""
    hits = []
    for match in _CANDIDATE.finditer(text or ""):
        head, _separator, tail = match.groups()
        year: int | None = None
        if len(head) == 8:
            century = int(head[:2])
            if century not in (18, 19, 20):
                continue
            year = int(head[:4])
            head = head[2:]
        if not luhn_valid(head + tail):
            continue
        kind = _date_kind(year, int(head[2:4]), int(head[4:6]))
        if kind:
            hits.append(IdentityNumberHit(text=match.group(0), kind=kind))
    return hits


def unsafe_characters(text: str) -> list[str]:
    """Names of forbidden characters found: NUL and bidirectional overrides/isolates."""
    found = []
    if "\x00" in (text or ""):
        found.append("NUL")
    for char in sorted(set(_BIDI.findall(text or ""))):
        found.append(f"U+{ord(char):04X}")
    return found


def validate_free_text(value: str) -> None:
    """Validator for every free-text field of follow-ups. Raises a Swedish ValidationError."""
    if not value:
        return
    bad = unsafe_characters(value)
    if bad:
        raise ValidationError(
            "Texten innehåller osynliga styrtecken som inte får sparas (%(chars)s). "
            "Ta bort dem, till exempel genom att skriva om texten i stället för att "
            "klistra in den.",
            code="unsafe_characters",
            params={"chars": ", ".join(bad)},
        )
    hits = find_identity_numbers(value)
    if hits:
        first = hits[0]
        raise ValidationError(
            "Texten innehåller något som ser ut som ett %(kind)s (%(number)s). "
            "Uppgifter om enskilda besökare får inte registreras här.",
            code="identity_number",
            params={"kind": first.kind, "number": first.text},
        )
