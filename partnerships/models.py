import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import fields
from common.privacy import LINE_GUARD

from .fields import (
    added_by,
    agreement_fk,
    board_fk,
    organisation_fk,
    paragraph,
    party_fk,
    registry_number,
)
from .orgnr import normalise_organisation_number, validate_organisation_number
from .rules import (
    STATUS_LABELS,
    AgreementStatus,
    agreement_status,
    last_notice_date,
    termination_end_date,
)


class Sector(models.TextChoices):
    PUBLIC = "public", "Offentlig sektor"
    IDEA_BASED = "idea_based", "Idéburen sektor"


class PublicKind(models.TextChoices):
    """What a public body is, so every text calls it by its name ("regionen", not
    "kommunen")."""

    MUNICIPALITY = "kommun", "Kommun"
    REGION = "region", "Region"


PUBLIC_BODY_WORDS = {
    PublicKind.MUNICIPALITY: ("kommunen", "kommunens"),
    PublicKind.REGION: ("regionen", "regionens"),
}


def public_body_words(kind: str | None) -> tuple[str, str]:
    """("kommunen", "kommunens") or ("regionen", "regionens"): the public body in a text."""
    return PUBLIC_BODY_WORDS.get(kind, PUBLIC_BODY_WORDS[PublicKind.MUNICIPALITY])


def public_kind_from_name(name: str) -> str:
    """ "Region Östergötland" is a region; anything else a municipality until told."""
    return PublicKind.REGION if name.strip().startswith("Region ") else PublicKind.MUNICIPALITY


