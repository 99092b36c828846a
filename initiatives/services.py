"""Writes of initiatives and assessments: rules + full_clean + atomic."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from attachments import services as attachment_services
from attachments.models import Attachment
from common.errors import ConcurrentEditError
from common.permissions import require
from common.privacy import fold_line
from common.versioning import bump_version
from partnerships.models import Agreement, Organisation, Sector, User
from partnerships.services import agreement_create_draft
from partnerships.signals import draft_budget_proposed

from . import de_minimis, selectors
from .models import (
    INITIATIVE_KINDS,
    STATE_AID_CRITERIA,
    Assessment,
    DeclaredAid,
    Initiative,
    StateAidRoute,
    Status,
)
from .permissions import can_attach, can_complete

INITIATIVE_FIELDS = [
    "title",
    "need",
    "target_group",
    "goals",
    "own_money",
    "own_in_kind",
    "budget_staff",
    "budget_volunteers",
    "budget_premises",
    "budget_other",
    "organisation_description",
    "signatories",
    "kammarkollegiet_registered",
    "kammarkollegiet_checked_on",
    "attachments_note",
]


@transaction.atomic
def initiative_file(
    *, user: User, organisation: Organisation, public_body: Organisation, data: dict
) -> Initiative:
    """A partner files for its own organisation; an administrator for an idea-based
    organisation, to the administrator's own public body."""
    if user.is_partner and organisation.pk != user.organisation_id:
        raise ValidationError("Du kan bara lämna initiativ för din egen organisation.")
    if user.is_administrator and not user.is_superuser and public_body.pk != user.organisation_id:
        raise ValidationError("Du kan bara registrera initiativ till din egen organisation.")
    if organisation.sector != Sector.IDEA_BASED:
        raise ValidationError({"organisation": "Organisationen måste vara idéburen."})
    if public_body.sector != Sector.PUBLIC:
        raise ValidationError({"public_body": "Mottagaren måste vara en offentlig organisation."})
    if data.get("kammarkollegiet_registered") and not data.get("kammarkollegiet_checked_on"):
        raise ValidationError(
            {"kammarkollegiet_checked_on": "Ange när registreringen kontrollerades."}
        )
    initiative = Initiative(
        organisation=organisation, public_body=public_body, filed_by=user, **data
    )
    initiative.full_clean()
    initiative.save()
    return initiative


@transaction.atomic
def initiative_set_status(
    *, user: User, initiative: Initiative, status: str, expected_version: int
) -> Initiative:
    if status == Status.AGREEMENT:
        raise ValidationError({"status": "Gör initiativet till en överenskommelse i stället."})
    if initiative.agreement_id is not None:
        raise ValidationError({"status": "Initiativet har redan blivit en överenskommelse."})
    bump_version(initiative, expected_version)
    initiative.status = status
    initiative.full_clean()
    initiative.save()
    return initiative


def _partner_addresses(organisation: Organisation) -> list[str]:
    return sorted(
        {
            u.email
            for u in organisation.users.filter(is_active=True, role=User.Role.PARTNER)
            if u.email
        }
    )


@transaction.atomic
def initiative_request_completion(
    *, user: User, initiative: Initiative, message: str, expected_version: int
) -> list[str]:
    """Store what is asked, put the initiative in dialogue and tell the organisation's
    partner users by e-mail (sent once the request is saved). Answers the recipients."""
    if not message.strip():
        raise ValidationError({"message": "Skriv vad som ska kompletteras."})
    bump_version(initiative, expected_version)
    initiative.completion_request = message.strip()
    initiative.completion_requested_at = timezone.now()
    if initiative.status in (Status.RECEIVED, Status.ASSESSED):
        initiative.status = Status.DIALOGUE
    initiative.full_clean()
    initiative.save()
    recipients = _partner_addresses(initiative.organisation)
    subject = fold_line(f"Komplettering av initiativet {initiative.title}")
    body = (
        f"{initiative.public_body.name} ber om en komplettering av initiativet "
        f"\u201d{initiative.title}\u201d:\n\n{initiative.completion_request}\n\n"
        "Du ser begäran när du loggar in i IOP-registret."
    )
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return recipients


