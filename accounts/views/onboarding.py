"""Operators add public bodies; a body's administrators keep its boards."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from common.forms import submit_or_page
from common.permissions import permitted, require
from partnerships.models import Organisation, Sector

from .. import permissions, selectors, services
from ..emails import send_invitation
from ..forms import BoardForm, PublicBodyForm
from ._page import boards_url, people_url


@login_required
@require_http_methods(["GET", "POST"])
def public_bodies(request: HttpRequest) -> HttpResponse:
    require(permissions.can_onboard(request.user))
    form = PublicBodyForm(request.POST or None)

    def save():
        organisation, invitation, token = services.public_body_onboard(
            user=request.user, **_onboard_args(form)
        )
        send_invitation(request, invitation, token)
        return organisation, invitation

    return submit_or_page(
        request,
        form,
        save,
        done=lambda made: (
            f"{made[0].name} är tillagd; en inbjudan är skickad till {made[1].email}."
        ),
        to=lambda made: people_url(made[0].pk),
        page=lambda status: _public_bodies_page(request, form, status),
    )


def _public_bodies_page(request: HttpRequest, form, status: int) -> HttpResponse:
    bodies = Organisation.objects.filter(sector=Sector.PUBLIC).order_by("name")
    context = {"form": form, "bodies": bodies}
    return render(request, "accounts/public_bodies.html", context, status=status)


def _onboard_args(form: PublicBodyForm) -> dict:
    data = dict(form.cleaned_data)
    data["board_names"] = data.pop("boards")
    return data


@login_required
@require_http_methods(["GET", "POST"])
def boards(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = permitted(
        request.user, selectors.managed_organisation_for_user, org_pk, permissions.can_manage_boards
    )
    form = BoardForm(request.POST or None)
    return submit_or_page(
        request,
        form,
        lambda: services.board_create(
            user=request.user, organisation=organisation, **form.cleaned_data
        ),
        done=lambda _: f"{form.cleaned_data['name']} är tillagd.",
        to=boards_url(organisation.pk),
        page=lambda status: render(
            request,
            "accounts/boards.html",
            {
                "organisation": organisation,
                "boards": selectors.boards_of(organisation),
                "form": form,
            },
            status=status,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_update(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_for_manager(request.user, pk)
    require(permissions.can_manage_boards(request.user, board.organisation))
    form = BoardForm(request.POST or None, instance=None, initial=_board_initial(board))
    return submit_or_page(
        request,
        form,
        lambda: services.board_update(user=request.user, board=board, **form.cleaned_data),
        done="Nämnden är ändrad. Utfärdade dokument behåller sitt namn.",
        to=boards_url(board.organisation_id),
        page=lambda status: _board_page(request, board, form, status),
    )


def _board_page(request: HttpRequest, board, form, status: int) -> HttpResponse:
    history = board.history.select_related("history_user").order_by("-history_date")
    context = {"board": board, "organisation": board.organisation, "form": form}
    context["history"] = history
    return render(request, "accounts/board_form.html", context, status=status)


def _board_initial(board) -> dict:
    return {"name": board.name, "administration_name": board.administration_name}
