"""Enrol an authenticator app, enter a code after the password, replace recovery codes."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import twofactor
from ..emails import send_two_factor_removed
from ..forms import TokenForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app, or replace the one in use. Replacing needs a session
    verified with the present one: a password alone may not swap the second factor."""
    replacing = twofactor.has_device(request.user)
    if replacing and not request.user.is_verified():
        return redirect(f"{reverse('accounts:mfa_verify')}?next={reverse('accounts:mfa_setup')}")
    device = twofactor.pending_totp(request.user)
    form = TokenForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            messages.success(request, "Tvåstegsverifiering är påslagen.")
            context = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/mfa_recovery_codes.html", context)
        form.add_error(
            "code", "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."
        )
    context = {
        "form": form,
        "qr": twofactor.qr_data_uri(device),
        "secret": twofactor.secret_for_manual_entry(device),
        "next": _next(request),
        "replacing": replacing,
    }
    return render(request, "accounts/mfa_setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    if not twofactor.has_device(request.user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error("code", "Koden stämmer inte eller är redan använd.")
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/mfa_verify.html", context, status=status)


def _verified_with_device(view):
    """A view for a session verified with the user's own authenticator (else: verify first)."""

    @wraps(view)
    def verified(request: HttpRequest) -> HttpResponse:
        if not twofactor.has_device(request.user) or not request.user.is_verified():
            return redirect("accounts:mfa_verify")
        return view(request)

    return verified


@never_cache
@login_required
@require_POST
@_verified_with_device
def mfa_recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = twofactor.recovery_codes_replace(request.user)
    return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": "/konto/"})


@never_cache
@login_required
@require_POST
@_verified_with_device
def mfa_remove(request: HttpRequest) -> HttpResponse:
    """Remove one's own authenticator and recovery codes, in a session verified with them."""
    twofactor.two_factor_remove_own(request)
    send_two_factor_removed(request)
    if twofactor.requires_two_factor(request.user) and settings.IOP_REQUIRE_MFA:
        messages.info(
            request, "Tvåstegsverifieringen är borttagen. Din roll kräver den: koppla en ny app."
        )
        return redirect("accounts:mfa_setup")
    messages.success(request, "Tvåstegsverifieringen är borttagen.")
    return redirect("accounts:account")
