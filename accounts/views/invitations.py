"""Invitation links: resend, revoke, and the invited person's page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from common.forms import act, apply_validation_error

from .. import selectors, services
from ..emails import send_invitation
from ..forms import AcceptInvitationForm
from ._page import people_url


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for_manager(request.user, pk)

    def resend():
        token = services.invitation_resend(user=request.user, invitation=invitation)
        invitation.refresh_from_db()
        send_invitation(request, invitation, token)

    return act(
        request,
        resend,
        done=f"En ny inbjudan är skickad till {invitation.email}.",
        to=people_url(invitation.organisation_id),
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for_manager(request.user, pk)
    return act(
        request,
        lambda: services.invitation_revoke(user=request.user, invitation=invitation),
        done=f"Inbjudan till {invitation.email} är återkallad.",
        to=people_url(invitation.organisation_id),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the token is the credential. A used, revoked, expired or guessed link
    shows the same page and does nothing."""
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Välkommen! Ditt konto är klart.")
            return redirect("accounts:account")
    status = 400 if request.method == "POST" else 200
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context, status=status)
