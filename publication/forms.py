from django import forms

from .models import Publication


class PublicationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Publication
        fields = [
            "enabled",
            "slug",
            "hide_organisation_numbers",
            "hide_board",
            "hide_registry_number",
            "hide_compensation",
        ]


class PublicSearchForm(forms.Form):
    q = forms.CharField(
        label="Sökord",
        required=False,
        max_length=100,
        help_text="Rubrik, part, organisationsnummer, nämnd eller diarienummer.",
    )
