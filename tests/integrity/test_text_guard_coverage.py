"""Every text field of every model carries the privacy guard, or is exempted in the one
list in ``iop.privacy`` with a reason. A text field added later without the guard fails
here until it is guarded or deliberately exempted."""

from django.apps import apps
from django.db import models

from iop import privacy
from partnerships.models import Organisation
from partnerships.orgnr import validate_organisation_number


def test_every_project_text_field_is_guarded_or_exempted_with_a_reason():
    unguarded = []
    checked = 0
    for model in privacy.project_models():
        for field in privacy.text_fields(model):
            checked += 1
            if privacy.has_guard(field):
                continue
            exempt = privacy.exemption(model, field)
            if exempt is None or not exempt[0].strip():
                unguarded.append(privacy.field_label(model, field))
    assert unguarded == [], f"text fields without the guard and without an exemption: {unguarded}"
    assert checked > 100  # the walk reached the models, history models included


def test_history_models_are_walked_and_carry_the_guard_of_their_model():
    history = [m for m in privacy.project_models() if privacy.is_history_model(m)]
    labels = {m._meta.label for m in history}
    assert {"partnerships.HistoricalAgreement", "documents.HistoricalMemo"} <= labels
    historical_title = apps.get_model("partnerships", "HistoricalAgreement")._meta.get_field(
        "title"
    )
    assert privacy.has_guard(historical_title)
    guarded = [f for m in history for f in privacy.text_fields(m) if privacy.has_guard(f)]
    assert len(guarded) > 50


def test_the_exemption_list_names_only_existing_unguarded_fields():
    for label in privacy.EXEMPT_FIELDS:
        app_label, model_name, field_name = label.split(".")
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        assert isinstance(field, models.CharField | models.TextField), label
        assert not privacy.has_guard(field), f"{label} is guarded: drop its exemption"


def test_organisation_numbers_are_validated_as_organisation_numbers():
    field = Organisation._meta.get_field("organisation_number")
    assert validate_organisation_number in field.validators


def test_every_other_app_with_text_fields_is_named_with_a_reason():
    unnamed = sorted(
        {
            model._meta.app_label
            for model in apps.get_models()
            if model._meta.app_label not in privacy.PROJECT_APPS
            and privacy.text_fields(model)
            and not privacy.THIRD_PARTY_APPS.get(model._meta.app_label, ("",))[0].strip()
        }
    )
    assert unnamed == []


def test_a_field_without_the_guard_is_reported():
    """The walk above is no tautology: a text field without validators is not guarded."""
    assert not privacy.has_guard(models.CharField(max_length=10))
    assert not privacy.has_guard(models.TextField())
    # and a multi-line guard on a one-line field is not enough (no line break check)
    from common.privacy import TEXT_GUARD

    assert not privacy.has_guard(models.CharField(max_length=10, validators=TEXT_GUARD))
