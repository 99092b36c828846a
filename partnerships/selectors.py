"""Reads scoped to the user. The one place that decides who sees which agreement.

Rule: a user sees the agreements in which their organisation is a party; superusers see
everything. Anything else is a 404, the same as an id that does not exist.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from common.converters import id_or_404

from .models import Agreement, Organisation, Party, Responsibility, Signatory, User


def agreements_visible_to(user: User) -> QuerySet[Agreement]:
    if not user.is_authenticated:
        return Agreement.objects.none()
    if user.is_superuser:
        return Agreement.objects.all()
    if user.organisation_id is None:
        return Agreement.objects.none()
    # ``pk IN (agreements of my parties)`` rather than ``EXISTS``: as a subquery of other
    # queries (``agreement__in=...``) PostgreSQL then starts from the user's few party rows
    # (index on party.organisation_id) instead of joining whole tables first.
    return Agreement.objects.filter(
        pk__in=Party.objects.filter(organisation_id=user.organisation_id).values("agreement_id")
    )


def agreement_for_user(user: User, pk: object, queryset: QuerySet | None = None) -> Agreement:
    """The agreement if the user may see it, else 404 (also for a malformed id)."""
    pk = id_or_404(pk, "Ingen sådan överenskommelse.")
    qs = queryset if queryset is not None else Agreement.objects.all()
    visible = agreements_visible_to(user).values("pk")
    agreement = qs.filter(pk=pk, pk__in=visible).with_status().first()
    if agreement is None:
        raise Http404("Ingen sådan överenskommelse.")
    return agreement


def agreement_detail_for_user(user: User, pk: object) -> Agreement:
    """The agreement with everything its page shows, in a fixed number of queries."""
    queryset = Agreement.objects.select_related(
        "board__organisation",
        "predecessor",
        "successor",
        "termination__given_by",
        "renewal_decision",
    ).prefetch_related(
        "goals",
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organisation").prefetch_related(
                Prefetch("responsibilities", queryset=Responsibility.objects.all()),
                Prefetch("signatories", queryset=Signatory.objects.all()),
            ),
        ),
    )
    return agreement_for_user(user, pk, queryset=queryset)


def party_for_user(user: User, agreement: Agreement, pk: object) -> Party:
    pk = id_or_404(pk, "Ingen sådan part.")
    party = (
        Party.objects.select_related("organisation", "agreement")
        .filter(agreement=agreement, pk=pk)
        .first()
    )
    if party is None:
        raise Http404("Ingen sådan part.")
    return party


def organisation_for_user(user: User, pk: object) -> Organisation:
    """The organisation register is shared: every signed-in user may look an organisation up."""
    pk = id_or_404(pk, "Ingen sådan organisation.")
    organisation = Organisation.objects.select_related("successor").filter(pk=pk).first()
    if organisation is None:
        raise Http404("Ingen sådan organisation.")
    return organisation


def organisation_agreements_for_user(user: User, organisation: Organisation) -> QuerySet[Agreement]:
    """An organisation's agreements, limited to those the viewer may see."""
    return (
        agreements_visible_to(user)
        .filter(parties__organisation=organisation)
        .with_status()
        .select_related("termination")
        .distinct()
        .order_by("-period_start")
    )


def organisations_editable_by(user: User) -> QuerySet[Organisation]:
    """Organisations an administrator may edit: their own, those in their agreements, and
    those not yet in any agreement (newly registered)."""
    if user.is_superuser:
        return Organisation.objects.all()
    if not user.is_authenticated or not user.is_administrator:
        return Organisation.objects.none()
    in_my_agreements = Party.objects.filter(
        organisation=OuterRef("pk"), agreement__in=agreements_visible_to(user)
    )
    in_any_agreement = Party.objects.filter(organisation=OuterRef("pk"))
    return Organisation.objects.filter(
        Exists(in_my_agreements) | ~Exists(in_any_agreement) | Q(pk=user.organisation_id)
    )


CHAIN_STEPS_PER_QUERY = 10


def agreement_chain(agreement: Agreement) -> list[Agreement]:
    """The renewal chain this agreement belongs to, oldest first.

    Two queries for chains of up to ten renewals each way (predecessors and successors
    joined in one query each); a longer chain costs one more pair per ten steps."""
    fields = ("id", "title", "period_start", "period_end", "approved", "predecessor")

    def walk(start_pk: int, relation: str) -> list[Agreement]:
        found: list[Agreement] = []
        pk = start_pk
        while len(found) < 100:
            path = "__".join([relation] * CHAIN_STEPS_PER_QUERY)
            related = [
                "__".join([relation] * depth) for depth in range(1, CHAIN_STEPS_PER_QUERY + 1)
            ]
            only = [*fields, *(f"{r}__{f}" for r in related for f in fields)]
            current = Agreement.objects.select_related(path).only(*only).filter(pk=pk).first()
            if current is None:
                break
            step = current
            for _ in range(CHAIN_STEPS_PER_QUERY):
                step = getattr(step, relation, None)
                if step is None:
                    return found
                found.append(step)
            pk = step.pk
        return found

    predecessors = walk(agreement.pk, "predecessor") if agreement.predecessor_id else []
    successors = walk(agreement.pk, "successor")
    return [*reversed(predecessors), agreement, *successors]
