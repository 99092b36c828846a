"""A synthetic national data set for benchmarks: every municipality and region in Sweden.

``generate(...)`` builds 290 municipalities and 21 regions (by default), each with a board,
idea-based organisations shared between its agreements, agreements with parties, goals and
responsibilities, compensations with decided amounts and yearly payments, OPI values for 20
years, follow-up rounds twice a year for the recent years with notes per goal and figures,
meetings, and users (administrator, board staff, partner).

Everything is written with ``bulk_create`` and explicit primary keys (allocated above the
largest existing one, sequences reset afterwards), inside one transaction: no per-row
``save()``, no signals, no simple-history rows. The same seed, scale and reference date give
the same data. Combines the apps, so it sits in ``iop`` above them.

Never run it against a production database: it adds made-up organisations and users.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from stdnum import luhn

from finance.models import (
    Compensation,
    DecidedAmount,
    IndexRule,
    IndexSeries,
    IndexValue,
    Payment,
)
from followups.indicators import LINKOPING_TEMPLATE
from followups.models import (
    Figures,
    FollowUpRound,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)
from partnerships.models import (
    Agreement,
    Board,
    Goal,
    Organisation,
    Party,
    Responsibility,
    Sector,
    Termination,
    User,
)

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
BATCH_SIZE = 2000
FLUSH_AT = 20_000
NATIONAL_PASSWORD = "iop-national-2026"
MUNICIPALITIES = 290
REGIONS = 21
MEAN_AGREEMENTS = 40
FOLLOWUP_YEARS = 3  # rounds for the current year and the two before it

REGION_NAMES = [
    "Stockholm",
    "Uppsala",
    "Sörmland",
    "Östergötland",
    "Jönköpings län",
    "Kronoberg",
    "Kalmar län",
    "Gotland",
    "Blekinge",
    "Skåne",
    "Halland",
    "Västra Götaland",
    "Värmland",
    "Örebro län",
    "Västmanland",
    "Dalarna",
    "Gävleborg",
    "Västernorrland",
    "Jämtland Härjedalen",
    "Västerbotten",
    "Norrbotten",
]
_NAME_HEADS = [
    "Ås", "Björk", "Ek", "Gran", "Lind", "Sjö", "Berg", "Al", "Ask", "Hag", "Mo", "Norr",
    "Sö", "Väst", "Öst", "Strand", "Stor", "Lill", "Kvarn", "Ljung",
]  # fmt: skip
_NAME_TAILS = [
    "dal", "by", "köping", "holm", "vik", "torp", "hult", "lunda", "sta", "fors", "ryd",
    "näs", "berga", "ö", "mark",
]  # fmt: skip
IDEA_PREFIXES = [
    "IOGT-NTO",
    "Röda Korsets krets",
    "Stadsmissionen",
    "Pingstkyrkan",
    "Equmeniakyrkan",
    "Kvinnojouren",
    "Brottsofferjouren",
    "Länkarna",
    "Hela Människan",
    "Svenska kyrkans församling",
    "Rädda Barnen",
    "Individuell Människohjälp",
    "Föreningen Gemenskap",
    "Fritidsgården",
    "Idrottsalliansen",
    "Studieförbundet",
    "Frivilligcentralen",
    "Läxhjälpen",
    "Hyresgästföreningen",
    "Pensionärsföreningen",
]
DISTRICTS = ["", " Centrum", " Norra", " Södra", " Östra", " Västra", " Landsbygd"]
THEMES = [
    "Kamratstöd och social samvaro",
    "Mötesplats för äldre",
    "Läxhjälp och studiestöd",
    "Stöd till våldsutsatta kvinnor",
    "Härbärge och stöd till hemlösa",
    "Arbetsträning och sysselsättning",
    "Språkcafé och integration",
    "Nattvandring och trygghet",
    "Fritid för barn och unga",
    "Stöd till anhöriga",
    "Brottsofferstöd",
    "Sommarlovsaktiviteter",
    "Mötesplats för unga vuxna",
    "Stöd efter missbruk",
]
GOALS = [
    "Erbjuda en drogfri mötesplats med social gemenskap.",
    "Nå personer som inte nås av den kommunala verksamheten.",
    "Erbjuda arbetsträning som leder vidare till studier eller arbete.",
    "Stärka deltagarnas sociala nätverk.",
    "Minska ensamhet och isolering i målgruppen.",
    "Samverka med andra aktörer för att lotsa deltagare vidare.",
    "Utveckla verksamheten tillsammans med deltagarna.",
    "Ge stöd och vägledning i vardagen.",
    "Öka tryggheten i närområdet.",
]
RESPONSIBILITIES = [
    "Bedriva verksamheten enligt överenskommelsen.",
    "Rekrytera och handleda volontärer.",
    "Hålla lokalen öppen enligt överenskommen tid.",
    "Lämna underlag till uppföljning två gånger per år.",
    "Kalla till avstämningsmöten.",
    "Informera om verksamheten i kommunens kanaler.",
    "Bidra med ekonomiska medel enligt överenskommelsen.",
]
NARRATIVES = [
    "Verksamheten har haft öppet enligt plan och antalet besökare har ökat något.",
    "Under perioden har fler yngre sökt sig till verksamheten.",
    "Samverkan med socialtjänsten har fungerat väl och flera deltagare har lotsats vidare.",
    "Volontärerna har fått handledning och en ny grupp har startat.",
    "Verksamheten har anpassats efter deltagarnas önskemål.",
]


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    def add(self, model: type[models.Model], n: int) -> None:
        self.rows[model._meta.label] += n


def organisation_number(prefix: str, serial: int) -> str:
    """``prefix`` (four digits, third >= 2) + five digits + Luhn: NNNNNN-NNNN."""
    body = f"{prefix}{serial % 100_000:05d}"
    assert len(body) == 9 and int(body[2]) >= 2
    number = body + luhn.calc_check_digit(body)
    return f"{number[:6]}-{number[6:]}"


def municipality_names(n: int, rng: random.Random) -> list[str]:
    names = [head + tail for head in _NAME_HEADS for tail in _NAME_TAILS]
    rng.shuffle(names)
    if n > len(names):
        names += [f"{name} {i}" for i in range(2, n // len(names) + 2) for name in names]
    return [name[0] + name[1:].lower() for name in names[:n]]


class _Ids:
    """Explicit primary keys above the largest existing one, per model."""

    def __init__(self) -> None:
        self._next: dict[type, int] = {}

    def __call__(self, model: type[models.Model]) -> int:
        if model not in self._next:
            self._next[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        value = self._next[model]
        self._next[model] = value + 1
        return value


class _Writer:
    """Buffers rows per model and writes them in dependency order with bulk_create."""

    ORDER = [
        Organisation,
        Board,
        User,
        Agreement,
        Termination,
        Goal,
        Party,
        Responsibility,
        Compensation,
        DecidedAmount,
        Payment,
        FollowUpRound,
        Meeting,
        Note,
        Figures,
        Indicator,
        IndicatorValue,
    ]

    def __init__(self, counts: Counts) -> None:
        self.buffers: dict[type, list] = defaultdict(list)
        self.pending = 0
        self.counts = counts

    def add(self, obj: models.Model) -> models.Model:
        self.buffers[type(obj)].append(obj)
        self.pending += 1
        if self.pending >= FLUSH_AT:
            self.flush()
        return obj

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.buffers.pop(model, [])
            if rows:
                model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
                self.counts.add(model, len(rows))
        assert not self.buffers, f"unordered models: {list(self.buffers)}"
        self.pending = 0


def _opi_values(today: dt.date, rng: random.Random, counts: Counts) -> IndexSeries:
    series, _ = IndexSeries.objects.get_or_create(
        name="OPI", defaults={"description": "Omsorgsprisindex, publiceras av SKR"}
    )
    have = set(IndexValue.objects.filter(series=series).values_list("year", flat=True))
    new = []
    for year in range(today.year - 19, today.year + 1):
        if year in have:
            continue
        percent = Decimal(rng.randint(15, 40)) / 10
        new.append(
            IndexValue(
                series=series,
                year=year,
                preliminary_percent=percent,
                preliminary_published=dt.date(year - 1, 12, 10),
                definitive_percent=percent + Decimal(rng.choice([0, 0, 1, 2, -1])) / 10,
                definitive_published=dt.date(year, 4, 20),
                source="Genererade värden för prestandatest (inte SKR:s siffror).",
            )
        )
    IndexValue.objects.bulk_create(new, batch_size=BATCH_SIZE)
    counts.add(IndexValue, len(new))
    return series


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=STOCKHOLM)


def _half_years(year: int) -> list[tuple[dt.date, dt.date, dt.date]]:
    return [
        (dt.date(year, 1, 1), dt.date(year, 6, 30), dt.date(year, 8, 31)),
        (dt.date(year, 7, 1), dt.date(year, 12, 31), dt.date(year + 1, 2, 28)),
    ]


def generate(
    *,
    seed: int = 2026,
    municipalities: int = MUNICIPALITIES,
    regions: int = REGIONS,
    mean_agreements: int = MEAN_AGREEMENTS,
    today: dt.date | None = None,
    log=None,
) -> Counts:
    """Generate the data set; returns the row counts per model and the seconds taken."""
    started = time.perf_counter()
    today = today or dt.date.today()
    rng = random.Random(seed)
    counts = Counts()
    password = make_password(NATIONAL_PASSWORD, salt=f"national{seed}")
    with transaction.atomic():
        first = organisation_number(f"212{seed % 10}", 0)
        if Organisation.objects.filter(organisation_number=first).exists():
            raise ValueError(
                "Databasen innehåller redan ett nationellt dataset med detta frö; "
                "använd en tom databas."
            )
        series = _opi_values(today, rng, counts)
        ids = _Ids()
        writer = _Writer(counts)
        publics = [
            (f"{name} kommun", f"212{seed % 10}", i)
            for i, name in enumerate(municipality_names(municipalities, rng))
        ] + [
            (f"Region {REGION_NAMES[i % len(REGION_NAMES)]}"
             + (f" {i // len(REGION_NAMES) + 1}" if i >= len(REGION_NAMES) else ""),
             f"232{seed % 10}", i)
            for i in range(regions)
        ]  # fmt: skip
        idea_serial = 0
        for index, (name, prefix, serial) in enumerate(publics):
            idea_serial = _public_organisation(
                writer=writer,
                ids=ids,
                rng=rng,
                name=name,
                number=organisation_number(prefix, serial),
                is_region=name.startswith("Region"),
                mean_agreements=mean_agreements,
                idea_serial=idea_serial,
                seed=seed,
                today=today,
                series=series,
                password=password,
            )
            if log and (index + 1) % 25 == 0:
                seconds = time.perf_counter() - started
                log(f"  {index + 1}/{len(publics)} offentliga organisationer ({seconds:.0f} s)")
        writer.flush()
        _reset_sequences()
    counts.seconds = time.perf_counter() - started
    return counts


def _public_body(
    *, writer: _Writer, ids: _Ids, name: str, number: str, place: str, is_region: bool,
    password: str,
):  # fmt: skip
    """The municipality or region, its board and its two staff users."""
    public_id = ids(Organisation)
    slug = f"o{public_id}"
    public = writer.add(
        Organisation(
            id=public_id,
            name=name,
            organisation_number=number,
            sector=Sector.PUBLIC,
            city=place,
        )
    )
    board = writer.add(
        Board(
            id=ids(Board),
            organisation_id=public.id,
            name="Hälso- och sjukvårdsnämnden" if is_region else "Social- och omsorgsnämnden",
            administration_name="Regionkontoret" if is_region else "Socialförvaltningen",
        )
    )
    for role, who in (
        (User.Role.ADMINISTRATOR, "handlaggare"),
        (User.Role.BOARD_STAFF, "namndsekreterare"),
    ):
        writer.add(_user(ids, f"{slug}-{who}", public.id, role, password, place))
    return public, board


def _idea_organisations(
    *, writer: _Writer, ids: _Ids, place: str, slug: str, count: int, idea_serial: int,
    seed: int, password: str,
):  # fmt: skip
    """``count`` idea-based organisations of the place, each with a partner user."""
    idea_orgs = []
    for k in range(count):
        org = writer.add(
            Organisation(
                id=ids(Organisation),
                name=f"{IDEA_PREFIXES[k % len(IDEA_PREFIXES)]} {place}"
                + DISTRICTS[(k // len(IDEA_PREFIXES)) % len(DISTRICTS)]
                + (f" {k // (len(IDEA_PREFIXES) * len(DISTRICTS)) + 1}"
                   if k >= len(IDEA_PREFIXES) * len(DISTRICTS) else ""),
                organisation_number=organisation_number(f"802{seed % 10}", idea_serial),
                sector=Sector.IDEA_BASED,
                city=place,
            )
        )  # fmt: skip
        idea_serial += 1
        idea_orgs.append(org)
        writer.add(_user(ids, f"{slug}-p{k}", org.id, User.Role.PARTNER, password, place))
    return idea_orgs, idea_serial


def _parties(
    writer: _Writer, ids: _Ids, rng: random.Random, agreement_id: int, public_id: int, orgs: list
) -> list[Party]:
    """The public party and the idea-based ones of an agreement, with responsibilities."""
    public_party = writer.add(
        Party(
            id=ids(Party), agreement_id=agreement_id, organisation_id=public_id,
            role=Sector.PUBLIC,
        )
    )  # fmt: skip
    parties = [public_party]
    for org in orgs:
        parties.append(
            writer.add(
                Party(
                    id=ids(Party),
                    agreement_id=agreement_id,
                    organisation_id=org.id,
                    role=Sector.IDEA_BASED,
                )
            )
        )
    for party in parties:
        for r, text in enumerate(rng.sample(RESPONSIBILITIES, k=rng.randint(2, 4))):
            writer.add(
                Responsibility(id=ids(Responsibility), party_id=party.id, position=r + 1, text=text)
            )
    return parties


def _public_organisation(
    *,
    writer: _Writer,
    ids: _Ids,
    rng: random.Random,
    name: str,
    number: str,
    is_region: bool,
    mean_agreements: int,
    idea_serial: int,
    seed: int,
    today: dt.date,
    series: IndexSeries,
    password: str,
) -> int:
    place = name.removesuffix(" kommun").removeprefix("Region ")
    public, board = _public_body(
        writer=writer,
        ids=ids,
        name=name,
        number=number,
        place=place,
        is_region=is_region,
        password=password,
    )
    # Agreements: 10 % to 190 % of the mean, in renewal chains of 1-4 three-year periods.
    n_agreements = max(1, round(mean_agreements * rng.uniform(0.1, 1.9)))
    idea_orgs, idea_serial = _idea_organisations(
        writer=writer,
        ids=ids,
        place=place,
        slug=f"o{public.id}",
        count=max(2, round(n_agreements * 0.6)),
        idea_serial=idea_serial,
        seed=seed,
        password=password,
    )

    made = 0
    registry = 0
    while made < n_agreements:
        chain_length = min(rng.randint(1, 4), n_agreements - made)
        years = rng.choice([2, 3, 3, 3, 4])
        start_year = rng.randint(today.year - 11, today.year - 1)
        theme = rng.choice(THEMES)
        orgs = rng.sample(idea_orgs, k=min(len(idea_orgs), rng.choice([1, 1, 2, 2, 3])))
        per_year = rng.choice([1, 2, 2])
        predecessor = None
        previous_compensations: dict[int, int] = {}
        for step in range(chain_length):
            period_start = dt.date(start_year + step * years, 1, 1)
            period_end = dt.date(start_year + (step + 1) * years - 1, 12, 31)
            registry += 1
            approved = period_start <= today or rng.random() < 0.5
            agreement = writer.add(
                Agreement(
                    id=ids(Agreement),
                    title=f"{theme} i {place}",
                    registry_number=f"SN {period_start.year - 1}-{registry:04d}",
                    board_id=board.id,
                    approved=approved,
                    period_start=period_start,
                    period_end=period_end,
                    notice_period_months=6,
                    min_followups_per_year=per_year,
                    predecessor_id=predecessor.id if predecessor else None,
                    background=f"{theme} har bedrivits i {place} sedan {start_year}.",
                    target_group="Människor i socialt utanförskap.",
                    challenge_and_purpose=f"Gemensam samhällsutmaning: {theme.lower()}.",
                )
            )
            made += 1
            predecessor = agreement
            if approved and period_start < today and rng.random() < 0.01:
                writer.add(
                    Termination(
                        id=ids(Termination),
                        agreement_id=agreement.id,
                        given_by_id=public.id,
                        notice_date=min(today, period_start + dt.timedelta(days=400)),
                        reason="Verksamheten upphör.",
                    )
                )
            goals = [
                writer.add(Goal(id=ids(Goal), agreement_id=agreement.id, position=g + 1, text=text))
                for g, text in enumerate(rng.sample(GOALS, k=rng.randint(3, 6)))
            ]
            parties = _parties(writer, ids, rng, agreement.id, public.id, orgs)
            compensations = {}
            for party in parties[1:]:
                base = rng.randrange(100_000, 2_000_000, 1000)
                compensation = writer.add(
                    Compensation(
                        id=ids(Compensation),
                        agreement_id=agreement.id,
                        party_id=party.id,
                        base_amount=base,
                        base_year=period_start.year - 1,
                        index_series_id=series.id,
                        first_index_year=period_start.year,
                        index_rule=IndexRule.PRELIMINARY_FIRST,
                        payment_month=1,
                        continues_from_id=previous_compensations.get(party.organisation_id),
                    )
                )
                compensations[party.organisation_id] = compensation.id
                amount = base
                for year in range(period_start.year, period_end.year + 1):
                    amount = round(amount * (1 + rng.uniform(0.015, 0.04)))
                    if year == period_start.year and rng.random() < 0.3:
                        writer.add(
                            DecidedAmount(
                                id=ids(DecidedAmount),
                                compensation_id=compensation.id,
                                year=year,
                                amount=amount - rng.randint(0, 50),
                                decided_on=dt.date(year - 1, 11, 20),
                                note="Beslut i nämnden.",
                            )
                        )
                    paid_on = dt.date(year, 1, 25)
                    if approved and paid_on <= today:
                        writer.add(
                            Payment(
                                id=ids(Payment),
                                agreement_id=agreement.id,
                                compensation_id=compensation.id,
                                year=year,
                                paid_on=paid_on,
                                amount=amount,
                                reference=f"V{year}-{compensation.id}",
                            )
                        )
            previous_compensations = compensations
            if approved:
                _followups(writer, ids, rng, agreement, goals, parties[1:], today)
    return idea_serial


def _user(ids: _Ids, username: str, organisation_id: int, role: str, password: str, place: str):
    return User(
        id=ids(User),
        username=username,
        password=password,
        first_name=dict(User.Role.choices)[role].split(" ")[0],
        last_name=place,
        email=f"{username}@example.org",
        organisation_id=organisation_id,
        role=role,
        is_active=True,
    )


NATIONAL_INDICATORS = [spec for spec in LINKOPING_TEMPLATE if spec.name != "Arbetsträning"]


def _indicators(writer, ids, agreement) -> dict[str, Indicator]:
    """Every generated agreement reports Linköping's indicators (its template)."""
    return {
        spec.name: writer.add(
            Indicator(
                id=ids(Indicator),
                agreement_id=agreement.id,
                name=spec.name,
                unit=spec.unit,
                kind=spec.kind,
                maximum=Decimal(spec.maximum) if spec.maximum is not None else None,
                position=position,
            )
        )
        for position, spec in enumerate(NATIONAL_INDICATORS, start=1)
    }


