from django.apps import AppConfig


class DraftsConfig(AppConfig):
    """A person's work is never lost: autosaved drafts, form data kept when a session has
    expired or a form's CSRF check failed, and the idle session timeout with its warning.

    On the partnerships floor (it needs only the user); every app's forms use it through
    their templates (``data-autosave``) and the middleware, so no app imports it."""

    name = "drafts"
    verbose_name = "Utkast"

    def ready(self) -> None:
        from . import signals  # noqa: F401
