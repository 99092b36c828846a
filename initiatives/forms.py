from django import forms

from common.privacy import TextGuardFormMixin
from common.versioning import version_field

from . import selectors
from .models import CRITERIA_FIELD_NAMES, Assessment, DeclaredAid, Initiative, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
        fields = [
            "title",
            "need",
            "target_group",
            "goals",
            "own_money",
            "own_in_kind",
            "organisation_description",
            "signatories",
            "kammarkollegiet_registered",
            "kammarkollegiet_checked_on",
            "attachments_note",
        ]
        widgets = {"kammarkollegiet_checked_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_partner:
            del self.fields["organisation"]
        else:
            del self.fields["public_body"]

    def _post_clean(self):  # the service runs full_clean with the parties set
        pass


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
