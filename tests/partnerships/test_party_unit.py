"""A unit of a public body as the party: "Linköpings kommun, GIS-avdelningen" (issue 14)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.kinds import agreement as agreement_document
from partnerships.models import Party, Sector


def _public_party(world) -> Party:
    return world.agreement.parties.get(organisation=world.municipality)


def test_unit_is_shown_with_its_public_body(world, client_for):
    party = _public_party(world)
    party.unit = "GIS-avdelningen"
    party.full_clean()
    party.save()
    assert party.display_name == "Linköpings kommun, GIS-avdelningen"
    html = client_for(world.admin).get(world.agreement.get_absolute_url()).content.decode()
    assert "Linköpings kommun</a>, GIS-avdelningen" in html
    listing = client_for(world.admin).get(reverse("partnerships:agreement_list")).content
    assert "Linköpings kommun, GIS-avdelningen" in listing.decode()
    snapshot = agreement_document.snapshot(world.agreement.pk)
    names = [p["name"] for p in snapshot["parties"]]
    assert "Linköpings kommun, GIS-avdelningen" in names


def test_an_idea_based_party_cannot_be_a_unit(world):
    party = world.agreement.parties.get(organisation=world.association)
    assert party.role == Sector.IDEA_BASED
    party.unit = "Avdelning X"
    with pytest.raises(ValidationError) as exc:
        party.full_clean()
    assert "offentlig part" in exc.value.message_dict["unit"][0]


def test_unit_refuses_a_personal_number(world):
    party = _public_party(world)
    party.unit = "Enhet 19811218-9876"
    with pytest.raises(ValidationError):
        party.full_clean()
