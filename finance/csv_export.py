"""The economy's two CSV files (one agreement, the overview of a year); the CSV format
itself (Excel's ';', BOM, no formulas) is ``common.csv_export``."""

from __future__ import annotations

from django.http import HttpResponse

from common.csv_export import csv_response

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


def _remark(row) -> str:
    """Why an amount is unknown, and how an amendment makes up the year's amount."""
    return "; ".join(text for text in [row.schedule.missing_reason, *row.basis_texts] if text)


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
                    _remark(row),
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
            _remark(r.row),
        ]
        for r in overview.rows
    ]
    unknown = f"{overview.unknown_count} belopp okända" if overview.unknown_count else ""
    rows.append(
        ["Summa", "", year, overview.total, "", overview.paid, overview.outstanding, unknown, ""]
    )
    return csv_response(f"ekonomi-oversikt-{year}.csv", OVERVIEW_HEADER, rows)
