"""Reads scoped to the user. The one place that decides who sees which agreement.

Rule: a user sees the agreements in which their organisation is a party; superusers see
everything. Anything else is a 404, the same as an id that does not exist.
"""

import datetime as dt

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from common.converters import one_or_404

from .models import (
    Agreement,
    Amendment,
    ContactPerson,
    Goal,
    Organisation,
    Party,
    Responsibility,
    Sector,
    Signatory,
    User,
)


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
    qs = queryset if queryset is not None else Agreement.objects.all()
    visible = agreements_visible_to(user).values("pk")
    return one_or_404(qs.filter(pk__in=visible).with_status(), pk, "Ingen sådan överenskommelse.")


def agreement_detail_for_user(user: User, pk: object) -> Agreement:
    """The agreement with everything its page shows, in a fixed number of queries."""
    queryset = Agreement.objects.select_related(
        "board__organisation",
        "predecessor",
        "successor",
        "termination__given_by",
        "renewal_decision",
    ).prefetch_related(
        *contents_prefetch("amendments"), Prefetch("amendments", queryset=amendments_queryset())
    )
    return agreement_for_user(user, pk, queryset=queryset)


def contents_prefetch(*party_lookups) -> list[Prefetch]:
    """What an agreement says, for its page and its document: the goals and the parties
    (organisation, responsibilities, signatories), each with the amendment that added it;
    ``party_lookups`` are more of each party's relations."""
    responsibilities = Responsibility.objects.select_related("added_by_amendment")
    parties = Party.objects.select_related("organisation").prefetch_related(
        Prefetch("responsibilities", queryset=responsibilities),
        Prefetch("signatories", queryset=Signatory.objects.all()),
        *party_lookups,
    )
    return [
        Prefetch("goals", queryset=Goal.objects.select_related("added_by_amendment")),
        Prefetch("parties", queryset=parties),
    ]


def amendments_queryset() -> QuerySet[Amendment]:
    """Amendments with what their words need, counted (not loaded): goals and
    responsibilities added."""
    return Amendment.objects.select_related("board", "party__organisation").annotate(
        goals_added=Count("goals", distinct=True),
        responsibilities_added=Count("responsibilities", distinct=True),
    )


def amendment_for_user(user: User, agreement: Agreement, pk: object) -> Amendment:
    """An amendment of an agreement the user sees (the caller loaded it through
    ``agreement_for_user``), else 404."""
    return one_or_404(amendments_queryset().filter(agreement=agreement), pk, "Ingen sådan ändring.")


def party_for_user(user: User, agreement: Agreement, pk: object) -> Party:
    parties = Party.objects.select_related("organisation", "agreement").filter(agreement=agreement)
    return one_or_404(parties, pk, "Ingen sådan part.")


def organisation_for_user(user: User, pk: object) -> Organisation:
    """The organisation register is shared: every signed-in user may look an organisation up."""
    organisations = Organisation.objects.select_related("successor")
    return one_or_404(organisations, pk, "Ingen sådan organisation.")


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


def works_with_organisation(user: User, organisation: Organisation) -> bool:
    """The user belongs to the organisation, shares an agreement with it, or runs the
    installation: only they see its contact people."""
    if not user.is_authenticated:
        return False
    if user.is_operator or user.organisation_id == organisation.pk:
        return True
    if user.organisation_id is None:
        return False
    return Party.objects.filter(
        organisation=organisation, agreement__in=agreements_visible_to(user)
    ).exists()


def contacts_for_user(user: User, organisation: Organisation) -> QuerySet[ContactPerson]:
    """The contact people at ``organisation`` this user may see: the organisation's own
    records and those the user's own organisation keeps, for users who work with it.
    Another public body's records are that body's own and never shown."""
    contacts = ContactPerson.objects.filter(organisation=organisation).order_by("name", "pk")
    if not works_with_organisation(user, organisation):
        return contacts.none()
    if user.is_operator:
        return contacts.select_related("owner")
    return contacts.filter(owner_id__in={organisation.pk, user.organisation_id})


