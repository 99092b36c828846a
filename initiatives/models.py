"""An idea-based organisation's initiative to a public body, its assessment and the de
minimis aid the organisation has declared from others."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from common import fields
from common.privacy import TEXT_GUARD
from partnerships.fields import organisation_fk
from partnerships.models import Agreement


class Status(models.TextChoices):
    RECEIVED = "received", "Mottaget"
    DIALOGUE = "dialogue", "I dialog"
    ASSESSED = "assessed", "Bedömt"
    PROPOSED = "proposed", "Föreslaget till nämnden"
    DECLINED = "declined", "Avslaget"
    AGREEMENT = "agreement", "Blev en överenskommelse"


# Kinds an initiative's documents may have (attachments.models.AttachmentKind values: the
# statutes, the latest annual accounts, activity report and audit report, the recipient's
# declaration of other de minimis aid).
INITIATIVE_KINDS = (
    "statutes",
    "annual_accounts",
    "activity_report",
    "audit_report",
    "de_minimis_declaration",
    "other",
)


class Initiative(models.Model):
    organisation = organisation_fk("initiatives", "idéburen organisation")
    public_body = organisation_fk("received_initiatives", "offentlig part")
    title = fields.line("rubrik", 300)
    need = fields.text("behov")
    target_group = fields.text("målgrupp")
    goals = fields.text("mål", help_text="Ett mål per rad.")
    own_money = models.PositiveIntegerField("egen insats i pengar (kr per år)", default=0)
    own_in_kind = fields.text(
        "egen insats i annat än pengar",
        blank=True,
        help_text="Till exempel ideella timmar, lokaler, material.",
    )
    organisation_description = fields.text("beskrivning av organisationen")
    signatories = fields.text(
        "firmatecknare", help_text="Namn och befattning, en per rad. Inga personnummer."
    )
    kammarkollegiet_registered = models.BooleanField(
        "registrerad hos Kammarkollegiet som idéburen organisation (lag 2022:900)",
        default=False,
    )
    kammarkollegiet_checked_on = models.DateField(
        "registreringen kontrollerad den", null=True, blank=True
    )
    budget_staff = models.PositiveIntegerField("budget: anställda (kr per år)", default=0)
    budget_volunteers = models.PositiveIntegerField("budget: volontärer (kr per år)", default=0)
    budget_premises = models.PositiveIntegerField("budget: lokaler (kr per år)", default=0)
    budget_other = models.PositiveIntegerField("budget: övrigt (kr per år)", default=0)
    attachments_note = fields.text(
        "om handlingarna",
        blank=True,
        help_text="Stadgar, årsredovisning, verksamhetsberättelse och revisionsberättelse laddas "
        "upp som bilagor på initiativets sida. Skriv här om någon handling kommer senare.",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    completion_request = fields.text("begärd komplettering", blank=True)
    completion_requested_at = models.DateTimeField("komplettering begärd", null=True, blank=True)
    completion_answer = fields.text("organisationens svar på kompletteringen", blank=True)
    completed_at = models.DateTimeField("kompletterat", null=True, blank=True)
    agreement = models.OneToOneField(
        Agreement,
        verbose_name="överenskommelse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative",
    )
    filed_by = fields.user_fk("inlämnat av", on_delete=models.SET_NULL, null=True)
    version = fields.version()
    created_at = fields.created_at("inkommet")
    updated_at = fields.updated_at()
    history = fields.history("version", "updated_at")

    class Meta:
        verbose_name = "initiativ"
        verbose_name_plural = "initiativ"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    @property
    def goal_lines(self) -> list[str]:
        return [line.strip() for line in self.goals.splitlines() if line.strip()]

    @property
    def budget_lines(self) -> dict[str, int]:
        """The yearly cost budget by category (finance's BudgetCategory values)."""
        return {
            "staff": self.budget_staff,
            "volunteers": self.budget_volunteers,
            "premises": self.budget_premises,
            "other": self.budget_other,
        }

    @property
    def budget_total(self) -> int:
        return sum(self.budget_lines.values())

    @property
    def completion_open(self) -> bool:
        """A completion was asked for and not yet answered."""
        return bool(self.completion_requested_at) and (
            self.completed_at is None or self.completed_at < self.completion_requested_at
        )


class StateAidRoute(models.TextChoices):
    NO_AID = "no_aid", "Inte statsstöd (de fem kriterierna är inte alla uppfyllda)"
    DE_MINIMIS = "de_minimis", "Stöd av mindre betydelse (de minimis)"


class SignOffRole(models.TextChoices):
    LAWYER = "lawyer", "Jurist"
    PROCUREMENT = "procurement", "Upphandlingsenheten"


# (field prefix, the IOP criterion in Swedish)
IOP_CRITERIA = [
    ("from_idea_side", "Initiativet kommer från den idéburna organisationen"),
    ("political_plan", "Insatsen är en del av en politisk plan eller målsättning"),
    ("not_regular_grant", "Det är inte det ordinarie föreningsbidraget"),
    ("no_market", "Det finns ingen marknad att skydda (inte upphandlingsbart)"),
    ("co_financing", "Organisationen medfinansierar med pengar eller annat"),
    ("no_detailed_steering", "Ingen detaljstyrning från den offentliga parten"),
    ("long_term", "Långsiktigt, med gemensam uppföljning"),
]
# The five criteria of state aid (article 107.1 TFEU).
STATE_AID_CRITERIA = [
    ("aid_undertaking", "Mottagaren är ett företag (bedriver ekonomisk verksamhet)"),
    ("aid_state_resources", "Stödet ges med offentliga medel"),
    ("aid_advantage", "Stödet ger en ekonomisk fördel"),
    ("aid_selective", "Stödet är selektivt"),
    ("aid_trade", "Stödet påverkar konkurrensen och handeln mellan EU-länder"),
]


def _criterion_fields(prefix: str, label: str, *, blank: bool) -> dict:
    return {
        f"{prefix}_met": models.BooleanField(label, default=False),
        f"{prefix}_reason": models.TextField(
            f"motivering: {label[0].lower()}{label[1:]}", blank=blank, validators=TEXT_GUARD
        ),
    }


def criteria_fields() -> dict:
    """A yes/no and a reason per criterion. The reasons of the state aid criteria may be
    empty on the de minimis route (the service requires them on the other)."""
    fields = {}
    for prefix, label in IOP_CRITERIA:
        fields |= _criterion_fields(prefix, label, blank=False)
    for prefix, label in STATE_AID_CRITERIA:
        fields |= _criterion_fields(prefix, label, blank=True)
    return fields


CRITERIA_FIELD_NAMES = list(criteria_fields())


class Assessment(models.Model):
    """The administration's assessment: why this is an IOP and not a procurement or
    unlawful state aid. One per initiative."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="assessment"
    )
    locals().update(criteria_fields())  # the class body's namespace: one field per name
    pecuniary_contract = models.BooleanField(
        "upphandling: är det ett kontrakt med ekonomiska villkor (ömsesidigt bindande "
        "avtal mot ersättning)?",
        default=False,
    )
    procurement_reason = fields.text("motivering: upphandling")
    competence_reason = fields.text("kommunallagens kompetens (2 kap. kommunallagen)")
    state_aid_route = models.CharField("statsstöd", max_length=20, choices=StateAidRoute.choices)
    de_minimis_amount_sek = models.PositiveBigIntegerField(
        "belopp som stöd av mindre betydelse (kr)", null=True, blank=True
    )
    de_minimis_sgei = models.BooleanField(
        "tjänst av allmänt ekonomiskt intresse (SGEI, tak 750 000 euro)", default=False
    )
    decision_date = fields.decided_on(null=True, blank=True)
    sek_per_eur = models.DecimalField(
        "växelkurs på beslutsdagen (kr per euro)",
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )
    amount_eur = models.DecimalField(
        "belopp i euro", max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    declaration_note = fields.text(
        "mottagarens skriftliga försäkran om annat stöd av mindre betydelse", blank=True
    )
    assessed_by = fields.user_fk("bedömd av", on_delete=models.SET_NULL, null=True)
    assessed_at = models.DateTimeField("bedömd", null=True, blank=True)
    signed_off_role = models.CharField(
        "godkänd av (funktion)", max_length=20, choices=SignOffRole.choices
    )
    signed_off_name = fields.line("godkänd av (namn)", 200)
    version = fields.version()
    history = fields.history("version")

    class Meta:
        verbose_name = "bedömning"
        verbose_name_plural = "bedömningar"

    def __str__(self) -> str:
        return f"Bedömning av {self.initiative}"

    @property
    def iop_rows(self) -> list[tuple[str, bool, str]]:
        return [
            (label, getattr(self, f"{p}_met"), getattr(self, f"{p}_reason"))
            for p, label in IOP_CRITERIA
        ]

    @property
    def state_aid_rows(self) -> list[tuple[str, bool, str]]:
        return [
            (label, getattr(self, f"{p}_met"), getattr(self, f"{p}_reason"))
            for p, label in STATE_AID_CRITERIA
        ]


class DeclaredAid(models.Model):
    """De minimis aid from another grantor, as the organisation has declared it in writing."""

    organisation = organisation_fk("declared_de_minimis", on_delete=models.CASCADE)
    grantor = fields.line("stödgivare", 200)
    granted_on = models.DateField("beviljat den")
    amount_eur = models.DecimalField("belopp (euro)", max_digits=12, decimal_places=2)
    sgei = models.BooleanField("SGEI", default=False)
    history = fields.history()

    class Meta:
        verbose_name = "deklarerat stöd av mindre betydelse"
        verbose_name_plural = "deklarerade stöd av mindre betydelse"
        ordering = ["granted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.grantor} {self.granted_on}: {self.amount_eur} euro"
