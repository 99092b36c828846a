"""CSV for Excel: ';' separator, UTF-8 with BOM, and no formulas from users' text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ TAB CR gets a quote."""
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)  # a number is data, not a formula (-21 stays a number)
    text = str(value)
    if text.startswith(DANGEROUS_START):
        return "'" + text
    return text


def csv_bytes(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[object]]):
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


ECONOMY_HEADER = [
    "Överenskommelse",
    "Part",
    "År",
    "Index",
    "Beräknat (kr)",
    "Beslutat (kr)",
    "Avvikelse (kr)",
    "Gäller (kr)",
    "Utbetalt (kr)",
    "Kvar att betala (kr)",
    "Status",
    "Anmärkning",
]

OVERVIEW_HEADER = [
    "Överenskommelse",
    "Part",
    "År",
    "Ersättning (kr)",
    "Avvikelse från beräknat (kr)",
    "Utbetalt (kr)",
    "Kvar att betala (kr)",
    "Status",
    "Anmärkning",
]


def economy_csv(economy) -> HttpResponse:
    """One agreement's ledgers, a row per compensation and year."""
    rows = []
    for ledger in economy.ledgers:
        for row in ledger.rows:
            s = row.schedule
            rows.append(
                [
                    economy.agreement.title,
                    ledger.compensation.party.organisation.name,
                    row.year,
                    s.index.label if s.index else "",
                    s.computed,
                    s.decided,
                    s.deviation,
                    s.amount,
                    row.paid,
                    row.outstanding,
                    row.status_label,
                    s.missing_reason,
                ]
            )
    return csv_response(f"ekonomi-{economy.agreement.pk}.csv", ECONOMY_HEADER, rows)


def overview_csv(overview, year: int) -> HttpResponse:
    """Every visible compensation of one year, and the sums."""
    rows = [
        [
            r.agreement.title,
            r.organisation_name,
            year,
            r.row.schedule.amount,
            r.row.schedule.deviation,
            r.row.paid,
            r.row.outstanding,
            r.row.status_label,
            r.row.schedule.missing_reason,
        ]
        for r in overview.rows
    ]
    unknown = f"{overview.unknown_count} belopp okända" if overview.unknown_count else ""
    rows.append(
        ["Summa", "", year, overview.total, "", overview.paid, overview.outstanding, unknown, ""]
    )
    return csv_response(f"ekonomi-oversikt-{year}.csv", OVERVIEW_HEADER, rows)
