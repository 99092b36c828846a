"""Writes of the register. Each is atomic: nothing is half-saved."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError, RestrictedError
from django.forms import BaseInlineFormSet, ModelForm

from common.deletion import deletion_effects, protected_message
from common.errors import ConcurrentEditError
from common.permissions import require
from common.versioning import bump_version

from .audit import log_event
from .models import (
    Agreement,
    ContactPerson,
    Goal,
    Organisation,
    Party,
    RenewalDecision,
    Sector,
    Termination,
    User,
)
from .permissions import can_edit_agreement
from .signals import successor_created, successor_discarding


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
def agreement_create_draft(
    *,
    user: User,
    title: str,
    public_body: Organisation,
    organisation: Organisation,
    period_start: dt.date,
    period_end: dt.date,
    goals: list[str],
    target_group: str = "",
    background: str = "",
    challenge_and_purpose: str = "",
) -> Agreement:
    """A draft (not decided) agreement between a public body and an idea-based organisation,
    made from data rather than forms (an initiative turned into an agreement)."""
    if public_body.sector != Sector.PUBLIC:
        raise ValidationError("Den offentliga parten måste vara en offentlig organisation.")
    if organisation.sector != Sector.IDEA_BASED:
        raise ValidationError("Organisationen måste vara idéburen.")
    agreement = Agreement(
        title=title,
        period_start=period_start,
        period_end=period_end,
        target_group=target_group,
        background=background,
        challenge_and_purpose=challenge_and_purpose,
        approved=False,
    )
    agreement.full_clean()
    agreement.save()
    for position, text in enumerate(goals, start=1):
        goal = Goal(agreement=agreement, position=position, text=text)
        goal.full_clean()
        goal.save()
    parties = ((public_body, Sector.PUBLIC), (organisation, Sector.IDEA_BASED))
    for party_organisation, role in parties:
        party = Party(agreement=agreement, organisation=party_organisation, role=role)
        party.full_clean()
        party.save()
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
    require(can_edit_agreement(user, agreement))
    bumped = Agreement.objects.filter(pk=agreement.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise ConcurrentEditError
    agreement = form.save(commit=False)
    agreement.version = expected_version + 1
    agreement.save()
    try:
        _save_positioned(goal_formset)
        party_formset.save()
    except (ProtectedError, RestrictedError) as error:
        # Reported, paid or issued data depends on a removed row (the form checks first;
        # this is the rule when two people race): nothing of the edit is saved.
        raise ValidationError(protected_message(error)) from error
    return agreement


@transaction.atomic
def party_update(
    *, party: Party, responsibility_formset: BaseInlineFormSet, signatory_formset
) -> Party:
    _save_positioned(responsibility_formset)
    signatory_formset.save()
    return party


def _organisation_save(form: ModelForm) -> Organisation:
    organisation = form.save(commit=False)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def contacts_save(
    *, user: User, owner: Organisation, contact_formset: BaseInlineFormSet
) -> list[ContactPerson]:
    """Save the contacts ``owner`` keeps (the view's formset holds only the owner's rows)."""
    contacts = contact_formset.save(commit=False)
    refused = deletion_effects(contact_formset.deleted_objects).refused
    if refused:  # a held meeting keeps who attended (the view says so first)
        raise ValidationError(refused)
    for contact in contact_formset.deleted_objects:
        contact.delete()
    for contact in contacts:
        if contact.pk is None:
            contact.owner = owner
        elif contact.owner_id != owner.pk:
            raise PermissionDenied("Kontaktpersonen förs av en annan organisation.")
        contact.organisation = contact_formset.instance
        contact.full_clean()
        contact.save()
    return contacts


@transaction.atomic
def organisation_create(
    *, user: User, form: ModelForm, contact_formset: BaseInlineFormSet
) -> Organisation:
    """Register an organisation; the contacts typed with it are the registering body's own
    records (an operator's are the organisation's own)."""
    organisation = form.save(commit=False)
    if user.is_administrator and organisation.sector == Sector.IDEA_BASED:
        organisation.registered_by_id = user.organisation_id
    organisation.full_clean()
    organisation.save()
    owner = organisation if user.is_operator else user.organisation
    contact_formset.instance = organisation
    contacts_save(user=user, owner=owner, contact_formset=contact_formset)
    return organisation


@transaction.atomic
def organisation_update(*, user: User, form: ModelForm, expected_version: int) -> Organisation:
    """Save the record unless somebody else saved it since ``expected_version`` was read."""
    bump_version(form.instance, expected_version)
    return _organisation_save(form)


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
    *,
    agreement: Agreement,
    given_by: Organisation,
    notice_date: dt.date,
    reason: str = "",
    user: User | None = None,
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
    log_event(
        agreement=agreement,
        user=user,
        action="partnerships.terminated",
        text=f"registrerade uppsägning från {given_by.name} {notice_date:%Y-%m-%d}",
        target=termination,
    )
    return termination


class RenewalError(Exception):
    """The renewal cannot be started or decided; the message is Swedish and user-facing."""


def _copy_agreement(agreement: Agreement, *, start: dt.date, end: dt.date) -> Agreement:
    fields = {name: getattr(agreement, name) for name in Agreement.TEXT_SECTIONS}
    successor = Agreement.objects.create(
        title=agreement.title,
        board=agreement.board,
        approved=False,
        period_start=start,
        period_end=end,
        notice_period_months=agreement.notice_period_months,
        min_followups_per_year=agreement.min_followups_per_year,
        predecessor=agreement,
        **fields,
    )
    for goal in agreement.goals.all():
        successor.goals.create(position=goal.position, text=goal.text)
    for party in agreement.parties.prefetch_related("responsibilities"):
        organisation = party.organisation
        # An organisation whose work continues elsewhere is replaced by its successor.
        while organisation.successor_id:
            organisation = organisation.successor
        new_party = successor.parties.create(organisation=organisation, role=party.role)
        for item in party.responsibilities.all():
            new_party.responsibilities.create(position=item.position, text=item.text)
    return successor


@transaction.atomic
def agreement_start_renewal(
    *, agreement: Agreement, years: int, user: User | None = None
) -> Agreement:
    """Create the draft successor: texts, goals, parties and responsibilities copied, the
    period from the day after the end for ``years`` years. Signatories are not copied:
    the new agreement is signed anew."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not 1 <= years <= 10:
        raise RenewalError("Ange en förlängning på mellan 1 och 10 år.")
    if not agreement.approved:
        raise RenewalError("Ett utkast kan inte förnyas; besluta det först.")
    if Agreement.objects.filter(predecessor=agreement).exists():
        raise RenewalError("Överenskommelsen har redan en efterföljare.")
    if hasattr(agreement, "termination"):
        raise RenewalError("Överenskommelsen är uppsagd och kan inte förnyas.")
    if RenewalDecision.objects.filter(agreement=agreement).exists():
        raise RenewalError("Nämnden har redan fattat beslut om förnyelse.")
    start = agreement.period_end + dt.timedelta(days=1)
    end = start + relativedelta(years=years) - dt.timedelta(days=1)
    successor = _copy_agreement(agreement, start=start, end=end)
    successor_created.send(sender=Agreement, predecessor=agreement, successor=successor, user=user)
    log_event(
        agreement=agreement,
        user=user,
        action="partnerships.renewal_started",
        text=f"startade förnyelse {successor.period_start:%Y-%m-%d} – "
        f"{successor.period_end:%Y-%m-%d}",
        target=successor,
    )
    return successor


