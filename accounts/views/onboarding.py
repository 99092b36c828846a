"""Operators add public bodies; a body's administrators keep its boards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.forms import submit
from common.permissions import require
from partnerships.models import Organisation, Sector

from .. import permissions, selectors, services
from ..emails import send_invitation
from ..forms import BoardForm, PublicBodyForm


@login_required
@require_http_methods(["GET", "POST"])
def public_bodies(request: HttpRequest) -> HttpResponse:
    require(permissions.can_onboard(request.user))
    form = PublicBodyForm(request.POST or None)
    done = {}
    status = submit(
        request,
        form,
        lambda: done.update(
            result=services.public_body_onboard(user=request.user, **_onboard_args(form))
        ),
    )
    if status is None:
        organisation, invitation, token = done["result"]
        send_invitation(request, invitation, token)
        messages.success(
            request,
            f"{organisation.name} är tillagd; en inbjudan är skickad till {invitation.email}.",
        )
        return redirect("accounts:people", org_pk=organisation.pk)
    bodies = Organisation.objects.filter(sector=Sector.PUBLIC).order_by("name")
    context = {"form": form, "bodies": bodies}
    return render(request, "accounts/public_bodies.html", context, status=status)


def _onboard_args(form: PublicBodyForm) -> dict:
    data = dict(form.cleaned_data)
    data["board_names"] = data.pop("boards")
    return data


@login_required
@require_http_methods(["GET", "POST"])
def boards(request: HttpRequest, org_pk: str) -> HttpResponse:
    organisation = selectors.managed_organisation_for_user(request.user, org_pk)
    require(permissions.can_manage_boards(request.user, organisation))
    form = BoardForm(request.POST or None)
    status = submit(
        request,
        form,
        lambda: services.board_create(
            user=request.user, organisation=organisation, **form.cleaned_data
        ),
    )
    if status is None:
        messages.success(request, f"{form.cleaned_data['name']} är tillagd.")
        return redirect("accounts:boards", org_pk=organisation.pk)
    context = {"organisation": organisation, "boards": selectors.boards_of(organisation)}
    context["form"] = form
    return render(request, "accounts/boards.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def board_update(request: HttpRequest, pk: str) -> HttpResponse:
    board = selectors.board_for_manager(request.user, pk)
    require(permissions.can_manage_boards(request.user, board.organisation))
    form = BoardForm(request.POST or None, instance=None, initial=_board_initial(board))
    status = submit(
        request,
        form,
        lambda: services.board_update(user=request.user, board=board, **form.cleaned_data),
    )
    if status is None:
        messages.success(request, "Nämnden är ändrad. Utfärdade dokument behåller sitt namn.")
        return redirect("accounts:boards", org_pk=board.organisation_id)
    history = board.history.select_related("history_user").order_by("-history_date")
    context = {"board": board, "organisation": board.organisation, "form": form}
    context["history"] = history
    return render(request, "accounts/board_form.html", context, status=status)


def _board_initial(board) -> dict:
    return {"name": board.name, "administration_name": board.administration_name}
