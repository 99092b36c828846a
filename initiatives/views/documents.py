"""The organisation's documents on an initiative (statutes, accounts, reports) and its
answer to a completion request. Files are served only through the scoped download below."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attachments.views import file_response
from common.forms import act, save_through_service, submit_or_page
from common.permissions import permitted

from .. import selectors, services
from ..forms import CompletionAnswerForm, InitiativeAttachmentForm
from ..permissions import can_attach, can_complete, can_handle_initiative
from ._page import detail_context


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = permitted(request.user, selectors.initiative_for_user, pk, can_attach)
    form = InitiativeAttachmentForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        status = save_through_service(
            form,
            lambda: services.initiative_attachment_upload(
                user=request.user,
                initiative=initiative,
                kind=data["kind"],
                year=data["year"],
                uploaded=data["file"],
            ),
        )
        if status is None:
            messages.success(request, "Filen har laddats upp.")
            return redirect(initiative.get_absolute_url())
    handles = can_handle_initiative(request.user, initiative).allowed
    context = detail_context(initiative, user=request.user, handles=handles, upload_form=form)
    return render(request, "initiatives/detail.html", context, status=status)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    return file_response(
        selectors.initiative_attachment_for_user(request.user, initiative, attachment_pk)
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    initiative = selectors.initiative_for_user(request.user, pk)
    attachment = selectors.initiative_attachment_for_user(request.user, initiative, attachment_pk)
    return act(
        request,
        lambda: services.initiative_attachment_delete(
            user=request.user, initiative=initiative, attachment=attachment
        ),
        done=f"Bilagan {attachment.name} är borttagen.",
        to=initiative,
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_complete(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = permitted(request.user, selectors.initiative_for_user, pk, can_complete)
    form = CompletionAnswerForm(
        request.POST or None,
        instance=initiative,
        user=request.user,
        initial={"version": initiative.version, "answer": initiative.completion_answer},
    )

    def save():
        data = {name: form.cleaned_data[name] for name in services.INITIATIVE_FIELDS}
        services.initiative_complete(
            user=request.user,
            initiative=initiative,
            data=data,
            answer=form.cleaned_data["answer"],
            expected_version=form.cleaned_data["version"],
        )

    context = {"form": form, "initiative": initiative}
    return submit_or_page(
        request,
        form,
        save,
        done="Initiativet är kompletterat.",
        to=initiative,
        page=lambda status: render(request, "initiatives/form.html", context, status=status),
    )
