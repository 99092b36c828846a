"""The money of an agreement as plain data for the board documents.

Plain functions that return JSON-safe dicts (ints for kronor, ISO strings for dates, Swedish
sentences already formatted with ``format_sek``), declared as ``TypedDict``s below.
``documents`` calls them (it sits above finance); this module imports nothing from
``documents``. The annual report's money is in ``finance.annual_report_data``.

They read every row of the agreement (no user scope): the caller has already decided that
the user may see the agreement, and a board document prints the whole economy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from django.db.models import Prefetch, Sum
from django.utils import timezone

from partnerships.boards import BoardNames
from partnerships.formatting import format_sek
from partnerships.models import Agreement, Sector

from .amendment_documents import AmendedRow, amended_rows
from .economic_result import economic_result
from .ledger import YearRow, build_ledger, index_points, ledger_queryset, municipal_financing
from .models import (
    MONTHS,
    BudgetCategory,
    BudgetLine,
    Compensation,
    EconomicReport,
    EconomicReportStatus,
    IndexRule,
    InKindContribution,
    PartyBudget,
    Payment,
)
from .rules import budget_difference
from .shapes_documents import NO_MONEY_TEXT, in_kind_by_agreement, schedule_sentences


class AmountRow(TypedDict):
    name: str
    amount: int


class DecidedRow(TypedDict):
    name: str
    year: int
    computed: int | None
    decided: int
    deviation: int | None
    one_off: bool
    decided_on: dt.date | None
    # The board that decided, by its name on the decision day ("... (hette då ...)").
    decided_by: str
    note: str


class UnsettledRow(TypedDict):
    name: str
    year: int
    difference: int


class AgreementEconomy(TypedDict):
    """The "Ekonomi" section of the agreement (seeds/003)."""

    level_text: str
    compensation: list[AmountRow]
    compensation_total: int
    terms_text: str
    budget_year: int | None
    party_costs: list[dict[str, Any]]  # {"name", "year", "rows", "total", "municipal", "own"}
    total_cost: int | None
    municipal_financing: int | None
    own_financing: int | None
    diff: int | None
    warnings: list[str]
    decided: list[DecidedRow]
    unsettled: list[UnsettledRow]
    amended: list[AmendedRow]  # the years whose amount an amendment changes


class MemoEconomy(TypedDict):
    """The "Ekonomiska konsekvenser" of a memo (seeds/002)."""

    text: str
    rows: list[dict[str, Any]]  # {"label", "amount"}
    warnings: list[str]
    decided: list[DecidedRow]
    unsettled: list[UnsettledRow]


def _municipality(agreement: Agreement) -> str:
    municipality = agreement.municipality
    return municipality.name if municipality is not None else "Kommunen"


def _public_genitive(agreement: Agreement) -> str:
    """ "kommunens" or "regionens"."""
    municipality = agreement.municipality
    return municipality.public_genitive if municipality is not None else "kommunens"


def _compensations(agreement: Agreement) -> list[Compensation]:
    return list(
        ledger_queryset(Compensation.objects.filter(agreement=agreement)).order_by(
            "party__organisation__name", "pk"
        )
    )


def _terms_text(compensations: list[Compensation]) -> str:
    """'Uppräkning sker årligen enligt OPI. Ersättningen utbetalas i januari månad en (1)
    gång per år.' (seeds/003), with the first indexation year when it is not the next.
    A fixed amount gets no indexation clause: it is said to be fixed instead."""
    if not compensations:
        return ""
    indexed = [c for c in compensations if not c.fixed]
    fixed = [c for c in compensations if c.fixed]
    sentences = []
    if indexed:
        first = indexed[0]
        index_part = f"Uppräkning sker årligen enligt {first.index_series.name}"
        if all(c.first_index_year > c.base_year + 1 for c in indexed):
            index_part += f" från och med {first.first_index_year}-01-01"
        if first.index_rule == IndexRule.DEFINITIVE:
            index_part += " (definitivt värde)"
        if fixed:
            names = " och ".join(c.party.organisation.name for c in indexed)
            index_part += f" för ersättningen till {names}"
        sentences.append(index_part + ".")
    if fixed and not indexed:
        sentences.append("Ersättningen är ett fast belopp och räknas inte upp med index.")
    elif fixed:
        names = " och ".join(c.party.organisation.name for c in fixed)
        sentences.append(
            f"Ersättningen till {names} är ett fast belopp och räknas inte upp med index."
        )
    yearly = [c for c in compensations if c.payment_schedule == "yearly"]
    months = sorted({c.payment_month for c in yearly})
    if months:
        month_text = " och ".join(MONTHS[m - 1] for m in months)
        sentences.append(f"Ersättningen utbetalas i {month_text} månad en (1) gång per år.")
    schedules = schedule_sentences(compensations)
    if schedules:
        sentences.append(schedules)
    return " ".join(sentences)


def _budgets(agreement: Agreement) -> tuple[int | None, list[PartyBudget]]:
    """The budgets of the first budget year within the period (the agreement's yearly
    budget, seeds/003), or of the first budget year at all."""
    budgets = list(
        PartyBudget.objects.filter(agreement=agreement)
        .select_related("party__organisation")
        .prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        .order_by("year", "party__organisation__name")
    )
    if not budgets:
        return None, []
    in_period = [b.year for b in budgets if b.year >= agreement.period_start.year]
    year = min(in_period) if in_period else budgets[0].year
    return year, [b for b in budgets if b.year == year]


def agreement_economy(agreement: Agreement) -> AgreementEconomy | None:
    """The "Ekonomi" section of the agreement (seeds/003), or None without any money data.

    Compensation per idea-based party at the level the agreement states (the base year's
    amount, "enligt 2023 årsnivå"), the indexation terms, each party's cost budget, and the
    balance total cost = municipal financing + own financing (the diff, shown, never hidden).
    """
    compensations = _compensations(agreement)
    budget_year, budgets = _budgets(agreement)
    in_kind = in_kind_by_agreement([agreement.pk])[agreement.pk]
    if not compensations and not budgets and not in_kind["rows"]:
        return None  # the document says NO_MONEY_TEXT
    municipality = _municipality(agreement)
    warnings: list[str] = []

    base_years = sorted({c.base_year for c in compensations})
    if len(base_years) == 1:
        level_text = f"{municipality} ersätter årligen enligt {base_years[0]} årsnivå"
        compensation = [
            {"name": c.party.organisation.name, "amount": c.base_amount} for c in compensations
        ]
    else:
        level_text = f"{municipality} ersätter årligen"
        compensation = [
            {
                "name": f"{c.party.organisation.name} ({c.base_year} års nivå)",
                "amount": c.base_amount,
            }
            for c in compensations
        ]
    compensation_total = sum(c.base_amount for c in compensations)

    points = index_points()
    today = timezone.localdate()
    ledgers = {c.party_id: build_ledger(c, points, today) for c in compensations}

    party_costs = []
    total_cost = 0
    municipal_total: int | None = 0
    own_total = 0
    for budget in budgets:
        lines = list(budget.lines.all())
        cost = sum(line.amount for line in lines)
        total_cost += cost
        own_total += budget.own_contribution
        municipal, _source = municipal_financing(budget, ledgers)
        if municipal is None or municipal_total is None:
            municipal_total = None
        else:
            municipal_total += municipal
        party_costs.append(
            {
                "name": budget.party.organisation.name,
                "year": budget.year,
                "rows": [{"label": line.display_label, "amount": line.amount} for line in lines],
                "total": cost,
                "municipal": municipal,
                "own": budget.own_contribution,
            }
        )

    budget_in_kind = sum(
        row_value
        for item in InKindContribution.objects.filter(agreement=agreement, year=budget_year)
        if (row_value := item.value) is not None
    )
    diff = (
        budget_difference(
            total_cost=total_cost, municipal=municipal_total, own=own_total, in_kind=budget_in_kind
        )
        if budgets
        else None
    )
    if budgets and diff is None:
        warnings.append(
            f"{_public_genitive(agreement).capitalize()} finansiering kan inte räknas fram "
            "(indexvärde saknas), så budgetens "
            "balans kan inte kontrolleras."
        )
    elif diff:
        warnings.append(
            f"Budgeten {budget_year} går inte ihop: kostnaderna minus finansieringen är "
            f"{format_sek(diff)} (ska vara 0 kr)."
        )
    if budgets and compensations and municipal_total not in (None, compensation_total):
        warnings.append(
            f"{_public_genitive(agreement).capitalize()} finansiering i budgeten "
            f"({format_sek(municipal_total)}) skiljer sig "
            f"från den totala ersättningen ({format_sek(compensation_total)})."
        )
    idea_based = {
        p.organisation_id: p.organisation.name
        for p in agreement.parties.all()
        if p.role == Sector.IDEA_BASED
    }
    with_budget = {b.party.organisation_id for b in budgets}
    missing = [
        name
        for org, name in sorted(idea_based.items(), key=lambda x: x[1])
        if org not in with_budget
    ]
    if budgets and missing:
        warnings.append("Budget saknas för " + ", ".join(missing) + ".")

    return {
        **decisions_and_differences(agreement),
        "level_text": level_text,
        "compensation": compensation,
        "compensation_total": compensation_total,
        "terms_text": _terms_text(compensations),
        "budget_year": budget_year,
        "party_costs": party_costs,
        "total_cost": total_cost if budgets else None,
        "municipal_financing": municipal_total if budgets else None,
        "own_financing": own_total if budgets else None,
        "diff": diff,
        "warnings": warnings,
        "in_kind": in_kind["rows"],
        "in_kind_total": in_kind["total"],
        "in_kind_budget": budget_in_kind,
        "no_money_text": "" if compensations else NO_MONEY_TEXT,
        "amended": amended_rows(list(ledgers.values())),
    }


def decided_row(name: str, row: YearRow, board_names: BoardNames | None = None) -> DecidedRow:
    schedule = row.schedule
    decided_on = row.decided.decided_on if row.decided is not None else None
    return {
        "name": name,
        "year": row.year,
        "computed": schedule.computed,
        "decided": schedule.decided,
        "deviation": schedule.deviation,
        "one_off": schedule.one_off,
        "decided_on": decided_on,
        "decided_by": board_names.label_on(decided_on) if board_names and decided_on else "",
        "note": row.decided.note if row.decided is not None else "",
    }


def unsettled_row(name: str, row: YearRow) -> UnsettledRow:
    return {"name": name, "year": row.year, "difference": row.schedule.definitive_difference}


def decisions_and_differences(agreement: Agreement) -> dict[str, list]:
    """What the economy tab shows beside the amounts, for the board documents.

    ``decided``: every year where a decided amount rules instead of the computed one, with
    the deviation (the agreement's own years, and the year the agreement's level comes from
    when it continues an earlier compensation: "enligt 2023 årsnivå" is 339 690 kr decided
    against 339 711 kr computed, -21 kr). ``unsettled``: index differences (definitive minus
    preliminary) that no settlement has handled yet.

    {"decided": [{"name", "year", "computed", "decided", "deviation", "one_off",
                  "decided_on", "decided_by", "note"}],
     "unsettled": [{"name", "year", "difference"}]}"""
    points = index_points()
    today = timezone.localdate()
    decided: list[DecidedRow] = []
    unsettled: list[UnsettledRow] = []
    board_names = BoardNames.of(agreement.board)
    for compensation in _compensations(agreement):
        name = compensation.party.organisation.name
        ledgers = [build_ledger(compensation, points, today)]
        earlier = compensation.continues_from
        if earlier is not None:
            earlier = ledger_queryset(Compensation.objects.filter(pk=earlier.pk)).get()
            ledgers.insert(0, build_ledger(earlier, points, today, years=[compensation.base_year]))
        for ledger in ledgers:
            for row in ledger.rows:
                if row.schedule.decided is not None:
                    decided.append(decided_row(name, row, board_names))
                if row.needs_settlement and ledger is ledgers[-1]:
                    unsettled.append(unsettled_row(name, row))
    return {"decided": decided, "unsettled": unsettled}


def _latest_levels(
    compensations: list[Compensation], rows: list[dict[str, Any]], warnings: list[str]
) -> list[str]:
    """The compensation of each party at the latest known level of the current agreement:
    the sentence parts, with the rows and warnings added to the given lists."""
    points = index_points()
    today = timezone.localdate()
    parts = []
    for compensation in compensations:
        year, amount, missing = build_ledger(compensation, points, today).latest_known()
        name = compensation.party.organisation.name
        if amount is None:
            # Nothing computable in the period: the level the agreement states.
            year, amount = compensation.base_year, compensation.base_amount
            warnings.append(
                f"Ersättningen till {name} kan inte räknas upp för perioden: {missing}. "
                f"Beloppet nedan är {year} års nivå."
            )
        elif missing:
            warnings.append(
                f"{missing}: ersättningen till {name} efter {year} kan inte räknas fram."
            )
        parts.append(f"{name} med {format_sek(amount)} ({year} års nivå)")
        rows.append({"label": f"Ersättning {year} års nivå, {name}", "amount": amount})
    return parts


def memo_economy(agreement: Agreement, memo_kind: str) -> MemoEconomy | None:
    """The "Ekonomiska konsekvenser" of a memo (seeds/002), computed from the finance data.

    ``memo_kind`` "new": the yearly scope (total cost), who finances what (the municipality
    and each party's own share), the compensation per party and its indexation.
    "renewal": the same, with the compensation at the latest known level of the current
    agreement (a missing index value is a warning, never a silent zero).
    """
    economy = agreement_economy(agreement)
    if economy is None:
        return None
    municipality = _municipality(agreement)
    board_name = agreement.board.name if agreement.board_id else municipality
    compensations = _compensations(agreement)
    warnings = list(economy["warnings"])
    rows: list[dict[str, Any]] = []
    sentences: list[str] = []

    if economy["party_costs"]:
        total = economy["total_cost"]
        shares = [
            f"{party['name']} med {format_sek(party['own'])}" for party in economy["party_costs"]
        ]
        municipal = economy["municipal_financing"]
        sentences.append(
            f"Överenskommelsens ekonomiska omfattning är {format_sek(total)} per år "
            f"({economy['budget_year']})."
        )
        financed_by = (
            [
                f"{board_name.lower() if agreement.board_id else board_name} med "
                f"{format_sek(municipal)}"
            ]
            if municipal is not None
            else []
        )
        sentences.append("Verksamheten finansieras av " + _join(financed_by + shares) + " per år.")
        rows.append({"label": "Total kostnad per år", "amount": total})
        if municipal is not None:
            rows.append({"label": f"Finansiering från {municipality}", "amount": municipal})
        for party in economy["party_costs"]:
            rows.append({"label": f"Egen finansiering, {party['name']}", "amount": party["own"]})

    if compensations:
        if memo_kind == "renewal":
            parts = _latest_levels(compensations, rows, warnings)
            if parts:
                sentences.append(
                    f"{municipality} ersätter i nuvarande överenskommelse " + _join(parts) + "."
                )
        else:
            parts = [
                f"{row['name']} med {format_sek(row['amount'])}" for row in economy["compensation"]
            ]
            sentences.append(
                f"{economy['level_text']}: " + _join(parts) + ", totalt "
                f"{format_sek(economy['compensation_total'])}."
            )
            for row in economy["compensation"]:
                rows.append({"label": f"Ersättning, {row['name']}", "amount": row["amount"]})
            rows.append({"label": "Total ersättning IOP", "amount": economy["compensation_total"]})
        if economy["terms_text"]:
            sentences.append(economy["terms_text"])

    return {
        "text": " ".join(sentences),
        "rows": rows,
        "warnings": warnings,
        "decided": economy["decided"],
        "unsettled": economy["unsettled"],
    }


def _join(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " och " + parts[-1]


# --- the parties' economic results (the follow-up report, the annual report) --------------


class EconomicResultRow(TypedDict):
    organisation: str
    year: int
    budget: int
    actual: int
    deviation: int
    deviation_percent: str  # "−0,9 %" or "" without a budget
    received: int
    used: int
    remainder: int


def _percent_text(value) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",").replace("-", "\u2212") + "\u00a0%"


def economic_results(
    agreement_ids: list[int], years: list[int]
) -> dict[int, list[EconomicResultRow]]:
    """Agreement id -> the submitted economic reports of ``years``, each with budget, actual
    and deviation; drafts are never printed. Four queries for any number of agreements."""
    reports = list(
        EconomicReport.objects.filter(
            agreement_id__in=agreement_ids, year__in=years, status=EconomicReportStatus.SUBMITTED
        )
        .select_related("party__organisation")
        .prefetch_related("lines", "other_funding")
        .order_by("year", "party__organisation__name", "pk")
    )
    keys = {(r.party_id, r.year) for r in reports}
    budgets = {
        (b.party_id, b.year): b
        for b in PartyBudget.objects.filter(
            agreement_id__in=agreement_ids, year__in=years
        ).prefetch_related(Prefetch("lines", queryset=BudgetLine.objects.order_by("pk")))
        if (b.party_id, b.year) in keys
    }
    received = {
        (party_id, year): total
        for party_id, year, total in Payment.objects.filter(
            agreement_id__in=agreement_ids, year__in=years
        )
        .values_list("compensation__party_id", "year")
        .annotate(total=Sum("amount"))
    }
    out: dict[int, list[EconomicResultRow]] = {pk: [] for pk in agreement_ids}
    for report in reports:
        budget = budgets.get((report.party_id, report.year))
        result = economic_result(
            budget_lines=[(ln.category, ln.display_label, ln.amount) for ln in budget.lines.all()]
            if budget
            else [],
            actuals={ln.category: (ln.actual, ln.comment) for ln in report.lines.all()},
            labels=dict(BudgetCategory.choices),
            own_financing=report.own_financing,
            other_funding=[row.amount for row in report.other_funding.all()],
            received=received.get((report.party_id, report.year), 0),
        )
        out[report.agreement_id].append(
            EconomicResultRow(
                organisation=report.party.organisation.name,
                year=report.year,
                budget=result.budget_total,
                actual=result.actual_total,
                deviation=result.deviation,
                deviation_percent=_percent_text(result.deviation_percent),
                received=result.received,
                used=result.used,
                remainder=result.remainder,
            )
        )
    return out
