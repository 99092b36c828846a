"""Money under the agreements: index values, compensations, decisions, payments, budgets.

Amounts are whole kronor (integers); index values are Decimal percent with one decimal.
Every amount that must not be negative has a CheckConstraint in the database.
Rows that two administrators may edit at once carry a ``version`` compared on save.
"""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from common import fields
from common.fields import YEAR_VALIDATORS, ReportStatus
from partnerships.amendments import AmendmentTerms, party_period
from partnerships.fields import agreement_fk, amendment_fk, organisation_fk, party_fk

from . import amendments as amendment_rules
from . import indexation
from . import proration as pro_rata
from . import schedule as payment_plan

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def terms_of_party_change(amendment) -> AmendmentTerms:
    return AmendmentTerms(
        decided_on=amendment.decided_on,
        order=amendment.pk or 0,
        party_change=amendment.party_change,
        party_change_on=amendment.party_change_on,
    )


PERCENT_VALIDATORS = [MinValueValidator(-50), MaxValueValidator(50)]


class IndexSeries(models.Model):
    """A published index, e.g. OPI (SKR's omsorgsprisindex) or KPI.

    A shared series (no owner) is maintained by the operators and relied on by every public
    body; a public body that needs its own values keeps its own series (``owner``), seen
    and changed by that body alone."""

    name = fields.line("namn", 40)
    description = fields.line("beskrivning", 200, blank=True)
    owner = organisation_fk("index_series", "egen serie för", null=True)

    class Meta:
        verbose_name = "indexserie"
        verbose_name_plural = "indexserier"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(owner__isnull=True), name="shared_index_series_name"
            ),
            models.UniqueConstraint(
                "owner", Lower("name"), name="own_index_series_name_once_per_owner"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndexValue(models.Model):
    """One year's value of a series: preliminary and definitive, each with its date."""

    series = models.ForeignKey(
        IndexSeries, verbose_name="indexserie", on_delete=models.PROTECT, related_name="values"
    )
    year = fields.year()
    preliminary_percent = models.DecimalField(
        "preliminärt värde (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    preliminary_published = models.DateField("preliminärt publicerat", null=True, blank=True)
    definitive_percent = models.DecimalField(
        "definitivt värde (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    definitive_published = models.DateField("definitivt publicerat", null=True, blank=True)
    source = fields.text("källa", blank=True)
    version = fields.version()
    updated_at = fields.updated_at()
    history = fields.history("version", "updated_at")

    class Meta:
        verbose_name = "indexvärde"
        verbose_name_plural = "indexvärden"
        ordering = ["series__name", "year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="index_value_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}"

    @property
    def point(self) -> indexation.IndexPoint:
        return indexation.IndexPoint(
            self.preliminary_percent, self.definitive_percent, self.definitive_published
        )


class IndexRule(models.TextChoices):
    PRELIMINARY_FIRST = (
        indexation.PRELIMINARY_FIRST,
        "Preliminärt värde där det finns, annars definitivt",
    )
    DEFINITIVE = indexation.DEFINITIVE, "Definitivt värde"


class Proration(models.TextChoices):
    BY_DAYS = pro_rata.BY_DAYS, "Efter dagar"
    BY_MONTHS = pro_rata.BY_MONTHS, "Efter hela månader"


class PaymentSchedule(models.TextChoices):
    YEARLY = payment_plan.YEARLY, "En gång per år"
    HALF_YEARLY = payment_plan.HALF_YEARLY, "Halvårsvis (två gånger per år)"
    QUARTERLY = payment_plan.QUARTERLY, "Kvartalsvis (fyra gånger per år)"
    MONTHLY = payment_plan.MONTHLY, "Månadsvis (tolv gånger per år)"
    GIVEN_DATES = payment_plan.GIVEN_DATES, "På angivna datum med angivna belopp"


class Compensation(models.Model):
    """The municipality's yearly compensation (ersättning) to one idea-based party."""

    agreement = agreement_fk("compensations", "överenskommelse")
    party = party_fk("compensations", "part")
    base_amount = models.BigIntegerField(
        "grundbelopp (kr)", help_text="Hela kronor per år, på basårets nivå."
    )
    base_year = fields.year(
        "basår", help_text="Året vars nivå grundbeloppet avser, t.ex. 2023 för ”2023 års nivå”."
    )
    fixed = models.BooleanField(
        "fast belopp",
        default=False,
        help_text="Ett fast belopp räknas inte upp med index: samma belopp varje år.",
    )
    index_series = models.ForeignKey(
        IndexSeries,
        verbose_name="index",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    first_index_year = fields.year("första år med uppräkning", null=True, blank=True)
    index_rule = models.CharField(
        "indexvärde som gäller",
        max_length=20,
        choices=IndexRule.choices,
        default=IndexRule.PRELIMINARY_FIRST,
    )
    proration = models.CharField(
        "delår räknas",
        max_length=10,
        choices=Proration.choices,
        default=Proration.BY_DAYS,
        help_text="Hur årsbeloppet delas när perioden börjar eller slutar mitt i ett år.",
    )
    payment_month = models.PositiveSmallIntegerField(
        "utbetalningsmånad",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="1 = januari.",
    )
    payment_schedule = models.CharField(
        "utbetalningsplan",
        max_length=20,
        choices=PaymentSchedule.choices,
        default=PaymentSchedule.YEARLY,
        help_text="Hur årets belopp betalas ut. Delbetalningarna räknas från utbetalnings"
        "månaden: kvartalsvis från januari är januari, april, juli och oktober.",
    )
    continues_from = models.OneToOneField(
        "self",
        verbose_name="fortsätter ersättningen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="continued_by",
        help_text="Ersättningen i den föregående överenskommelsen som denna fortsätter.",
    )
    version = fields.version()
    created_at = fields.created_at()
    updated_at = fields.updated_at()
    history = fields.history("version", "updated_at")

    class Meta:
        verbose_name = "ersättning"
        verbose_name_plural = "ersättningar"
        ordering = ["agreement", "party__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["party"], name="compensation_once_per_party"),
            models.CheckConstraint(
                condition=Q(base_amount__gte=0), name="compensation_base_amount_non_negative"
            ),
            # A fixed amount has no index and no first indexation year; an indexed one has
            # both, indexed after its base year.
            models.CheckConstraint(
                condition=Q(fixed=True, index_series__isnull=True, first_index_year__isnull=True)
                | Q(
                    fixed=False,
                    index_series__isnull=False,
                    first_index_year__isnull=False,
                    first_index_year__gt=F("base_year"),
                ),
                name="compensation_index_terms",
            ),
            models.CheckConstraint(
                condition=Q(proration__in=Proration.values), name="compensation_proration_valid"
            ),
            models.CheckConstraint(
                condition=Q(payment_month__gte=1, payment_month__lte=12),
                name="compensation_payment_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(payment_schedule__in=PaymentSchedule.values),
                name="compensation_payment_schedule_valid",
            ),
            models.CheckConstraint(
                condition=~Q(continues_from=F("pk")), name="compensation_not_own_continuation"
            ),
        ]

    def __str__(self) -> str:
        return f"Ersättning till {self.party.organisation}"

    @property
    def payment_month_name(self) -> str:
        return MONTHS[self.payment_month - 1]

    @property
    def payment_schedule_text(self) -> str:
        """How the year's amount is paid, in words (the economy tab and the documents)."""
        if self.payment_schedule == PaymentSchedule.GIVEN_DATES:
            return "på angivna datum med angivna belopp"
        if self.payment_schedule == PaymentSchedule.YEARLY:
            return f"i {self.payment_month_name} en gång per år"
        step = payment_plan.STEP_MONTHS[self.payment_schedule]
        months = [m for m in range(1, 13) if (m - self.payment_month) % step == 0]
        names = [MONTHS[m - 1] for m in months]
        listed = ", ".join(names[:-1]) + " och " + names[-1]
        label = {
            PaymentSchedule.HALF_YEARLY: "halvårsvis",
            PaymentSchedule.QUARTERLY: "kvartalsvis",
            PaymentSchedule.MONTHLY: "månadsvis",
        }[self.payment_schedule]
        if self.payment_schedule == PaymentSchedule.MONTHLY:
            return "månadsvis, i slutet av varje månad"
        return f"{label}, i {listed}"

    @property
    def proration_text(self) -> str:
        return pro_rata.RULE_TEXTS[self.proration]

    def period(self) -> tuple[dt.date, dt.date]:
        """The part of the agreement's period the party is a party in: the whole period,
        or from the day it joins / until the day before it leaves by an amendment (needs
        ``agreement``; uses the dates ``ledger.ledger_queryset`` annotates, else asks)."""
        start, end = self.agreement.period_start, self.agreement.period_end
        if hasattr(self, "party_joins_on"):
            joins, leaves = self.party_joins_on, self.party_leaves_on
            changes = [
                AmendmentTerms(decided_on=day, party_change=kind, party_change_on=day)
                for kind, day in (("joins", joins), ("leaves", leaves))
                if day is not None
            ]
        elif not self.party_id:
            return start, end
        else:
            changes = [
                terms_of_party_change(a) for a in self.party.amendments.exclude(party_change="")
            ]
        return party_period(start, end, changes)

    def year_shares(self) -> dict[int, pro_rata.YearShare]:
        """The part of each of the agreement's years the party is a party in (``period``):
        nothing in the years before it joins or after it leaves."""
        start, end = self.period()
        agreement = self.agreement
        years = range(
            min(start.year, agreement.period_start.year),
            max(end.year, agreement.period_end.year) + 1,
        )
        return amendment_rules.party_year_shares(years, start, end, self.proration)


class DecidedScope(models.TextChoices):
    NEW_LEVEL = indexation.NEW_LEVEL, "Ny nivå: gäller året och är grund för åren efter"
    ONE_OFF = indexation.ONE_OFF, "Engångsbelopp: gäller bara det året"


class DecidedAmount(models.Model):
    """The amount actually decided for a year; rules over the computed one. As a new level
    it is the base of the following years; as a one-off sum it rules its own year only."""

    compensation = models.ForeignKey(
        Compensation, on_delete=models.CASCADE, related_name="decided_amounts"
    )
    year = fields.year()
    amount = models.BigIntegerField("beslutat belopp (kr)")
    scope = models.CharField(
        "gäller",
        max_length=20,
        choices=DecidedScope.choices,
        default=DecidedScope.NEW_LEVEL,
    )
    decided_on = fields.decided_on(null=True, blank=True)
    note = fields.text(
        "beslut", blank=True, help_text="T.ex. paragraf, diarienummer eller överenskommelsens text."
    )
    version = fields.version()
    history = fields.history("version")

    class Meta:
        verbose_name = "beslutat belopp"
        verbose_name_plural = "beslutade belopp"
        ordering = ["compensation", "year"]
        constraints = [
            models.UniqueConstraint(fields=["compensation", "year"], name="decided_amount_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="decided_amount_non_negative"),
            models.CheckConstraint(
                condition=Q(scope__in=DecidedScope.values), name="decided_amount_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Beslutat belopp {self.year}"

    @property
    def one_off(self) -> bool:
        return self.scope == DecidedScope.ONE_OFF


class AmountChangeKind(models.TextChoices):
    NEW_LEVEL = amendment_rules.NEW_LEVEL, "Ny årsnivå från och med ett datum"
    ONE_OFF = amendment_rules.ONE_OFF, "Engångsbelopp för ett ändamål"


class AmountChange(models.Model):
    """An amendment's change of a compensation (``partnerships.Amendment``): a new yearly
    level from ``effective_from`` (raised or lowered; the year is split by the
    compensation's proration rule, later years are indexed from the new level), or a
    one-off sum added to the year of ``effective_from`` for a purpose
    (``finance.amendments``)."""

    amendment = amendment_fk("amount_changes", "ändring")
    compensation = models.ForeignKey(
        Compensation,
        verbose_name="ersättning",
        on_delete=models.PROTECT,
        related_name="amount_changes",
    )
    kind = models.CharField(
        "slag", max_length=20, choices=AmountChangeKind.choices, default=AmountChangeKind.NEW_LEVEL
    )
    effective_from = models.DateField(
        "gäller från och med",
        help_text="För ett engångsbelopp: ett datum i det år beloppet avser.",
    )
    amount = models.BigIntegerField(
        "belopp (kr)", help_text="Ny årsnivå i hela kronor, eller engångsbeloppet."
    )
    purpose = fields.line("ändamål", 200, blank=True)
    version = fields.version()
    history = fields.history("version")

    class Meta:
        verbose_name = "beloppsändring"
        verbose_name_plural = "beloppsändringar"
        ordering = ["effective_from", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="amount_change_non_negative"),
            models.CheckConstraint(
                condition=~Q(kind=amendment_rules.ONE_OFF) | Q(amount__gt=0),
                name="amount_change_one_off_positive",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AmountChangeKind.values), name="amount_change_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["amendment", "compensation"],
                name="amount_change_once_per_amendment",
                violation_error_message="Ändringen har redan en beloppsändring för ersättningen.",
            ),
            models.UniqueConstraint(
                fields=["compensation", "effective_from"],
                condition=Q(kind=amendment_rules.NEW_LEVEL),
                name="amount_change_level_once_per_date",
                violation_error_message="Ersättningen har redan en ny nivå från det datumet.",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def one_off(self) -> bool:
        return self.kind == AmountChangeKind.ONE_OFF

    @property
    def text(self) -> str:
        return amendment_rules.change_text(
            self.kind, self.amount, self.effective_from, self.purpose
        )


class SettlementAction(models.TextChoices):
    SUPPLEMENTARY_PAYMENT = "supplementary_payment", "Tilläggsutbetalning"
    REPAYMENT_CLAIM = "repayment_claim", "Krav på återbetalning"
    NO_ACTION = "no_action", "Ingen avräkning (lämnas)"


class IndexSettlement(models.Model):
    """How the difference between definitive and preliminary index was handled, once."""

    compensation = models.ForeignKey(
        Compensation, on_delete=models.PROTECT, related_name="settlements"
    )
    year = fields.year()
    difference = models.BigIntegerField(
        "skillnad (kr)", help_text="Belopp med definitivt index minus belopp med preliminärt."
    )
    action = models.CharField("åtgärd", max_length=30, choices=SettlementAction.choices)
    note = fields.text("kommentar", blank=True)
    decided_on = fields.decided_on()
    recorded_by = fields.user_fk(null=True)
    created_at = fields.created_at()
    history = fields.history()

    class Meta:
        verbose_name = "indexavräkning"
        verbose_name_plural = "indexavräkningar"
        ordering = ["compensation", "year"]
        constraints = [
            models.UniqueConstraint(fields=["compensation", "year"], name="settlement_once"),
        ]

    def __str__(self) -> str:
        return f"Avräkning {self.year}: {self.get_action_display()}"


class Payment(models.Model):
    """A payment made to a party (utbetalning). Registering one twice is impossible."""

    agreement = agreement_fk("payments")
    compensation = models.ForeignKey(
        Compensation, on_delete=models.PROTECT, related_name="payments"
    )
    year = fields.year("avser år")
    paid_on = models.DateField("betalningsdag")
    amount = models.BigIntegerField("belopp (kr)")
    reference = fields.line("referens", 60, help_text="T.ex. verifikations- eller fakturanummer.")
    form_token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    recorded_by = fields.user_fk(null=True)
    created_at = fields.created_at()
    history = fields.history()

    class Meta:
        verbose_name = "utbetalning"
        verbose_name_plural = "utbetalningar"
        ordering = ["paid_on", "pk"]
        constraints = [
            # Case-insensitively: "VER-1" and "ver-1" are the same voucher (issue 11).
            models.UniqueConstraint(
                "agreement", Lower("reference"), name="payment_reference_once_per_agreement_ci"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Utbetalning {self.reference}"


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    SENT = "sent", "Skickat"
    PAID = "paid", "Återbetalt"
    WITHDRAWN = "withdrawn", "Återkallat"


class RepaymentClaim(models.Model):
    """A demand that a party repays money not used for the agreed purpose (återbetalning)."""

    agreement = agreement_fk("repayment_claims")
    party = party_fk("repayment_claims", "part")
    amount = models.BigIntegerField("belopp (kr)")
    reason = fields.text("skäl")
    decided_on = fields.decided_on(null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    settlement = models.OneToOneField(
        IndexSettlement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repayment_claim",
        editable=False,
    )
    economic_report = models.ForeignKey(
        "EconomicReport",
        verbose_name="ekonomisk redovisning",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repayment_claims",
        editable=False,
        help_text="Redovisningen vars outnyttjade medel kravet gäller.",
    )
    version = fields.version()
    created_at = fields.created_at()
    history = fields.history("version")

    class Meta:
        verbose_name = "återbetalningskrav"
        verbose_name_plural = "återbetalningskrav"
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="claim_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Återbetalningskrav {self.amount} kr"


class BudgetCategory(models.TextChoices):
    STAFF = "staff", "Anställda"
    VOLUNTEERS = "volunteers", "Volontärer"
    PREMISES = "premises", "Lokaler"
    OTHER = "other", "Övrigt"


class PartyBudget(models.Model):
    """A party's yearly cost budget and its own contribution (egen finansiering)."""

    agreement = agreement_fk("budgets")
    party = party_fk("budgets", "part")
    year = fields.year()
    own_contribution = models.BigIntegerField("egen finansiering (kr)", default=0)
    municipal_financing = models.BigIntegerField(
        "kommunens finansiering enligt budgeten (kr)",
        null=True,
        blank=True,
        help_text="Lämna tomt för att använda årets ersättning. Fyll i när budgeten anger en "
        "annan nivå, t.ex. ”2023 års nivå”.",
    )
    note = fields.text("kommentar", blank=True)
    version = fields.version()
    history = fields.history("version")

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetar"
        ordering = ["year", "party__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["party", "year"], name="budget_once_per_party_year"),
            models.CheckConstraint(
                condition=Q(own_contribution__gte=0), name="budget_own_contribution_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(municipal_financing__gte=0) | Q(municipal_financing__isnull=True),
                name="budget_municipal_financing_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Budget {self.year} {self.party.organisation}"


class BudgetLine(models.Model):
    budget = models.ForeignKey(PartyBudget, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField("kostnadsslag", max_length=20, choices=BudgetCategory.choices)
    label = fields.line("benämning", 120, blank=True)
    amount = models.BigIntegerField("belopp (kr)")
    history = fields.history()

    class Meta:
        verbose_name = "budgetrad"
        verbose_name_plural = "budgetrader"
        ordering = ["budget", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "category"], name="budget_line_once"),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_category_display()

    @property
    def display_label(self) -> str:
        return self.label or self.get_category_display()


# --- the finance system: accounting codes (kontering) and SIE export batches --------------

ACCOUNT_VALIDATOR = RegexValidator(
    r"^[1-8]\d{3}$", "Ett konto är fyra siffror, t.ex. 4990 (BAS/Kommun-Bas)."
)
# A cost centre or project code: letters, digits, - _ . (never a personal identity number:
# ten or twelve digits in a row are refused).
OBJECT_VALIDATOR = RegexValidator(
    r"^(?!\d{10}$)(?!\d{12}$)[A-Za-z0-9_.\-]{1,20}$",
    "Ange en kod med högst 20 tecken: bokstäver a–z, siffror, - _ eller punkt.",
)


SERIES_VALIDATOR = RegexValidator(r"^[A-Za-z0-9]{0,10}$", "Bokstäver och siffror, t.ex. A.")


class AccountingCodes(models.Model):
    account = fields.line(
        "konto",
        4,
        validators=[ACCOUNT_VALIDATOR],
        blank=True,
        help_text="Kostnadskontot som ersättningen bokförs på, t.ex. 4990.",
    )
    cost_centre = fields.line(
        "kostnadsställe",
        20,
        validators=[OBJECT_VALIDATOR],
        blank=True,
        help_text="Objekt i dimension 1 (kostnadsställe).",
    )
    project = fields.line(
        "projekt",
        20,
        validators=[OBJECT_VALIDATOR],
        blank=True,
        help_text="Objekt i dimension 6 (projekt).",
    )
    counter_account = fields.line(
        "motkonto",
        4,
        validators=[ACCOUNT_VALIDATOR],
        blank=True,
        help_text="Kontot som krediteras, t.ex. 2440 (leverantörsskulder) eller 1930 (bank).",
    )
    version = fields.version()

    CODE_FIELDS = ("account", "cost_centre", "project", "counter_account")

    class Meta:
        abstract = True


class AccountingDefaults(AccountingCodes):
    """A public body's accounting codes for its IOP payments (konto and motkonto required)."""

    organisation = models.OneToOneField(
        "partnerships.Organisation", on_delete=models.CASCADE, related_name="accounting_defaults"
    )
    voucher_series = fields.line(
        "verifikationsserie",
        10,
        validators=[SERIES_VALIDATOR],
        blank=True,
        help_text="Lämna tomt om ekonomisystemet väljer serie vid import.",
    )
    history = fields.history("version")

    class Meta:
        verbose_name = "kontering (organisation)"
        verbose_name_plural = "konteringar (organisation)"

    def __str__(self) -> str:
        return f"Kontering {self.account}/{self.counter_account}"


class CompensationCoding(AccountingCodes):
    """Accounting codes of one compensation; a blank code takes the body's default."""

    compensation = models.OneToOneField(
        Compensation, on_delete=models.CASCADE, related_name="coding"
    )
    history = fields.history("version")

    class Meta:
        verbose_name = "kontering (ersättning)"
        verbose_name_plural = "konteringar (ersättning)"

    def __str__(self) -> str:
        return f"Kontering {self.account or '-'}/{self.counter_account or '-'}"


class SieExportBatch(models.Model):
    """One SIE file handed to the finance system; its bytes are kept, so that the same file
    can be downloaded again, and its lines mark what is exported."""

    organisation = organisation_fk("sie_batches")
    number = models.PositiveIntegerField("nummer")
    created_at = fields.created_at()
    created_by = fields.user_fk()
    content = models.BinaryField()
    voucher_count = models.PositiveIntegerField(default=0)
    total = models.BigIntegerField("summa (kr)", default=0)
    download_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "SIE-export"
        verbose_name_plural = "SIE-exporter"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="sie_batch_number"),
        ]

    def __str__(self) -> str:
        return f"SIE-export {self.number}"

    @property
    def filename(self) -> str:
        return f"iop-utbetalningar-{self.number:04d}.si"


class SieExportLine(models.Model):
    """A payment (made or planned) in a batch. A made payment is exported once; a planned
    payment (compensation, year and due date: a year paid in instalments has one per
    instalment) is exported once as planned."""

    batch = models.ForeignKey(SieExportBatch, on_delete=models.CASCADE, related_name="lines")
    compensation = models.ForeignKey(Compensation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="sie_line"
    )
    amount = models.BigIntegerField()
    voucher_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["compensation", "year", "voucher_date"],
                condition=Q(payment__isnull=True),
                name="sie_planned_instalment_once",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="sie_line_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount} kr"

    @property
    def planned(self) -> bool:
        return self.payment_id is None


# --- the partner's yearly economic report -------------------------------------------------


EconomicReportStatus = ReportStatus  # the same two states as a follow-up report


class EconomicReport(models.Model):
    """An idea-based party's economic report for one year of the agreement: actual costs per
    budget line, its own financing and other funders. A draft is private to the party's
    organisation; submitting locks it until an administrator reopens it."""

    agreement = agreement_fk("economic_reports")
    party = party_fk("economic_reports", "part")
    year = fields.year()
    own_financing = models.BigIntegerField("egen finansiering (kr)", default=0)
    comment = fields.text("kommentar", blank=True, max_length=4000)
    status = models.CharField(
        max_length=10, choices=EconomicReportStatus.choices, default=EconomicReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = fields.user_fk(null=True)
    version = fields.version()
    updated_at = fields.updated_at()
    history = fields.history("version", "updated_at")

    class Meta:
        verbose_name = "ekonomisk redovisning"
        verbose_name_plural = "ekonomiska redovisningar"
        ordering = ["year", "party__organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "year"], name="economic_report_once_per_party_year"
            ),
            models.CheckConstraint(
                condition=Q(own_financing__gte=0), name="economic_report_own_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Ekonomisk redovisning {self.year} {self.party.organisation}"

    @property
    def is_submitted(self) -> bool:
        return self.status == EconomicReportStatus.SUBMITTED


class EconomicReportLine(models.Model):
    """Actual cost of one budget line (kostnadsslag) and why it deviates from the budget."""

    report = models.ForeignKey(EconomicReport, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField("kostnadsslag", max_length=20, choices=BudgetCategory.choices)
    actual = models.BigIntegerField("utfall (kr)")
    comment = fields.text("kommentar till avvikelsen", blank=True, max_length=2000)
    history = fields.history()

    class Meta:
        verbose_name = "utfall per kostnadsslag"
        verbose_name_plural = "utfall per kostnadsslag"
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="economic_line_once"),
            models.CheckConstraint(
                condition=Q(actual__gte=0), name="economic_line_actual_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class OtherFunding(models.Model):
    """Money from another funder (e.g. a foundation or the region) in the party's report."""

    report = models.ForeignKey(
        EconomicReport, on_delete=models.CASCADE, related_name="other_funding"
    )
    funder = fields.line("finansiär", 120)
    amount = models.BigIntegerField("belopp (kr)")
    history = fields.history()

    class Meta:
        verbose_name = "annan finansiering"
        verbose_name_plural = "annan finansiering"
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="other_funding_positive"),
        ]

    def __str__(self) -> str:
        return self.funder


# The agreement shapes of issue 14 (given instalment dates, contributions in kind, caps) are
# in their own module; imported here so that Django registers them with the app.
from .shape_models import (  # noqa: E402, F401
    AgreementCap,
    GivenInstalment,
    InKindContribution,
    InKindKind,
)
