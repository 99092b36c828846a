from django import forms

from .models import Memo

MISSING_VERSION_MESSAGE = (
    "Formuläret saknar uppgift om vilken version av tjänsteskrivelsen du utgick från, så "
    "ändringen kan inte sparas säkert. Ladda om sidan och gör ändringen igen."
)


class MemoForm(forms.ModelForm):
    """The parts of a memo a person writes. Validation lives in ``Memo.clean``; the hidden
    ``version`` is the one the user read (a POST without it is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") is None and "version" not in self.errors:
            raise forms.ValidationError(MISSING_VERSION_MESSAGE)
        return cleaned

    class Meta:
        model = Memo
        fields = [
            "title",
            "registry_number",
            "memo_date",
            "signing_official",
            "office",
            "proposed_decisions",
            "matter",
            "decision_basis",
            "background",
            "target_group_and_goals",
            "economic_consequences",
            "municipal_goals",
            "follow_up_and_evaluation",
        ]
        widgets = {
            "memo_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "proposed_decisions": forms.Textarea(attrs={"rows": 6}),
            "matter": forms.Textarea(attrs={"rows": 10}),
            "decision_basis": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "target_group_and_goals": forms.Textarea(attrs={"rows": 6}),
            "economic_consequences": forms.Textarea(attrs={"rows": 5}),
            "municipal_goals": forms.Textarea(attrs={"rows": 4}),
            "follow_up_and_evaluation": forms.Textarea(attrs={"rows": 4}),
        }


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(
        label="År",
        min_value=1990,
        max_value=2200,
        help_text="Rapporten tar med nämndens överenskommelser som gäller under året.",
    )

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
