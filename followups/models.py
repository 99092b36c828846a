"""Follow-up of agreements: meetings, rounds, partners' notes and figures, assessments.

No data about individual visitors is stored: every free-text field runs the privacy guard
(``common.privacy.TEXT_GUARD``), counts are non-negative and bounded.
"""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from common.privacy import LINE_GUARD, PRIVACY_NOTICE, TEXT_GUARD
from partnerships.models import Agreement, ContactPerson, Goal, Organisation

TEXT_MAX = 20_000
SHORT_TEXT_MAX = 2_000


def _text(label: str, *, max_length: int = TEXT_MAX, help_text: str = "") -> models.TextField:
    return models.TextField(
        label,
        blank=True,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length), *TEXT_GUARD],
        help_text=help_text,
    )


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planerat"
        HELD = "held", "Genomfört"
        CANCELLED = "cancelled", "Inställt"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(
        "rubrik", max_length=200, default="Uppföljningsmöte", validators=LINE_GUARD
    )
    starts_at = models.DateTimeField("börjar")
    ends_at = models.DateTimeField("slutar")
    place = models.CharField("plats", max_length=300, blank=True, validators=LINE_GUARD)
    attendees = models.ManyToManyField(
        ContactPerson, verbose_name="deltagare", blank=True, related_name="followup_meetings"
    )
    other_attendees = _text(
        "övriga deltagare",
        max_length=SHORT_TEXT_MAX,
        help_text="Namn på deltagare som inte finns bland parternas kontaktpersoner, en per rad.",
    )
    agenda = _text("dagordning")
    minutes = _text("minnesanteckningar", help_text=PRIVACY_NOTICE)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invitation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], m2m_fields=[attendees])

    class Meta:
        verbose_name = "uppföljningsmöte"
        verbose_name_plural = "uppföljningsmöten"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("followups:meeting_detail", args=[self.pk])

    @property
    def keeps_links(self) -> bool:
        """A held meeting is a record of who attended: a contact person on it is not
        deleted (``common.deletion``); a planned one only loses the invitee."""
        return self.status == self.Status.HELD

    @property
    def ical_uid(self) -> str:
        return f"meeting-{self.uid}@iop-registret"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Mötet måste sluta efter att det börjar."})


class CalendarFeed(models.Model):
    """A user's secret calendar address. The token is the only credential of the feed; only
    its SHA-256 is stored, so the address is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "kalenderprenumeration"
        verbose_name_plural = "kalenderprenumerationer"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"Kalender för {self.user}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class FollowUpRound(models.Model):
    """A period (a year or half year) the idea-based parties report on."""

    class Status(models.TextChoices):
        OPEN = "open", "Öppen"
        CLOSED = "closed", "Stängd"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="followup_rounds"
    )
    period_start = models.DateField("perioden börjar")
    period_end = models.DateField("perioden slutar")
    due_date = models.DateField("sista dag att lämna in")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "uppföljningsomgång"
        verbose_name_plural = "uppföljningsomgångar"
        ordering = ["-period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="round_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"], name="round_period_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Uppföljning {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("followups:round_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        start, end = self.period_start, self.period_end
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (
            1,
            1,
            12,
            31,
        ):
            return str(start.year)
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
            return f"{start.year}, första halvåret"
        if start.year == end.year and (start.month, start.day, end.month, end.day) == (
            7,
            1,
            12,
            31,
        ):
            return f"{start.year}, andra halvåret"
        return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "Perioden måste sluta samma dag eller efter att den börjar."
        agreement = getattr(self, "agreement", None) if self.agreement_id else None
        outside = (
            agreement is not None
            and self.period_start is not None
            and self.period_end is not None
            and not errors
            and (
                self.period_start < agreement.period_start or self.period_end > agreement.period_end
            )
        )
        if outside:
            errors["period_start"] = (
                f"Perioden ligger utanför överenskommelsens period "
                f"({agreement.period_start:%Y-%m-%d} – {agreement.period_end:%Y-%m-%d}). "
                f"Välj en period inom överenskommelsen."
            )
        if self.period_start and self.due_date and self.due_date < self.period_start:
            errors["due_date"] = "Sista dag att lämna in kan inte ligga före periodens början."
        if errors:
            raise ValidationError(errors)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    SUBMITTED = "submitted", "Inlämnad"


class Note(models.Model):
    """A party's narrative on one goal of the agreement for one round."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # RESTRICT: a goal partners have reported on cannot be deleted on its own (only with
    # its whole agreement); the edit form says so before it is tried.
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="followup_notes")
    narrative = _text("beskrivning", help_text=PRIVACY_NOTICE)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "anteckning"
        verbose_name_plural = "anteckningar"
        ordering = ["goal__position", "goal_id", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "goal"], name="note_once_per_goal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.goal}"


def _count(label: str, *, maximum: int = 100_000, help_text: str = "") -> models.Field:
    return models.PositiveIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MaxValueValidator(maximum)],
        help_text=help_text,
    )


def _hours(label: str, *, maximum: int = 24) -> models.Field:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(maximum)],
    )


