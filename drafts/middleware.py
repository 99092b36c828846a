"""The idle session timeout, and form POSTs that must not lose what was typed."""

import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import resolve_url

from common.keep import idle_expired, needs_refresh, same_origin_path

from . import services
from .keep import form_page_path, kept_response
from .session import LAST_SEEN, STASH_COOKIE, forget_draft, has_draft


class SessionIdleMiddleware:
    """Sign out a session unused for ``IOP_SESSION_IDLE_MINUTES``. The last-seen time is
    written at most once a minute (a session write on every request would be an UPDATE per
    page); each write also moves the session's expiry in the database forward."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            idle_seconds = settings.IOP_SESSION_IDLE_MINUTES * 60
            if idle_expired(last_seen=last_seen, now=now, idle_seconds=idle_seconds):
                request.expired_user_id = request.user.pk
                logout(request)
            elif needs_refresh(last_seen=last_seen, now=now):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303) or not response.has_header("Location"):
        return False
    return urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)


_DRAFT_SCRIPT = re.compile(
    rb'<script id="draft-restore" type="application/json">.*?</script>', re.S
)


def _withdraw_draft(response) -> None:
    """A draft goes only into the form page itself: never into a 403, 404 or error page
    rendered for that path (a user who may not open the form must not get its text)."""
    shown_with_form = 200 <= response.status_code < 300 or response.status_code in (400, 409)
    if not response.streaming and not shown_with_form:
        response.content = _DRAFT_SCRIPT.sub(b"", response.content)


class KeepWorkMiddleware:
    """A form POST answered by "sign in first" keeps what was typed and explains, instead
    of a bare redirect that drops it; a successful save removes the user's draft of it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in_before = request.method == "POST" and request.user.is_authenticated
        response = self.get_response(request)
        if getattr(request, "draft_offered", False):
            _withdraw_draft(response)
        if request.method != "POST":
            return response
        if not request.user.is_authenticated:
            # Signed out before the view ran (not by it, as signing out does): kept.
            if (
                not signed_in_before
                and _is_login_redirect(response)
                and form_page_path(request.path) is not None
            ):
                return kept_response(request, reason="session")
            return response
        if 300 <= response.status_code < 400:
            referer = same_origin_path(request.headers.get("Referer", ""), host=request.get_host())
            for path in {request.path, (referer or "").split("?", 1)[0]}:
                if path and has_draft(request, path):
                    services.draft_discard(user=request.user, path=path)
                    forget_draft(request, path)
        if getattr(request, "drop_stash_cookie", False):
            response.delete_cookie(STASH_COOKIE, samesite="Lax")
        return response
