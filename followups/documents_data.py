"""Follow-ups as plain data for the board documents (seeds/000 and 001, the annual report).

Plain functions returning JSON-safe dicts (ISO date strings, text as typed). This module
imports nothing from ``documents``; the documents app calls it. What partners wrote is
included only once **submitted**: drafts never reach a document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from partnerships.formatting import format_date
from partnerships.models import Agreement, Sector

from .indicators import reported_text, value_text
from .models import (
    Assessment,
    Figures,
    FollowUpRound,
    GoalAssessment,
    GoalResult,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)
from .schedule import PlanStatus, followup_plan, plan_status


def _values_of(figures: list[Figures]) -> dict:
    """(round, organisation, indicator) ids -> value, of the given (submitted) reports."""
    pairs = {(f.round_id, f.organisation_id) for f in figures}
    if not pairs:
        return {}
    return {
        (v.round_id, v.organisation_id, v.indicator_id): v
        for v in IndicatorValue.objects.filter(
            round_id__in={r for r, _o in pairs}, organisation_id__in={o for _r, o in pairs}
        )
        if (v.round_id, v.organisation_id) in pairs
    }


def figures_rows(
    figures: Figures, indicators: list[Indicator], values: dict
) -> dict[str, list[dict[str, str]]]:
    """A party's report as table rows (the agreement's indicators: label, value, target)
    and text blocks (label, text). ``values``: (round, organisation, indicator) ids -> value."""
    rows = []
    for indicator in indicators:
        text = reported_text(
            indicator, values.get((figures.round_id, figures.organisation_id, indicator.pk))
        )
        if not text:
            continue
        label = indicator.name + (f" (mål {indicator.goal.position})" if indicator.goal else "")
        target = (
            value_text(indicator.target, None, indicator.unit)
            if indicator.target is not None
            else ""
        )
        rows.append({"label": label, "value": text, "target": target})
    texts = [
        ("Nya målgrupper", figures.new_target_groups),
        ("Samverkanspartner", figures.cooperation_partners),
        ("Framtida utvecklingsmöjligheter", figures.development_ideas),
    ]
    return {
        "rows": rows,
        "texts": [{"label": label, "text": text} for label, text in texts if (text or "").strip()],
    }


def _day(value: dt.datetime) -> str:
    return format_date(timezone.localtime(value).date())


def _round_for(agreement: Agreement, year: int) -> FollowUpRound | None:
    """The agreement's round for ``year``: the last one that ends in that year."""
    return (
        FollowUpRound.objects.filter(agreement=agreement, period_end__year=year)
        .order_by("-period_end", "-pk")
        .first()
    )


