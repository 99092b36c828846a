"""Form -> service -> response, the same in every app."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm

from .errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError


def apply_validation_error(form: BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the form has the field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_through_service(form: BaseForm, save: Callable[[], object]) -> int | None:
    """Run the service call that saves a valid form. None when it saved; otherwise the
    status to answer with, the reason already on the form: 409 when somebody else saved
    first (the user's input is kept), 400 when a rule refused the data."""
    try:
        save()
    except ConcurrentEditError:
        form.add_error(None, CONCURRENT_EDIT_MESSAGE)
        return 409
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return 400
    return None
