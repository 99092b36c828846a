"""Small defects found while entering other public bodies' agreements (issue 14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from partnerships.formatting import format_months
from partnerships.forms import OrganisationForm
from partnerships.orgnr import normalise_organisation_number


def test_one_month_is_singular():
    assert format_months(1) == "1 månad"
    assert format_months(6) == "6 månader"
    assert format_months(0) == "0 månader"


def test_twelve_digit_organisation_number_with_16_is_normalised():
    assert normalise_organisation_number("16212000-0449") == "212000-0449"
    assert normalise_organisation_number("162120000449") == "212000-0449"


def test_other_twelve_digit_number_is_refused_with_the_count():
    with pytest.raises(ValidationError) as exc:
        normalise_organisation_number("192120000449")
    assert "du angav 12" in exc.value.messages[0]


@pytest.mark.django_db
def test_organisation_form_does_not_cut_a_twelve_digit_number():
    form = OrganisationForm(
        data={"name": "Förening", "organisation_number": "16212000-0449", "sector": "public"}
    )
    assert 'maxlength="11"' not in str(form["organisation_number"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_number"] == "212000-0449"


def test_renewal_start_date_is_written_as_a_date():
    html = Template("{% load register %}{{ end|add_days:1|isodate }}").render(
        Context({"end": dt.date(2014, 3, 31)})
    )
    assert html == "2014-04-01"


@pytest.mark.django_db
def test_a_party_added_twice_is_refused_in_swedish():
    from partnerships.models import Party
    from tests.factories import PartyFactory

    party = PartyFactory()
    duplicate = Party(agreement=party.agreement, organisation=party.organisation, role=party.role)
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    message = " ".join(exc.value.messages)
    assert "redan part" in message
    assert "Agreement" not in message and "samma" not in message


@pytest.mark.django_db
def test_history_names_the_boards_not_their_ids(django_assert_max_num_queries):
    from partnerships.history import agreement_history
    from tests.factories import AgreementFactory, BoardFactory

    agreement = AgreementFactory()
    boards = [BoardFactory(name=f"Nämnd {n}") for n in range(6)]
    for board in boards:
        agreement.board = board
        agreement.save()
    with django_assert_max_num_queries(12):
        entries = agreement_history(agreement)
    changes = [c for e in entries for c in e.changes if c[0] == "ansvarig nämnd"]
    assert len(changes) >= 5
    shown = " ".join(f"{old} {new}" for _, old, new in changes)
    assert "Nämnd 0" in shown and "Nämnd 5" in shown
    assert not any(new == str(boards[-1].pk) for _, _, new in changes)
