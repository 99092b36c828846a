"""Reading index values from a CSV file: pure functions, no database.

The file has the shape of ``data/opi-skr.csv``:
``year,preliminary_percent,preliminary_published,definitive_percent,definitive_published,source``
(Swedish headers ``år;preliminärt;preliminärt publicerat;definitivt;definitivt publicerat;källa``
are accepted too). Encodings: UTF-8 with or without BOM, UTF-16 (with BOM), Windows-1252.
Separator ``,`` or ``;``. Decimal comma or point. Every error is reported with its line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from common.privacy import validate_text

PERCENT_HINT = "Ange procent, t.ex. 3,5 för 3,5 %"
MIN_PERCENT, MAX_PERCENT = Decimal(-50), Decimal(50)
MIN_YEAR, MAX_YEAR = 1990, 2200

COLUMNS = {
    "year": "year",
    "år": "year",
    "ar": "year",
    "preliminary_percent": "preliminary_percent",
    "preliminärt": "preliminary_percent",
    "preliminärt värde": "preliminary_percent",
    "preliminary_published": "preliminary_published",
    "preliminärt publicerat": "preliminary_published",
    "definitive_percent": "definitive_percent",
    "definitivt": "definitive_percent",
    "definitivt värde": "definitive_percent",
    "definitive_published": "definitive_published",
    "definitivt publicerat": "definitive_published",
    "source": "source",
    "källa": "source",
}
REQUIRED = {"year"}


@dataclass(frozen=True)
class ParsedRow:
    line: int
    year: int
    preliminary_percent: Decimal | None
    preliminary_published: dt.date | None
    definitive_percent: Decimal | None
    definitive_published: dt.date | None
    source: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(data: bytes) -> str:
    """UTF-16 and UTF-8 by their BOM, else UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def parse_percent(text: str) -> Decimal | None:
    """'3,5' or '3.5' or '3,5 %' -> Decimal('3.5'); '' -> None; raises ValueError (Swedish)."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not cleaned:
        return None
    cleaned = cleaned.replace("\u2212", "-").replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        raise ValueError(f"”{text.strip()}” är inte ett tal. {PERCENT_HINT}.")
    value = Decimal(cleaned)
    decimals = len(cleaned.split(".")[1]) if "." in cleaned else 0
    if decimals > 1:
        if value != 0 and abs(value) < 1:
            raise ValueError(
                f"”{text.strip()}” ser ut att vara en andel, inte procent. {PERCENT_HINT}."
            )
        raise ValueError(f"”{text.strip()}” har mer än en decimal. {PERCENT_HINT}.")
    if not MIN_PERCENT <= value <= MAX_PERCENT:
        raise ValueError(f"”{text.strip()}” är orimligt stort. {PERCENT_HINT}.")
    return value


def parse_date(text: str) -> dt.date | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError as exc:
        raise ValueError(
            f"”{cleaned}” är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. 2023-04-19."
        ) from exc


def parse_year(text: str) -> int:
    cleaned = text.strip()
    if not re.fullmatch(r"\d{4}", cleaned) or not MIN_YEAR <= int(cleaned) <= MAX_YEAR:
        raise ValueError(f"”{cleaned}” är inget år. Skriv året med fyra siffror, t.ex. 2024.")
    return int(cleaned)


def parse_text(text: str) -> str:
    """A free-text cell: the register's text guard (no personnummer, no control characters)."""
    cleaned = text.strip()
    try:
        validate_text(cleaned)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc
    return cleaned


def _separator(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def parse_index_csv(data: bytes) -> ParseResult:
    result = ParseResult()
    if not data.strip():
        result.errors.append("Filen är tom.")
        return result
    try:
        text = decode(data)
    except UnicodeDecodeError:
        result.errors.append("Filen kunde inte läsas. Spara den som CSV (UTF-8).")
        return result
    text = text.lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.splitlines() else ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line))
    try:
        header = next(reader)
    except StopIteration:
        result.errors.append("Filen är tom.")
        return result
    keys = [COLUMNS.get(name.strip().lower()) for name in header]
    unknown = [name for name, key in zip(header, keys, strict=True) if key is None and name]
    if unknown or not set(keys) >= REQUIRED:
        result.errors.append(
            "Rad 1: kolumnrubrikerna känns inte igen"
            + (f" ({', '.join(unknown)})" if unknown else "")
            + ". Använd: year, preliminary_percent, preliminary_published, "
            "definitive_percent, definitive_published, source."
        )
        return result
    seen: dict[int, int] = {}
    for line_no, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(keys):
            result.errors.append(
                f"Rad {line_no}: {len(cells)} fält men {len(keys)} kolumner. "
                'Sätt citattecken runt värden som innehåller avgränsaren, t.ex. "3,5".'
            )
            continue
        values = dict(zip(keys, cells, strict=False))
        problems: list[str] = []

        def take(key, parser, values=values, problems=problems):
            try:
                return parser(values.get(key) or "")
            except ValueError as exc:
                problems.append(str(exc))
                return None

        year = take("year", parse_year)
        prel = take("preliminary_percent", parse_percent)
        prel_date = take("preliminary_published", parse_date)
        defin = take("definitive_percent", parse_percent)
        defin_date = take("definitive_published", parse_date)
        source = take("source", parse_text)
        if year is not None:
            if year in seen:
                problems.append(f"året {year} finns redan på rad {seen[year]}")
            else:
                seen[year] = line_no
        if problems:
            result.errors.append(f"Rad {line_no}: " + "; ".join(problems))
            continue
        result.rows.append(
            ParsedRow(
                line=line_no,
                year=year,
                preliminary_percent=prel,
                preliminary_published=prel_date,
                definitive_percent=defin,
                definitive_published=defin_date,
                source=source,
            )
        )
    if not result.rows and not result.errors:
        result.errors.append("Filen innehåller inga värden.")
    return result
