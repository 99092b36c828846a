"""At sign-in: the session starts its idle clock, what this browser kept while signed out
becomes the user's, and the session learns which form pages have a draft of theirs."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import selectors, services
from .session import DRAFT_PATHS, STASH_COOKIE, touch


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    touch(request)
    cookie = getattr(request, "COOKIES", {}).get(STASH_COOKIE)
    if cookie:
        services.kept_forms_claim(user=user, stash_key=services.stash_hash(cookie))
        request.drop_stash_cookie = True
    request.session[DRAFT_PATHS] = selectors.draft_paths_for_user(user)
