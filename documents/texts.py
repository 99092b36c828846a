"""Standard wording of the board documents: pure functions, no database.

The phrases follow the records (seeds/002, 003, 004) so printed documents read like the
ones the board already knows. The prose itself is in ``templates/documents/prose/``; the
functions here choose the words that depend on numbers and names (``number_word``,
``genitive``, ...) and fill the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from dateutil.relativedelta import relativedelta
from django.template import Context, engines

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


def prose(name: str, **context: Any) -> str:
    """The text of ``templates/documents/prose/<name>.txt`` (plain text, not escaped).

    Paragraphs are separated by a blank line; inside a paragraph, line breaks and runs of
    spaces become one space, so the templates can be wrapped freely."""
    template = engines["django"].engine.get_template(f"documents/prose/{name}.txt")
    text = template.render(Context(context, autoescape=False))
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def prose_lines(name: str, **context: Any) -> list[str]:
    """The non-empty lines of a prose template (one item per line, e.g. proposals)."""
    template = engines["django"].engine.get_template(f"documents/prose/{name}.txt")
    text = template.render(Context(context, autoescape=False))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


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
    return prose(
        "period",
        years=number_word(years, neuter=True) if years else "",
        start=format_date(start),
        end=format_date(end),
    )


def notice_text(months: int) -> str:
    return prose("notice", months=months, months_word=number_word(months))


def followup_text(per_year: int) -> str:
    return prose("followup", per_year=per_year, times_word=number_word(per_year))


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
    return prose_lines(
        "new_memo_proposals",
        partners=join_names(idea_based_names),
        proposer=genitive(administration_name) or "förvaltningens",
        director=director_title(administration_name),
        administration=administration_name or "Förvaltningen",
        report_back=report_back,
    )


def renewal_memo_proposals(*, years: int, new_end: dt.date, administration_name: str) -> list[str]:
    """The four standard proposals of a renewal memo (seeds/004)."""
    return prose_lines(
        "renewal_memo_proposals",
        years_word=number_word(years, neuter=True),
        new_end=format_date(new_end),
        director=director_title(administration_name),
        first_report_year=new_end.year - years + 1,
    )


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
