"""Forms of the agreement shapes (issue 14): given instalment dates, contributions in kind,
caps. They only read and check input; services write."""

from __future__ import annotations

from django import forms

from common.versioning import version_field

from .forms import KronorField, VersionedForm, optional_date
from .models import Compensation, InKindKind

EXTRA_ROWS = 3


class ShapeForm(VersionedForm):
    """A versioned form whose hidden version is required (0 for a new row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("version", None)
        self.fields["version"] = version_field()  # last, as the form's other fields come first


class GivenInstalmentsForm(ShapeForm):
    """The given instalments of one year: a row per date (date and amount); an empty row is
    left out, a half-filled one is refused."""

    def __init__(self, *args, rows: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = rows
        for index in range(rows):
            self.fields[f"due_{index}"] = optional_date(f"Delbetalning {index + 1}: förfallodag")
            self.fields[f"amount_{index}"] = KronorField(
                label=f"Delbetalning {index + 1}: belopp (kr)", required=False, allow_zero=False
            )

    def clean(self):
        data = super().clean()
        for index in range(self.row_count):
            due, amount = data.get(f"due_{index}"), data.get(f"amount_{index}")
            if due and amount is None and f"amount_{index}" not in self.errors:
                self.add_error(f"amount_{index}", "Ange beloppet för förfallodagen.")
            if amount is not None and not due and f"due_{index}" not in self.errors:
                self.add_error(f"due_{index}", "Ange förfallodagen för beloppet.")
        return data

    def rows(self) -> list[tuple]:
        data = self.cleaned_data
        return [
            (data[f"due_{i}"], data[f"amount_{i}"])
            for i in range(self.row_count)
            if data.get(f"due_{i}") and data.get(f"amount_{i}") is not None
        ]

    def row_fields(self):
        return [(self[f"due_{i}"], self[f"amount_{i}"]) for i in range(self.row_count)]


class InKindForm(ShapeForm):
    party = forms.ModelChoiceField(label="Part som bidrar", queryset=None, empty_label=None)
    year = forms.TypedChoiceField(
        label="Gäller",
        coerce=int,
        empty_value=None,
        required=False,
        choices=(),
        help_text="Ett år, eller hela perioden.",
    )
    kind = forms.ChoiceField(label="Slag av insats", choices=InKindKind.choices)
    description = forms.CharField(
        label="Beskrivning",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Vad insatsen är, t.ex. ”Lokal på Storgatan 4, 120 m², tisdag–torsdag”.",
    )
    value = KronorField(
        label="Värde av insats (kr)",
        required=False,
        help_text="Hela kronor. Lämna tomt om insatsen inte värderas. Insatsen betalas aldrig "
        "ut; värdet räknas in i budgetens balans.",
    )
    valuation_basis = forms.CharField(
        label="Grund för värderingen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="T.ex. ”120 m² × 1 450 kr/m² och år, kommunens internhyra”. Krävs när "
        "insatsen värderas.",
    )
    delete = forms.BooleanField(label="Ta bort insatsen", required=False)

    def __init__(self, *args, agreement, existing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = agreement.parties.select_related("organisation")
        self.fields["party"].label_from_instance = lambda p: (
            f"{p.display_name} ({p.get_role_display().lower()})"
        )
        years = range(agreement.period_start.year, agreement.period_end.year + 1)
        self.fields["year"].choices = [("", "Hela perioden")] + [(y, str(y)) for y in years]
        if not existing:
            del self.fields["delete"]

    def clean(self):
        data = super().clean()
        if data.get("delete"):
            return data
        if data.get("value") is not None and not (data.get("valuation_basis") or "").strip():
            self.add_error("valuation_basis", "Ange vad värderingen grundar sig på.")
        return data


class CapForm(ShapeForm):
    label = forms.CharField(
        label="Benämning", max_length=120, help_text="T.ex. ”Totalt för perioden”."
    )
    amount = KronorField(label="Tak (kr)", allow_zero=False, help_text="Hela kronor.")
    compensations = forms.ModelMultipleChoiceField(
        label="Ersättningar som omfattas",
        queryset=Compensation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Inget val: alla ersättningar i överenskommelsen.",
    )
    note = forms.CharField(
        label="Beslut eller text i överenskommelsen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    delete = forms.BooleanField(label="Ta bort taket", required=False)

    def __init__(self, *args, agreement, existing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compensations"].queryset = Compensation.objects.filter(
            agreement=agreement
        ).select_related("party__organisation")
        self.fields["compensations"].label_from_instance = lambda c: (
            f"Ersättningen till {c.party.organisation.name}"
        )
        if not existing:
            del self.fields["delete"]

    def values(self) -> dict:
        values = super().values()
        values["compensations"] = list(values["compensations"])
        return values
