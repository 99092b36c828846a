"""Agreement shapes beyond one yearly payment (issue 14): instalments on given dates,
contributions in kind (värde av insats) and shared caps (tak).

Imported by ``finance.models`` (Django registers them with the finance app from there).
Amounts are whole kronor; text fields refuse personal identity numbers.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from common.privacy import LINE_GUARD, TEXT_GUARD
from partnerships.models import Agreement, Party

# Not imported from .models, which imports this module (no import cycle); the same bounds.
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2200)]


class GivenInstalment(models.Model):
    """One instalment of a compensation paid "on given dates, each with its amount". The
    only instalments stored: a regular schedule is computed from the ledger's amount."""

    compensation = models.ForeignKey(
        "finance.Compensation", on_delete=models.CASCADE, related_name="given_instalments"
    )
    year = models.PositiveSmallIntegerField("avser år", validators=YEAR_VALIDATORS)
    due_on = models.DateField("förfallodag")
    amount = models.BigIntegerField("belopp (kr)")
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "delbetalning på angivet datum"
        verbose_name_plural = "delbetalningar på angivna datum"
        ordering = ["compensation", "year", "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["compensation", "year", "due_on"], name="given_instalment_once"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="given_instalment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Delbetalning {self.due_on:%Y-%m-%d}"


class InKindKind(models.TextChoices):
    PREMISES = "premises", "Lokaler utan hyra"
    STAFF_TIME = "staff_time", "Personaltid"
    EQUIPMENT = "equipment", "Utrustning"
    MEALS = "meals", "Måltider"
    OTHER = "other", "Övrigt"


class InKindContribution(models.Model):
    """A contribution in kind (insats) by a party of either side, for a year or for the
    whole period (``year`` empty): described, optionally valued (värde av insats) with the
    basis of the valuation. Never paid: it is counted in the budget balance only."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="in_kind_contributions"
    )
    party = models.ForeignKey(
        Party,
        verbose_name="part som bidrar",
        on_delete=models.PROTECT,
        related_name="in_kind_contributions",
    )
    year = models.PositiveSmallIntegerField(
        "år",
        validators=YEAR_VALIDATORS,
        null=True,
        blank=True,
        help_text="Lämna tomt när insatsen gäller hela perioden.",
    )
    kind = models.CharField("slag av insats", max_length=20, choices=InKindKind.choices)
    description = models.TextField("beskrivning", validators=TEXT_GUARD)
    value = models.BigIntegerField(
        "värde av insats (kr)", null=True, blank=True, help_text="Hela kronor, om den värderas."
    )
    valuation_basis = models.TextField(
        "grund för värderingen",
        blank=True,
        validators=TEXT_GUARD,
        help_text="T.ex. ”120 m² × 1 450 kr/m² och år, kommunens internhyra”.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["agreement", "year", "party__organisation__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="in_kind_value_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(valuation_basis=""),
                name="in_kind_valued_with_basis",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=InKindKind.values), name="in_kind_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.party.organisation}"

    @property
    def period_text(self) -> str:
        return str(self.year) if self.year else "hela perioden"


class AgreementCap(models.Model):
    """A cap (tak) on an agreement: "upp till 4 000 000 kr totalt" for the whole period,
    over the compensations it covers (none chosen: every compensation of the agreement)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="caps")
    label = models.CharField(
        "benämning",
        max_length=120,
        validators=LINE_GUARD,
        help_text="T.ex. ”Totalt för perioden”.",
    )
    amount = models.BigIntegerField("tak (kr)")
    compensations = models.ManyToManyField(
        "finance.Compensation",
        verbose_name="ersättningar som omfattas",
        blank=True,
        related_name="caps",
        help_text="Inget val: alla ersättningar i överenskommelsen.",
    )
    note = models.TextField(
        "beslut eller text i överenskommelsen", blank=True, validators=TEXT_GUARD
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[compensations])

    class Meta:
        verbose_name = "tak"
        verbose_name_plural = "tak"
        ordering = ["agreement", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cap_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Tak {self.label}"
