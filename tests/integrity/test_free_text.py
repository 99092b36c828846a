"""Invisible control characters (a right-to-left override, other bidi controls, C0
controls) and NUL are refused in every free-text form with a Swedish message, and
nothing is saved. The guard is ``common.privacy`` (tests/common/test_privacy.py)."""

import pytest
from django.urls import reverse

from common.privacy import control_characters as unsafe_characters
from common.privacy import reject_control_characters as validate_plain_text
from tests.partnerships.helpers import agreement_post_data, existing_rows

from .helpers import assert_unchanged, db_state

pytestmark = pytest.mark.django_db

RLO = "\u202e"
BIDI_MESSAGE = "osynliga styrtecken"
NUL_MESSAGE = "Null-tecken är inte tillåtna"


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069", "\x1b", "\x7f"])
def test_unsafe_characters_are_named(char):
    assert unsafe_characters(f"a{char}b") == [f"U+{ord(char):04X}"]
    with pytest.raises(Exception, match="styrtecken"):
        validate_plain_text(f"a{char}b")


@pytest.mark.parametrize("text", ["Rad ett\nRad två\r\n\tindrag", "Å Ä Ö é ü – ”citat”", ""])
def test_ordinary_text_is_accepted(text):
    assert unsafe_characters(text) == []
    validate_plain_text(text)


def _agreement_edit(world, **changes):
    parties, goals = existing_rows(world.agreement)
    for key in list(changes):
        if key == "goal_text":
            goals[0]["text"] = changes.pop(key)
    data = agreement_post_data(
        title=changes.pop("title", world.agreement.title),
        period_start="2024-01-01",
        period_end="2026-12-31",
        existing_parties=parties,
        existing_goals=goals,
        version=str(world.agreement.version),
    )
    data.update(changes)
    return reverse("partnerships:agreement_update", args=[world.agreement.pk]), data


def _party_edit(world, text):
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("partnerships:party_update", args=[world.agreement.pk, party.pk])
    data = {
        "resp-TOTAL_FORMS": "1",
        "resp-INITIAL_FORMS": "0",
        "resp-MIN_NUM_FORMS": "0",
        "resp-MAX_NUM_FORMS": "1000",
        "resp-0-text": text,
        "resp-0-position": "1",
        "sign-TOTAL_FORMS": "1",
        "sign-INITIAL_FORMS": "0",
        "sign-MIN_NUM_FORMS": "0",
        "sign-MAX_NUM_FORMS": "1000",
        "sign-0-name": "Firmatecknare",
        "sign-0-place": "Linköping",
    }
    return url, data


def _organisation_create(world, name):
    return reverse("partnerships:organisation_create"), {
        "name": name,
        "organisation_number": "",
        "sector": "idea_based",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }


def _contact_create(world, name):
    url, data = _organisation_create(world, "Ny förening")
    data.update(
        {"contacts-TOTAL_FORMS": "1", "contacts-0-name": name, "contacts-0-email": "a@b.se"}
    )
    return url, data


def _termination(world, reason):
    return reverse("partnerships:termination_create", args=[world.agreement.pk]), {
        "given_by": world.association.pk,
        "notice_date": "2025-03-01",
        "reason": reason,
    }


def _memo(world, matter):
    from tests.security.conftest import Memo, MemoKind

    Memo.objects.create(
        agreement=world.agreement,
        kind=MemoKind.NEW,
        title="Tjänsteskrivelse",
        memo_date="2026-11-01",
        proposed_decisions="Att godkänna.",
        matter="Ärendet.",
        signing_official="Handläggare",
        office="Omsorgskontoret",
        created_by=world.admin,
    )
    return reverse("documents:memo_edit", args=[world.agreement.pk, "ny"]), {
        "title": "Tjänsteskrivelse",
        "memo_date": "2026-11-01",
        "signing_official": "Handläggare",
        "office": "Omsorgskontoret",
        "proposed_decisions": "Att godkänna.",
        "matter": matter,
    }


def _claim(world, reason):
    party = world.agreement.parties.get(organisation=world.association)
    return reverse("finance:claim_create", args=[world.agreement.pk]), {
        "version": "",
        "party": party.pk,
        "amount": "1000",
        "reason": reason,
        "status": "draft",
    }


def _index_source(world, source):
    return reverse("finance:index_value_create"), {
        "series": _opi().pk,
        "year": "2031",
        "preliminary_percent": "3,0",
        "source": source,
    }


def _opi():
    from finance.models import IndexSeries

    return IndexSeries.objects.get(name="OPI")


FORMS = {
    "agreement title": lambda w, t: _agreement_edit(w, title=f"IOP {t}"),
    "agreement text": lambda w, t: _agreement_edit(w, background=f"Bakgrund {t}"),
    "goal": lambda w, t: _agreement_edit(w, goal_text=f"Mål {t}"),
    "responsibility": lambda w, t: _party_edit(w, f"Ansvar {t}"),
    "organisation name": lambda w, t: _organisation_create(w, f"Föreningen{t}gpj.exe"),
    "contact name": lambda w, t: _contact_create(w, f"Anna {t}"),
    "termination reason": lambda w, t: _termination(w, f"Skäl {t}"),
    "memo text": lambda w, t: _memo(w, f"Ärendet {t}"),
    "claim reason": lambda w, t: _claim(w, f"Skäl {t}"),
    "index source": lambda w, t: _index_source(w, f"SKR {t}"),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("char", "message"), [(RLO, BIDI_MESSAGE), ("\x00", NUL_MESSAGE)])
def test_control_characters_are_refused_in_every_free_text_form(
    world, client_for, form, char, message
):
    client = client_for(world.admin)
    url, data = FORMS[form](world, char)
    before = db_state()
    response = client.post(url, data)
    assert response.status_code == 400, form
    assert message in response.content.decode()
    assert_unchanged(before, db_state())


@pytest.mark.parametrize("form", FORMS)
def test_the_same_forms_accept_ordinary_text(world, client_for, form):
    """The refusal above is the character, not the form: plain text is saved."""
    client = client_for(world.admin)
    url, data = FORMS[form](world, "ÅÄÖ – ”citat”")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
