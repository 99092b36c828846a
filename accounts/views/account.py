"""The signed-in person's own account: password, two-factor, e-legitimation."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import ElegitimationLink
from ..twofactor import requires_two_factor


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    eid_configured = any(
        app["provider_id"] == "eid"
        for app in settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    )
    context = {
        "totp": TOTPDevice.objects.filter(user=user, confirmed=True).first(),
        "recovery_left": StaticDevice.objects.filter(user=user, confirmed=True)
        .values_list("token_set__token", flat=True)
        .exclude(token_set__token=None)
        .count(),
        "mfa_required": requires_two_factor(user),
        "eid_link": ElegitimationLink.objects.filter(user=user).first(),
        "eid_available": eid_configured and user.is_partner,
    }
    return render(request, "accounts/account.html", context)
