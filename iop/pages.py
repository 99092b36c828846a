"""Pages anyone may read, signed in or not: the accessibility statement
(tillgänglighetsredogörelse) that lag (2018:1937) requires of a public digital service."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The statement in DIGG's model. The contact address is the optional setting
    ``ACCESSIBILITY_CONTACT_EMAIL``; without it the page names the ways that always exist."""
    return render(
        request,
        "accessibility.html",
        {"contact_email": getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "")},
    )
