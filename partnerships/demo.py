"""The Linköping case from shared/seeds/, plus a second municipality to show that scopes hold.

``seed()`` is idempotent: organisations are found by number or name, agreements by title and
period, and an agreement that exists is left as it is (so a demo that has been edited keeps
its edits). Users get the demo password each time.
"""

import datetime as dt
from dataclasses import dataclass, field

from . import demo_texts as texts
from .models import Agreement, Board, ContactPerson, Goal, Organisation, Party, Sector, User

DEMO_PASSWORD = "iop-demo-2026"

DEMO_USERS_DESCRIPTION = [
    ("admin", "superanvändare (Django admin, ser allt)"),
    ("handlaggare", "handläggare, Linköpings kommun"),
    ("namndsekreterare", "nämndsekreterare, Linköpings kommun (läser och tar ut dokument)"),
    ("iogt", "partner, IOGT-NTO Kamratstödet"),
    ("pingst", "partner, Pingstkyrkan Linköping (Pingstförsamlingen)"),
    ("annan", "handläggare i en annan kommun (Exempelby kommun)"),
]


@dataclass
class DemoCase:
    """What the apps above need to attach their demo data to.

    organisations: linkoping, iogt, pingst, sion, other_municipality, other_association
    agreements: 2018, 2021, 2024, other
    users: admin, handlaggare, namndsekreterare, iogt, pingst, annan
    boards: omsorgsnamnden, socialnamnden, other
    """

    organisations: dict[str, Organisation]
    agreements: dict[str, Agreement]
    users: dict[str, User]
    boards: dict[str, Board] = field(default_factory=dict)


def _organisation(number: str | None, name: str, sector: str, **extra) -> Organisation:
    lookup = {"organisation_number": number} if number else {"name": name}
    organisation, _ = Organisation.objects.get_or_create(
        **lookup, defaults={"name": name, "sector": sector, **extra}
    )
    return organisation


def _user(username: str, **fields) -> User:
    user, _ = User.objects.update_or_create(username=username, defaults=fields)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _person(username: str, name: str, organisation, role: str, **fields) -> User:
    """A demo person with a name ("Förnamn Efternamn") and the address username@example.org."""
    first_name, last_name = name.split(" ", 1)
    return _user(
        username,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        role=role,
        email=f"{username}@example.org",
        **fields,
    )


def _agreement(
    *,
    title: str,
    start: dt.date,
    end: dt.date,
    parties: list[tuple[Organisation, list[str], list[tuple[str, str]]]],
    goals: list[str],
    **fields,
) -> Agreement:
    existing = Agreement.objects.filter(title=title, period_start=start, period_end=end).first()
    if existing:
        if not existing.registry_number and fields.get("registry_number"):
            # Demo databases seeded before the agreements had registry numbers get them.
            Agreement.objects.filter(pk=existing.pk).update(
                registry_number=fields["registry_number"]
            )
            existing.refresh_from_db()
        return existing
    agreement = Agreement.objects.create(
        title=title, period_start=start, period_end=end, approved=True, **fields
    )
    for position, text in enumerate(goals, start=1):
        Goal.objects.create(agreement=agreement, position=position, text=text)
    for organisation, responsibilities, signatories in parties:
        party = Party.objects.create(
            agreement=agreement, organisation=organisation, role=organisation.sector
        )
        for position, text in enumerate(responsibilities, start=1):
            party.responsibilities.create(position=position, text=text)
        for name, title_text in signatories:
            party.signatories.create(name=name, title=title_text, place="Linköping")
    return agreement


