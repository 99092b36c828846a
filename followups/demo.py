"""Demo data of this app, loaded by ``manage.py seed_demo`` after the register.

``seed(case)`` is idempotent; ``case`` is partnerships.demo.DemoCase with the documented
keys (agreements "2018", "2021", "2024", "other"; organisations "linkoping", "iogt",
"pingst", "sion", ...; users "handlaggare", ...). Missing keys are skipped.

What it reproduces:
- 2018 agreement: the follow-up meeting of August 2020 (held) and the round 2020 with
  notes per goal and figures from seeds/001, submitted by IOGT-NTO and
  Pingstförsamlingen (Sionförsamlingen's successor), and the administration's assessment
  "partly reached" from seeds/000.
- 2024 agreement: the open round 2026, due 2026-12-15, with a draft by IOGT-NTO.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.db import transaction

from partnerships.demo import DemoCase
from partnerships.models import Agreement, Goal, Organisation, Sector
from partnerships.selectors import agreement_contacts

from .indicator_services import indicators_from_template
from .indicators import LINKOPING_TEMPLATE
from .models import (
    Assessment,
    Figures,
    FollowUpRound,
    GoalAssessment,
    GoalResult,
    Indicator,
    IndicatorValue,
    Meeting,
    Note,
    ReportStatus,
)

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

# seeds/001, by goal and organisation ----------------------------------------------------
SOCIAL = {
    "iogt": (
        "För IOGT-NTO:s del utgör kamratstöd och ”lokalen” basen i verksamheten. Lokalen har "
        "öppet 5-9 timmar/dag. Minst en dag i veckan (undantag för tiden med Corona) äter man "
        "gemensam lunch men tar även promenader 2 em/vecka. För att möta behovet av social "
        "samvaro även utanför vardagar 8-17 försöker IOGT-NTO ha lokalen öppen även viss "
        "kvällstid och några helger i månaden. Att fira en drogfri jul och nyårsafton har "
        "blivit en tradition de sista åren. Förutom möten i lokalen erbjuds även så kallade "
        "”utanförsamtal”, besök/kontakter som sker via telefon/sociala medier. Under våren-20 "
        "har dessa kontakter ökat."
    ),
    "pingst": (
        "Pingstförsamlingen kan erbjuda relativt omfattande insatser. Dessa består både av "
        "vardagliga aktiviteter och behandlingsinriktade delar i form av samtal och olika "
        "typer av gruppverksamheter t.ex. Celebrate Recovery som är en form av "
        "12-stegsbehandling. Separata grupper erbjuds för kvinnor och män. Basen i "
        "verksamheten kan sägas utgöras av den arbetsträning som erbjuds i form av ett "
        "tydligt veckoschema måndag-fredag där varje deltagare får ett individuellt schema."
    ),
}
NETWORK = (
    "IOGT-NTO och Pingstförsamlingen har som civila aktörer en bredd av socialt och materiellt "
    "kapital inom sina respektive organisationer. I verksamheterna knyts kontakter, relationer "
    "och förtroenden byggs som möjliggör att besökare och deltagare kan lotsas och matchas in "
    "i församlingen eller föreningen."
)
REACH = {
    "iogt": (
        "IOGT-NTO har under IOPn haft en grupp av återkommande besökare s.k. ”stammisar” och "
        "sett en succesiv ökning av besökare. Fler yngre kvinnor söker sig till verksamheten. "
        "Under det sista året har besökare från en ny målgrupp sökt sig till verksamheten: "
        "människor utan bakomliggande drogproblematik, personer med psykisk ohälsa och "
        "personer som har svårt att vara i större sociala sammanhang."
    ),
    "pingst": (
        "Ett 25 tal besökare har regelbundet kommit på torsdagskvällarna, flertalet av dessa är "
        "återkommande men även nya besökare söker sig till verksamheten. Det sista året (2020) "
        "har 90 talet unika personer deltagit i verksamheten, av dessa är en tredjedel ofta "
        "återkommande, en tredjedel kommer ibland och den sista tredjedelen kommer mer sällan. "
        "Ett 15 tal personer arbetstränar mellan 2 – 20 timmar i veckan. De har fått sin plats "
        "via Arbetsmarknadscentrum, LSS, Försäkringskassan, frivården och som en del i ett "
        "utslussningsarbete efter behandling."
    ),
}
REACH_COMMON = (
    "En stor del av besökarna är män under 30 år med bristfällig samhällsförankring. "
    "Människor från målgruppen får kontakt med verksamheterna via personlig kännedom och "
    "uppsökande verksamhet, och genom samverkan med kommunens stödboenden, frivården, "
    "socialtjänsten och arbetsförmedlingen."
)
EXPERIENCE = {
    "iogt": (
        "Kamratstödjarna beskriver vikten av att arbeta motiverande, särskilt i "
        "”uppstartsfasen”, och betydelsen av att finnas med över tid. Till kamratstödet kan man "
        "komma som man är; småskaligheten gör det möjligt att vara personlig."
    ),
    "pingst": (
        "Församlingen arbetar för att hela församlingen ska vara en bas för nya nätverk, och "
        "erbjuder arbetsträning, samtal och gruppverksamheter."
    ),
}
DEVELOPMENT = (
    "Båda organisationerna har erfarenheten av att flera av deras besökare saknar både fast "
    "boende och sysselsättning. Pingstförsamlingen och IOGT-NTO har en framtida vision och "
    "utvecklingsidé där man ser sig som en aktiv aktör i arbetet att ge enskilda individer ett "
    "mer heltäckande stöd inom såväl boende, sysselsättning som fritid. För att skapa "
    "förutsägbarhet och långsiktighet skulle en utökad ekonomisk resurs och ett planmässigt "
    "samarbete med kommunen kunna bereda ytterligare personer plats."
)
# The demo's figures by the fields of the reports before indicators: (indicator, low/high).
LINKOPING_FIELDS = {
    "opening_hours_min": ("Öppet", 0),
    "opening_hours_max": ("Öppet", 1),
    "open_days": ("Öppna dagar under perioden", 0),
    "visitors_per_day": ("Besökare per dag (ungefär)", 0),
    "regular_visitors": ("Återkommande besökare (stammisar)", 0),
    "unique_persons": ("Unika personer under perioden", 0),
    "share_often": ("Andel som kommer ofta", 0),
    "share_sometimes": ("Andel som kommer ibland", 0),
    "share_rarely": ("Andel som kommer sällan", 0),
    "work_training_persons": ("Personer i arbetsträning", 0),
    "work_training_hours_min": ("Arbetsträning", 0),
    "work_training_hours_max": ("Arbetsträning", 1),
}
FIGURES_2020 = {
    "iogt": {
        "opening_hours_min": Decimal(5),
        "opening_hours_max": Decimal(9),
        "open_days": 220,
        "visitors_per_day": 10,
        "new_target_groups": (
            "Fler yngre kvinnor. Människor utan bakomliggande drogproblematik: personer med "
            "psykisk ohälsa och personer som har svårt att vara i större sociala sammanhang."
        ),
        "cooperation_partners": (
            "Kommunens stödboenden, frivården, socialtjänsten, arbetsförmedlingen, "
            "Stadsmissionens öppna verksamheter, självhjälpsgrupper inom AA/NA."
        ),
        "development_ideas": DEVELOPMENT,
    },
    "pingst": {
        "regular_visitors": 25,
        "unique_persons": 90,
        "share_often": 34,
        "share_sometimes": 33,
        "share_rarely": 33,
        "work_training_persons": 15,
        "work_training_hours_min": Decimal(2),
        "work_training_hours_max": Decimal(20),
        "cooperation_partners": (
            "Arbetsmarknadscentrum, LSS, Försäkringskassan, frivården, kommunens "
            "stödboenden, socialtjänsten, arbetsförmedlingen."
        ),
        "development_ideas": DEVELOPMENT
        + (
            " Pingstförsamlingen har positiva erfarenheter av att låta ett par bostadslösa "
            "personer bo i en av församlingens fastigheter och under dagtid delta i "
            "arbetsträning och den sociala gemenskapen."
        ),
    },
}
ASSESSMENT_TEXT = (
    "IOP:n med IOGT-NTO och Sionförsamlingen har vid årsskiftet löpt på i två år. En samlad "
    "bedömning är att den delvis nått sitt syfte och mål. Båda har nått ut till den tänkta "
    "målgruppen. Sionförsamlingen har också tagit emot delvis andra grupper i form av "
    "ekonomiskt behövande och flera människor från andra kulturer. Här bör man dock betänka "
    "att Sionförsamlingen totalt sett förfogar över helt andra resurser och möjligheter än "
    "IOGT-NTO så det utfallet kan i någon mån sägas vara förväntat.\n\n"
    "En IOP är till skillnad från andra typer av överenskommelser kommunen ingår "
    "(avtal/verksamhetsuppdrag) inte prestationsbaserad sett till vad som förväntas uppnås i "
    "form av mätbara resultat. Idén bygger istället på att uppmuntra, aktivera och stötta "
    "civilsamhället att hjälpa utsatta människor hitta sammanhang."
)
RECOMMENDATION = (
    "Vi behöver fundera över hur och i vilken utsträckning kommunen kan/ska stötta de "
    "organisationer som ingår i en IOP då tanken är att man ingår som en mera likvärdig part "
    "till skillnad från ett upphandlat avtal med olika typer av ska-krav.\n\n"
    "Vår bedömning är att den här IOP:n har potential att fortsätta utvecklas och att IOGT-NTO "
    "och Sionförsamlingen kan fortsätta hitta vägar att nå ut till och samlas kring den "
    "tilltänkta målgruppen."
)
MINUTES_2020 = (
    "Gemensam dialog om hur målsättningen med IOP:n nås. Parterna gick igenom verksamheten "
    "sedan start, mål för mål.\n"
    "- Pingstförsamlingen framförde synpunkter på IOP:ns konstruktion: de ser det som enklare "
    "att vara ensam part tillsammans med kommunen.\n"
    "- IOGT-NTO upplever inga problem med nuvarande konstruktion och ser fördelar med att "
    "samlas kring en gemensam fråga.\n"
    "- Båda organisationerna beskriver att många besökare saknar fast boende och "
    "sysselsättning.\n"
    "Förvaltningen sammanställer en uppföljningsrapport till nämnden."
)


def _narrative(goal: Goal, who: str) -> str:
    text = goal.text.lower()
    parts = []
    if "samvaro" in text or "gemenskap" in text:
        parts.append(SOCIAL[who])
    if "nätverk" in text:
        parts.append(NETWORK)
    if "utanförskap" in text or "ensamhet" in text or "isolering" in text:
        parts += [REACH[who], REACH_COMMON]
    if not parts:
        parts.append(EXPERIENCE[who])
    return "\n\n".join(parts)


def _idea_party(agreement: Agreement, *candidates: Organisation | None) -> Organisation | None:
    ids = set(
        agreement.parties.filter(role=Sector.IDEA_BASED).values_list("organisation_id", flat=True)
    )
    return next((org for org in candidates if org is not None and org.pk in ids), None)


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _year_round(agreement: Agreement, year: int, *, due: dt.date, status: str) -> FollowUpRound:
    """The agreement's follow-up round of a calendar year, made or brought up to date."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    round = FollowUpRound.objects.filter(
        agreement=agreement, period_start=start, period_end=end
    ).first() or FollowUpRound(agreement=agreement, period_start=start, period_end=end)
    round.due_date = due
    round.status = status
    return _save(round)


