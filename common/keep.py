"""Keeping what a person typed: pure rules shared by the session timeout, the kept form
data of an expired session and the autosaved drafts. No database, no app imports."""

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

# Never kept, whatever the form: credentials and the CSRF token.
NEVER_KEPT = ("csrfmiddlewaretoken", "password", "token", "secret")
MAX_FIELDS = 200
MAX_VALUE_CHARS = 100_000
MAX_TOTAL_CHARS = 500_000
# The session is written at most this often while a user is active (a write per request
# would cost a database UPDATE on every page).
REFRESH_SECONDS = 60


def is_never_kept(name: str) -> bool:
    lowered = name.lower()
    return any(part in lowered for part in NEVER_KEPT)


def keepable_fields(items: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    """The posted fields worth keeping: no passwords or tokens, bounded in size (the rest
    is dropped rather than refused: this is a safety net, not a store)."""
    kept: dict[str, list[str]] = {}
    total = 0
    for name, values in items:
        if is_never_kept(name) or len(kept) >= MAX_FIELDS or len(name) > 200:
            continue
        values = [value for value in values if len(value) <= MAX_VALUE_CHARS]
        size = sum(len(value) for value in values)
        if not values or total + size > MAX_TOTAL_CHARS:
            continue
        kept[name] = values
        total += size
    return kept


def idle_expired(*, last_seen: float | None, now: float, idle_seconds: int) -> bool:
    """True when the session has been unused for longer than the idle timeout."""
    return last_seen is not None and now - last_seen > idle_seconds


def needs_refresh(*, last_seen: float | None, now: float) -> bool:
    """True when the last-seen time is worth writing again (at most once a minute)."""
    return last_seen is None or now - last_seen >= REFRESH_SECONDS


def same_origin_path(url: str, *, host: str) -> str | None:
    """The path (and query) of ``url`` when it points at ``host``; None otherwise."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def posted_from_this_site(headers: Mapping[str, str], *, host: str) -> bool:
    """A browser names the page a POST came from (Origin, else Referer). Another site's
    forged POST must never be kept: restored into a signed-in user's form, it would be
    saved under their name. A client that sends neither header is not a browser."""
    origin = headers.get("Origin")
    if origin:
        return same_origin_path(origin + "/", host=host) is not None
    referer = headers.get("Referer")
    if referer:
        return same_origin_path(referer, host=host) is not None
    return True