def seed() -> DemoCase:
    linkoping = _organisation(
        "212000-0449",
        "Linköpings kommun",
        Sector.PUBLIC,
        street_address="Drottninggatan 45",
        postal_code="581 81",
        city="Linköping",
    )
    iogt = _organisation(
        "802506-5742", "IOGT-NTO Kamratstödet", Sector.IDEA_BASED, city="Linköping"
    )
    pingst = _organisation(
        "822000-3811", "Pingstkyrkan Linköping", Sector.IDEA_BASED, city="Linköping"
    )
    # Sionförsamlingen's organisation number is not in the records; it is left unknown.
    sion = _organisation(None, "Sionförsamlingen", Sector.IDEA_BASED, city="Linköping")
    if sion.successor_id != pingst.pk:
        sion.successor = pingst
        sion.save()
    other_municipality = _organisation(
        "212000-9994", "Exempelby kommun", Sector.PUBLIC, city="Exempelby"
    )
    other_association = _organisation(
        "802999-9995", "Exempelby Träffpunkt", Sector.IDEA_BASED, city="Exempelby"
    )
    for organisation, name, email in [
        (linkoping, "Linda Ljungqvist", "linda.ljungqvist@example.org"),
        (iogt, "Lisa Hallingström", "lisa.hallingstrom@example.org"),
        (pingst, "Marcus Sönnerbrandt", "marcus.sonnerbrandt@example.org"),
    ]:
        ContactPerson.objects.get_or_create(
            organisation=organisation, owner=organisation, name=name, defaults={"email": email}
        )

    omsorgsnamnden, _ = Board.objects.get_or_create(
        organisation=linkoping,
        name="Omsorgsnämnden",
        defaults={"administration_name": "Omsorgs- och äldreförvaltningen"},
    )
    socialnamnden, _ = Board.objects.get_or_create(
        organisation=linkoping,
        name="Social- och omsorgsnämnden",
        defaults={"administration_name": "Social- och omsorgsförvaltningen"},
    )
    other_board, _ = Board.objects.get_or_create(
        organisation=other_municipality,
        name="Vård- och omsorgsnämnden",
        defaults={"administration_name": "Vård- och omsorgsförvaltningen"},
    )

    common = {
        "starting_points": texts.STARTING_POINTS,
        "shared_values": texts.SHARED_VALUES,
        "challenge_and_purpose": texts.CHALLENGE,
        "joint_responsibilities": texts.JOINT_RESPONSIBILITIES,
        "repayment_clause": texts.REPAYMENT_CLAUSE,
        "changes_clause": texts.CHANGES_CLAUSE,
    }
    municipality_party = (linkoping, texts.MUNICIPALITY_RESPONSIBILITIES, [])

    def linkoping_period(start_year: int, **fields) -> Agreement:
        """One of the Linköping agreements, each renewing the one before: three calendar
        years, with the same title, goals and clauses."""
        return _agreement(
            title=texts.TITLE,
            start=dt.date(start_year, 1, 1),
            end=dt.date(start_year + 2, 12, 31),
            goals=texts.GOALS,
            **common,
            **fields,
        )

    agreement_2018 = linkoping_period(
        2018,
        registry_number="ON 2017-0456",
        board=omsorgsnamnden,
        min_followups_per_year=2,
        background=texts.BACKGROUND_2018,
        actors="Offentlig sektor: omsorgsnämnden – Linköpings kommun.\n\n"
        "Idéburen sektor: IOGT-NTO samt Sionförsamlingen i Linköping.",
        goals_introduction=texts.GOALS_INTRODUCTION_2024.replace(
            "Pingstförsamlingen", "Sionförsamlingen"
        ),
        target_group=texts.TARGET_GROUP_2018,
        follow_up_terms=texts.FOLLOW_UP_TERMS_2018,
        parties=[
            municipality_party,
            (iogt, texts.IOGT_RESPONSIBILITIES, []),
            (sion, texts.SION_RESPONSIBILITIES, []),
        ],
    )
    agreement_2021 = linkoping_period(
        2021,
        registry_number="SOCN 2020-0312",
        board=socialnamnden,
        min_followups_per_year=2,
        predecessor=agreement_2018,
        background=texts.BACKGROUND_2021,
        actors=texts.ACTORS_2024,
        goals_introduction=texts.GOALS_INTRODUCTION_2024,
        target_group=texts.TARGET_GROUP_2024,
        follow_up_terms=texts.FOLLOW_UP_TERMS_2018.replace(
            "Omsorgs- och äldreförvaltningen", "Social- och omsorgsförvaltningen"
        ),
        parties=[
            municipality_party,
            (iogt, texts.IOGT_RESPONSIBILITIES, []),
            (pingst, texts.PINGST_RESPONSIBILITIES, []),
        ],
    )
    agreement_2024 = linkoping_period(
        2024,
        registry_number="SOCN 2023-0287",
        board=socialnamnden,
        min_followups_per_year=1,
        predecessor=agreement_2021,
        background=texts.BACKGROUND_2024,
        actors=texts.ACTORS_2024,
        goals_introduction=texts.GOALS_INTRODUCTION_2024,
        target_group=texts.TARGET_GROUP_2024,
        follow_up_terms=texts.FOLLOW_UP_TERMS_2024,
        parties=[
            (
                linkoping,
                texts.MUNICIPALITY_RESPONSIBILITIES,
                [("Susanna Lundstedt", "Social- och omsorgsförvaltningen")],
            ),
            (iogt, texts.IOGT_RESPONSIBILITIES, [("Lisa Hallingström", ""), ("Carin Hansson", "")]),
            (
                pingst,
                texts.PINGST_RESPONSIBILITIES,
                [
                    ("Marcus Sönnerbrandt", "För Pingstförsamlingen"),
                    ("Per-Ola Hellberg", "För Pingstförsamlingen"),
                ],
            ),
        ],
    )
    other_agreement = _agreement(
        title=texts.OTHER_TITLE,
        start=dt.date(2025, 1, 1),
        registry_number="EXN 2024-0042",
        end=dt.date(2027, 12, 31),
        board=other_board,
        background="En mötesplats för äldre som lever i ofrivillig ensamhet.",
        target_group="Äldre personer i Exempelby som lever i ensamhet.",
        goals=["Minska ofrivillig ensamhet bland äldre.", "Skapa en trygg mötesplats."],
        parties=[(other_municipality, [], []), (other_association, [], [])],
    )

    users = {
        "admin": _user(
            "admin",
            is_superuser=True,
            is_staff=True,
            first_name="Systemadministratör",
            organisation=None,
            role="",
        ),
        "handlaggare": _person(
            "handlaggare", "Hanna Handläggare", linkoping, User.Role.ADMINISTRATOR
        ),
        "namndsekreterare": _person(
            "namndsekreterare", "Nils Nämndsekreterare", linkoping, User.Role.BOARD_STAFF
        ),
        "iogt": _person(
            "iogt", "Ingrid IOGT-NTO", iogt, User.Role.PARTNER, is_organisation_admin=True
        ),
        "pingst": _person(
            "pingst", "Petra Pingst", pingst, User.Role.PARTNER, is_organisation_admin=True
        ),
        "annan": _person("annan", "Anna Annan", other_municipality, User.Role.ADMINISTRATOR),
    }
    return DemoCase(
        organisations={
            "linkoping": linkoping,
            "iogt": iogt,
            "pingst": pingst,
            "sion": sion,
            "other_municipality": other_municipality,
            "other_association": other_association,
        },
        agreements={
            "2018": agreement_2018,
            "2021": agreement_2021,
            "2024": agreement_2024,
            "other": other_agreement,
        },
        users=users,
        boards={
            "omsorgsnamnden": omsorgsnamnden,
            "socialnamnden": socialnamnden,
            "other": other_board,
        },
    )
