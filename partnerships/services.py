"""Writes of the register. Each is atomic: nothing is half-saved."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.forms import BaseInlineFormSet, ModelForm

from .models import Agreement, Organisation, Party, Sector, Termination, User


class ConcurrentEditError(Exception):
    """Somebody else saved the agreement after this user opened the form."""


def _save_positioned(formset: BaseInlineFormSet) -> None:
    """Save an inline formset of ordered rows, then number the kept rows 1, 2, 3 ...

    A row left without a position goes last (the form gives it a high number)."""
    formset.save()
    rows = formset.model.objects.filter(**{formset.fk.name: formset.instance})
    for position, row in enumerate(rows.order_by("position", "pk"), start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def agreement_create(
    *,
    user: User,
    form: ModelForm,
    goal_formset: BaseInlineFormSet,
    party_formset: BaseInlineFormSet,
) -> Agreement:
    agreement = form.save()
    goal_formset.instance = agreement
    _save_positioned(goal_formset)
    party_formset.instance = agreement
    party_formset.save()
    return agreement


@transaction.atomic
def agreement_update(
    *,
    user: User,
    agreement: Agreement,
    expected_version: int,
    form: ModelForm,
    goal_formset: BaseInlineFormSet,
    party_formset: BaseInlineFormSet,
) -> Agreement:
    """Save the edit unless somebody else saved since ``expected_version`` was read."""
    bumped = Agreement.objects.filter(pk=agreement.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise ConcurrentEditError
    agreement = form.save(commit=False)
    agreement.version = expected_version + 1
    agreement.save()
    _save_positioned(goal_formset)
    party_formset.save()
    return agreement


@transaction.atomic
def party_update(
    *, party: Party, responsibility_formset: BaseInlineFormSet, signatory_formset
) -> Party:
    _save_positioned(responsibility_formset)
    signatory_formset.save()
    return party


@transaction.atomic
def organisation_save(*, form: ModelForm, contact_formset: BaseInlineFormSet) -> Organisation:
    organisation = form.save()
    contact_formset.instance = organisation
    contact_formset.save()
    return organisation


def termination_validate(
    *, agreement: Agreement, given_by: Organisation, notice_date: dt.date
) -> None:
    """Raise ValidationError (field-keyed, Swedish) if the notice cannot be recorded."""
    errors: dict[str, str] = {}
    if not agreement.approved:
        errors["notice_date"] = "Ett utkast kan inte sägas upp; det har aldrig börjat gälla."
    elif notice_date > agreement.period_end:
        errors["notice_date"] = (
            f"Överenskommelsen upphörde {agreement.period_end:%Y-%m-%d}. "
            "Uppsägning kan inte ges efter att den har upphört."
        )
    if not agreement.parties.filter(organisation=given_by).exists():
        errors["given_by"] = "Uppsägningen måste ges av en av parterna."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def termination_create(
    *, agreement: Agreement, given_by: Organisation, notice_date: dt.date, reason: str = ""
) -> Termination:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if Termination.objects.filter(agreement=agreement).exists():
        raise ValidationError({"notice_date": "Överenskommelsen är redan uppsagd."})
    termination_validate(agreement=agreement, given_by=given_by, notice_date=notice_date)
    termination = Termination(
        agreement=agreement, given_by=given_by, notice_date=notice_date, reason=reason
    )
    termination.full_clean()
    termination.save()
    return termination


def default_party_role(organisation: Organisation) -> str:
    return organisation.sector or Sector.IDEA_BASED
