"""Rendered page bodies, cached by data version and by the user who sees them.

``fragment(request, name, template, build)`` returns the HTML of ``template`` rendered with
``build()``'s context, from the "pages" cache when the same user asked for the same URL,
in the same language, on the same day, since the last write to the register
(``common.dataversion``). Only the page body (the ``content`` block) is cached: the layout
around it, with the CSRF token of the logout form, the messages and the draft notice, is
rendered on every request.

The key holds the data version, the user's id, organisation and role, the path with its
query string, the language and the date, so that

- no user ever gets another user's (or another scope's) body: the key is per user, and a
  change of a user's organisation or role is a write that bumps the version;
- nothing is stale: every committed write changes the version, and the date changes at
  midnight (what a page says about "today" follows it);
- a body that holds a CSRF token or a CSP nonce (tied to the session or the response) is
  never stored: it is rendered anew on every request instead.

The cost of a hit is one query (the version) and a cache look-up; of a miss, that query on
top of the page's own work.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from . import dataversion

CACHE_ALIAS = "pages"
_NOT_STORABLE = ("csrfmiddlewaretoken", "nonce=")


def key_for(request: HttpRequest, name: str, version: int) -> str:
    user = request.user
    parts = [
        name,
        str(version),
        str(user.pk),
        str(getattr(user, "organisation_id", None)),
        str(getattr(user, "role", "")),
        "su" if user.is_superuser else "",
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"iop:page:{name}:{digest}"


def storable(html: str) -> bool:
    return not any(marker in html for marker in _NOT_STORABLE)


def fragment(
    request: HttpRequest, name: str, template_name: str, build: Callable[[], dict]
) -> SafeString:
    """The body of a page for a signed-in user, cached (see the module's text)."""
    key = None
    if settings.IOP_PAGE_CACHE_SECONDS > 0 and request.user.is_authenticated:
        version = dataversion.current()
        if version is not None:
            key = key_for(request, name, version)
            html = caches[CACHE_ALIAS].get(key)
            if html is not None:
                request.iop_page_cache = "hit"
                return mark_safe(html)
    request.iop_page_cache = "miss" if key else "off"
    html = render_to_string(template_name, build(), request=request)
    if key and storable(html):
        caches[CACHE_ALIAS].set(key, html, settings.IOP_PAGE_CACHE_SECONDS)
    return mark_safe(html)
