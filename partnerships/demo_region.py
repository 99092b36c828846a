"""The demo's second shape: a region and a heritage society, from 1 July (issue 14).

``seed_region(case)`` adds to ``case`` (idempotent, found by number, title and period):
organisations "region", "hembygd"; board "kulturnamnden"; agreement "region"; users
"region" (administrator of the region) and "hembygd" (partner). The Linköping case is not
touched."""

import datetime as dt

from .demo import DemoCase, _agreement, _organisation, _person
from .models import Board, PublicKind, Sector, User

REGION_TITLE = "Levande kulturarv i Exempellän"
REGION_START = dt.date(2025, 7, 1)
REGION_END = dt.date(2028, 6, 30)

REGION_USERS_DESCRIPTION = [
    ("region", "handläggare, Region Exempellän (överenskommelse från 1 juli)"),
    ("hembygd", "partner, Hembygdsföreningen Gamla Norrby"),
]


def seed_region(case: DemoCase) -> DemoCase:
    region = _organisation(
        "232100-0008",
        "Region Exempellän",
        Sector.PUBLIC,
        city="Exempelstad",
        public_kind=PublicKind.REGION,
    )
    society = _organisation(
        "802998-9905", "Hembygdsföreningen Gamla Norrby", Sector.IDEA_BASED, city="Norrby"
    )
    board, _ = Board.objects.get_or_create(
        organisation=region,
        name="Kultur- och bildningsnämnden",
        defaults={"administration_name": "Kultur- och bildningsförvaltningen"},
    )
    agreement = _agreement(
        title=REGION_TITLE,
        start=REGION_START,
        end=REGION_END,
        registry_number="KBN 2025-0117",
        board=board,
        background=(
            "Hembygdsföreningen Gamla Norrby visar gårdsmiljön och samlingarna för besökare "
            "och skolklasser. Regionen och föreningen gör kulturarvet tillgängligt för fler."
        ),
        target_group="Länets invånare, särskilt barn och unga, och besökare i länet.",
        goals=[
            "Fler invånare tar del av länets kulturarv genom guidade visningar.",
            "Barn och unga deltar i föreningens arbete med kulturarvet.",
        ],
        parties=[
            (region, ["Bidra med ersättning och kunskap om kulturarvsfrågor."], []),
            (
                society,
                ["Hålla gården öppen för visningar.", "Ta emot skolklasser."],
                [],
            ),
        ],
    )
    case.organisations.update({"region": region, "hembygd": society})
    case.agreements["region"] = agreement
    case.boards["kulturnamnden"] = board
    case.users["region"] = _person("region", "Rut Region", region, User.Role.ADMINISTRATOR)
    case.users["hembygd"] = _person("hembygd", "Henrik Hembygd", society, User.Role.PARTNER)
    return case