def _report(round, organisation, who, goals, *, status, figures, author=None, when=None):
    for goal in goals:
        note = Note.objects.filter(round=round, organisation=organisation, goal=goal).first()
        note = note or Note(round=round, organisation=organisation, goal=goal)
        note.narrative = _narrative(goal, who)
        note.status = status
        note.submitted_at = when if status == ReportStatus.SUBMITTED else None
        note.submitted_by = author if status == ReportStatus.SUBMITTED else None
        _save(note)
    row = Figures.objects.filter(round=round, organisation=organisation).first()
    row = row or Figures(round=round, organisation=organisation)
    numbers: dict[str, list] = {}
    for name, value in figures.items():
        if name in Figures.TEXT_FIELDS:
            setattr(row, name, value)
        else:
            indicator_name, place = LINKOPING_FIELDS[name]
            numbers.setdefault(indicator_name, [None, None])[place] = value
    row.status = status
    row.submitted_at = when if status == ReportStatus.SUBMITTED else None
    _save(row)
    indicators = {i.name: i for i in Indicator.objects.filter(agreement=round.agreement)}
    for indicator_name, (low, high) in numbers.items():
        indicator = indicators[indicator_name]
        value = IndicatorValue.objects.filter(
            indicator=indicator, round=round, organisation=organisation
        ).first() or IndicatorValue(indicator=indicator, round=round, organisation=organisation)
        value.value = Decimal(low if low is not None else high)
        value.value_max = Decimal(high) if high is not None and high != low else None
        _save(value)


