"""Follow-up rounds: open one, read it, the partners' report, reopen, status, assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import act, submit_or_page
from common.permissions import permitted, require

from .. import selectors, services
from ..forms import AssessmentForm, FiguresForm, NotesForm, RoundForm
from ..indicators import reported_text
from ..models import Figures, FollowUpRound, ReportStatus
from ..permissions import (
    can_assess,
    can_open_rounds,
    can_report,
    can_write_report,
    reporting_organisation,
)
from ._page import agreement_context, idea_parties


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(request.user, selectors.agreement_followup_for_user, pk, can_open_rounds)
    form = RoundForm(request.POST if request.method == "POST" else None, agreement=agreement)
    return submit_or_page(
        request,
        form,
        lambda: services.round_create(user=request.user, agreement=agreement, **form.cleaned_data),
        done=lambda created: f"Omgången {created.period_label} är öppnad.",
        to=lambda created: created,
        page=lambda status: render(
            request,
            "followups/round_form.html",
            {**agreement_context(agreement, request), "form": form},
            status=status,
        ),
    )


def _parties_of_round(request: HttpRequest, round: FollowUpRound, goals: list) -> list[dict]:
    """Each idea-based party's notes (per goal), figures and submission status, as the
    user may see them."""
    notes = list(selectors.notes_visible_to(request.user, round))
    figures = {f.organisation_id: f for f in selectors.figures_visible_to(request.user, [round])}
    indicators = list(selectors.indicators_of(round.agreement))
    values = selectors.values_of_reports(figures.values())
    overview = selectors.submission_overview(round)
    parties = []
    for party in idea_parties(round.agreement):
        org = party.organisation
        org_notes = {n.goal_id: n for n in notes if n.organisation_id == org.pk}
        parties.append(
            {
                "organisation": org,
                "status": overview.get(org.pk),
                "notes": [(goal, org_notes.get(goal.pk)) for goal in goals],
                "figures": figures.get(org.pk),
                "values": [
                    (i, reported_text(i, values.get((round.pk, org.pk, i.pk))) or "–")
                    for i in indicators
                ],
                "visible": bool(org_notes) or org.pk in figures,
                "own": org.pk == request.user.organisation_id,
            }
        )
    return parties


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    goals = list(round.agreement.goals.all())
    assessment = selectors.assessment_of(round)
    context = {
        **agreement_context(round.agreement, request),
        "round": round,
        "goals": goals,
        "parties": _parties_of_round(request, round, goals),
        "assessment": assessment,
        "goal_assessments": {g.goal_id: g for g in assessment.goals.all()} if assessment else {},
        "can_write": can_write_report(request.user, round),
        "submitted": ReportStatus.SUBMITTED,
    }
    return render(request, "followups/round_detail.html", context)


def _is_locked(notes: dict, figures: Figures | None) -> bool:
    """Submitted reports are locked until an administrator reopens them."""
    return any(n.status == ReportStatus.SUBMITTED for n in notes.values()) or (
        figures is not None and figures.status == ReportStatus.SUBMITTED
    )


def _report_forms(
    request: HttpRequest, goals: list, notes: dict, figures: Figures | None, indicators, stored
):
    if request.method == "POST":
        return NotesForm(request.POST, goals=goals), FiguresForm(
            request.POST, prefix="figures", indicators=indicators
        )
    initial = {f"goal_{gid}": n.narrative for gid, n in notes.items()}
    initial["version"] = figures.version if figures else 0  # of the report as read
    return (
        NotesForm(goals=goals, initial=initial),
        FiguresForm(
            prefix="figures",
            instance=figures or Figures(),
            indicators=indicators,
            stored_values=stored,
        ),
    )


def _report_saved(organisation, submitted: bool) -> str:
    if submitted:
        return (
            "Rapporten är inlämnad. Den är nu låst och synlig för förvaltningen och "
            "de andra parterna."
        )
    return "Utkastet är sparat. Bara ni på " + organisation.name + " ser det."


def _report_page(request, round, organisation, notes_form, figures_form, locked, status: int):
    context = {
        **agreement_context(round.agreement, request),
        "round": round,
        "organisation": organisation,
        "notes_form": notes_form,
        "figures_form": figures_form,
        "form": notes_form,
        "formset_errors": figures_form.errors,
        "locked": locked,
    }
    return render(request, "followups/round_report.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_report(request: HttpRequest, pk: int) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    require(can_report(request.user, round.agreement))
    organisation = reporting_organisation(request.user, round.agreement)
    goals = list(round.agreement.goals.all())
    notes, figures = selectors.own_report(round, organisation)
    locked = _is_locked(notes, figures)
    indicators = list(selectors.indicators_of(round.agreement))
    stored = selectors.own_values(round, organisation)
    notes_form, figures_form = _report_forms(request, goals, notes, figures, indicators, stored)
    if request.method == "POST":
        require(can_write_report(request.user, round, locked=locked))
    submitted = "submit" in request.POST
    return submit_or_page(
        request,
        notes_form,
        lambda: services.report_save(
            user=request.user,
            round=round,
            narratives=notes_form.narratives(),
            figures=figures_form.values(),
            values=figures_form.indicator_values(),
            submit=submitted,
            expected_version=notes_form.cleaned_data["version"],
        ),
        also=[figures_form],
        prefixed={"figures": figures_form},
        done=_report_saved(organisation, submitted),
        to=round if submitted else reverse("followups:round_report", args=[round.pk]),
        page=lambda status: _report_page(
            request, round, organisation, notes_form, figures_form, locked, status
        ),
    )


@login_required
@require_POST
def round_reopen(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    party = next(
        (p for p in idea_parties(round.agreement) if p.organisation_id == organisation_pk), None
    )
    if party is None:
        raise Http404("Ingen sådan part.")
    services.report_reopen(user=request.user, round=round, organisation=party.organisation)
    messages.success(request, f"Rapporten från {party.organisation.name} är öppnad igen.")
    return redirect(round.get_absolute_url())


@login_required
@require_POST
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    return act(
        request,
        lambda: services.round_set_status(
            user=request.user, round=round, status=request.POST.get("status", "")
        ),
        done=lambda _: f"Omgången är nu {round.get_status_display().lower()}.",
        to=round,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    require(can_assess(request.user, round.agreement))
    goals = list(round.agreement.goals.all())
    posted = request.POST if request.method == "POST" else None
    initial = (
        {} if posted is not None else AssessmentForm.initial_from(selectors.assessment_of(round))
    )
    form = AssessmentForm(posted, goals=goals, initial=initial)
    return submit_or_page(
        request,
        form,
        lambda: services.assessment_save(
            user=request.user,
            round=round,
            overall_result=form.cleaned_data["overall_result"],
            overall_text=form.cleaned_data["overall_text"],
            recommendation=form.cleaned_data["recommendation"],
            goal_results=form.goal_results(),
            expected_version=form.cleaned_data["version"],
        ),
        done="Bedömningen är sparad.",
        to=round,
        page=lambda status: render(
            request,
            "followups/assessment_form.html",
            {**agreement_context(round.agreement, request), "round": round, "form": form},
            status=status,
        ),
    )
