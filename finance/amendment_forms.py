"""The amendment form: the decision, what it changes in the register, and one block per
compensation for its amount change. Forms only read and check input; services write."""

from __future__ import annotations

from django import forms

from common.forms import optional_choice
from common.privacy import TextGuardFormMixin
from common.versioning import version_field
from partnerships.amendment_services import AMENDMENT_FIELDS
from partnerships.models import Amendment, Board, Party, PartyChange

from .forms import DATE_INPUT, KronorField, optional_date
from .models import AmountChange, AmountChangeKind, Compensation
from .services import AmountChangeInput

#: The decision's fields and what it changes in the register, declared once.
DECISION_FIELDS = AMENDMENT_FIELDS


class AmendmentForm(TextGuardFormMixin, forms.Form):
    version = version_field()
    decided_on = forms.DateField(label="Beslutsdatum", widget=DATE_INPUT)
    board = optional_choice("Nämnd", Board, "–")
    paragraph = forms.CharField(
        label="Paragraf", max_length=40, required=False, help_text="T.ex. § 87."
    )
    registry_number = forms.CharField(label="Diarienummer", max_length=60, required=False)
    title = forms.CharField(
        label="Rubrik",
        max_length=200,
        help_text="T.ex. ”Tilläggsbeslut om utökat uppdrag” eller ”Förlängning till 2026”.",
    )
    description = forms.CharField(
        label="Beskrivning", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_period_end = optional_date(
        "Perioden förlängs till och med",
        help_text="Bara om ändringen förlänger överenskommelsen (utan ny överenskommelse).",
    )
    party = optional_choice(
        "Part som tillkommer eller lämnar",
        Party,
        "Ingen",
        help_text="En ny part läggs först till under ”Redigera överenskommelsen”.",
    )
    party_change = forms.ChoiceField(
        label="Parten",
        choices=[("", "–"), *PartyChange.choices],
        required=False,
    )
    party_change_on = optional_date("Partändringen gäller från och med")
    goals = forms.CharField(
        label="Mål som läggs till",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ett mål per rad.",
    )
    responsibility_party = optional_choice("Part vars ansvarsområden utökas", Party, "Ingen")
    responsibilities = forms.CharField(
        label="Ansvarsområden som läggs till",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ett ansvarsområde per rad.",
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = agreement.municipality
        self.fields["board"].queryset = (
            Board.objects.filter(organisation=municipality)
            if municipality
            else Board.objects.none()
        )
        parties = Party.objects.filter(agreement=agreement).select_related("organisation")
        self.fields["party"].queryset = parties
        self.fields["responsibility_party"].queryset = parties
        self.fields["party"].label_from_instance = lambda p: p.display_name
        self.fields["responsibility_party"].label_from_instance = lambda p: p.display_name

    def clean(self):
        data = super().clean()
        if data.get("responsibilities", "").strip() and not data.get("responsibility_party"):
            self.add_error("responsibility_party", "Välj den part vars ansvarsområden utökas.")
        return data

    @staticmethod
    def initial_for(amendment: Amendment) -> dict:
        return {name: getattr(amendment, name) for name in DECISION_FIELDS} | {
            "version": amendment.version
        }

    def values(self) -> dict:
        """What the services take: the decision fields, goals and responsibilities."""
        data = self.cleaned_data
        values = {name: data.get(name) for name in DECISION_FIELDS}
        for name in ("paragraph", "registry_number", "description", "party_change"):
            values[name] = values[name] or ""
        values["goals"] = [line for line in data.get("goals", "").splitlines() if line.strip()]
        party = data.get("responsibility_party")
        values["responsibilities"] = [
            (party, line) for line in data.get("responsibilities", "").splitlines() if line.strip()
        ]
        return values


class AmountChangeForm(TextGuardFormMixin, forms.Form):
    """The amount change of one compensation in an amendment (none when ``kind`` is "")."""

    kind = forms.ChoiceField(
        label="Beloppsändring",
        choices=[("", "Ingen ändring av beloppet"), *AmountChangeKind.choices],
        required=False,
    )
    effective_from = optional_date(
        "Gäller från och med", help_text="För ett engångsbelopp: ett datum i det år beloppet avser."
    )
    amount = KronorField(
        label="Belopp (kr)",
        required=False,
        help_text="Den nya årsnivån, eller engångsbeloppet, i hela kronor.",
    )
    purpose = forms.CharField(
        label="Ändamål", max_length=200, required=False, help_text="För ett engångsbelopp."
    )

    def __init__(self, *args, compensation: Compensation, **kwargs):
        self.compensation = compensation
        super().__init__(*args, prefix=f"c{compensation.pk}", **kwargs)

    @staticmethod
    def initial_for(change: AmountChange | None) -> dict | None:
        if change is None:
            return None
        return {
            "kind": change.kind,
            "effective_from": change.effective_from,
            "amount": change.amount,
            "purpose": change.purpose,
        }

    def value(self) -> AmountChangeInput:
        data = self.cleaned_data
        return AmountChangeInput(
            kind=data.get("kind") or "",
            effective_from=data.get("effective_from"),
            amount=data.get("amount"),
            purpose=data.get("purpose") or "",
        )
