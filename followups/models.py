"""Follow-up of agreements: meetings, rounds, partners' notes and figures, assessments.

No data about individual visitors is stored: every free-text field runs the privacy guard
(``common.privacy.TEXT_GUARD``), counts are non-negative and bounded.
"""

import hashlib
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from common import fields
from common.fields import ReportStatus
from common.privacy import LINE_GUARD, PRIVACY_NOTICE, TEXT_GUARD
from partnerships.fields import agreement_fk, organisation_fk
from partnerships.models import ContactPerson, Goal

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

    agreement = agreement_fk("meetings", on_delete=models.CASCADE)
    title = fields.line("rubrik", 200, default="Uppföljningsmöte")
    starts_at = models.DateTimeField("börjar")
    ends_at = models.DateTimeField("slutar")
    place = fields.line("plats", 300, blank=True)
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
    version = fields.version()
    created_by = fields.user_fk(on_delete=models.SET_NULL, null=True)
    created_at = fields.created_at()
    updated_at = fields.updated_at()

    history = fields.history("updated_at", "version", m2m_fields=[attendees])

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

    user = fields.user_fk(related_name="calendar_feeds", on_delete=models.CASCADE)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = fields.created_at()
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

    agreement = agreement_fk("followup_rounds", on_delete=models.CASCADE)
    period_start = models.DateField("perioden börjar")
    period_end = models.DateField("perioden slutar")
    due_date = models.DateField("sista dag att lämna in")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = fields.created_at()

    history = fields.history()

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


class Note(models.Model):
    """A party's narrative on one goal of the agreement for one round."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="notes")
    organisation = organisation_fk("+")
    # RESTRICT: a goal partners have reported on cannot be deleted on its own (only with
    # its whole agreement); the edit form says so before it is tried.
    goal = models.ForeignKey(Goal, on_delete=models.RESTRICT, related_name="followup_notes")
    narrative = _text("beskrivning", help_text=PRIVACY_NOTICE)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = fields.user_fk(on_delete=models.SET_NULL, null=True)
    updated_at = fields.updated_at()

    history = fields.history("updated_at")

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


class Figures(models.Model):
    """A party's report of a round beside its notes: its status and version, and the texts
    on target groups, cooperation and development. The figures themselves are the values of
    the agreement's indicators (``IndicatorValue``)."""

    round = models.ForeignKey(FollowUpRound, on_delete=models.CASCADE, related_name="figures")
    organisation = organisation_fk("+")
    new_target_groups = _text("nya målgrupper", max_length=SHORT_TEXT_MAX * 5)
    cooperation_partners = _text("samverkanspartner", max_length=SHORT_TEXT_MAX * 5)
    development_ideas = _text("framtida utvecklingsmöjligheter")
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The party's report (notes, figures, values) as one edit: its version.
    version = fields.version()
    updated_at = fields.updated_at()

    TEXT_FIELDS = ["new_target_groups", "cooperation_partners", "development_ideas"]
    # The fields a party reports here (its form and the report service use this one list).
    REPORTED_FIELDS = TEXT_FIELDS

    history = fields.history("updated_at", "version")

    class Meta:
        verbose_name = "siffror"
        verbose_name_plural = "siffror"
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="figures_once_per_party_round"
            ),
        ]

    def __str__(self) -> str:
        return f"Siffror {self.organisation} {self.round}"


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
    assessed_by = fields.user_fk(on_delete=models.SET_NULL, null=True)
    # The party's report (notes and figures) / the assessment as one edit: its version.
    version = fields.version()
    updated_at = fields.updated_at()

    history = fields.history("updated_at", "version")

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

    history = fields.history()

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
    sent_at = fields.created_at()

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.key

    @staticmethod
    def make_key(*, kind: str, object_key: str, recipient: str) -> str:
        return f"{kind}:{object_key}:{recipient.strip().lower()}"


from .indicator_models import Indicator, IndicatorValue  # noqa: E402, F401