class Figures(models.Model):
    """A party's figures for a round: counts only, never anything about a single person."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="figures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    opening_hours_min = _hours("öppet, timmar per dag (minst)")
    opening_hours_max = _hours("öppet, timmar per dag (högst)")
    open_days = _count("öppna dagar under perioden", maximum=366)
    visitors_per_day = _count("besökare per dag (ungefär)")
    regular_visitors = _count("återkommande besökare (stammisar)")
    unique_persons = _count("unika personer under perioden")
    share_often = _count("andel som kommer ofta (%)", maximum=100)
    share_sometimes = _count("andel som kommer ibland (%)", maximum=100)
    share_rarely = _count("andel som kommer sällan (%)", maximum=100)
    work_training_persons = _count("personer i arbetsträning")
    work_training_hours_min = _hours("arbetsträning, timmar per vecka (minst)", maximum=60)
    work_training_hours_max = _hours("arbetsträning, timmar per vecka (högst)", maximum=60)
    new_target_groups = _text("nya målgrupper", max_length=SHORT_TEXT_MAX * 5)
    cooperation_partners = _text("samverkanspartner", max_length=SHORT_TEXT_MAX * 5)
    development_ideas = _text("framtida utvecklingsmöjligheter")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The party's report (notes and figures) / the assessment as one edit: its version.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    TEXT_FIELDS = ["new_target_groups", "cooperation_partners", "development_ideas"]
    RANGE_FIELDS = [
        ("opening_hours_min", "opening_hours_max"),
        ("work_training_hours_min", "work_training_hours_max"),
    ]
    SHARE_FIELDS = ["share_often", "share_sometimes", "share_rarely"]

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    # The fields a party reports (its form and the report service use this one list).
    REPORTED_FIELDS = [
        "opening_hours_min",
        "opening_hours_max",
        "open_days",
        "visitors_per_day",
        "regular_visitors",
        "unique_persons",
        "share_often",
        "share_sometimes",
        "share_rarely",
        "work_training_persons",
        "work_training_hours_min",
        "work_training_hours_max",
        "new_target_groups",
        "cooperation_partners",
        "development_ideas",
    ]

    class Meta:
        verbose_name = "siffror"
        verbose_name_plural = "siffror"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="figures_once_per_party_round"
            ),
            models.CheckConstraint(
                condition=Q(opening_hours_min__isnull=True)
                | Q(opening_hours_max__isnull=True)
                | Q(opening_hours_max__gte=F("opening_hours_min")),
                name="figures_opening_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(work_training_hours_min__isnull=True)
                | Q(work_training_hours_max__isnull=True)
                | Q(work_training_hours_max__gte=F("work_training_hours_min")),
                name="figures_work_training_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(opening_hours_min__gte=0) | Q(opening_hours_min__isnull=True),
                name="figures_opening_hours_min_nonnegative",
            ),
            models.CheckConstraint(
                condition=Q(opening_hours_max__gte=0) | Q(opening_hours_max__isnull=True),
                name="figures_opening_hours_max_nonnegative",
            ),
            models.CheckConstraint(
                condition=Q(work_training_hours_min__gte=0)
                | Q(work_training_hours_min__isnull=True),
                name="figures_work_hours_min_nonnegative",
            ),
            models.CheckConstraint(
                condition=Q(work_training_hours_max__gte=0)
                | Q(work_training_hours_max__isnull=True),
                name="figures_work_hours_max_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return f"Siffror {self.organisation} {self.round}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for low, high in self.RANGE_FIELDS:
            low_value, high_value = getattr(self, low), getattr(self, high)
            for name, value in ((low, low_value), (high, high_value)):
                if value is not None and value < 0:
                    errors[name] = "Värdet kan inte vara negativt."
            if (
                low_value is not None
                and high_value is not None
                and high_value < low_value
                and high not in errors
            ):
                errors[high] = "Det högsta värdet kan inte vara lägre än det lägsta."
        shares = [getattr(self, name) for name in self.SHARE_FIELDS]
        if any(value is not None for value in shares):
            total = sum(value or 0 for value in shares)
            if total != 100:
                errors["share_often"] = (
                    f"Andelarna ofta, ibland och sällan måste tillsammans bli 100 % (nu {total} %)."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def share_total(self) -> int | None:
        shares = [getattr(self, name) for name in self.SHARE_FIELDS]
        if all(value is None for value in shares):
            return None
        return sum(value or 0 for value in shares)


class GoalResult(models.TextChoices):
    REACHED = "reached", "Uppnått"
    PARTLY = "partly", "Delvis uppnått"
    NOT_REACHED = "not_reached", "Inte uppnått"


class Assessment(models.Model):
    """The administration's assessment (bedömning) of a round (seeds/000)."""

    round = models.OneToOneField(FollowUpRound, on_delete=models.CASCADE, related_name="assessment")
    overall_result = models.CharField(
        "samlad bedömning av syfte och mål",
        max_length=20,
        choices=GoalResult.choices,
        blank=True,
    )
    overall_text = _text("samlad bedömning")
    recommendation = _text("rekommendation")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The party's report (notes and figures) / the assessment as one edit: its version.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = "bedömning"
        verbose_name_plural = "bedömningar"

    def __str__(self) -> str:
        return f"Bedömning {self.round}"


class GoalAssessment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="goals")
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="+")
    result = models.CharField("bedömning", max_length=20, choices=GoalResult.choices, blank=True)
    comment = _text("kommentar", max_length=SHORT_TEXT_MAX * 5)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bedömning per mål"
        verbose_name_plural = "bedömningar per mål"
        ordering = ["goal__position", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "goal"], name="goal_assessed_once")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_result_display()}"


class SentReminder(models.Model):
    """Log of sent reminders; the unique key makes every reminder go out at most once."""

    class Kind(models.TextChoices):
        ROUND_DUE = "round_due", "Omgång snart sista dag"
        ROUND_OVERDUE = "round_overdue", "Omgång försenad"
        MEETING_NEEDED = "meeting_needed", "Uppföljningsmöte behöver planeras"
        DOCUMENTS_MISSING = "documents_missing", "Årliga dokument saknas"

    key = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    recipient = models.EmailField(max_length=254, validators=LINE_GUARD)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key

    @staticmethod
    def make_key(*, kind: str, object_key: str, recipient: str) -> str:
        return f"{kind}:{object_key}:{recipient.strip().lower()}"
