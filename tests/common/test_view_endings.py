"""The one ending of edit views and buttons (``common.forms.submit_or_page`` / ``act``) and
the small form helpers, without a database."""

import pytest
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from common.errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError
from common.forms import act, ends_after, submit_or_page
from common.permissions import allow, deny, permitted
from partnerships.templatetags.register import fields


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def _request(method: str = "get", data: dict | None = None):
    factory = RequestFactory()
    request = factory.post("/", data or {}) if method == "post" else factory.get("/")
    request._messages = CookieStorage(request)
    return request


def _messages(request) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in request._messages]


def _page(status: int) -> HttpResponse:
    return HttpResponse(f"page {status}", status=status)


def _ending(request, form, save):
    return submit_or_page(
        request,
        form,
        save,
        done=lambda saved: f"{saved} är sparad.",
        to=lambda saved: f"/saker/{saved}/",
        page=_page,
    )


def test_a_get_shows_the_page_with_200_and_saves_nothing():
    saved = []
    request = _request()
    response = _ending(request, NameForm(None), lambda: saved.append(1))
    assert (response.status_code, response.content) == (200, b"page 200")
    assert saved == [] and _messages(request) == []


def test_a_saved_form_says_so_and_goes_where_the_saved_object_says():
    request = _request("post", {"name": "Ada"})
    form = NameForm(request.POST)
    response = _ending(request, form, lambda: form.cleaned_data["name"])
    assert response.status_code == 302
    assert response["Location"] == "/saker/Ada/"
    assert _messages(request) == [(constants.SUCCESS, "Ada är sparad.")]


def test_an_empty_post_is_400_and_never_reaches_the_service():
    called = []
    request = _request("post")
    response = _ending(request, NameForm(request.POST or None), lambda: called.append(1))
    assert response.status_code == 400 and called == []


def test_a_rule_the_service_refuses_is_400_with_the_reason_on_the_field_and_the_input_kept():
    request = _request("post", {"name": "Ada"})
    form = NameForm(request.POST)

    def refuse():
        raise ValidationError({"name": "Namnet finns redan."})

    response = _ending(request, form, refuse)
    assert response.status_code == 400
    assert form.errors["name"] == ["Namnet finns redan."]
    assert form["name"].value() == "Ada"
    assert _messages(request) == []


def test_somebody_elses_save_first_is_409_with_the_one_message():
    request = _request("post", {"name": "Ada"})
    form = NameForm(request.POST)

    def concurrent():
        raise ConcurrentEditError

    response = _ending(request, form, concurrent)
    assert response.status_code == 409
    assert form.non_field_errors() == [CONCURRENT_EDIT_MESSAGE]


def test_a_fixed_message_and_address_are_taken_as_they_are():
    request = _request("post", {"name": "Ada"})
    form = NameForm(request.POST)
    response = submit_or_page(
        request, form, lambda: None, done="Sparat.", to="/tillbaka/", page=_page
    )
    assert response["Location"] == "/tillbaka/"
    assert _messages(request) == [(constants.SUCCESS, "Sparat.")]


def test_act_says_what_the_action_returned_and_goes_back():
    request = _request("post")
    response = act(
        request, lambda: ["a@b.se"], done=lambda sent: f"{len(sent)} mottagare.", to="/m/"
    )
    assert (response.status_code, response["Location"]) == (302, "/m/")
    assert _messages(request) == [(constants.SUCCESS, "1 mottagare.")]


def test_act_shows_a_refusal_as_an_error_message_and_goes_back():
    request = _request("post")

    def refuse():
        raise ValidationError(["Går inte.", "Inte nu."])

    response = act(request, refuse, done="Klart.", to="/m/")
    assert (response.status_code, response["Location"]) == (302, "/m/")
    assert _messages(request) == [(constants.ERROR, "Går inte. Inte nu.")]


def test_act_answers_a_refusal_with_its_own_page_when_given_one():
    request = _request("post")

    def refuse():
        raise ValidationError("Saknar nämnd.")

    response = act(
        request,
        refuse,
        done="Klart.",
        to="/m/",
        refused=lambda error: HttpResponse(" ".join(error.messages), status=400),
    )
    assert (response.status_code, response.content.decode()) == (400, "Saknar nämnd.")
    assert _messages(request) == []


class PeriodForm(forms.Form):
    start = forms.IntegerField()
    end = forms.IntegerField()

    def clean(self):
        data = super().clean()
        ends_after(self, data, "start", "end", "Slutet måste komma efter början.")
        return data


def test_ends_after_refuses_an_end_not_after_the_start_and_lets_a_missing_one_be():
    assert PeriodForm({"start": 2, "end": 2}).errors == {
        "end": ["Slutet måste komma efter början."]
    }
    assert PeriodForm({"start": 2, "end": 3}).is_valid()
    assert "end" in PeriodForm({"start": 2}).errors  # required, not "after"
    assert PeriodForm({"start": 2}).errors["end"] != ["Slutet måste komma efter början."]


def test_fields_filter_gives_the_named_fields_in_order_and_passes_over_missing_ones():
    form = NameForm()
    assert [f.name for f in fields(form, "note name gone")] == ["note", "name"]


def test_permitted_loads_the_row_and_answers_403_with_the_rules_reason():
    def load(user, pk):
        return {"pk": pk, "of": user}

    assert permitted("ada", load, 7, lambda user, row: allow()) == {"pk": 7, "of": "ada"}
    with pytest.raises(PermissionDenied, match="Bara handläggare"):
        permitted("ada", load, 7, lambda user, row: deny("Bara handläggare."))
