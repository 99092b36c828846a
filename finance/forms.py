"""Forms of the finance app. They only read and check input; services write."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError

from common.forms import optional_choice
from common.privacy import LINE_GUARD, TEXT_GUARD, TextGuardFormMixin
from common.versioning import version_field
from partnerships.models import Sector

from .index_import import parse_percent
from .models import (
    MONTHS,
    BudgetCategory,
    ClaimStatus,
    Compensation,
    DecidedScope,
    IndexRule,
    IndexSeries,
    PaymentSchedule,
    Proration,
    SettlementAction,
)
from .selectors import index_series_for_agreement

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def optional_text(label: str, **kwargs) -> forms.CharField:
    """A short free text the user may leave empty (three rows)."""
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}), **kwargs
    )


def optional_date(label: str, **kwargs) -> forms.DateField:
    """A date the user may leave empty, picked with the browser's date input."""
    return forms.DateField(label=label, required=False, widget=DATE_INPUT, **kwargs)


MAX_KRONOR = 10_000_000_000


class _TypedNumberField(forms.CharField):
    """A number typed as text (spaces, "kr", a decimal comma): ``parse`` reads the text."""

    inputmode, maxlength = "numeric", "20"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update(
            {"inputmode": self.inputmode, "autocomplete": "off", "maxlength": self.maxlength}
        )

    def to_python(self, value):
        text = super().to_python(value)
        return None if text in self.empty_values else self.parse(text)

    def parse(self, text: str):
        raise NotImplementedError


class KronorField(_TypedNumberField):
    """Whole kronor: '452948', '452 948' or '452 948 kr'. Never negative, never öre."""

    def __init__(self, *args, allow_zero: bool = True, **kwargs):
        self.allow_zero = allow_zero
        super().__init__(*args, **kwargs)

    def parse(self, text: str) -> int:
        cleaned = re.sub(r"[\s\u00a0]", "", text)
        cleaned = re.sub(r"(?i)(kr|kronor|sek)$", "", cleaned).replace("\u2212", "-")
        if re.fullmatch(r"-?\d+[,.]\d*", cleaned):
            raise ValidationError("Ange hela kronor utan ören, t.ex. 452 948.")
        if not re.fullmatch(r"-?\d+", cleaned):
            raise ValidationError("Ange ett belopp i hela kronor, t.ex. 452 948.")
        amount = int(cleaned)
        if amount < 0:
            raise ValidationError("Beloppet kan inte vara negativt.")
        if amount == 0 and not self.allow_zero:
            raise ValidationError("Beloppet måste vara större än 0 kr.")
        if amount > MAX_KRONOR:
            raise ValidationError("Beloppet är orimligt stort.")
        return amount

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", " ")
        return value


class PercentField(_TypedNumberField):
    """Percent with one decimal; decimal comma accepted ('3,5'). A share (0,035) is refused."""

    inputmode, maxlength = "decimal", "10"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "Procent med en decimal, t.ex. 3,5.")
        super().__init__(*args, **kwargs)

    def parse(self, text: str):
        try:
            return parse_percent(text)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return f"{value:.1f}".replace(".", ",")


