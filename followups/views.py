"""Thin views of follow-ups: load via selectors (404 outside scope), check permissions
(403 for visible-but-forbidden), call services, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.permissions import require
from partnerships.models import Agreement, Sector
from partnerships.tabs import agreement_tabs

from . import ical, selectors, services
from .chart import METRICS, Series, bar_chart
from .forms import AssessmentForm, FiguresForm, MeetingForm, NotesForm, RoundForm
from .models import Figures, Meeting, ReportStatus
from .permissions import (
    can_assess,
    can_manage_followups,
    can_open_rounds,
    can_plan_meetings,
    can_report,
    can_write_report,
    reporting_organisation,
)
from .schedule import PLAN_STATUS_LABELS


def _add_errors(form, exc: ValidationError, prefix_map: dict | None = None) -> None:
    """Put a service's ValidationError next to the fields it names, keeping the input."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = (prefix_map or {}).get(field, field)
            if target in form.fields:
                form.add_error(target, errors)
            else:
                form.add_error(None, errors)
    else:
        form.add_error(None, exc.messages)


def _idea_parties(agreement: Agreement):
    return [p for p in agreement.parties.all() if p.role == Sector.IDEA_BASED]


def _agreement_context(agreement: Agreement, request: HttpRequest) -> dict:
    return {
        "agreement": agreement,
        "tabs": agreement_tabs(),
        "active_tab": "followups",
        "can_manage": can_manage_followups(request.user, agreement),
    }


@login_required
@require_GET
def agreement_followup(request: HttpRequest, pk: str) -> HttpResponse:
    agreement = selectors.agreement_followup_for_user(request.user, pk)
    today = timezone.localdate()
    meetings = list(agreement.meetings.all().order_by("starts_at", "pk"))
    plan = [
        {"followup": f, "status": s, "label": PLAN_STATUS_LABELS[s], "meetings": m}
        for f, s, m in selectors.plan_with_status(agreement, meetings, today)
    ]
    rounds = list(selectors.rounds_of(agreement))
    figures = list(
        selectors.figures_visible_to(request.user, rounds).order_by(
            "round__period_start", "organisation__name"
        )
    )
    metric = request.GET.get("matt", "unique_persons")
    if metric not in METRICS:
        metric = "unique_persons"
    organisations = sorted({f.organisation for f in figures}, key=lambda o: o.name)
    by_key = {(f.round_id, f.organisation_id): f for f in figures}
    chart_rounds = [r for r in rounds if any(r.pk == f.round_id for f in figures)]
    chart = (
        bar_chart(
            title=f"{METRICS[metric]} per omgång och organisation",
            categories=[r.period_label for r in chart_rounds],
            series=[
                Series(
                    name=o.name,
                    values=[getattr(by_key.get((r.pk, o.pk)), metric, None) for r in chart_rounds],
                )
                for o in organisations
            ],
            chart_id="figures-chart",
        )
        if figures
        else ""
    )
    partner_org = reporting_organisation(request.user, agreement)
    return render(
        request,
        "followups/agreement_followup.html",
        {
            **_agreement_context(agreement, request),
            "plan": plan,
            "meetings": meetings,
            "rounds": rounds,
            "figures": figures,
            "chart": chart,
            "metrics": METRICS.items(),
            "metric": metric,
            "partner_org": partner_org,
            "today": today,
        },
    )


# Meetings -------------------------------------------------------------------------------


