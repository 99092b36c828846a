"""Who sees which money: the scope of every finance read (a partner sees only their own)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from common.converters import one_or_404
from partnerships.models import Agreement, Party, Sector, User
from partnerships.selectors import agreements_visible_to

from ..models import (
    Compensation,
    IndexSeries,
    IndexValue,
    RepaymentClaim,
)


def partner_only(user: User) -> bool:
    return not user.is_superuser and user.is_partner


def party_filter(user: User, prefix: str = "party__") -> Q:
    """Rows of a visible agreement the user may see: all, or only their organisation's."""
    if partner_only(user):
        return Q(**{f"{prefix}organisation_id": user.organisation_id})
    return Q()


def compensations_visible_to(user: User) -> QuerySet[Compensation]:
    return Compensation.objects.filter(
        Q(agreement__in=agreements_visible_to(user)) & party_filter(user)
    )


def compensation_for_user(user: User, pk: object) -> Compensation:
    compensations = compensations_visible_to(user).select_related(
        "agreement", "party__organisation", "index_series"
    )
    return one_or_404(compensations, pk, "Ingen sådan ersättning.")


def visible_parties(user: User, agreement: Agreement) -> QuerySet[Party]:
    return (
        Party.objects.filter(agreement=agreement)
        .filter(party_filter(user, prefix=""))
        .select_related("organisation")
    )


def idea_based_party_for_user(user: User, agreement: Agreement, pk: object) -> Party:
    parties = visible_parties(user, agreement).filter(role=Sector.IDEA_BASED)
    return one_or_404(parties, pk, "Ingen sådan part.")


def claim_for_user(user: User, agreement: Agreement, pk: object) -> RepaymentClaim:
    claims = (
        RepaymentClaim.objects.filter(agreement=agreement)
        .filter(party_filter(user))
        .select_related("party__organisation")
    )
    return one_or_404(claims, pk, "Inget sådant krav.")


def index_series_visible_to(user: User) -> QuerySet[IndexSeries]:
    """The shared series, the user's own organisation's series and those its agreements'
    compensations use; operators see every series."""
    if not user.is_authenticated:
        return IndexSeries.objects.none()
    if user.is_operator:
        return IndexSeries.objects.all()
    used = Compensation.objects.filter(agreement__in=agreements_visible_to(user)).values(
        "index_series_id"
    )
    own = Q(owner_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return IndexSeries.objects.filter(Q(owner__isnull=True) | own | Q(pk__in=used))


def index_series_editable_by(user: User) -> QuerySet[IndexSeries]:
    """Operators: the shared series; a public body's administrators: the body's own."""
    if not user.is_authenticated:
        return IndexSeries.objects.none()
    if user.is_operator:
        return IndexSeries.objects.filter(owner__isnull=True)
    if user.is_administrator and user.organisation.sector == Sector.PUBLIC:
        return IndexSeries.objects.filter(owner_id=user.organisation_id)
    return IndexSeries.objects.none()


def index_series_for_agreement(agreement: Agreement) -> QuerySet[IndexSeries]:
    """The series a compensation of ``agreement`` may follow: the shared ones and those of
    the agreement's own public bodies."""
    public = Party.objects.filter(agreement=agreement, role=Sector.PUBLIC).values("organisation_id")
    return IndexSeries.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=public))


def index_value_for_user(user: User, pk: object) -> IndexValue:
    values = IndexValue.objects.select_related("series").filter(
        series__in=index_series_visible_to(user)
    )
    return one_or_404(values, pk, "Inget sådant indexvärde.")


def index_series_with_values(user: User) -> list[IndexSeries]:
    return list(
        index_series_visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("values", queryset=IndexValue.objects.order_by("-year")))
    )