def agreement_contacts(agreement: Agreement) -> QuerySet[ContactPerson]:
    """Who an agreement's mail goes to: for each party, the organisation's own contacts and
    those kept by the agreement's public parties, never records of anybody else."""
    public_parties = Party.objects.filter(agreement=agreement, role=Sector.PUBLIC).values(
        "organisation_id"
    )
    return ContactPerson.objects.filter(
        Q(owner_id=F("organisation_id")) | Q(owner_id__in=public_parties),
        organisation_id__in=Party.objects.filter(agreement=agreement).values("organisation_id"),
    )


CHAIN_MAX_STEPS = 100  # a guard against a (constraint-violating) cycle, not a real limit

_CHAIN_SQL = """
WITH RECURSIVE
  back(id, depth) AS (
    SELECT predecessor_id, 1 FROM {table} WHERE id = %s AND predecessor_id IS NOT NULL
    UNION ALL
    SELECT a.predecessor_id, back.depth + 1 FROM {table} a JOIN back ON a.id = back.id
    WHERE a.predecessor_id IS NOT NULL AND back.depth < %s
  ),
  fwd(id, depth) AS (
    SELECT id, 1 FROM {table} WHERE predecessor_id = %s
    UNION ALL
    SELECT a.id, fwd.depth + 1 FROM {table} a JOIN fwd ON a.predecessor_id = fwd.id
    WHERE fwd.depth < %s
  ),
  links(id, position) AS (
    SELECT id, -depth FROM back UNION ALL SELECT id, depth FROM fwd
  )
SELECT a.id, a.title, a.period_start, a.period_end, a.approved, a.predecessor_id,
       links.position AS chain_position
FROM {table} a JOIN links ON a.id = links.id
ORDER BY links.position
"""


def agreement_chain(agreement: Agreement) -> list[Agreement]:
    """The renewal chain this agreement belongs to, oldest first.

    One recursive query, whatever the chain's length (issue 19: the former walk joined the
    agreement table ten times per direction, and PostgreSQL spent more time planning those
    two queries than running them)."""
    sql = _CHAIN_SQL.format(table=connection.ops.quote_name(Agreement._meta.db_table))
    params = [agreement.pk, CHAIN_MAX_STEPS, agreement.pk, CHAIN_MAX_STEPS]
    links = list(Agreement.objects.raw(sql, params))
    earlier = [link for link in links if link.chain_position < 0]
    later = [link for link in links if link.chain_position > 0]
    return [*earlier, agreement, *later]


def agreement_chain_for_user(user: User, agreement: Agreement) -> list[Agreement]:
    """The renewal chain, each link marked ``visible``: the title and period of an agreement
    the user is not a party to are not shown (one more query)."""
    chain = agreement_chain(agreement)
    visible = set(
        agreements_visible_to(user)
        .filter(pk__in=[a.pk for a in chain])
        .values_list("pk", flat=True)
    )
    for link in chain:
        link.visible = link.pk in visible
    return chain


def agreements_matching(
    agreements: QuerySet[Agreement],
    *,
    q: str = "",
    status: str = "",
    party: Organisation | None = None,
    year: int | None = None,
) -> QuerySet[Agreement]:
    """The agreement list's search: text (title, registry number, a party's name), status
    (needs ``with_status()``), party and a year the period covers."""
    if q:
        q = q.strip()
        # Party names through a correlated EXISTS: no join, so no duplicate rows and
        # no DISTINCT over the whole agreement row (in the page and in its count), and
        # it is evaluated for the user's agreements only, not for every party in the
        # country whose name matches.
        named_party = Party.objects.filter(
            agreement=OuterRef("pk"), organisation__name__icontains=q
        )
        agreements = agreements.filter(
            Q(title__icontains=q) | Q(registry_number__icontains=q) | Exists(named_party)
        )
    if status:
        agreements = agreements.filter(current_status=status)
    if party:
        agreements = agreements.filter(parties__organisation=party)
    if year:
        # Date ranges rather than __year lookups, so the period indexes can be used.
        agreements = agreements.filter(
            period_start__lte=dt.date(year, 12, 31), period_end__gte=dt.date(year, 1, 1)
        )
    return agreements
