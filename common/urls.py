"""What every app's ``urls.py`` shares, declared once.

Importing this module registers the typed converters (``<id:pk>``, ``common.converters``),
so an app's URLs take ``path`` from here. ``under`` writes a resource's prefix once for the
routes below it; ``pages`` declares the standard pages of one resource (list, new, one,
edit). Both give flat ``path()`` entries: the names, routes and parameters are exactly
those written out by hand (``tests/security/test_url_matrix.py`` walks them)."""

from collections.abc import Callable
from types import ModuleType

from django.urls import URLPattern, path

from . import converters

converters.register()

__all__ = ["pages", "path", "under"]


def under(prefix: str, *routes: tuple[str, Callable, str]) -> list[URLPattern]:
    """``path(prefix + route, view, name=name)`` for each ``(route, view, name)``."""
    return [path(prefix + route, view, name=name) for route, view, name in routes]


def pages(prefix: str, name: str, views: ModuleType) -> list[URLPattern]:
    """A resource's list (``prefix``), new (``prefix/ny/``), one (``prefix/<id:pk>/``) and
    edit (``prefix/<id:pk>/redigera/``) pages, named and served by ``views.<name>_list``,
    ``<name>_create``, ``<name>_detail`` and ``<name>_update``."""
    routes = {"list": "", "create": "ny/", "detail": "<id:pk>/", "update": "<id:pk>/redigera/"}
    return under(
        prefix,
        *(
            (route, getattr(views, f"{name}_{page}"), f"{name}_{page}")
            for page, route in routes.items()
        ),
    )
