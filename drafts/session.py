"""What the session remembers for drafts: when the user was last active, and which form
pages have a draft of theirs (so a page without one costs no query)."""

import time

from django.http import HttpRequest

LAST_SEEN = "iop_last_seen"
DRAFT_PATHS = "iop_draft_paths"
STASH_COOKIE = "iop_kept"


def touch(request: HttpRequest) -> None:
    request.session[LAST_SEEN] = time.time()


def has_draft(request: HttpRequest, path: str) -> bool:
    # A request that never went through the session middleware (a page rendered in-process,
    # as the benchmark does) has no drafts.
    session = getattr(request, "session", None)
    return session is not None and path in session.get(DRAFT_PATHS, ())


def remember_draft(request: HttpRequest, path: str) -> None:
    paths = request.session.get(DRAFT_PATHS, [])
    if path not in paths:
        request.session[DRAFT_PATHS] = [*paths, path][-50:]


def forget_draft(request: HttpRequest, path: str) -> None:
    paths = request.session.get(DRAFT_PATHS, [])
    if path in paths:
        request.session[DRAFT_PATHS] = [p for p in paths if p != path]