def _meeting_form_view(request, agreement: Agreement, meeting: Meeting | None):
    require(can_plan_meetings(request.user, agreement))
    contacts = services.party_contacts(agreement)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        instance=meeting,
        contacts=contacts,
    )
    if request.method == "POST" and form.is_valid():
        data = {
            name: form.cleaned_data[name]
            for name in services.MEETING_FIELDS
            if name in form.cleaned_data
        }
        try:
            saved = services.meeting_save(
                user=request.user,
                agreement=agreement,
                meeting=meeting,
                data=data,
                attendees=form.cleaned_data["attendees"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Mötet är sparat.")
            return redirect(saved.get_absolute_url())
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "followups/meeting_form.html",
        {
            **_agreement_context(agreement, request),
            "form": form,
            "meeting": meeting,
            "has_contacts": bool(contacts),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: str) -> HttpResponse:
    agreement = selectors.agreement_followup_for_user(request.user, pk)
    return _meeting_form_view(request, agreement, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return _meeting_form_view(request, meeting.agreement, meeting)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    agreement = meeting.agreement
    return render(
        request,
        "followups/meeting_detail.html",
        {
            **_agreement_context(agreement, request),
            "meeting": meeting,
            "attendees": list(meeting.attendees.select_related("organisation")),
        },
    )


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    content = ical.meeting_invitation(
        meeting,
        organizer_email=request.user.email
        if can_manage_followups(request.user, meeting.agreement)
        else "",
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = (
        f'attachment; filename="uppfoljningsmote-{meeting.starts_at:%Y-%m-%d}.ics"'
    )
    return response


@login_required
@require_POST
def meeting_invite(request: HttpRequest, pk: str) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    try:
        recipients = services.meeting_send_invitation(user=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Inbjudan skickad till {len(recipients)} mottagare: {', '.join(recipients)}."
        )
    return redirect(meeting.get_absolute_url())


# Rounds ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: str) -> HttpResponse:
    agreement = selectors.agreement_followup_for_user(request.user, pk)
    require(can_open_rounds(request.user, agreement))
    form = RoundForm(request.POST if request.method == "POST" else None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_create(
                user=request.user, agreement=agreement, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc, {"__all__": None})
        else:
            messages.success(request, f"Omgången {round.period_label} är öppnad.")
            return redirect(round.get_absolute_url())
    return render(
        request,
        "followups/round_form.html",
        {**_agreement_context(agreement, request), "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: str) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    agreement = round.agreement
    goals = list(agreement.goals.all())
    notes = list(selectors.notes_visible_to(request.user, round))
    figures = {f.organisation_id: f for f in selectors.figures_visible_to(request.user, [round])}
    overview = selectors.submission_overview(round)
    parties = []
    for party in _idea_parties(agreement):
        org = party.organisation
        org_notes = {n.goal_id: n for n in notes if n.organisation_id == org.pk}
        parties.append(
            {
                "organisation": org,
                "status": overview.get(org.pk),
                "notes": [(goal, org_notes.get(goal.pk)) for goal in goals],
                "figures": figures.get(org.pk),
                "visible": bool(org_notes) or org.pk in figures,
                "own": org.pk == request.user.organisation_id,
            }
        )
    assessment = selectors.assessment_of(round)
    return render(
        request,
        "followups/round_detail.html",
        {
            **_agreement_context(agreement, request),
            "round": round,
            "goals": goals,
            "parties": parties,
            "assessment": assessment,
            "goal_assessments": {g.goal_id: g for g in assessment.goals.all()}
            if assessment
            else {},
            "can_write": can_write_report(request.user, round),
            "submitted": ReportStatus.SUBMITTED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_report(request: HttpRequest, pk: str) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    agreement = round.agreement
    require(can_report(request.user, agreement))
    organisation = reporting_organisation(request.user, agreement)
    goals = list(agreement.goals.all())
    notes, figures = selectors.own_report(round, organisation)
    locked = any(n.status == ReportStatus.SUBMITTED for n in notes.values()) or (
        figures is not None and figures.status == ReportStatus.SUBMITTED
    )
    if request.method == "POST":
        notes_form = NotesForm(request.POST, goals=goals)
        figures_form = FiguresForm(request.POST, prefix="figures")
    else:
        notes_form = NotesForm(
            goals=goals,
            initial={f"goal_{gid}": n.narrative for gid, n in notes.items()},
        )
        figures_form = FiguresForm(prefix="figures", instance=figures or Figures())
    if request.method == "POST":
        require(can_write_report(request.user, round, locked=locked))
        submit = "submit" in request.POST
        if notes_form.is_valid() and figures_form.is_valid():
            try:
                services.report_save(
                    user=request.user,
                    round=round,
                    narratives=notes_form.narratives(),
                    figures=figures_form.values(),
                    submit=submit,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for key, errors in exc.message_dict.items():
                        if key.startswith("figures-"):
                            name = key.removeprefix("figures-")
                            figures_form.add_error(
                                name if name in figures_form.fields else None, errors
                            )
                        elif key in notes_form.fields:
                            notes_form.add_error(key, errors)
                        else:
                            notes_form.add_error(None, errors)
                else:
                    notes_form.add_error(None, exc.messages)
            else:
                messages.success(
                    request,
                    "Rapporten är inlämnad. Den är nu låst och synlig för förvaltningen och "
                    "de andra parterna."
                    if submit
                    else "Utkastet är sparat. Bara ni på " + organisation.name + " ser det.",
                )
                return redirect(
                    round.get_absolute_url()
                    if submit
                    else reverse("followups:round_report", args=[round.pk])
                )
    status = 400 if (notes_form.is_bound and (notes_form.errors or figures_form.errors)) else 200
    return render(
        request,
        "followups/round_report.html",
        {
            **_agreement_context(agreement, request),
            "round": round,
            "organisation": organisation,
            "notes_form": notes_form,
            "figures_form": figures_form,
            "form": notes_form,
            "formset_errors": figures_form.errors,
            "locked": locked,
        },
        status=status,
    )


@login_required
@require_POST
def round_reopen(request: HttpRequest, pk: str, organisation_pk: str) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    party = next(
        (p for p in _idea_parties(round.agreement) if str(p.organisation_id) == organisation_pk),
        None,
    )
    if party is None:
        raise Http404("Ingen sådan part.")
    services.report_reopen(user=request.user, round=round, organisation=party.organisation)
    messages.success(request, f"Rapporten från {party.organisation.name} är öppnad igen.")
    return redirect(round.get_absolute_url())


@login_required
@require_POST
def round_status(request: HttpRequest, pk: str) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    try:
        services.round_set_status(
            user=request.user, round=round, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Omgången är nu {round.get_status_display().lower()}.")
    return redirect(round.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def round_assessment(request: HttpRequest, pk: str) -> HttpResponse:
    round = selectors.round_for_user(request.user, pk)
    agreement = round.agreement
    require(can_assess(request.user, agreement))
    goals = list(agreement.goals.all())
    if request.method == "POST":
        form = AssessmentForm(request.POST, goals=goals)
    else:
        assessment = selectors.assessment_of(round)
        initial = {}
        if assessment:
            initial = {
                "overall_result": assessment.overall_result,
                "overall_text": assessment.overall_text,
                "recommendation": assessment.recommendation,
            }
            for row in assessment.goals.all():
                initial[f"goal_{row.goal_id}_result"] = row.result
                initial[f"goal_{row.goal_id}_comment"] = row.comment
        form = AssessmentForm(goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                user=request.user,
                round=round,
                overall_result=form.cleaned_data["overall_result"],
                overall_text=form.cleaned_data["overall_text"],
                recommendation=form.cleaned_data["recommendation"],
                goal_results=form.goal_results(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Bedömningen är sparad.")
            return redirect(round.get_absolute_url())
    return render(
        request,
        "followups/assessment_form.html",
        {**_agreement_context(agreement, request), "round": round, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


# Calendar feed --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, "Kalenderadressen är spärrad och fungerar inte längre.")
        else:
            services.calendar_feed_create(user=request.user)
            messages.success(
                request, "En ny kalenderadress är skapad. En tidigare adress fungerar inte längre."
            )
        return redirect("followups:calendar_settings")
    feed = selectors.active_feed(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("followups:calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    return render(request, "followups/calendar_settings.html", {"feed": feed, "feed_url": feed_url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the secret token is the credential. Unknown or revoked -> 404."""
    feed = selectors.feed_by_token(token)
    user = feed.user
    meetings = selectors.meetings_visible_to(user).order_by("starts_at")
    rounds = selectors.rounds_visible_to(user).order_by("due_date")
    response = HttpResponse(
        ical.user_feed(meetings=meetings, rounds=rounds),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