@transaction.atomic
def initiative_make_agreement(
    *,
    user: User,
    initiative: Initiative,
    period_start: dt.date,
    period_end: dt.date,
    expected_version: int,
) -> Agreement:
    """A draft agreement that keeps what the organisation wrote (goals, target group, the
    need as background, the parties); the initiative links to it."""
    if initiative.agreement_id is not None:
        raise ValidationError("Initiativet har redan blivit en överenskommelse.")
    if period_end < period_start:
        raise ValidationError({"period_end": "Slutdatum kan inte vara före startdatum."})
    bump_version(initiative, expected_version)
    agreement = agreement_create_draft(
        user=user,
        title=initiative.title,
        public_body=initiative.public_body,
        organisation=initiative.organisation,
        period_start=period_start,
        period_end=period_end,
        goals=initiative.goal_lines,
        target_group=initiative.target_group,
        background=initiative.need,
        challenge_and_purpose=initiative.organisation_description,
    )
    initiative.agreement = agreement
    initiative.status = Status.AGREEMENT
    initiative.full_clean()
    initiative.save()
    # The organisation's documents follow to the draft (the initiative kept as their target).
    attachment_services.attachments_move_to_agreement(
        attachments=list(Attachment.objects.filter(initiative=initiative)),
        agreement=agreement,
        origin=initiative,
    )
    # The yearly budget: finance writes it for each year of the period (a receiver that
    # raises rolls the whole draft back).
    draft_budget_proposed.send(
        sender=Initiative,
        agreement=agreement,
        organisation=initiative.organisation,
        lines=initiative.budget_lines,
        own_contribution=initiative.own_money,
    )
    return agreement


@transaction.atomic
def initiative_complete(
    *, user: User, initiative: Initiative, data: dict, answer: str, expected_version: int
) -> Initiative:
    """The organisation completes its initiative as asked: what it wrote may change, and
    its answer is stored with the time (the public body sees both)."""
    require(can_complete(user, initiative))
    if data.get("kammarkollegiet_registered") and not data.get("kammarkollegiet_checked_on"):
        raise ValidationError(
            {"kammarkollegiet_checked_on": "Ange när registreringen kontrollerades."}
        )
    bump_version(initiative, expected_version)
    for name in INITIATIVE_FIELDS:
        if name in data:
            setattr(initiative, name, data[name])
    initiative.completion_answer = answer.strip()
    initiative.completed_at = timezone.now()
    initiative.full_clean()
    initiative.save()
    return initiative


@transaction.atomic
def initiative_attachment_upload(
    *, user: User, initiative: Initiative, kind: str, year: int, uploaded
) -> Attachment:
    """The organisation's document, with the checks of every upload (size, type from the
    content, zip bombs, personal identity numbers in the text)."""
    require(can_attach(user, initiative))
    if kind not in INITIATIVE_KINDS:
        raise ValidationError({"kind": "Välj en typ av dokument."})
    this_year = timezone.localdate().year
    return attachment_services.attachment_store(
        user=user,
        initiative=initiative,
        organisation=initiative.organisation,
        kind=kind,
        year=year,
        uploaded=uploaded,
        years=(this_year - 10, this_year + 1),
    )


@transaction.atomic
def initiative_attachment_delete(
    *, user: User, initiative: Initiative, attachment: Attachment
) -> Attachment:
    require(can_attach(user, initiative))
    return attachment_services.attachment_soft_delete(user=user, attachment=attachment)


