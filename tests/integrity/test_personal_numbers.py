"""A personnummer or samordningsnummer is refused in the forms of every app, the admin
included, with the one Swedish message; what the user typed is kept and nothing is saved.
A number dated in the future is no one's personal number and is saved."""

import html

import pytest
from django.urls import reverse
from stdnum import luhn

from common.privacy import PERSONAL_NUMBER_MESSAGE
from partnerships.models import User
from tests.factories import UserFactory

from .helpers import assert_unchanged, db_state
from .test_free_text import FORMS

pytestmark = pytest.mark.django_db

PERSONNUMMER = "850709-9805"
SAMORDNINGSNUMMER = "701063-2391"


def _future_number() -> str:
    base = "991231123"
    return f"20{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


def _message(kind: str, number: str) -> str:
    return PERSONAL_NUMBER_MESSAGE % {"kind": kind, "number": number}


def _body(response) -> str:
    return html.unescape(response.content.decode())


REPRESENTATIVE = [
    "agreement title",
    "agreement text",
    "goal",
    "responsibility",
    "organisation name",
    "contact name",
    "termination reason",
    "memo text",
    "claim reason",
    "index source",
]


@pytest.mark.parametrize("form", REPRESENTATIVE)
@pytest.mark.parametrize(
    ("kind", "number"), [("personnummer", PERSONNUMMER), ("samordningsnummer", SAMORDNINGSNUMMER)]
)
def test_a_personal_number_is_refused_with_the_one_message(world, client_for, form, kind, number):
    url, data = FORMS[form](world, f" {number} ")
    typed = next(v for v in data.values() if isinstance(v, str) and number in v)
    before = db_state()
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 400, form
    body = _body(response)
    assert _message(kind, number) in body
    assert typed.strip() in body  # the user's input is kept on the form
    assert_unchanged(before, db_state())


@pytest.mark.parametrize("form", REPRESENTATIVE)
def test_a_birth_date_in_the_future_is_not_a_personal_number(world, client_for, form):
    url, data = FORMS[form](world, f" {_future_number()} ")
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 302, _body(response)[:3000]


def test_organisation_number_field_keeps_its_own_rule(world, client_for):
    """An organisation number is saved; a personnummer in that field gets the organisation
    number's explanation (the third digit), not a second message."""
    url, data = FORMS["organisation name"](world, "")
    response = client_for(world.admin).post(
        url, data | {"name": "Förening A", "organisation_number": "802506-5742"}
    )
    assert response.status_code == 302
    response = client_for(world.admin).post(
        url, data | {"name": "Förening B", "organisation_number": PERSONNUMMER}
    )
    body = _body(response)
    assert response.status_code == 400
    assert "Tredje siffran" in body and "Förening B" in body
    assert "Texten innehåller något som ser ut som ett" not in body


def _admin_user_data(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "organisation": user.organisation_id or "",
        "role": user.role,
    }
    return data | changes


@pytest.mark.parametrize("field", ["first_name", "last_name", "username", "email"])
def test_admin_user_change_form_refuses_a_personal_number(world, client_for, field):
    operator = UserFactory(is_superuser=True, is_staff=True, organisation=None, role="")
    url = reverse("admin:partnerships_user_change", args=[world.partner.pk])
    value = {
        "first_name": f"Anna {PERSONNUMMER}",
        "last_name": f"Andersson {PERSONNUMMER}",
        "username": f"anna{PERSONNUMMER}",
        "email": f"anna{PERSONNUMMER.replace('-', '')}@example.org",
    }[field]
    before = db_state()
    response = client_for(operator).post(url, _admin_user_data(world.partner, **{field: value}))
    assert response.status_code == 200  # the admin shows the form again with its errors
    body = _body(response)
    assert "ser ut som ett personnummer" in body and value in body
    world.partner.refresh_from_db()
    assert PERSONNUMMER not in getattr(world.partner, field)
    assert PERSONNUMMER.replace("-", "") not in getattr(world.partner, field)
    assert_unchanged(before, db_state())


def test_admin_user_change_form_saves_ordinary_names(world, client_for):
    operator = UserFactory(is_superuser=True, is_staff=True, organisation=None, role="")
    url = reverse("admin:partnerships_user_change", args=[world.partner.pk])
    response = client_for(operator).post(
        url, _admin_user_data(world.partner, first_name="Åsa", last_name="Öberg")
    )
    assert response.status_code == 302, _body(response)[:3000]
    world.partner.refresh_from_db()
    assert (world.partner.first_name, world.partner.last_name) == ("Åsa", "Öberg")


def test_service_full_clean_refuses_without_any_form(world):
    """Services validate with full_clean(): the rule is in the model, not only in forms."""
    from django.core.exceptions import ValidationError

    from tests.factories import ContactPersonFactory

    contact = ContactPersonFactory.build(
        organisation=world.association, name="Kontakt", phone=PERSONNUMMER
    )
    with pytest.raises(ValidationError) as exc:
        contact.full_clean()
    assert exc.value.message_dict["phone"] == [_message("personnummer", PERSONNUMMER)]
