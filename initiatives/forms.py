from django import forms

from attachments.forms import ACCEPT
from attachments.models import AttachmentKind
from attachments.services import max_bytes
from attachments.sniff import ALLOWED_TEXT
from common.privacy import TextGuardFormMixin
from common.versioning import version_field

from . import selectors
from .models import (
    CRITERIA_FIELD_NAMES,
    INITIATIVE_KINDS,
    Assessment,
    DeclaredAid,
    Initiative,
    Status,
)
from .services import INITIATIVE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WholeKronorField(forms.IntegerField):
    """Whole kronor as people write them: "150 000", "150 000 kr" (a text field: a number
    field refuses the spaces)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def widget_attrs(self, widget):
        return {"inputmode": "numeric"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", "").replace(" ", "").removesuffix("kr")
        return super().to_python(value)


class InitiativeForm(forms.ModelForm):
    """What the organisation writes. A partner chooses the public body; an administrator
    the organisation on whose behalf the initiative is registered."""

    organisation = forms.ModelChoiceField(
        label="Idéburen organisation", queryset=selectors.idea_based_organisations()
    )
    public_body = forms.ModelChoiceField(
        label="Till (offentlig part)", queryset=selectors.public_bodies()
    )

    class Meta:
        model = Initiative
        fields = INITIATIVE_FIELDS
        widgets = {"kammarkollegiet_checked_on": DATE}
        field_classes = {
            name: WholeKronorField
            for name in (
                "own_money",
                "budget_staff",
                "budget_volunteers",
                "budget_premises",
                "budget_other",
            )
        }

    BUDGET_FIELDS = ("budget_staff", "budget_volunteers", "budget_premises", "budget_other")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_partner:
            del self.fields["organisation"]
        else:
            del self.fields["public_body"]
        for name in self.BUDGET_FIELDS:  # an empty budget line is 0 kr
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.BUDGET_FIELDS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned

    def _post_clean(self):  # the service runs full_clean with the parties set
        pass


class CompletionAnswerForm(InitiativeForm):
    """The organisation completes its initiative: what it wrote, and its answer."""

    answer = forms.CharField(
        label="Svar på kompletteringen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Vad har ni ändrat eller lagt till? Bilagor laddar ni upp på initiativets sida.",
    )
    version = version_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields.pop("organisation", None)
        self.fields.pop("public_body", None)


class InitiativeAttachmentForm(forms.Form):
    kind = forms.ChoiceField(label="Typ av dokument")
    year = forms.IntegerField(label="Avser år", min_value=1990, max_value=2200)
    file = forms.FileField(label="Fil")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, AttachmentKind(k).label) for k in INITIATIVE_KINDS]
        self.fields["file"].help_text = f"{ALLOWED_TEXT}, högst {max_bytes() // (1024 * 1024)} MB."
        self.fields["file"].widget.attrs["accept"] = ACCEPT


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Ny status",
        choices=[(v, label) for v, label in Status.choices if v != Status.AGREEMENT],
    )
    version = version_field()


class CompletionForm(TextGuardFormMixin, forms.Form):
    message = forms.CharField(
        label="Vad ska kompletteras?", widget=forms.Textarea(attrs={"rows": 5})
    )
    version = version_field()


class AgreementDraftForm(forms.Form):
    period_start = forms.DateField(label="Gäller från och med", widget=DATE)
    period_end = forms.DateField(label="Gäller till och med", widget=DATE)
    version = version_field()


class AssessmentForm(forms.ModelForm):
    version = version_field()
    accept_over_cap = forms.BooleanField(
        label="Jag har läst varningen om taket och vill ändå spara bedömningen",
        required=False,
    )

    class Meta:
        model = Assessment
        fields = [
            *CRITERIA_FIELD_NAMES,
            "pecuniary_contract",
            "procurement_reason",
            "competence_reason",
            "state_aid_route",
            "de_minimis_amount_sek",
            "de_minimis_sgei",
            "decision_date",
            "sek_per_eur",
            "declaration_note",
            "signed_off_role",
            "signed_off_name",
        ]
        widgets = {
            "decision_date": DATE,
            "state_aid_route": forms.RadioSelect,
            "signed_off_role": forms.RadioSelect,
        }

    def _post_clean(self):  # the service cleans the model with the computed amount
        pass

    def data_for_service(self) -> dict:
        skip = {"version", "accept_over_cap"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class DeclaredAidForm(forms.ModelForm):
    class Meta:
        model = DeclaredAid
        fields = ["grantor", "granted_on", "amount_eur", "sgei"]
        widgets = {"granted_on": DATE}