@transaction.atomic
def renewal_decide(
    *,
    agreement: Agreement,
    outcome: str,
    decided_on: dt.date,
    paragraph: str = "",
    note: str = "",
    user: User | None = None,
) -> RenewalDecision:
    """Record the board's decision. Approved: the successor becomes approved (active when
    its period starts). Declined: the draft successor is removed; the agreement ends."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if RenewalDecision.objects.filter(agreement=agreement).exists():
        raise RenewalError("Beslutet om förnyelse är redan registrerat.")
    successor = Agreement.objects.filter(predecessor=agreement).first()
    if outcome == RenewalDecision.Outcome.APPROVED:
        if successor is None:
            raise RenewalError("Starta förnyelsen först; det finns ingen efterföljare att besluta.")
        successor.approved = True
        successor.version += 1
        successor.save()
    elif successor is not None:
        if successor.approved:
            raise RenewalError("Efterföljaren är redan beslutad och kan inte tas bort här.")
        # Receivers remove their rows of the draft, or raise RenewalError to refuse.
        successor_discarding.send(sender=Agreement, successor=successor)
        try:
            successor.delete()
        except (ProtectedError, RestrictedError) as error:
            raise RenewalError(protected_message(error)) from error
    decision = RenewalDecision(
        agreement=agreement,
        outcome=outcome,
        decided_on=decided_on,
        paragraph=paragraph,
        note=note,
        successor_title=str(successor) if successor else "",
    )
    decision.full_clean()
    decision.save()
    log_event(
        agreement=agreement,
        user=user,
        action=f"partnerships.renewal_{outcome}",
        text=f"registrerade nämndens beslut {decided_on:%Y-%m-%d}: "
        f"{decision.get_outcome_display()}",
        target=decision,
    )
    return decision
