"""Public bodies are municipalities or regions; every text calls them by their kind."""

import importlib

import pytest
from django.apps import apps
from django.template import Context, Template

from documents.kinds.base import BoardInfo
from partnerships.models import (
    Organisation,
    PublicKind,
    Sector,
    public_body_words,
    public_kind_from_name,
)
from tests.factories import AgreementFactory, BoardFactory, OrganisationFactory


def test_words_for_each_kind():
    assert public_body_words(PublicKind.MUNICIPALITY) == ("kommunen", "kommunens")
    assert public_body_words(PublicKind.REGION) == ("regionen", "regionens")
    assert public_body_words(None) == ("kommunen", "kommunens")


def test_kind_from_the_name():
    assert public_kind_from_name("Region Östergötland") == PublicKind.REGION
    assert public_kind_from_name("Linköpings kommun") == PublicKind.MUNICIPALITY
    assert public_kind_from_name("Regionförbundet X") == PublicKind.MUNICIPALITY


@pytest.mark.django_db
def test_data_migration_marks_regions_by_name():
    migration = importlib.import_module("partnerships.migrations.0012_regions_by_name")
    region = OrganisationFactory(public=True, name="Region Östergötland")
    municipality = OrganisationFactory(public=True, name="Linköpings kommun")
    club = OrganisationFactory(name="Region Öst IF", sector=Sector.IDEA_BASED)
    Organisation.objects.update(public_kind=PublicKind.MUNICIPALITY)
    migration.mark_regions(apps, None)
    kinds = dict(Organisation.objects.values_list("pk", "public_kind"))
    assert kinds[region.pk] == PublicKind.REGION
    assert kinds[municipality.pk] == PublicKind.MUNICIPALITY
    assert kinds[club.pk] == PublicKind.MUNICIPALITY


@pytest.mark.django_db
def test_template_filter_and_documents_use_the_region_word():
    region = OrganisationFactory(public=True, name="Region Östergötland")
    region.public_kind = PublicKind.REGION
    region.save()
    agreement = AgreementFactory(board=BoardFactory(organisation=region))
    html = Template(
        "{% load register %}{{ a|public_noun }} {{ a|public_noun:'genitive'|capfirst }}"
    ).render(Context({"a": agreement}))
    assert html == "regionen Regionens"
    board = BoardInfo.of(agreement)
    assert board.public_kind == PublicKind.REGION
    rows = Template('{% include "documents/_economic_results.html" %}').render(
        Context({"s": {"board": {"public_kind": board.public_kind}}, "rows": []})
    )
    assert "Regionens medel utbetalda" in rows and "Kommunens" not in rows


@pytest.mark.django_db
def test_organisation_form_without_a_kind_takes_it_from_the_name():
    from partnerships.forms import OrganisationForm

    form = OrganisationForm(data={"name": "Region Östergötland", "sector": "public"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["public_kind"] == PublicKind.REGION