def _values(writer, ids, rng, round_, organisation_id, indicators) -> None:
    often = rng.randint(20, 50)
    sometimes = rng.randint(10, 100 - often)
    numbers = {
        "Öppet": (5, rng.randint(5, 9)),
        "Öppna dagar under perioden": (rng.randint(90, 120), None),
        "Besökare per dag (ungefär)": (rng.randint(3, 15), None),
        "Återkommande besökare (stammisar)": (rng.randint(5, 30), None),
        "Unika personer under perioden": (rng.randint(20, 120), None),
        "Andel som kommer ofta": (often, None),
        "Andel som kommer ibland": (sometimes, None),
        "Andel som kommer sällan": (100 - often - sometimes, None),
        "Personer i arbetsträning": (rng.randint(0, 20), None),
    }
    for name, (low, high) in numbers.items():
        writer.add(
            IndicatorValue(
                id=ids(IndicatorValue),
                indicator_id=indicators[name].id,
                round_id=round_.id,
                organisation_id=organisation_id,
                value=Decimal(low),
                value_max=Decimal(high) if high is not None and high != low else None,
            )
        )


def _followups(writer, ids, rng, agreement, goals, idea_parties, today) -> None:
    indicators = _indicators(writer, ids, agreement)
    for year in range(today.year - FOLLOWUP_YEARS + 1, today.year + 1):
        for period_start, period_end, due in _half_years(year):
            if period_start < agreement.period_start or period_end > agreement.period_end:
                continue
            if period_start > today:
                continue
            closed = due < today
            round_ = writer.add(
                FollowUpRound(
                    id=ids(FollowUpRound),
                    agreement_id=agreement.id,
                    period_start=period_start,
                    period_end=period_end,
                    due_date=due,
                    status=FollowUpRound.Status.CLOSED if closed else FollowUpRound.Status.OPEN,
                )
            )
            meeting_day = period_end + dt.timedelta(days=30)
            writer.add(
                Meeting(
                    id=ids(Meeting),
                    agreement_id=agreement.id,
                    title="Uppföljningsmöte",
                    starts_at=_aware(meeting_day, 13),
                    ends_at=_aware(meeting_day, 15),
                    place="Kommunhuset",
                    status=Meeting.Status.HELD if meeting_day < today else Meeting.Status.PLANNED,
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
            )
            for party in idea_parties:
                submitted = closed or rng.random() < 0.3
                if not submitted and rng.random() < 0.5:
                    continue  # nothing written yet
                status = ReportStatus.SUBMITTED if submitted else ReportStatus.DRAFT
                submitted_at = _aware(min(due, today), 12) if submitted else None
                for goal in goals:
                    writer.add(
                        Note(
                            id=ids(Note),
                            round_id=round_.id,
                            organisation_id=party.organisation_id,
                            goal_id=goal.id,
                            narrative=rng.choice(NARRATIVES),
                            status=status,
                            submitted_at=submitted_at,
                        )
                    )
                writer.add(
                    Figures(
                        id=ids(Figures),
                        round_id=round_.id,
                        organisation_id=party.organisation_id,
                        status=status,
                        submitted_at=submitted_at,
                    )
                )
                _values(writer, ids, rng, round_, party.organisation_id, indicators)


def _reset_sequences() -> None:
    """After explicit ids the database's own sequences must continue above them."""
    sql = connection.ops.sequence_reset_sql(no_style(), _Writer.ORDER + [IndexValue])
    if sql:
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