class VersionedForm(TextGuardFormMixin, forms.Form):
    """A form over a versioned row: the hidden ``version`` is the one the user read, required
    (``common.versioning.version_field``) whenever the initial data carry one: an edit of a
    stored row (``initial_from``), or the form of "the row of this key" (a year's budget)
    with 0 when none is saved yet. A POST without it is a 400 with
    ``MISSING_VERSION_MESSAGE``, never an edit without the concurrency check. A form that
    only creates (no version in the initial data) has no version field: there is nothing to
    compare with; two such creates of one unique row are refused by its constraint."""

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" not in self.initial:
            del self.fields["version"]  # a new row: nothing to compare with

    @staticmethod
    def initial_from(instance: object | None, fields: tuple[str, ...]) -> dict:
        """The form's initial values from a stored row, its version included; for no row
        (the form creates one) nothing."""
        if instance is None:
            return {}
        return {f: getattr(instance, f) for f in fields} | {"version": instance.version}

    def values(self) -> dict:
        """The cleaned values the service takes (all but ``version`` and a ``delete`` box)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "delete")}

    @property
    def expected_version(self) -> int:
        """The version the user read; 0 ("nothing saved yet") on a form that creates."""
        return self.cleaned_data["version"] if "version" in self.fields else 0

    def saving(self, service: Callable[..., object], **context) -> Callable[[], object]:
        """The call that saves this form through ``service``: ``context`` (who and what), the
        version the user read and the cleaned values, all read once the form is valid."""
        return lambda: service(**context, expected_version=self.expected_version, **self.values())


YEAR_FIELD_KWARGS = {"min_value": 1990, "max_value": 2200}


class IndexValueForm(VersionedForm):
    series = forms.ModelChoiceField(
        label="Indexserie", queryset=IndexSeries.objects.none(), empty_label=None
    )

    def __init__(self, *args, series_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series_queryset

    year = forms.IntegerField(label="År", **YEAR_FIELD_KWARGS)
    preliminary_percent = PercentField(label="Preliminärt värde (%)", required=False)
    preliminary_published = optional_date("Preliminärt värde publicerat")
    definitive_percent = PercentField(label="Definitivt värde (%)", required=False)
    definitive_published = optional_date("Definitivt värde publicerat")
    source = optional_text(
        "Källa",
        help_text="T.ex. SKR:s cirkulär med nummer och datum.",
    )


class IndexSeriesForm(TextGuardFormMixin, forms.Form):
    name = forms.CharField(label="Namn", max_length=40, help_text="T.ex. KPI.")
    description = forms.CharField(label="Beskrivning", max_length=200, required=False)

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if IndexSeries.objects.filter(name__iexact=name, owner=self.owner).exists():
            raise ValidationError("Det finns redan en indexserie med det namnet.")
        return name


class IndexImportForm(TextGuardFormMixin, forms.Form):
    series = forms.ModelChoiceField(
        label="Indexserie", queryset=IndexSeries.objects.none(), empty_label=None
    )

    def __init__(self, *args, series_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = series_queryset

    file = forms.FileField(
        label="CSV-fil",
        help_text="Samma kolumner som opi-skr.csv: year, preliminary_percent, "
        "preliminary_published, definitive_percent, definitive_published, source. "
        "Komma eller semikolon; UTF-8, UTF-16 eller Windows-1252.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise ValidationError("Filen är för stor (högst 1 MB).")
        return upload


class CompensationForm(VersionedForm):
    party = forms.ModelChoiceField(label="Part", queryset=None, empty_label=None)
    base_amount = KronorField(label="Grundbelopp per år (kr)")
    base_year = forms.IntegerField(
        label="Basår",
        **YEAR_FIELD_KWARGS,
        help_text="Året vars nivå grundbeloppet avser, t.ex. 2023 för ”2023 års nivå”.",
    )
    fixed = forms.BooleanField(
        label="Fast belopp (räknas inte upp med index)",
        required=False,
        help_text="Samma belopp varje år. Index och första år med uppräkning lämnas då tomma.",
    )
    index_series = optional_choice("Index", IndexSeries, "(inget index – fast belopp)")
    first_index_year = forms.IntegerField(
        label="Första år med uppräkning", required=False, **YEAR_FIELD_KWARGS
    )
    index_rule = forms.ChoiceField(label="Indexvärde som gäller", choices=IndexRule.choices)
    proration = forms.ChoiceField(
        label="Delår räknas",
        choices=Proration.choices,
        initial=Proration.BY_DAYS,
        required=False,
        help_text="Hur årsbeloppet delas när perioden börjar eller slutar mitt i ett år.",
    )
    payment_month = forms.TypedChoiceField(
        label="Utbetalningsmånad",
        coerce=int,
        choices=list(enumerate(MONTHS, start=1)),
    )
    payment_schedule = forms.ChoiceField(
        label="Utbetalningsplan",
        choices=PaymentSchedule.choices,
        initial=PaymentSchedule.YEARLY,
        required=False,
        help_text="Delbetalningarna räknas från utbetalningsmånaden och delar årets belopp "
        "lika i hela kronor (resten på årets sista). Angivna datum fylls i per år på "
        "ekonomifliken.",
    )
    continues_from = optional_choice(
        "Fortsätter ersättningen",
        Compensation,
        "(ingen – ny ersättning)",
        help_text="Ersättningen i den föregående överenskommelsen som denna fortsätter.",
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = agreement.parties.filter(
            role=Sector.IDEA_BASED
        ).select_related("organisation")
        self.fields["party"].label_from_instance = lambda p: p.organisation.name
        # The shared series and the agreement's own public bodies' series (chosen per
        # compensation); another body's own series is not offered.
        self.fields["index_series"].queryset = index_series_for_agreement(agreement)
        if agreement.predecessor_id:
            self.fields["continues_from"].queryset = Compensation.objects.filter(
                agreement_id=agreement.predecessor_id
            ).select_related("party__organisation")
            self.fields["continues_from"].label_from_instance = lambda c: (
                f"{c.party.organisation.name} ({c.base_amount} kr, basår {c.base_year})"
            )

    def clean(self):
        data = super().clean()
        base, first = data.get("base_year"), data.get("first_index_year")
        data["proration"] = data.get("proration") or Proration.BY_DAYS
        data["payment_schedule"] = data.get("payment_schedule") or PaymentSchedule.YEARLY
        if data.get("fixed"):
            data["index_series"], data["first_index_year"] = None, None
            return data
        if not data.get("index_series") and "index_series" not in self.errors:
            self.add_error("index_series", "Välj index, eller markera beloppet som fast.")
        if first is None and "first_index_year" not in self.errors:
            self.add_error(
                "first_index_year",
                "Ange första år med uppräkning, eller markera beloppet som fast.",
            )
        if base and first and first <= base:
            self.add_error(
                "first_index_year", f"Första år med uppräkning måste vara efter basåret ({base})."
            )
        return data


class DecidedAmountForm(VersionedForm):
    amount = KronorField(label="Beslutat belopp (kr)")
    scope = forms.ChoiceField(
        label="Beloppet gäller",
        choices=DecidedScope.choices,
        initial=DecidedScope.NEW_LEVEL,
        required=False,
        widget=forms.RadioSelect,
        help_text="Utan val: ny nivå.",
    )
    decided_on = optional_date("Beslutsdatum")
    note = optional_text(
        "Beslut",
        help_text="T.ex. paragraf, diarienummer eller överenskommelsens text.",
    )

    def clean_scope(self) -> str:
        return self.cleaned_data.get("scope") or DecidedScope.NEW_LEVEL


class PaymentForm(TextGuardFormMixin, forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    year = forms.TypedChoiceField(label="Avser år", coerce=int, choices=())
    paid_on = forms.DateField(label="Betalningsdag", widget=DATE_INPUT)
    amount = KronorField(label="Belopp (kr)", allow_zero=False)
    reference = forms.CharField(
        label="Referens", max_length=60, help_text="T.ex. verifikations- eller fakturanummer."
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))


class SettlementForm(TextGuardFormMixin, forms.Form):
    action = forms.ChoiceField(
        label="Åtgärd", choices=SettlementAction.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label="Beslutsdatum", widget=DATE_INPUT)
    note = optional_text("Kommentar")


class ClaimForm(VersionedForm):
    party = forms.ModelChoiceField(label="Part", queryset=None, empty_label=None)
    amount = KronorField(label="Belopp (kr)", allow_zero=False)
    reason = forms.CharField(label="Skäl", widget=forms.Textarea(attrs={"rows": 4}))
    decided_on = optional_date("Beslutsdatum")
    status = forms.ChoiceField(label="Status", choices=ClaimStatus.choices)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = agreement.parties.filter(
            role=Sector.IDEA_BASED
        ).select_related("organisation")
        self.fields["party"].label_from_instance = lambda p: p.organisation.name


class BudgetForm(VersionedForm):
    own_contribution = KronorField(label="Egen finansiering (kr)")
    municipal_financing = KronorField(
        label="Kommunens finansiering enligt budgeten (kr)",
        required=False,
        help_text="Lämna tomt för att använda årets ersättning. Fyll i när budgeten anger "
        "en annan nivå, t.ex. ”2023 års nivå”.",
    )
    note = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in BudgetCategory.choices:
            self.fields[f"{value}_amount"] = KronorField(
                label=f"{label} (kr)",
                required=False,
                help_text="Lämna tomt om kostnadsslaget inte finns i budgeten.",
            )
            self.fields[f"{value}_label"] = forms.CharField(
                label=f"Benämning för {label.lower()}",
                max_length=120,
                required=False,
                help_text=f"Valfri, t.ex. ”{label}/personal”.",
                validators=list(LINE_GUARD),
            )

    def lines(self) -> dict[str, tuple[str, int | None]]:
        data = self.cleaned_data
        return {
            value: (data.get(f"{value}_label", ""), data.get(f"{value}_amount"))
            for value in BudgetCategory.values
        }

    def line_fields(self):
        return [(self[f"{v}_amount"], self[f"{v}_label"]) for v in BudgetCategory.values]


# --- the finance system (SIE) --------------------------------------------------------------


class AccountingDefaultsForm(forms.ModelForm):
    version = version_field()

    class Meta:
        from .models import AccountingDefaults

        model = AccountingDefaults
        fields = ["account", "counter_account", "cost_centre", "project", "voucher_series"]


class CompensationCodingForm(forms.ModelForm):
    version = version_field()

    class Meta:
        from .models import CompensationCoding

        model = CompensationCoding
        fields = ["account", "counter_account", "cost_centre", "project"]


class SieExportForm(forms.Form):
    include_paid = forms.BooleanField(label="Gjorda utbetalningar", required=False, initial=True)
    include_planned = forms.BooleanField(
        label="Planerade utbetalningar", required=False, initial=True
    )
    planned_until = forms.DateField(
        label="Planerade utbetalningar till och med",
        widget=DATE_INPUT,
        help_text="Planerade utbetalningar med förfallodag senast detta datum tas med.",
    )

    def clean(self):
        data = super().clean()
        if not data.get("include_paid") and not data.get("include_planned"):
            raise forms.ValidationError("Välj gjorda eller planerade utbetalningar, eller båda.")
        return data


class EconomicReportForm(VersionedForm):
    """Actual costs per budget line with a comment per deviation, own financing and other
    funders (a few empty rows; more appear after saving)."""

    own_financing = KronorField(label="Egen finansiering (kr)")
    comment = optional_text("Övrig kommentar")

    def __init__(self, *args, budget_labels: dict[str, str], funder_rows: int = 3, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(BudgetCategory.values)
        self.budget_labels = budget_labels
        for value, label in BudgetCategory.choices:
            shown = budget_labels.get(value, label)
            self.fields[f"{value}_actual"] = KronorField(
                label=f"{shown}: utfall (kr)",
                required=False,
                help_text="" if value in budget_labels else "Finns inte i budgeten.",
            )
            self.fields[f"{value}_comment"] = forms.CharField(
                label=f"{shown}: kommentar till avvikelsen",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.funder_rows = funder_rows
        for index in range(funder_rows):
            self.fields[f"funder_{index}_funder"] = forms.CharField(
                label=f"Annan finansiär {index + 1}: namn", max_length=120, required=False
            )
            self.fields[f"funder_{index}_amount"] = KronorField(
                label=f"Annan finansiär {index + 1}: belopp (kr)", required=False, allow_zero=False
            )
        for field in self.fields.values():  # the guard on the fields added here too
            if isinstance(field, forms.CharField) and not isinstance(field, KronorField):
                guard = TEXT_GUARD if isinstance(field.widget, forms.Textarea) else LINE_GUARD
                field.validators.extend(v for v in guard if v not in field.validators)

    def clean(self):
        data = super().clean()
        for index in range(self.funder_rows):
            name = data.get(f"funder_{index}_funder")
            amount = data.get(f"funder_{index}_amount")
            if name and amount is None:
                self.add_error(f"funder_{index}_amount", "Ange beloppet från finansiären.")
            if amount is not None and not name:
                self.add_error(f"funder_{index}_funder", "Ange vem pengarna kommer från.")
        return data

    def actuals(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            value: (data.get(f"{value}_actual"), (data.get(f"{value}_comment") or "").strip())
            for value in self.categories
        }

    def other_funding(self) -> list[tuple[str, int]]:
        data = self.cleaned_data
        rows = []
        for index in range(self.funder_rows):
            name = (data.get(f"funder_{index}_funder") or "").strip()
            if name:
                rows.append((name, data.get(f"funder_{index}_amount")))
        return rows

    def line_fields(self):
        return [(self[f"{v}_actual"], self[f"{v}_comment"]) for v in self.categories]

    def funder_fields(self):
        return [
            (self[f"funder_{i}_funder"], self[f"funder_{i}_amount"])
            for i in range(self.funder_rows)
        ]
