from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory

from common.forms import ends_after
from common.privacy import reject_control_characters
from common.versioning import MISSING_VERSION_MESSAGE, version_field
from common.widgets import FastSelect

from .amendments import AmendmentTerms, hand_edited_end_error
from .formatting import format_months
from .models import (
    Agreement,
    Board,
    ContactPerson,
    Goal,
    Organisation,
    Party,
    RenewalDecision,
    Responsibility,
    Signatory,
    Termination,
    User,
    public_kind_from_name,
)
from .orgnr import normalise_organisation_number

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 4})


class OrganisationForm(forms.ModelForm):
    # Wider than the stored NNNNNN-NNNN so that a twelve-digit number (16NNNNNN-NNNN) or one
    # typed with spaces reaches the normaliser instead of being cut by the browser.
    organisation_number = forms.CharField(
        label="Organisationsnummer",
        max_length=20,
        required=False,
        help_text=Organisation._meta.get_field("organisation_number").help_text,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "organisation_number",
            "sector",
            "public_kind",
            "street_address",
            "postal_code",
            "city",
            "successor",
        ]

    version = version_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]  # a new organisation: nothing to compare with
        self.fields["successor"].queryset = Organisation.objects.exclude(
            pk=self.instance.pk
        ).order_by("name")
        self.fields["successor"].required = False
        self.fields["public_kind"].required = False

    def clean_public_kind(self) -> str:
        # Not sent: a region when the name says so ("Region Östergötland"), else a kommun.
        return self.cleaned_data.get("public_kind") or public_kind_from_name(
            self.data.get(self.add_prefix("name"), "")
        )

    def clean_organisation_number(self) -> str | None:
        value = self.cleaned_data.get("organisation_number")
        if not value:
            return None
        number = normalise_organisation_number(value)
        clash = Organisation.objects.filter(organisation_number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(
                "Organisationsnumret finns redan i registret (%(name)s).",
                params={"name": clash.first().name},
            )
        return number


class PositionedForm(forms.ModelForm):
    """A row of an ordered list; an empty position puts the row last."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].label = "Ordning"
        self.fields["position"].widget.attrs["class"] = "narrow"

    def clean_position(self) -> int:
        position = self.cleaned_data.get("position")
        return position if position is not None else 10_000 + (self.prefix_index() or 0)

    def prefix_index(self) -> int:
        try:
            return int(self.prefix.rsplit("-", 1)[-1])
        except (TypeError, ValueError):
            return 0


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "title", "email", "phone"]


class BaseContactFormSet(BaseInlineFormSet):
    """Only the rows of the formset's own queryset (one owner's records) can be named: a
    posted id of anybody else's contact is an error, not silently a new row."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["id"].queryset = self.get_queryset()


ContactFormSet = inlineformset_factory(
    Organisation,
    ContactPerson,
    form=ContactPersonForm,
    formset=BaseContactFormSet,
    fk_name="organisation",
    extra=2,
    can_delete=True,
)


class AgreementForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Agreement
        fields = [
            "title",
            "registry_number",
            "board",
            "approved",
            "period_start",
            "period_end",
            "notice_period_months",
            "min_followups_per_year",
            "predecessor",
            *Agreement.TEXT_SECTIONS,
        ]
        widgets = {
            "period_start": DATE_INPUT,
            "period_end": DATE_INPUT,
            **{name: TEXTAREA for name in Agreement.TEXT_SECTIONS},
        }

    def __init__(self, *args, user: User, visible_agreements, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser:
            self.fields["board"].queryset = Board.objects.filter(
                organisation_id=user.organisation_id
            )
        self.fields["predecessor"].queryset = visible_agreements.exclude(
            pk=self.instance.pk
        ).order_by("-period_start")
        self.fields["period_start"].help_text = "Datum i formen ÅÅÅÅ-MM-DD."
        self.fields["period_end"].help_text = "Sista dagen överenskommelsen gäller."
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            # An edit without the version it was read at is refused, not saved unchecked.
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = MISSING_VERSION_MESSAGE

    def clean(self):
        cleaned = super().clean()
        message = "Slutdatum måste vara efter startdatum."
        ends_after(self, cleaned, "period_start", "period_end", message)
        end = cleaned.get("period_end")
        if (
            end
            and not self.has_error("period_end")
            and self.instance.pk
            and "period_end" in self.changed_data
        ):
            # The instance still holds the stored end here (the form fills it in later).
            message = hand_edited_end_error(
                self.instance.period_end,
                end,
                [
                    AmendmentTerms(decided_on=day, order=pk, new_period_end=new_end)
                    for pk, day, new_end in self.instance.amendments.filter(
                        new_period_end__isnull=False
                    ).values_list("pk", "decided_on", "new_period_end")
                ],
            )
            if message:
                self.add_error("period_end", message)
        return cleaned

    def _post_clean(self):
        # The database constraint (end after start) is reported by clean() above with a
        # field-level message; skip the model's duplicate constraint message.
        if self.errors.get("period_end"):
            return
        super()._post_clean()


class GoalForm(PositionedForm):
    class Meta:
        model = Goal
        fields = ["position", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


GoalFormSet = inlineformset_factory(Agreement, Goal, form=GoalForm, extra=3, can_delete=True)


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["organisation", "role", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].required = False
        self.fields["role"].help_text = "Lämnas tomt: organisationens sektor."
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") and not cleaned.get("role"):
            cleaned["role"] = cleaned["organisation"].sector
            self.instance.role = cleaned["role"]
        return cleaned

    def validate_unique(self):
        # Duplicates are reported by the formset, next to the field; see BasePartyFormSet.
        pass

    def has_changed(self) -> bool:
        # A new row preselected with an organisation (the user's own, on a new agreement) is
        # a party even if the user leaves it as it is; Django would skip it as "unchanged".
        if not self.instance.pk and self.initial.get("organisation"):
            return True
        return super().has_changed()


class BasePartyFormSet(BaseInlineFormSet):
    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        # Reported per field in clean() below, in Swedish, instead of Django's generic text.
        pass

    def clean(self):
        super().clean()
        seen: dict[int, int] = {}
        kept_organisations = set()
        for index, form in enumerate(self.forms):
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            organisation = form.cleaned_data.get("organisation")
            if organisation is None:
                continue
            if organisation.pk in seen:
                form.add_error(
                    "organisation",
                    f"{organisation.name} är redan part (rad {seen[organisation.pk] + 1}). "
                    "En organisation kan bara vara part en gång.",
                )
            else:
                seen[organisation.pk] = index
            kept_organisations.add(organisation.pk)
        if self.user.is_superuser:
            return
        if self.user.organisation_id not in kept_organisations:
            raise ValidationError(
                "Din egen organisation måste vara part i överenskommelsen; "
                "annars kan du inte se eller ändra den efter att den sparats."
            )


PartyFormSet = inlineformset_factory(
    Agreement, Party, form=PartyForm, formset=BasePartyFormSet, extra=2, can_delete=True
)


class ResponsibilityForm(PositionedForm):
    class Meta:
        model = Responsibility
        fields = ["position", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


ResponsibilityFormSet = inlineformset_factory(
    Party, Responsibility, form=ResponsibilityForm, extra=2, can_delete=True
)


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = Signatory
        fields = ["name", "title", "place", "signed_on"]
        widgets = {"signed_on": DATE_INPUT}


SignatoryFormSet = inlineformset_factory(
    Party, Signatory, form=SignatoryForm, extra=2, can_delete=True
)


class TerminationForm(forms.ModelForm):
    class Meta:
        model = Termination
        fields = ["given_by", "notice_date", "reason"]
        widgets = {"notice_date": DATE_INPUT, "reason": TEXTAREA}

    def __init__(self, *args, agreement: Agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.fields["given_by"].queryset = Organisation.objects.filter(
            parties__agreement=agreement
        ).order_by("name")
        self.fields["notice_date"].help_text = (
            f"Uppsägningstiden är {format_months(agreement.notice_period_months)} från detta "
            "datum, men överenskommelsen gäller aldrig längre än till "
            f"{agreement.period_end:%Y-%m-%d}."
        )

    def _post_clean(self):
        # The termination's agreement is set by the service; validate the rest there.
        pass


class AgreementSearchForm(forms.Form):
    # A search is not stored: only characters that have no place in text are refused.
    q = forms.CharField(
        label="Sök",
        required=False,
        help_text="Rubrik, part eller diarienummer",
        validators=[reject_control_characters],
    )
    status = forms.ChoiceField(label="Status", required=False, widget=FastSelect)
    party = forms.ModelChoiceField(
        label="Part",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Alla",
        widget=FastSelect,
    )
    year = forms.IntegerField(label="År", required=False, min_value=1900, max_value=2200)

    def __init__(self, *args, status_choices, party_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "Alla"), *status_choices]
        self.fields["party"].queryset = party_queryset


class RenewalStartForm(forms.Form):
    years = forms.IntegerField(
        label="Förläng med antal år",
        min_value=1,
        max_value=10,
        initial=3,
        help_text="Den nya perioden börjar dagen efter att nuvarande period slutar.",
    )


class RenewalDecisionForm(forms.ModelForm):
    class Meta:
        model = RenewalDecision
        fields = ["outcome", "decided_on", "paragraph", "note"]
        widgets = {"decided_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        # The agreement is set by the service, which validates the whole decision.
        pass
