"""The personal calendar feed: its settings page and the feed itself (token, no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from .. import ical, selectors, services

NEW_FEED_URL = "iop_new_calendar_feed_url"


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=request.user)
            messages.success(request, "Kalenderadressen är spärrad och fungerar inte längre.")
        else:
            _feed, token = services.calendar_feed_create(user=request.user)
            # Shown once, on the next page: the token itself is stored nowhere.
            request.session[NEW_FEED_URL] = request.build_absolute_uri(
                reverse("followups:calendar_feed", args=[token])
            )
            messages.success(
                request, "En ny kalenderadress är skapad. En tidigare adress fungerar inte längre."
            )
        return redirect("followups:calendar_settings")
    feed = selectors.active_feed(request.user)
    feed_url = request.session.pop(NEW_FEED_URL, "") if feed else ""
    return render(request, "followups/calendar_settings.html", {"feed": feed, "feed_url": feed_url})


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the secret token is the credential. Unknown or revoked -> 404."""
    feed = selectors.feed_by_token(token)
    user = feed.user
    meetings = selectors.meetings_visible_to(user).order_by("starts_at")
    rounds = selectors.rounds_visible_to(user).order_by("due_date")
    response = HttpResponse(
        ical.user_feed(meetings=meetings, rounds=rounds),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
