"""``scan_personal_numbers`` lists model, row and field of every stored personal number,
history tables included, masks the numbers and changes nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import Agreement, ContactPerson, Organisation
from tests.factories import ContactPersonFactory

from .helpers import assert_unchanged, db_state

pytestmark = pytest.mark.django_db

PERSONNUMMER = "850709-9805"
SAMORDNINGSNUMMER = "701063-2391"


def _scan(*args) -> list[str]:
    out = io.StringIO()
    call_command("scan_personal_numbers", *args, stdout=out)
    return out.getvalue().splitlines()


def test_a_clean_database_has_nothing_to_report(world):
    assert _scan() == ["Inga personnummer eller samordningsnummer hittades."]


def test_numbers_saved_before_the_guard_are_listed_masked_history_included(world):
    # Rows as they came in before the guard: saved without full_clean().
    contact = ContactPersonFactory(organisation=world.association, phone=PERSONNUMMER)
    Agreement.objects.filter(pk=world.agreement.pk).update(
        background=f"Kontakt via {SAMORDNINGSNUMMER}."
    )
    world.association.street_address = f"Box 1, {PERSONNUMMER}"
    world.association.save()  # also writes a history row with the number
    world.association.street_address = "Storgatan 1"
    world.association.save()  # the current row is clean, the old history row is not

    before = db_state()
    lines = _scan()
    assert_unchanged(before, db_state())

    output = "\n".join(lines)
    assert PERSONNUMMER not in output and SAMORDNINGSNUMMER not in output
    assert PERSONNUMMER.replace("-", "") not in output
    assert f"partnerships.ContactPerson\tpk={contact.pk}\tphone\tpersonnummer 85••••-••••" in lines
    assert (
        f"partnerships.Agreement\tpk={world.agreement.pk}\tbackground\t"
        "samordningsnummer 70••••-••••"
    ) in lines
    history = [line for line in lines if line.startswith("partnerships.HistoricalOrganisation")]
    assert len(history) == 1 and "\tstreet_address\tpersonnummer 85••••-••••" in history[0]
    assert not any(line.startswith("partnerships.Organisation\t") for line in lines)
    history_contact = [
        line
        for line in lines
        if line.startswith("partnerships.HistoricalContactPerson") and "\tphone\t" in line
    ]
    assert len(history_contact) == 1
    assert lines[-1].startswith("4 nummer i 4 rader hittades. Inget har ändrats.")
    # nothing was changed by the scan
    assert ContactPerson.objects.get(pk=contact.pk).phone == PERSONNUMMER


def test_organisation_numbers_and_future_dates_are_not_reported(world):
    Organisation.objects.filter(pk=world.association.pk).update(
        organisation_number="802506-5742", city="Ref 20991231-1236"
    )
    assert _scan() == ["Inga personnummer eller samordningsnummer hittades."]


def test_fail_if_found_exits_with_an_error(world):
    ContactPersonFactory(organisation=world.association, title=f"Nr {PERSONNUMMER}")
    with pytest.raises(CommandError, match="2 nummer i 2 rader hittades"):
        _scan("--fail-if-found")


def test_the_demo_data_holds_no_personal_number(db):
    """The Linköping demo (organisation numbers, registry numbers, amounts, texts) is not
    mistaken for personal data: the scanner finds nothing in it."""
    call_command("seed_demo", verbosity=0)
    assert Organisation.objects.filter(organisation_number="212000-0449").exists()
    assert _scan() == ["Inga personnummer eller samordningsnummer hittades."]
