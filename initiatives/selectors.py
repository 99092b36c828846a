"""Who sees which initiative: a partner its own organisation's; an administrator or board
staff member of a public body the initiatives to that body; anyone else a 404."""

from django.db.models import Q, QuerySet

from attachments.models import Attachment
from attachments.selectors import attachments_of_target
from common.converters import one_or_404
from partnerships.models import Organisation, Sector, User

from .models import Assessment, DeclaredAid, Initiative
from .permissions import can_see_attachments


def initiatives_visible_to(user: User) -> QuerySet[Initiative]:
    if not user.is_authenticated:
        return Initiative.objects.none()
    if user.is_superuser:
        return Initiative.objects.all()
    if user.organisation_id is None:
        return Initiative.objects.none()
    return Initiative.objects.filter(
        Q(organisation_id=user.organisation_id) | Q(public_body_id=user.organisation_id)
    )


def initiative_queue(user: User, status: str = "") -> QuerySet[Initiative]:
    qs = initiatives_visible_to(user).select_related("organisation", "public_body")
    return qs.filter(status=status) if status else qs


def initiative_for_user(user: User, pk: object) -> Initiative:
    initiatives = initiatives_visible_to(user).select_related(
        "organisation", "public_body", "agreement", "filed_by"
    )
    return one_or_404(initiatives, pk, "Inget sådant initiativ.")


def assessment_of(initiative: Initiative) -> Assessment | None:
    return Assessment.objects.select_related("assessed_by").filter(initiative=initiative).first()


def public_bodies() -> QuerySet[Organisation]:
    return Organisation.objects.filter(sector=Sector.PUBLIC, successor__isnull=True)


def idea_based_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(sector=Sector.IDEA_BASED, successor__isnull=True)


def de_minimis_grants_of_body(public_body: Organisation) -> QuerySet[Assessment]:
    """The body's grants under the de minimis route (with a decision date and an amount)."""
    return (
        Assessment.objects.filter(
            initiative__public_body=public_body,
            state_aid_route="de_minimis",
            decision_date__isnull=False,
            amount_eur__isnull=False,
        )
        .select_related("initiative__organisation")
        .order_by("decision_date", "pk")
    )


def declared_aid_of(organisation: Organisation) -> QuerySet[DeclaredAid]:
    return DeclaredAid.objects.filter(organisation=organisation)


def initiative_attachments(user: User, initiative: Initiative) -> QuerySet[Attachment]:
    """The initiative's own attachments, for those who may see them (else none)."""
    if not can_see_attachments(user, initiative):
        return Attachment.objects.none()
    return (
        Attachment.objects.active()
        .filter(initiative=initiative)
        .select_related("organisation", "uploaded_by")
        .order_by("kind", "-year", "pk")
    )


def moved_attachments(user: User, initiative: Initiative) -> QuerySet[Attachment]:
    """Attachments that followed the initiative to its agreement: the agreement's scope."""
    if initiative.agreement_id is None:
        return Attachment.objects.none()
    return attachments_of_target(user, initiative)


def initiative_attachment_for_user(user: User, initiative: Initiative, pk: object) -> Attachment:
    """One of the initiative's attachments (``initiative`` from ``initiative_for_user``);
    a 404 for anyone who may not see them."""
    return one_or_404(initiative_attachments(user, initiative), pk, "Ingen sådan bilaga.")
