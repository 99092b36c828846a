from django import forms

from partnerships.models import Organisation
from partnerships.text import PlainTextFormMixin

from .models import AttachmentKind
from .services import max_bytes
from .sniff import ALLOWED_TEXT

ACCEPT = ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg"


class UploadForm(PlainTextFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Vems dokument", queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label="Typ av dokument", choices=AttachmentKind.choices)
    year = forms.IntegerField(label="Avser år", min_value=1990, max_value=2200)
    file = forms.FileField(label="Fil")
    target_type = forms.CharField(required=False, widget=forms.HiddenInput)
    target_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        limit = max_bytes() // (1024 * 1024)
        self.fields["file"].help_text = f"{ALLOWED_TEXT}, högst {limit} MB."
        self.fields["file"].widget.attrs["accept"] = ACCEPT
