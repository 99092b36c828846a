"""Agreement shapes beyond one yearly payment (issue 14): instalments on given dates,
contributions in kind (värde av insats) and shared caps (tak).

Imported by ``finance.models`` (Django registers them with the finance app from there).
Amounts are whole kronor; text fields refuse personal identity numbers.
"""

from django.db import models
from django.db.models import Q

from common import fields
from partnerships.fields import agreement_fk, party_fk


class GivenInstalment(models.Model):
    """One instalment of a compensation paid "on given dates, each with its amount". The
    only instalments stored: a regular schedule is computed from the ledger's amount."""

    compensation = models.ForeignKey(
        "finance.Compensation", on_delete=models.CASCADE, related_name="given_instalments"
    )
    year = fields.year("avser år")
    due_on = models.DateField("förfallodag")
    amount = models.BigIntegerField("belopp (kr)")
    version = fields.version()
    history = fields.history("version")

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

    agreement = agreement_fk("in_kind_contributions")
    party = party_fk("in_kind_contributions", "part som bidrar")
    year = fields.year(
        null=True, blank=True, help_text="Lämna tomt när insatsen gäller hela perioden."
    )
    kind = models.CharField("slag av insats", max_length=20, choices=InKindKind.choices)
    description = fields.text("beskrivning")
    value = models.BigIntegerField(
        "värde av insats (kr)", null=True, blank=True, help_text="Hela kronor, om den värderas."
    )
    valuation_basis = fields.text(
        "grund för värderingen",
        blank=True,
        help_text="T.ex. ”120 m² × 1 450 kr/m² och år, kommunens internhyra”.",
    )
    version = fields.version()
    created_at = fields.created_at()
    history = fields.history("version")

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

    agreement = agreement_fk("caps")
    label = fields.line("benämning", 120, help_text="T.ex. ”Totalt för perioden”.")
    amount = models.BigIntegerField("tak (kr)")
    compensations = models.ManyToManyField(
        "finance.Compensation",
        verbose_name="ersättningar som omfattas",
        blank=True,
        related_name="caps",
        help_text="Inget val: alla ersättningar i överenskommelsen.",
    )
    note = fields.text("beslut eller text i överenskommelsen", blank=True)
    version = fields.version()
    history = fields.history("version", m2m_fields=[compensations])

    class Meta:
        verbose_name = "tak"
        verbose_name_plural = "tak"
        ordering = ["agreement", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cap_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Tak {self.label}"
