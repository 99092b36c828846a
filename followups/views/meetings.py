"""Follow-up meetings: plan and edit, read, download as .ics, send the invitation."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import act, submit_or_page
from common.permissions import require
from partnerships.models import Agreement

from .. import ical, selectors, services
from ..forms import MeetingForm
from ..models import Meeting
from ..permissions import can_manage_followups, can_plan_meetings
from ._page import agreement_context


def _meeting_form_view(request: HttpRequest, agreement: Agreement, meeting: Meeting | None):
    require(can_plan_meetings(request.user, agreement))
    contacts = services.party_contacts(agreement)
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=meeting, contacts=contacts)
    return submit_or_page(
        request,
        form,
        lambda: services.meeting_save(
            user=request.user,
            agreement=agreement,
            meeting=meeting,
            data={
                n: form.cleaned_data[n] for n in services.MEETING_FIELDS if n in form.cleaned_data
            },
            attendees=form.cleaned_data["attendees"],
            expected_version=form.cleaned_data.get("version"),
        ),
        done="Mötet är sparat.",
        to=lambda saved: saved,
        page=lambda status: _meeting_page(request, agreement, meeting, form, contacts, status),
    )


def _meeting_page(request, agreement, meeting, form, contacts, status: int) -> HttpResponse:
    context = {"form": form, "meeting": meeting, "has_contacts": bool(contacts)}
    context |= agreement_context(agreement, request)
    return render(request, "followups/meeting_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_followup_for_user(request.user, pk)
    return _meeting_form_view(request, agreement, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_update(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return _meeting_form_view(request, meeting.agreement, meeting)


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    context = {
        **agreement_context(meeting.agreement, request),
        "meeting": meeting,
        "attendees": list(meeting.attendees.select_related("organisation")),
    }
    return render(request, "followups/meeting_detail.html", context)


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    organiser = can_manage_followups(request.user, meeting.agreement)
    content = ical.meeting_invitation(
        meeting, organizer_email=request.user.email if organiser else ""
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = (
        f'attachment; filename="uppfoljningsmote-{meeting.starts_at:%Y-%m-%d}.ics"'
    )
    return response


@login_required
@require_POST
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for_user(request.user, pk)
    return act(
        request,
        lambda: services.meeting_send_invitation(user=request.user, meeting=meeting),
        done=lambda sent: f"Inbjudan skickad till {len(sent)} mottagare: {', '.join(sent)}.",
        to=meeting,
    )
