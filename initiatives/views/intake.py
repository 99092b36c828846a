"""The queue, filing an initiative and reading one."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from common.forms import submit_or_page
from common.permissions import require

from .. import selectors, services
from ..forms import InitiativeForm
from ..models import Status
from ..permissions import can_file_initiative, can_handle_initiative
from ._page import detail_context


@login_required
@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    context = {
        "initiatives": selectors.initiative_queue(request.user, status),
        "statuses": Status.choices,
        "current_status": status,
        "can_file": can_file_initiative(request.user).allowed,
    }
    return render(request, "initiatives/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(can_file_initiative(user))
    form = InitiativeForm(request.POST if request.method == "POST" else None, user=user)

    def save():
        data = {n: form.cleaned_data[n] for n in services.INITIATIVE_FIELDS}
        organisation = form.cleaned_data.get("organisation") or user.organisation
        public_body = form.cleaned_data.get("public_body") or user.organisation
        return services.initiative_file(
            user=user, organisation=organisation, public_body=public_body, data=data
        )

    return submit_or_page(
        request,
        form,
        save,
        done="Initiativet är inlämnat.",
        to=lambda initiative: initiative,
        page=lambda status: render(request, "initiatives/form.html", {"form": form}, status=status),
    )


@login_required
@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    handles = can_handle_initiative(request.user, initiative).allowed
    context = detail_context(initiative, user=request.user, handles=handles)
    return render(request, "initiatives/detail.html", context)
