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
    """Why an amount is unknown, and how an amendment makes up the year's amount (or that
    the party is not a party that year: it joins later or has left)."""
    missing = row.schedule.missing_reason if row.schedule.amount is None else ""
    outside = "inte part detta år" if row.not_a_party else ""
    return "; ".join(text for text in [missing, outside, *row.basis_texts] if text)


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
    rows += _shape_rows(economy)
    return csv_response(f"ekonomi-{economy.agreement.pk}.csv", ECONOMY_HEADER, rows)


SCHEDULE_HEADER = [
    "Delbetalningar",
    "Part",
    "År",
    "Förfallodag",
    "Belopp (kr)",
    "Betalt (kr)",
    "Kvar (kr)",
    "Status",
    "Utbetalningsplan",
]
IN_KIND_HEADER = [
    "Insatser",
    "Part",
    "Gäller",
    "Slag",
    "Beskrivning",
    "Värde av insats (kr)",
    "Grund för värderingen",
]
CAP_HEADER = [
    "Tak",
    "Benämning",
    "Omfattar",
    "Tak (kr)",
    "Beslutade/beräknade belopp (kr)",
    "Utbetalt (kr)",
    "Kvar (kr)",
    "Läge",
]


def _shape_rows(economy) -> list[list]:
    """The economy's schedule, contributions in kind and caps, each a block after an empty
    row and its own header row (issue 14)."""
    title = economy.agreement.title
    rows: list[list] = []
    if economy.schedules:
        rows += [[], SCHEDULE_HEADER]
        for plan in economy.schedules:
            compensation = plan.compensation
            for year in plan.years:
                for item in year.instalments:
                    rows.append(
                        [
                            title,
                            compensation.party.organisation.name,
                            year.year,
                            item.due_on.isoformat(),
                            item.amount,
                            item.paid,
                            item.outstanding,
                            item.status_label,
                            compensation.payment_schedule_text,
                        ]
                    )
    if economy.in_kind:
        rows += [[], IN_KIND_HEADER]
        for item in economy.in_kind:
            rows.append(
                [
                    title,
                    item.party.display_name,
                    item.period_text,
                    item.get_kind_display(),
                    item.description,
                    item.value,
                    item.valuation_basis,
                ]
            )
    if economy.caps:
        rows += [[], CAP_HEADER]
        for view in economy.caps:
            covered = (
                "Alla ersättningar"
                if view.covers_all
                else ", ".join(c.party.organisation.name for c in view.compensations)
            )
            rows.append(
                [
                    title,
                    view.cap.label,
                    covered,
                    view.cap.amount,
                    view.state.known_amounts_total,
                    view.state.paid_total,
                    view.state.left,
                    "Över taket" if view.state.passed else "Inom taket",
                ]
            )
    return rows


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
