"""Start linking a partner's e-legitimation (the flow itself is allauth's)."""

import time

from allauth.socialaccount.providers.openid_connect import views as openid_connect_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from ..sso import LINK_SESSION_KEY, providers


@login_required
@require_POST
def eid_link_start(request: HttpRequest) -> HttpResponse:
    """Remember that the next e-legitimation of this session is to be linked, then post
    on to the broker through allauth's own start of the flow (this request is a POST whose
    CSRF token was checked)."""
    if not request.user.is_partner or not any(p["id"] == "eid" for p in providers()):
        raise PermissionDenied("Bara partner kan koppla e-legitimation.")
    request.session[LINK_SESSION_KEY] = {"user": request.user.pk, "at": time.time()}
    return openid_connect_views.login(request, "eid")
