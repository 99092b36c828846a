"""Follow-up indicators of an agreement (mått): what the parties report each round.

Each agreement has its own indicators (a heritage society counts guided tours, a football
club active players; Linköping's opening hours, visitors and work training became the
indicators of its agreements). A value is one party's figure for one round; counts only,
never anything about a single person. Imported by ``followups.models``."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from common import fields
from partnerships.fields import agreement_fk, organisation_fk

VALUE_DIGITS = {"max_digits": 12, "decimal_places": 2}


class Indicator(models.Model):
    class Kind(models.TextChoices):
        NUMBER = "number", "Tal"
        RANGE = "range", "Spann (lägsta och högsta värde)"
        SHARE = "share", "Andel i procent (andelarna för samma mål blir tillsammans 100 %)"

    agreement = agreement_fk("indicators", on_delete=models.CASCADE)
    goal = models.ForeignKey(
        "partnerships.Goal",
        verbose_name="mål",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text="Lämna tomt om måttet gäller hela överenskommelsen.",
    )
    name = fields.line("namn", 200)
    unit = fields.line(
        "enhet", 60, blank=True, help_text="Till exempel ”timmar per dag”, ”personer” eller ”%”."
    )
    kind = models.CharField("slag", max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    target = models.DecimalField(
        "målvärde per omgång",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **VALUE_DIGITS,
    )
    maximum = models.DecimalField(
        "högsta rimliga värde",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Ett värde över detta tas inte emot (till exempel 24 timmar per dag).",
        **VALUE_DIGITS,
    )
    position = fields.position(default=1)
    version = fields.version()
    created_at = fields.created_at()

    history = fields.history("version")

    class Meta:
        verbose_name = "mått"
        verbose_name_plural = "mått"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "name"], name="indicator_name_unique"),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="indicator_target_nonnegative",
            ),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=0),
                name="indicator_maximum_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The indicator as a form label or table heading: "Besökare (personer)"."""
        return f"{self.name} ({self.unit})" if self.unit else self.name

    @property
    def effective_maximum(self):
        if self.kind == self.Kind.SHARE:
            return min(self.maximum, 100) if self.maximum is not None else 100
        return self.maximum

    def clean(self) -> None:
        errors = {}
        if self.goal_id and self.agreement_id and self.goal.agreement_id != self.agreement_id:
            errors["goal"] = "Målet hör inte till den här överenskommelsen."
        if (
            self.target is not None
            and self.effective_maximum is not None
            and self.target > self.effective_maximum
        ):
            errors["target"] = "Målvärdet kan inte vara större än det högsta rimliga värdet."
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """One party's value of one indicator in one round (a range has a high value too)."""

    # RESTRICT: an indicator with reported values is not deleted on its own (only with its
    # whole agreement); the administrators' form says so before it is tried.
    indicator = models.ForeignKey(Indicator, on_delete=models.RESTRICT, related_name="values")
    round = models.ForeignKey(
        "followups.FollowUpRound", on_delete=models.CASCADE, related_name="indicator_values"
    )
    organisation = organisation_fk("+")
    value = models.DecimalField("värde", validators=[MinValueValidator(0)], **VALUE_DIGITS)
    value_max = models.DecimalField(
        "högsta värde", null=True, blank=True, validators=[MinValueValidator(0)], **VALUE_DIGITS
    )

    history = fields.history()

    class Meta:
        verbose_name = "värde för mått"
        verbose_name_plural = "värden för mått"
        ordering = ["indicator__position", "indicator_id", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "round", "organisation"], name="indicator_value_once"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_nonnegative"),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value_max__gte=F("value")),
                name="indicator_value_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