def followup_report_data(
    round_or_agreement: FollowUpRound | Agreement, year: int | None = None
) -> dict[str, Any]:
    """Everything a follow-up report prints, for a round (or an agreement and a year).

    Layout::

        {"round": {"id", "period_start", "period_end", "period_label", "due_date",
                   "status"} | None,
         "period_start", "period_end",           # what the report covers (ISO)
         "agreement": {"id", "title", "registry_number", "period_start", "period_end"},
         "idea_based": ["IOGT-NTO", ...],        # names, in order
         "background": "...", "purpose": "...", "goals_introduction": "...",
         "meetings": [{"date", "title", "place"}],   # held in the period
         "goals": [{"text", "reports": [{"organisation", "narrative"}],
                    "result", "result_label", "comment"}],
         "indicators": [{"name", "unit", "kind", "target", "goal"}],  # the agreement's
         "figures": [{"organisation", "rows": [{"label", "value", "target"}],
                      "texts": [{"label", "text"}]}],
         "assessment": {"overall_result", "overall_result_label", "overall_text",
                        "recommendation"} | None,
         "missing": ["Pingstförsamlingen", ...],   # parties with nothing submitted
         "submitted": ["IOGT-NTO", ...]}           # parties that submitted something
    """
    if isinstance(round_or_agreement, FollowUpRound):
        round = round_or_agreement
        agreement = round.agreement
    else:
        agreement = round_or_agreement
        if year is None:
            raise ValueError("Ange år när uppföljningsrapporten avser en överenskommelse.")
        round = _round_for(agreement, year)
    if round is not None:
        start, end = round.period_start, round.period_end
    else:
        start = max(dt.date(year, 1, 1), agreement.period_start)
        end = min(dt.date(year, 12, 31), agreement.period_end)

    parties = sorted(
        agreement.parties.select_related("organisation"),
        key=lambda p: (p.role != Sector.PUBLIC, p.organisation.name),
    )
    idea_based = [p.organisation for p in parties if p.role == Sector.IDEA_BASED]
    goals = list(agreement.goals.all())

    notes: list[Note] = []
    figures: list[Figures] = []
    assessment: Assessment | None = None
    if round is not None:
        notes = list(
            Note.objects.filter(round=round, status=ReportStatus.SUBMITTED)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        figures = list(
            Figures.objects.filter(round=round, status=ReportStatus.SUBMITTED)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        assessment = (
            Assessment.objects.filter(round=round)
            .prefetch_related(
                Prefetch("goals", queryset=GoalAssessment.objects.select_related("goal"))
            )
            .first()
        )
    indicators = list(Indicator.objects.filter(agreement=agreement).select_related("goal"))
    values = _values_of(figures)
    goal_results = {ga.goal_id: ga for ga in assessment.goals.all()} if assessment else {}

    meetings = Meeting.objects.filter(agreement=agreement, status=Meeting.Status.HELD).order_by(
        "starts_at", "pk"
    )
    held = [
        {"date": _day(m.starts_at), "title": m.title, "place": m.place}
        for m in meetings
        if start <= timezone.localtime(m.starts_at).date() <= end
    ]

    goal_rows = []
    for goal in goals:
        reports = [
            {"organisation": n.organisation.name, "narrative": n.narrative}
            for n in notes
            if n.goal_id == goal.pk and n.narrative.strip()
        ]
        result = goal_results.get(goal.pk)
        goal_rows.append(
            {
                "text": goal.text,
                "reports": reports,
                "result": result.result if result else "",
                "result_label": result.get_result_display() if result and result.result else "",
                "comment": result.comment if result else "",
            }
        )
    submitted_orgs = {n.organisation_id for n in notes} | {f.organisation_id for f in figures}
    return {
        "round": None
        if round is None
        else {
            "id": round.pk,
            "period_start": format_date(round.period_start),
            "period_end": format_date(round.period_end),
            "period_label": round.period_label,
            "due_date": format_date(round.due_date),
            "status": round.status,
        },
        "period_start": format_date(start),
        "period_end": format_date(end),
        "period_label": round.period_label if round else str(year),
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "registry_number": agreement.registry_number,
            "period_start": format_date(agreement.period_start),
            "period_end": format_date(agreement.period_end),
        },
        "idea_based": [o.name for o in idea_based],
        "background": agreement.background,
        "purpose": agreement.challenge_and_purpose,
        "goals_introduction": agreement.goals_introduction,
        "meetings": held,
        "goals": goal_rows,
        "indicators": [
            {
                "name": i.name,
                "unit": i.unit,
                "kind": i.kind,
                "target": value_text(i.target, None, i.unit) if i.target is not None else "",
                "goal": i.goal.position if i.goal else None,
            }
            for i in indicators
        ],
        "figures": [
            {"organisation": f.organisation.name, **figures_rows(f, indicators, values)}
            for f in figures
        ],
        "assessment": None
        if assessment is None
        else {
            "overall_result": assessment.overall_result,
            "overall_result_label": assessment.get_overall_result_display()
            if assessment.overall_result
            else "",
            "overall_text": assessment.overall_text,
            "recommendation": assessment.recommendation,
        },
        "missing": [o.name for o in idea_based if o.pk not in submitted_orgs],
        "submitted": [o.name for o in idea_based if o.pk in submitted_orgs],
    }


def rounds_for_documents(agreement: Agreement) -> list[dict[str, Any]]:
    """The agreement's rounds, oldest first, for the documents page: id, label, counts."""
    rounds = FollowUpRound.objects.filter(agreement=agreement).order_by("period_start", "pk")
    return [
        {
            "id": r.pk,
            "period_label": r.period_label,
            "period_start": format_date(r.period_start),
            "period_end": format_date(r.period_end),
            "status": r.status,
            "status_label": r.get_status_display(),
        }
        for r in rounds
    ]


def followup_year_summary(agreements: list[Agreement], year: int) -> dict[int, dict[str, Any]]:
    """For the annual report: per agreement, what happened in follow-up during ``year``.

    {agreement id: {"held": ["2026-03-10", ...],      # meetings held in the year
                    "due": n, "done": n, "overdue": n,  # planned follow-ups due in the year
                    "next_due": "2027-12-31" | "",      # next planned follow-up after it
                    "assessment": {"period_label", "overall_result_label", "overall_text",
                                   "recommendation"} | None,   # latest up to the year
                    "indicators": {"period_label", "rows": [{"name", "target",
                                   "values": [{"organisation", "value"}]}]} | None}}
    ``indicators``: the agreement's own indicators with the submitted values of its last
    round ending in the year. A fixed number of queries whatever the number of agreements."""
    ids = [a.pk for a in agreements]
    year_end = dt.date(year, 12, 31)
    meetings: dict[int, list[Meeting]] = {pk: [] for pk in ids}
    for meeting in (
        Meeting.objects.filter(agreement_id__in=ids)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
    ):
        meetings[meeting.agreement_id].append(meeting)
    latest: dict[int, Assessment] = {}
    for assessment in (
        Assessment.objects.filter(round__agreement_id__in=ids, round__period_start__lte=year_end)
        .select_related("round")
        .order_by("round__period_end", "round__pk")
    ):
        latest[assessment.round.agreement_id] = assessment  # the last one wins
    indicators = _year_indicators(ids, year)
    result: dict[int, dict[str, Any]] = {}
    for agreement in agreements:
        dated = [(timezone.localtime(m.starts_at).date(), m.status) for m in meetings[agreement.pk]]
        held = [
            format_date(day)
            for day, status in dated
            if status == Meeting.Status.HELD and day.year == year
        ]
        plan = followup_plan(
            period_start=agreement.period_start,
            period_end=agreement.period_end,
            per_year=agreement.min_followups_per_year,
        )
        due = [f for f in plan if f.due.year == year]
        statuses = [plan_status(f, meetings=dated, today=year_end) for f in due]
        upcoming = [f for f in plan if f.due.year > year]
        assessment = latest.get(agreement.pk)
        result[agreement.pk] = {
            "held": held,
            "due": len(due),
            "done": sum(1 for s in statuses if s == PlanStatus.HELD),
            "overdue": sum(1 for s in statuses if s == PlanStatus.OVERDUE),
            "next_due": format_date(upcoming[0].due) if upcoming else "",
            "assessment": None
            if assessment is None
            else {
                "period_label": assessment.round.period_label,
                "overall_result": assessment.overall_result,
                "overall_result_label": GoalResult(assessment.overall_result).label
                if assessment.overall_result
                else "",
                "overall_text": assessment.overall_text,
                "recommendation": assessment.recommendation,
            },
            "indicators": indicators.get(agreement.pk),
        }
    return result


def _year_indicators(ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    """Per agreement, its indicators and the submitted values of its last round that ends
    in ``year`` (agreements without indicators or such a round are left out). Four queries."""
    last_round: dict[int, FollowUpRound] = {}
    for round in FollowUpRound.objects.filter(agreement_id__in=ids, period_end__year=year).order_by(
        "period_end", "pk"
    ):
        last_round[round.agreement_id] = round  # the last one wins
    if not last_round:
        return {}
    reports = list(
        Figures.objects.filter(
            round__in=last_round.values(), status=ReportStatus.SUBMITTED
        ).select_related("organisation")
    )
    values = _values_of(reports)
    by_agreement: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(agreement_id__in=last_round).order_by(
        "position", "pk"
    ):
        by_agreement.setdefault(indicator.agreement_id, []).append(indicator)
    result = {}
    for agreement_id, indicators in by_agreement.items():
        round = last_round[agreement_id]
        own = sorted(
            (f for f in reports if f.round_id == round.pk), key=lambda f: f.organisation.name
        )
        rows = []
        for indicator in indicators:
            reported = [
                {
                    "organisation": f.organisation.name,
                    "value": reported_text(
                        indicator, values.get((round.pk, f.organisation_id, indicator.pk))
                    ),
                }
                for f in own
            ]
            rows.append(
                {
                    "name": indicator.name,
                    "target": value_text(indicator.target, None, indicator.unit)
                    if indicator.target is not None
                    else "",
                    "values": [r for r in reported if r["value"]],
                }
            )
        result[agreement_id] = {"period_label": round.period_label, "rows": rows}
    return result
