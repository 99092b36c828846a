"""What every page needs for the session warning and a draft to restore."""

from django.conf import settings
from django.http import HttpRequest

from . import selectors
from .session import forget_draft, has_draft
from .views import saved_at_label


def drafts(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {
        "session_idle_seconds": settings.IOP_SESSION_IDLE_MINUTES * 60,
        "session_warn_seconds": settings.IOP_SESSION_WARN_MINUTES * 60,
    }
    # Only pages the session knows to have a draft of this user's look it up.
    if request.method == "GET" and has_draft(request, request.path):
        draft = selectors.draft_for_user(user, request.path)
        if draft is None:
            forget_draft(request, request.path)
        else:
            request.draft_offered = True  # withdrawn unless the page is the form (middleware)
            context["draft_restore"] = {
                "path": draft.path,
                "kind": draft.kind,
                "fields": draft.fields,
                "savedAt": saved_at_label(draft.updated_at),
                "updated": draft.updated_at.isoformat(),
            }
    return context