def de_minimis_grants(
    organisation: Organisation, public_body: Organisation, *, exclude: Assessment | None = None
) -> list[de_minimis.Grant]:
    """What counts for the cap: the body's de minimis grants to the organisation and the
    organisation's declared aid from others."""
    own = selectors.de_minimis_grants_of_body(public_body).filter(
        initiative__organisation=organisation
    )
    if exclude is not None and exclude.pk:
        own = own.exclude(pk=exclude.pk)
    grants = [de_minimis.Grant(a.decision_date, a.amount_eur, a.de_minimis_sgei) for a in own]
    grants += [
        de_minimis.Grant(d.granted_on, d.amount_eur, d.sgei, d.grantor)
        for d in selectors.declared_aid_of(organisation)
    ]
    return grants


def de_minimis_check(assessment: Assessment) -> de_minimis.CapCheck | None:
    if assessment.state_aid_route != StateAidRoute.DE_MINIMIS or assessment.amount_eur is None:
        return None
    initiative = assessment.initiative
    return de_minimis.cap_check(
        de_minimis_grants(initiative.organisation, initiative.public_body, exclude=assessment),
        decision_date=assessment.decision_date,
        proposed_eur=assessment.amount_eur,
        sgei=assessment.de_minimis_sgei,
    )


def _require_five_criteria(assessment: Assessment) -> None:
    """ "Not state aid" holds only with a reason for each of the five criteria and at
    least one of them not met."""
    missing = {
        f"{prefix}_reason": "Motivera kriteriet."
        for prefix, _ in STATE_AID_CRITERIA
        if not getattr(assessment, f"{prefix}_reason").strip()
    }
    if missing:
        raise ValidationError(missing)
    if all(getattr(assessment, f"{prefix}_met") for prefix, _ in STATE_AID_CRITERIA):
        raise ValidationError(
            {
                "state_aid_route": "Alla fem kriterier är uppfyllda: stödet är statsstöd. "
                "Välj stöd av mindre betydelse eller avstå."
            }
        )


@transaction.atomic
def assessment_save(
    *,
    user: User,
    initiative: Initiative,
    data: dict,
    expected_version: int,
    accept_over_cap: bool = False,
) -> Assessment:
    """Save the assessment (who and when recorded). The de minimis route needs an amount,
    a decision date and the rate of that date; a decision that would pass the cap is
    refused with the warning unless the administrator confirms having read it."""
    assessment = selectors.assessment_of(initiative) or Assessment(initiative=initiative)
    if assessment.pk:
        bump_version(assessment, expected_version)
    elif expected_version != 0:
        raise ConcurrentEditError
    for name, value in data.items():
        setattr(assessment, name, value)
    assessment.amount_eur = None
    if assessment.state_aid_route == StateAidRoute.NO_AID:
        _require_five_criteria(assessment)
    if assessment.state_aid_route == StateAidRoute.DE_MINIMIS:
        missing = {
            name: "Krävs för stöd av mindre betydelse."
            for name in ("de_minimis_amount_sek", "decision_date", "sek_per_eur")
            if getattr(assessment, name) in (None, "")
        }
        if missing:
            raise ValidationError(missing)
        assessment.amount_eur = de_minimis.sek_to_eur(
            Decimal(assessment.de_minimis_amount_sek), assessment.sek_per_eur
        )
        check = de_minimis_check(assessment)
        if check is not None and check.exceeds and not accept_over_cap:
            raise ValidationError(check.warning)
    assessment.assessed_by = user
    assessment.assessed_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    if initiative.status in (Status.RECEIVED, Status.DIALOGUE):
        initiative.status = Status.ASSESSED
        initiative.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def declared_aid_add(
    *, user: User, initiative: Initiative, grantor: str, granted_on: dt.date, amount_eur, sgei: bool
) -> DeclaredAid:
    aid = DeclaredAid(
        organisation=initiative.organisation,
        grantor=grantor,
        granted_on=granted_on,
        amount_eur=amount_eur,
        sgei=sgei,
    )
    aid.full_clean()
    aid.save()
    return aid