def _linkoping_indicators(agreement: Agreement) -> None:
    """Linköping's figures are the indicators of each of its agreements (idempotent)."""
    if not Indicator.objects.filter(agreement=agreement).exists():
        indicators_from_template(agreement, LINKOPING_TEMPLATE)


def _seed_2018(case: DemoCase, agreement: Agreement) -> None:
    orgs, users = case.organisations, case.users
    iogt = _idea_party(agreement, orgs.get("iogt"))
    pingst = _idea_party(agreement, orgs.get("pingst"), orgs.get("sion"))
    starts = dt.datetime(2020, 8, 20, 13, 0, tzinfo=STOCKHOLM)
    meeting = Meeting.objects.filter(agreement=agreement, starts_at=starts).first()
    meeting = meeting or Meeting(agreement=agreement, starts_at=starts)
    meeting.title = "Uppföljningsmöte"
    meeting.ends_at = starts + dt.timedelta(hours=2)
    meeting.place = "Social- och omsorgsförvaltningen, Linköping"
    meeting.status = Meeting.Status.HELD
    meeting.agenda = (
        "1. Verksamheten sedan start, mål för mål\n2. Siffror för 2020\n"
        "3. IOP:ns konstruktion\n4. Framtida utvecklingsmöjligheter"
    )
    meeting.minutes = MINUTES_2020
    meeting.created_by = users.get("handlaggare")
    _save(meeting)
    meeting.attendees.set(agreement_contacts(agreement))

    round = _year_round(
        agreement, 2020, due=dt.date(2020, 8, 14), status=FollowUpRound.Status.CLOSED
    )
    goals = list(agreement.goals.all())
    when = dt.datetime(2020, 8, 14, 12, 0, tzinfo=STOCKHOLM)
    for who, org in (("iogt", iogt), ("pingst", pingst)):
        if org is not None:
            _report(
                round,
                org,
                who,
                goals,
                status=ReportStatus.SUBMITTED,
                figures=FIGURES_2020[who],
                author=users.get(who),
                when=when,
            )

    assessment = Assessment.objects.filter(round=round).first() or Assessment(round=round)
    assessment.overall_result = GoalResult.PARTLY
    assessment.overall_text = ASSESSMENT_TEXT
    assessment.recommendation = RECOMMENDATION
    assessment.assessed_by = users.get("handlaggare")
    _save(assessment)
    for goal in goals:
        row = GoalAssessment.objects.filter(assessment=assessment, goal=goal).first()
        row = row or GoalAssessment(assessment=assessment, goal=goal)
        row.result = GoalResult.PARTLY
        _save(row)


def _seed_2024(case: DemoCase, agreement: Agreement) -> None:
    iogt = _idea_party(agreement, case.organisations.get("iogt"))
    round = _year_round(
        agreement, 2026, due=dt.date(2026, 12, 15), status=FollowUpRound.Status.OPEN
    )
    if iogt is None:
        return
    goals = list(agreement.goals.all())[:1]
    figures = {
        "opening_hours_min": Decimal(5),
        "opening_hours_max": Decimal(9),
        "open_days": 220,
    }
    existing = Note.objects.filter(round=round, organisation=iogt).exists()
    if existing:
        return  # the partner may have edited or submitted the draft: leave it alone
    _report(round, iogt, "iogt", goals, status=ReportStatus.DRAFT, figures=figures)


@transaction.atomic
def seed(case: DemoCase) -> None:
    agreements = getattr(case, "agreements", {}) or {}
    for key in ("2018", "2021", "2024"):
        if agreements.get(key) is not None:
            _linkoping_indicators(agreements[key])
    if agreements.get("2018") is not None:
        _seed_2018(case, agreements["2018"])
    if agreements.get("2024") is not None:
        _seed_2024(case, agreements["2024"])
