"""Endpoints of the scripts (autosave, discard, stay signed in) and the CSRF failure page.
The scripts' endpoints answer JSON; a signed-out caller gets 401, never a login redirect."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from common.keep import keepable_fields

from . import services
from .keep import form_page_path, kept_response
from .session import forget_draft, remember_draft, touch

SIGNED_OUT = {"error": "Du är utloggad. Logga in igen för att fortsätta."}
PATH_FIELD = "draft_path"


def _signed_out() -> JsonResponse:
    return JsonResponse(SIGNED_OUT, status=401)


def saved_at_label(moment) -> str:
    """'14.32', the Swedish way of writing the time the draft was saved."""
    return date_format(timezone.localtime(moment), "H.i")


def _on_form_page(view: Callable[[HttpRequest, str], JsonResponse]):
    """A script's endpoint about one form page: 401 signed out, 400 for a path that is not a
    form page, else ``view(request, path)``."""

    @wraps(view)
    def endpoint(request: HttpRequest) -> JsonResponse:
        if not request.user.is_authenticated:
            return _signed_out()
        path = form_page_path(request.POST.get(PATH_FIELD, ""))
        if path is None:
            return JsonResponse({"error": "Okänt formulär."}, status=400)
        return view(request, path)

    return endpoint


@require_POST
@_on_form_page
def autosave(request: HttpRequest, path: str) -> JsonResponse:
    fields = keepable_fields((k, v) for k, v in request.POST.lists() if k != PATH_FIELD)
    try:
        draft = services.draft_save(user=request.user, path=path, fields=fields)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    remember_draft(request, path)
    return JsonResponse({"savedAt": saved_at_label(draft.updated_at)})


@require_POST
@_on_form_page
def discard(request: HttpRequest, path: str) -> JsonResponse:
    services.draft_discard(user=request.user, path=path)
    forget_draft(request, path)
    return JsonResponse({"discarded": True})


@require_POST
def keepalive(request: HttpRequest) -> JsonResponse:
    """ "Fortsätt vara inloggad": the session's idle clock starts again."""
    if not request.user.is_authenticated:
        return _signed_out()
    touch(request)
    return JsonResponse({"idleSeconds": settings.IOP_SESSION_IDLE_MINUTES * 60})


def csrf_failure(request: HttpRequest, reason: str = ""):
    """CSRF_FAILURE_VIEW: the app's own page, with what was typed kept."""
    if request.path.startswith("/utkast/") or request.path.startswith("/session/"):
        return JsonResponse(
            {"error": "Sidan är för gammal. Ladda om den; det du skrivit finns kvar."},
            status=403,
        )
    return kept_response(request, reason="csrf")
