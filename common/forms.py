"""Form -> service -> response, the same in every app.

An edit view builds its form(s), then::

    status = submit(request, form, lambda: services.thing_save(user=..., **typed values))
    if status is None:
        messages.success(request, "...")
        return redirect(...)
    return render(request, template, context, status=status)

``submit`` is the one way: it answers 200 for a GET, 400 for a POST whose form is invalid
or empty or whose rule the service refused (``ValidationError``), 409 when somebody else
saved first (``ConcurrentEditError``); the user's input stays on the form and nothing is
half-saved (the service is atomic). ``save_through_service`` is its last step, for the
rare caller that has validated its forms itself.

Most edit views end the same way, so they say only what is their own::

    return submit_or_page(
        request, form, lambda: services.thing_save(...),
        done="Saken är sparad.", to=thing_url,
        page=lambda status: render(request, template, context, status=status),
    )

and a button that runs one service call (no form) ends with ``act``: the service's refusal
as an error message, else the success message, then back to the page."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError


def apply_validation_error(
    form: BaseForm, exc: ValidationError, prefixed: Mapping[str, BaseForm] | None = None
) -> None:
    """Put a service's ValidationError on the form: per field where the form has the field.
    A key ``"<prefix>-<field>"`` goes to the form ``prefixed[prefix]`` (a page of two forms)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, errors in exc.message_dict.items():
        target, field = form, key
        prefix, _, rest = key.partition("-")
        if prefixed and rest and prefix in prefixed:
            target, field = prefixed[prefix], rest
        target.add_error(field if field in target.fields else None, errors)


def save_through_service(
    form: BaseForm,
    save: Callable[[], object],
    prefixed: Mapping[str, BaseForm] | None = None,
) -> int | None:
    """Run the service call that saves a valid form. None when it saved; otherwise the
    status to answer with, the reason already on the form: 409 when somebody else saved
    first (the user's input is kept), 400 when a rule refused the data."""
    try:
        save()
    except ConcurrentEditError:
        form.add_error(None, CONCURRENT_EDIT_MESSAGE)
        return 409
    except ValidationError as exc:
        apply_validation_error(form, exc, prefixed)
        return 400
    return None


def submit(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], object],
    *,
    also: Iterable = (),
    prefixed: Mapping[str, BaseForm] | None = None,
) -> int | None:
    """The step every edit view takes: 200 for a GET; for a POST 400 when ``form`` is left
    unbound (``request.POST or None`` for an empty POST: it lacks the version, at least) or
    it or any of ``also`` (more forms or formsets on the page) is invalid, else the service
    call through ``save_through_service`` (None when saved, 400 for a rule, 409 for a
    concurrent edit)."""
    if request.method != "POST":
        return 200
    if not form.is_bound:  # a POST with nothing in it (``request.POST or None``)
        return 400
    valid = [form.is_valid(), *(other.is_valid() for other in also)]
    if not all(valid):
        return 400
    return save_through_service(form, save, prefixed)


def optional_choice(label: str, model, empty_label: str, **kwargs) -> forms.ModelChoiceField:
    """An optional choice of one ``model`` row; the form's ``__init__`` sets the rows it
    offers (none until then)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.none(),
        required=False,
        empty_label=empty_label,
        **kwargs,
    )


def ends_after(form: BaseForm, data: Mapping, start: str, end: str, message: str) -> None:
    """The error ``message`` on ``end`` when both are given and it is not after ``start``."""
    first, last = data.get(start), data.get(end)
    if first and last and last <= first:
        form.add_error(end, message)


def _given(value: Any, result: object) -> Any:
    """``value`` itself, or what it answers for the service's result when it is a function."""
    return value(result) if callable(value) else value


def submit_or_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], object],
    *,
    done: str | Callable[[Any], str],
    to: Any,
    page: Callable[[int], HttpResponse],
    also: Iterable = (),
    prefixed: Mapping[str, BaseForm] | None = None,
) -> HttpResponse:
    """``submit`` the form; when it saved, show ``done`` and redirect to ``to`` (anything
    ``redirect`` takes), else answer ``page(status)`` (the form again, 200/400/409).
    ``done`` and ``to`` may be functions of what ``save`` returned (the saved object)."""
    saved: list[object] = []
    status = submit(request, form, lambda: saved.append(save()), also=also, prefixed=prefixed)
    if status is not None:
        return page(status)
    messages.success(request, _given(done, saved[0]))
    return redirect(_given(to, saved[0]))


def act(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    done: str | Callable[[Any], str],
    to: Any,
    refused: Callable[[ValidationError], HttpResponse] | None = None,
) -> HttpResponse:
    """Run a button's one service call. When a rule refuses (``ValidationError``) answer
    ``refused(error)`` or, without it, show the reason as an error message and redirect to
    ``to``; else show ``done`` (text, or a function of what ``action`` returned) and
    redirect to ``to``."""
    try:
        result = action()
    except ValidationError as exc:
        if refused is not None:
            return refused(exc)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _given(done, result))
    return redirect(to)


def shown_without_errors(*forms_or_formsets) -> None:
    """Show bound forms and formsets again as the user filled them in, without validating
    them: a "one more row" button re-renders the page, it does not submit it."""
    for item in forms_or_formsets:
        if hasattr(item, "management_form"):
            for subform in item.forms:
                subform._errors = ErrorDict()
            item._errors = [ErrorDict() for _ in item.forms]
            item._non_form_errors = ErrorList()
        else:
            item._errors = ErrorDict()
