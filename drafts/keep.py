"""The page shown when a form POST could not be handled (the session had expired, or the
CSRF check failed): the app's own layout, what happened, and what was typed kept."""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.urls import Resolver404, resolve

from common.keep import keepable_fields, posted_from_this_site, same_origin_path
from partnerships.models import User

from . import services
from .session import STASH_COOKIE, remember_draft

# Bookkeeping fields of a form that are not worth showing back to the person.
_HIDDEN_SUFFIXES = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS", "version")


def form_page_path(path: str) -> str | None:
    """``path`` when it is a page of this app whose form may be kept and restored."""
    path = path.split("?", 1)[0]
    if not path.startswith("/") or len(path) > 500:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name in ("login", "logout") or match.app_name in ("admin", "drafts"):
        return None
    return path


def _restore_path(request: HttpRequest) -> str | None:
    """The page that showed the form: the referring page of this site, else the path."""
    referer = same_origin_path(request.headers.get("Referer", ""), host=request.get_host())
    return form_page_path(referer or "") or form_page_path(request.path)


def _shown_back(fields: dict[str, list[str]]) -> list[str]:
    return [
        value
        for name, values in fields.items()
        if not name.endswith((*_HIDDEN_SUFFIXES, "-id")) and name != "next"
        for value in values
        if value.strip() and not value.strip().isdigit()
    ]


def _owner(request: HttpRequest) -> User | None:
    if request.user.is_authenticated:
        return request.user
    expired_user_id = getattr(request, "expired_user_id", None)
    if expired_user_id is not None:
        return User.objects.filter(pk=expired_user_id, is_active=True).first()
    return None


def kept_response(request: HttpRequest, *, reason: str) -> HttpResponse:
    """Keep what was posted (for the person, or this browser until someone signs in)
    and explain; ``reason`` is ``"session"`` or ``"csrf"``."""
    fields = keepable_fields(request.POST.lists())
    path = _restore_path(request)
    trusted = posted_from_this_site(request.headers, host=request.get_host())
    owner = _owner(request)
    stash_cookie = request.COOKIES.get(STASH_COOKIE) or secrets.token_urlsafe(32)
    draft, refused = None, []
    if trusted and path and fields:
        draft, refused = services.form_keep(
            user=owner,
            stash_key=services.stash_hash(stash_cookie) if owner is None else "",
            path=path,
            fields=fields,
        )
        if draft is not None and request.user.is_authenticated:
            remember_draft(request, path)
    signed_in = request.user.is_authenticated
    login_url = resolve_url(settings.LOGIN_URL)
    response = render(
        request,
        "drafts/kept.html",
        {
            "reason": reason,
            "signed_in": signed_in,
            "kept": draft is not None,
            "kept_hours": settings.IOP_KEPT_FORM_HOURS,
            "path": path,
            "login_url": f"{login_url}?{urlencode({'next': path})}" if path else login_url,
            "typed": _shown_back(fields) if trusted else [],
            "refused_count": len(refused),
        },
        # 401 when the answer is "sign in again", 403 when a signed-in user's form failed.
        status=403 if signed_in else 401,
    )
    if draft is not None and draft.user_id is None:
        response.set_cookie(
            STASH_COOKIE,
            stash_cookie,
            max_age=settings.IOP_KEPT_FORM_HOURS * 3600,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )
    return response
