"""The assessment (IOP criteria, legal assessment, de minimis) and the de minimis register."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.csv_export import csv_response
from common.forms import submit_or_page
from common.permissions import permitted, require

from .. import de_minimis, selectors, services
from ..forms import AssessmentForm, DeclaredAidForm
from ..models import IOP_CRITERIA, STATE_AID_CRITERIA
from ..permissions import can_export_de_minimis, can_handle_initiative


def _render(request, initiative, assessment, form, aid_form, status: int) -> HttpResponse:
    grants = services.de_minimis_grants(
        initiative.organisation, initiative.public_body, exclude=assessment
    )
    today = timezone.localdate()
    context = {
        "initiative": initiative,
        "form": form,
        "aid_form": aid_form,
        "iop_fields": [(form[f"{p}_met"], form[f"{p}_reason"]) for p, _ in IOP_CRITERIA],
        "aid_fields": [(form[f"{p}_met"], form[f"{p}_reason"]) for p, _ in STATE_AID_CRITERIA],
        "grants": sorted(grants, key=lambda g: g.granted_on),
        "window_start": de_minimis.window_start(today),
        "counted": de_minimis.counted_total(grants, today, sgei=True),
        "check": services.de_minimis_check(assessment) if assessment else None,
    }
    return render(request, "initiatives/assessment.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = permitted(request.user, selectors.initiative_for_user, pk, can_handle_initiative)
    assessment = selectors.assessment_of(initiative)
    data = request.POST if request.method == "POST" else None
    initial = {"version": assessment.version if assessment else 0}
    form = AssessmentForm(data, instance=assessment, initial=initial)
    return submit_or_page(
        request,
        form,
        lambda: services.assessment_save(
            user=request.user,
            initiative=initiative,
            data=form.data_for_service(),
            expected_version=form.cleaned_data["version"],
            accept_over_cap=form.cleaned_data["accept_over_cap"],
        ),
        done="Bedömningen är sparad.",
        to=initiative,
        page=lambda status: _render(
            request, initiative, assessment, form, DeclaredAidForm(), status
        ),
    )


@login_required
@require_POST
def declared_aid_add(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = permitted(request.user, selectors.initiative_for_user, pk, can_handle_initiative)
    form = DeclaredAidForm(request.POST)
    return submit_or_page(
        request,
        form,
        lambda: services.declared_aid_add(
            user=request.user, initiative=initiative, **form.cleaned_data
        ),
        done="Det deklarerade stödet är registrerat.",
        to=reverse("initiatives:assessment", args=[initiative.pk]),
        page=lambda status: _aid_refused(request, initiative, form, status),
    )


def _aid_refused(request, initiative, aid_form, status: int) -> HttpResponse:
    """The assessment page again, as stored, with the declared aid that was refused."""
    assessment = selectors.assessment_of(initiative)
    form = AssessmentForm(
        instance=assessment, initial={"version": assessment.version if assessment else 0}
    )
    return _render(request, initiative, assessment, form, aid_form, status)


DE_MINIMIS_HEADER = [
    "Mottagare",
    "Organisationsnummer",
    "Initiativ",
    "Beslutsdatum",
    "Belopp (kr)",
    "Växelkurs (kr per euro)",
    "Belopp (euro)",
    "SGEI",
]


@login_required
@require_GET
def de_minimis_csv(request: HttpRequest) -> HttpResponse:
    require(can_export_de_minimis(request.user))
    rows = [
        [
            a.initiative.organisation.name,
            a.initiative.organisation.organisation_number or "",
            a.initiative.title,
            a.decision_date.isoformat(),
            a.de_minimis_amount_sek,
            a.sek_per_eur,
            a.amount_eur,
            "ja" if a.de_minimis_sgei else "nej",
        ]
        for a in selectors.de_minimis_grants_of_body(request.user.organisation)
    ]
    return csv_response("stod-av-mindre-betydelse.csv", DE_MINIMIS_HEADER, rows)
