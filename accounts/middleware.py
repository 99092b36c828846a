"""Sends a signed-in person who must use two-factor authentication, and has not in this
session, to enrol or to enter a code before anything else."""

from django.shortcuts import redirect
from django.urls import reverse

from .twofactor import has_device, is_satisfied

_OPEN_PREFIXES = ("/static/", "/healthz", "/tillganglighet/", "/logga-ut/", "/konto/tvastegs/")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and not is_satisfied(request)
        ):
            target = "accounts:mfa_verify" if has_device(user) else "accounts:mfa_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
