"""Standard wording of the board documents: pure functions, no database.

The phrases follow the records (seeds/002, 003, 004) so printed documents read like the
ones the board already knows.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from partnerships.formatting import format_date

_NUMBER_WORDS = {
    1: "en",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}
_NEUTER = {1: "ett"}  # "ett år"

MBL_HEADING = "Information eller förhandling enligt lag (1976:580) om medbestämmande i arbetslivet"
MBL_STATEMENT = "MBL är inte påkallat"
MBL_FULL = f"{MBL_HEADING} – {MBL_STATEMENT}"


def number_word(n: int, *, neuter: bool = False) -> str:
    """3 -> 'tre'; 1 -> 'en' (or 'ett' with neuter=True); beyond twelve the digits."""
    if neuter and n in _NEUTER:
        return _NEUTER[n]
    return _NUMBER_WORDS.get(n, str(n))


def whole_years(start: dt.date, end: dt.date) -> int | None:
    """Number of whole years if ``end`` is the day before an anniversary of ``start``."""
    for years in range(1, 51):
        if start + relativedelta(years=years) - dt.timedelta(days=1) == end:
            return years
    return None


def period_text(start: dt.date, end: dt.date) -> str:
    """'Överenskommelsen gäller under tre år från och med 2024-01-01 till och med 2026-12-31.'"""
    years = whole_years(start, end)
    length = f"under {number_word(years, neuter=True)} år " if years else ""
    return (
        f"Överenskommelsen gäller {length}från och med {format_date(start)} "
        f"till och med {format_date(end)}."
    )


def notice_text(months: int) -> str:
    unit = "månad" if months == 1 else "månader"
    return (
        "I det fall någon av parterna vill frånträda överenskommelsen ska detta påtalas "
        f"skriftligen. Uppsägningstiden är {number_word(months)} ({months}) {unit} och kan "
        "ske när som helst under överenskommelsens tidsperiod."
    )


def followup_text(per_year: int) -> str:
    times = "gång" if per_year == 1 else "gånger"
    return (
        f"Avstämning och uppföljning av denna överenskommelse sker minst "
        f"{number_word(per_year)} ({per_year}) {times} per år eller då någon av parterna "
        "påkallar behov."
    )


def join_names(names: list[str]) -> str:
    """['A', 'B', 'C'] -> 'A, B och C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def director_title(administration_name: str) -> str:
    """'Social- och omsorgsförvaltningen' -> 'Social- och omsorgsdirektören'."""
    name = (administration_name or "").strip()
    if name.lower().endswith("förvaltningen"):
        stem = name[: -len("förvaltningen")]
        return f"{stem}direktören" if stem else "Förvaltningsdirektören"
    return "Förvaltningsdirektören"


def genitive(name: str) -> str:
    """'Social- och omsorgsförvaltningen' -> 'social- och omsorgsförvaltningens'."""
    name = (name or "").strip()
    if not name:
        return ""
    lowered = name[0].lower() + name[1:]
    return lowered if lowered.endswith(("s", "x", "z")) else f"{lowered}s"


def new_memo_proposals(
    *, idea_based_names: list[str], administration_name: str, report_back: str = ""
) -> list[str]:
    """The proposed decisions of a memo for a new IOP (seeds/002)."""
    proposer = genitive(administration_name) or "förvaltningens"
    lines = [
        "Överenskommelse om Idéburet Offentligt Partnerskap med "
        f"{join_names(idea_based_names)} godkänns enligt {proposer} förslag.",
        f"{director_title(administration_name)} ges i uppdrag att teckna överenskommelsen.",
    ]
    if report_back:
        lines.append(
            f"{administration_name or 'Förvaltningen'} ska återrapportera utfallet av "
            f"överenskommelsen {report_back}."
        )
    return lines


def renewal_memo_proposals(*, years: int, new_end: dt.date, administration_name: str) -> list[str]:
    """The four standard proposals of a renewal memo (seeds/004)."""
    first_report_year = new_end.year - years + 1
    return [
        "Uppföljningen godkänns.",
        f"Nuvarande överenskommelse/IOP förnyas och gäller {number_word(years, neuter=True)} "
        f"år till och med {format_date(new_end)}.",
        f"{director_title(administration_name)} ges i uppdrag att teckna överenskommelsen.",
        "En rapport för utgången av överenskommelsen delges nämnden årligen med start under "
        f"första kvartalet {first_report_year}.",
    ]


_NUMBERING = re.compile(r"^\s*\d{1,2}[.)]\s+")


def split_lines(text: str, *, strip_numbering: bool = False) -> list[str]:
    """Non-empty lines of a textarea; optionally without a typed '1.' in front."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip()
        if strip_numbering:
            line = _NUMBERING.sub("", line, count=1).strip()
        if line:
            lines.append(line)
    return lines
