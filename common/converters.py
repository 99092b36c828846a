"""Typed URL parts, registered once: ``<id:pk>`` is a database id as an ``int``.

Anything else in the place of an id (text, a sign, a decimal point, a number too large for
the database's bigint) does not match the URL, so it is a 404 before any view runs; a
well-formed id that does not exist or is outside the user's scope is a 404 from the
selector. ``register()`` is idempotent; every ``urls.py`` that uses ``<id:...>`` calls it."""

from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import converters, register_converter


class IdConverter:
    # Up to 18 digits: always below 2**63, the largest bigint PostgreSQL stores.
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: object) -> str:
        return str(int(str(value)))


def register() -> None:
    if "id" not in converters.get_converters():
        register_converter(IdConverter, "id")


def parse_id(value: object) -> int | None:
    """An int from ``<id:...>`` as it is; text (a caller that still passes a string, a query
    parameter) only when it is a well-formed id (what ``IdConverter`` matches); else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


def id_or_404(value: object, message: str) -> int:
    """The id a selector looks up (``parse_id``); anything that is not an id is the 404."""
    found = parse_id(value)
    if found is None:
        raise Http404(message)
    return found


def one_or_404[M: Model](queryset: QuerySet[M], pk: object, message: str) -> M:
    """The row of ``queryset`` (already scoped to the user) with this id, or the 404 with
    ``message``: for a malformed id, an unknown one and one outside the scope alike."""
    found = queryset.filter(pk=id_or_404(pk, message)).first()
    if found is None:
        raise Http404(message)
    return found