class Organisation(models.Model):
    """An organisation in the shared register (organisation numbers are public)."""

    name = fields.line("namn", 200)
    # NULL, not "", for an unknown number: the unique constraint must allow many unknowns.
    organisation_number = models.CharField(  # noqa: DJ001
        "organisationsnummer",
        max_length=11,
        null=True,
        blank=True,
        help_text="Tio siffror, t.ex. 212000-0449. Lämna tomt om numret inte är känt.",
        # Validated as an organisation number, which also refuses a personnummer.
        validators=[validate_organisation_number],
    )
    sector = models.CharField("sektor", max_length=20, choices=Sector.choices)
    public_kind = models.CharField(
        "kommun eller region",
        max_length=10,
        choices=PublicKind.choices,
        default=PublicKind.MUNICIPALITY,
        help_text="För offentlig sektor: styr om texterna säger ”kommunen” eller ”regionen”.",
    )
    street_address = fields.line("utdelningsadress", 200, blank=True)
    postal_code = fields.line("postnummer", 10, blank=True)
    city = fields.line("ort", 100, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="verksamheten fortsätter i",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    # The public body whose administrator registered an idea-based organisation: it may
    # correct the record until the organisation has an administrator of its own.
    registered_by = models.ForeignKey(
        "self",
        verbose_name="registrerad av",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = fields.version()
    created_at = fields.created_at()
    updated_at = fields.updated_at()
    history = fields.history("version")

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_number"],
                condition=Q(organisation_number__isnull=False),
                name="organisation_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="organisation_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:organisation_detail", args=[self.pk])

    @property
    def public_noun(self) -> str:
        """ "kommunen" or "regionen"."""
        return public_body_words(self.public_kind)[0]

    @property
    def public_genitive(self) -> str:
        """ "kommunens" or "regionens"."""
        return public_body_words(self.public_kind)[1]

    def clean(self) -> None:
        if self.organisation_number:
            self.organisation_number = normalise_organisation_number(self.organisation_number)
        else:
            self.organisation_number = None


class ContactPerson(models.Model):
    """A contact person at ``organisation``, as the record of ``owner``.

    The owner is whose record this is: the organisation itself (kept by its own
    administrators) or a public body that keeps its own contacts for the organisations it
    works with. Nobody but the owner can change where the owner's mail goes."""

    organisation = organisation_fk("contacts", on_delete=models.CASCADE)
    owner = organisation_fk("kept_contacts", "uppgiften förs av", on_delete=models.CASCADE)
    name = fields.line("namn", 200)
    title = fields.line("befattning", 200, blank=True)
    email = models.EmailField("e-post", blank=True, validators=LINE_GUARD)
    phone = fields.line("telefon", 40, blank=True)
    history = fields.history()

    class Meta:
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """A political board (nämnd) of a public organisation, e.g. the social and care board."""

    organisation = organisation_fk("boards")
    name = fields.line("namn", 200)
    administration_name = fields.line("förvaltning", 200, blank=True)
    # A renamed board keeps its history (who renamed it, when, what it was called before).
    history = fields.history()

    class Meta:
        verbose_name = "nämnd"
        verbose_name_plural = "nämnder"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation.name}"


class User(AbstractUser):
    # The inherited text fields, redefined only to carry the guard (the admin's user forms
    # are ModelForms, so they refuse a personnummer in a user name like any other form).
    username = models.CharField(
        _("username"),
        max_length=150,
        unique=True,
        help_text=_("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
        validators=[AbstractUser.username_validator, *LINE_GUARD],
        error_messages={"unique": _("A user with that username already exists.")},
    )
    first_name = fields.line(_("first name"), 150, blank=True)
    last_name = fields.line(_("last name"), 150, blank=True)
    email = models.EmailField(_("email address"), blank=True, validators=LINE_GUARD)

    class Role(models.TextChoices):
        ADMINISTRATOR = "administrator", "Handläggare"
        BOARD_STAFF = "board_staff", "Nämndsekreterare"
        PARTNER = "partner", "Partner (idéburen organisation)"
        # Runs the installation: onboards public bodies, keeps shared data such as SKR's OPI.
        OPERATOR = "operator", "Driftansvarig"

    organisation = organisation_fk("users", "organisation", null=True)
    role = models.CharField("roll", max_length=20, choices=Role.choices, blank=True)
    is_organisation_admin = models.BooleanField("administratör för organisationen", default=False)

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"

    @property
    def is_operator(self) -> bool:
        """Whoever runs the installation: a superuser or a user with the operator role."""
        return self.is_active and (self.is_superuser or self.role == self.Role.OPERATOR)

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR and self.organisation_id is not None

    @property
    def is_board_staff(self) -> bool:
        return self.role == self.Role.BOARD_STAFF and self.organisation_id is not None

    @property
    def is_partner(self) -> bool:
        return self.role == self.Role.PARTNER and self.organisation_id is not None


class AgreementQuerySet(models.QuerySet):
    def with_status(self, today: dt.date | None = None) -> "AgreementQuerySet":
        """Annotate ``current_status``; same rule as ``rules.agreement_status``."""
        today = today or timezone.localdate()
        return self.annotate(
            current_status=Case(
                When(approved=False, then=Value(AgreementStatus.DRAFT.value)),
                When(
                    termination__notice_date__lte=today,
                    then=Value(AgreementStatus.TERMINATED.value),
                ),
                When(period_start__gt=today, then=Value(AgreementStatus.APPROVED.value)),
                When(period_end__lt=today, then=Value(AgreementStatus.ENDED.value)),
                default=Value(AgreementStatus.ACTIVE.value),
                output_field=models.CharField(),
            )
        )


class Agreement(models.Model):
    """An IOP agreement (överenskommelse). Its text sections follow seeds/003."""

    title = fields.line("rubrik", 300)
    registry_number = registry_number()
    board = board_fk("agreements", "ansvarig nämnd", null=True)
    approved = models.BooleanField(
        "beslutad",
        default=False,
        help_text="Överenskommelsen är beslutad av nämnden. Därefter följer status datumen.",
    )
    period_start = models.DateField("gäller från och med")
    period_end = models.DateField("gäller till och med")
    notice_period_months = models.PositiveSmallIntegerField("uppsägningstid (månader)", default=6)
    min_followups_per_year = models.PositiveSmallIntegerField(
        "uppföljningar per år (minst)", default=1
    )
    predecessor = models.OneToOneField(
        "self",
        verbose_name="föregående överenskommelse",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor",
    )
    background = fields.text("bakgrund", blank=True)
    starting_points = fields.text("utgångspunkter", blank=True)
    shared_values = fields.text("värdegrund", blank=True)
    actors = fields.text("aktörer", blank=True)
    challenge_and_purpose = fields.text("gemensam samhällsutmaning och syfte", blank=True)
    goals_introduction = fields.text("målsättning, inledning", blank=True)
    target_group = fields.text("målgrupp", blank=True)
    joint_responsibilities = fields.text("gemensamt ansvar", blank=True)
    follow_up_terms = fields.text("avstämning och uppföljning", blank=True)
    repayment_clause = fields.text("återbetalning", blank=True)
    changes_clause = fields.text("förändringar", blank=True)
    version = fields.version()
    created_at = fields.created_at()
    updated_at = fields.updated_at()
    history = fields.history("version", "updated_at")

    objects = AgreementQuerySet.as_manager()

    TEXT_SECTIONS = [
        "background",
        "starting_points",
        "shared_values",
        "actors",
        "challenge_and_purpose",
        "goals_introduction",
        "target_group",
        "joint_responsibilities",
        "follow_up_terms",
        "repayment_clause",
        "changes_clause",
    ]

    class Meta:
        verbose_name = "överenskommelse"
        verbose_name_plural = "överenskommelser"
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="agreement_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("pk")), name="agreement_not_own_predecessor"
            ),
        ]
        indexes = [models.Index(fields=["period_end"]), models.Index(fields=["period_start"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.period_start.year}–{self.period_end.year})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:agreement_detail", args=[self.pk])

    @property
    def municipality(self) -> Organisation | None:
        """The municipality (or region) of the agreement: the board's organisation, else the
        first public party. The one version every app and document uses."""
        if self.board_id is not None:
            return self.board.organisation
        for party in self.parties.all():
            if party.role == Sector.PUBLIC:
                return party.organisation
        return None

    @property
    def notice_date(self) -> dt.date | None:
        termination = getattr(self, "termination", None)
        return termination.notice_date if termination else None

    def status_on(self, today: dt.date) -> AgreementStatus:
        return agreement_status(
            approved=self.approved,
            period_start=self.period_start,
            period_end=self.period_end,
            notice_date=self.notice_date,
            today=today,
        )

    @property
    def status(self) -> AgreementStatus:
        annotated = getattr(self, "current_status", None)
        if annotated:
            return AgreementStatus(annotated)
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def effective_end(self) -> dt.date:
        """The last day the agreement runs: the period end, or earlier after notice."""
        termination = getattr(self, "termination", None)
        if termination:
            return termination.end_date
        return self.period_end

    @property
    def last_notice_date(self) -> dt.date:
        return last_notice_date(period_end=self.period_end, notice_months=self.notice_period_months)


class PartyChange(models.TextChoices):
    JOINS = "joins", "Tillkommer som part"
    LEAVES = "leaves", "Lämnar överenskommelsen"


class Amendment(models.Model):
    """An amendment (ändring, tilläggsbeslut) of an agreement decided during its period: a
    decision with a date, a board, a paragraph and what it changes. The agreement stays as
    it was decided; what an amendment changes is kept here (the period extended to a new
    end, a party joining or leaving from a date), on the goals and responsibilities it adds
    (``added_by_amendment``) and in finance (``AmountChange``: an amount from a date). The
    agreement as amended is computed from the original and the amendments in date order
    (``partnerships.amendments``)."""

    agreement = agreement_fk("amendments", "överenskommelse")
    decided_on = fields.decided_on()
    board = board_fk("amendments", "nämnd", null=True)
    paragraph = paragraph("T.ex. § 87.")
    registry_number = registry_number()
    title = fields.line("rubrik", 200, help_text="T.ex. ”Tilläggsbeslut om utökat uppdrag”.")
    description = fields.text("beskrivning", blank=True)
    new_period_end = models.DateField(
        "förlängs till och med",
        null=True,
        blank=True,
        help_text="Fyll i om ändringen förlänger perioden (utan ny överenskommelse).",
    )
    previous_period_end = models.DateField("tidigare slutdatum", null=True, editable=False)
    party = party_fk("amendments", "part som tillkommer eller lämnar", null=True)
    party_change = models.CharField(
        "partändring", max_length=10, choices=PartyChange.choices, blank=True
    )
    party_change_on = models.DateField("partändringen gäller från och med", null=True, blank=True)
    version = fields.version()
    created_at = fields.created_at()
    history = fields.history("version")

    class Meta:
        verbose_name = "ändring"
        verbose_name_plural = "ändringar"
        ordering = ["decided_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(party__isnull=True, party_change="", party_change_on__isnull=True)
                    | Q(
                        party__isnull=False,
                        party_change__in=["joins", "leaves"],
                        party_change_on__isnull=False,
                    )
                ),
                name="amendment_party_change_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Ändring {self.decided_on:%Y-%m-%d}: {self.title}"

    @property
    def label(self) -> str:
        """ "ändring 2025-05-12" (with the paragraph when given)."""
        paragraph = f" {self.paragraph}" if self.paragraph else ""
        return f"ändring {self.decided_on:%Y-%m-%d}{paragraph}"


class Goal(models.Model):
    agreement = agreement_fk("goals", on_delete=models.CASCADE)
    position = fields.position()
    text = fields.text("mål")
    added_by_amendment = added_by("goals")
    history = fields.history()

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Party(models.Model):
    agreement = agreement_fk("parties", "överenskommelse", on_delete=models.CASCADE)
    organisation = organisation_fk("parties", "organisation")
    role = models.CharField("roll", max_length=20, choices=Sector.choices)
    # A unit of a public body as the party (e.g. its GIS department), not a made-up
    # organisation: "Linköpings kommun, GIS-avdelningen".
    unit = fields.line(
        "enhet",
        200,
        blank=True,
        help_text="För en enhet i en kommun eller region, t.ex. GIS-avdelningen. "
        "Lämnas tomt annars.",
    )
    history = fields.history()

    class Meta:
        verbose_name = "part"
        verbose_name_plural = "parter"
        ordering = ["-role", "organisation__name"]  # the public party first
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="party_once_per_agreement",
                violation_error_message=(
                    "Organisationen är redan part i den här överenskommelsen. "
                    "En organisation kan bara vara part en gång."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        """ "Linköpings kommun, GIS-avdelningen" for a unit, else the organisation's name."""
        return party_display_name(self.organisation.name, self.unit)

    def clean(self) -> None:
        self.unit = self.unit.strip()
        if self.unit and self.role and self.role != Sector.PUBLIC:
            raise ValidationError(
                {"unit": "Bara en offentlig part (kommun eller region) kan anges som enhet."}
            )


def party_display_name(organisation_name: str, unit: str = "") -> str:
    return f"{organisation_name}, {unit}" if unit else organisation_name


class Responsibility(models.Model):
    party = party_fk("responsibilities", on_delete=models.CASCADE)
    position = fields.position()
    text = fields.text("ansvarsområde")
    added_by_amendment = added_by("responsibilities")
    history = fields.history()

    class Meta:
        verbose_name = "ansvarsområde"
        verbose_name_plural = "ansvarsområden"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Signatory(models.Model):
    party = party_fk("signatories", on_delete=models.CASCADE)
    name = fields.line("namn", 200)
    title = fields.line("befattning", 200, blank=True)
    place = fields.line("ort", 100, blank=True)
    signed_on = models.DateField("datum", null=True, blank=True)
    history = fields.history()

    class Meta:
        verbose_name = "firmatecknare"
        verbose_name_plural = "firmatecknare"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Termination(models.Model):
    """Written notice by a party; the agreement then ends after the notice period."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="termination"
    )
    given_by = organisation_fk("+", "uppsagd av")
    notice_date = models.DateField("datum för skriftlig uppsägning")
    reason = fields.text("skäl", blank=True)
    history = fields.history()

    class Meta:
        verbose_name = "uppsägning"
        verbose_name_plural = "uppsägningar"

    def __str__(self) -> str:
        return f"Uppsägning {self.notice_date}"

    @property
    def end_date(self) -> dt.date:
        return termination_end_date(
            notice_date=self.notice_date,
            notice_months=self.agreement.notice_period_months,
            period_end=self.agreement.period_end,
        )


class RenewalDecision(models.Model):
    """The board's decision on renewing an agreement (förlängning/förnyelse).

    Approved: the draft successor becomes approved (and active when its period starts).
    Declined: the draft successor is removed and the agreement ends at its period end.
    """

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Förnyelse beslutad"
        DECLINED = "declined", "Förnyelse avslagen"

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="renewal_decision"
    )
    outcome = models.CharField("beslut", max_length=20, choices=Outcome.choices)
    decided_on = fields.decided_on()
    paragraph = paragraph("Protokollsparagraf, t.ex. § 123.")
    note = fields.text("anteckning", blank=True)
    successor_title = models.CharField(
        max_length=300, blank=True, editable=False, validators=LINE_GUARD
    )
    history = fields.history()

    class Meta:
        verbose_name = "beslut om förnyelse"
        verbose_name_plural = "beslut om förnyelse"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on}"


class AuditEvent(models.Model):
    """A named business event on an agreement (issued, submitted, reopened, paid, decided
    ...) with who and when, written by the service in the same transaction as the change
    (as pretix's ``log_action``). Never changed or deleted by the application."""

    # CASCADE only for a draft successor the board's decision discards (the only agreement
    # the application deletes): its events go with it.
    agreement = agreement_fk("audit_events", on_delete=models.CASCADE)
    action = models.CharField("händelse", max_length=60)  # e.g. "followups.report_submitted"
    text = fields.line("beskrivning", 300)
    user = fields.user_fk("av", on_delete=models.SET_NULL, null=True)
    # The organisation the event concerns, when only it (and the administration) may see it.
    organisation = organisation_fk("+", null=True)
    target_type = models.CharField(max_length=100, blank=True)  # "app_label.model"
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField("tidpunkt", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "händelse"
        verbose_name_plural = "händelser"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agreement", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.text}"
