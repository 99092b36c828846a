"""Forms of follow-ups. Validation lives in the models and the privacy guard; forms only
shape input. Every field has a label; bad input is shown next to the field."""

from django import forms
from django.utils import timezone

from common.privacy import PRIVACY_NOTICE, validate_text
from common.versioning import version_field
from partnerships.models import ContactPerson, Goal

from .models import TEXT_MAX, Figures, GoalResult, Meeting
from .schedule import default_round_period

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class ContactChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ContactPerson) -> str:
        extra = f", {obj.title}" if obj.title else ""
        return f"{obj.name}{extra} ({obj.organisation.name})"


class MeetingForm(forms.ModelForm):
    version = version_field()
    starts_at = forms.DateTimeField(
        label="Börjar",
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
        help_text="Datum och klockslag, t.ex. 2026-11-20 13:00.",
    )
    ends_at = forms.DateTimeField(
        label="Slutar",
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
    )
    attendees = ContactChoiceField(
        label="Deltagare från parterna",
        queryset=ContactPerson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "attendees",
            "other_attendees",
            "agenda",
            "minutes",
        ]
        widgets = {
            "other_attendees": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]  # a new meeting: nothing to compare with
        ids = [person.pk for person in contacts]
        self.fields["attendees"].queryset = (
            ContactPerson.objects.filter(pk__in=ids)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["title"].label = "Rubrik"
        self.fields["place"].label = "Plats"
        self.fields["status"].label = "Status"
        self.fields["other_attendees"].label = "Övriga deltagare"
        self.fields["agenda"].label = "Dagordning"
        self.fields["minutes"].label = "Minnesanteckningar"

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "Mötet måste sluta efter att det börjar.")
        return data


class RoundForm(forms.Form):
    period_start = forms.DateField(label="Perioden börjar", widget=DATE_INPUT)
    period_end = forms.DateField(label="Perioden slutar", widget=DATE_INPUT)
    due_date = forms.DateField(
        label="Sista dag att lämna in",
        widget=DATE_INPUT,
        help_text="Parterna påminns per e-post en vecka före och efter detta datum.",
    )

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agreement is not None and not self.is_bound:
            start, end, due = default_round_period(
                today=timezone.localdate(),
                period_start=agreement.period_start,
                period_end=agreement.period_end,
            )
            self.initial.setdefault("period_start", start)
            self.initial.setdefault("period_end", end)
            self.initial.setdefault("due_date", due)


def _narrative_field(goal: Goal) -> forms.CharField:
    return forms.CharField(
        label=f"Mål {goal.position}: {goal.text}",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_text],
        help_text=PRIVACY_NOTICE,
    )


class NotesForm(forms.Form):
    """One narrative per goal of the agreement. Field names: ``goal_<id>``. ``version`` is the
    version of the party's report as read (0: nothing saved yet)."""

    version = version_field()

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = _narrative_field(goal)

    def narratives(self) -> dict[int, str]:
        return {goal.pk: self.cleaned_data.get(f"goal_{goal.pk}", "") for goal in self.goals}

    def goal_fields(self):
        return [(goal, self[f"goal_{goal.pk}"]) for goal in self.goals]


class FiguresForm(forms.ModelForm):
    class Meta:
        model = Figures
        fields = Figures.REPORTED_FIELDS
        widgets = {
            "new_target_groups": forms.Textarea(attrs={"rows": 4}),
            "cooperation_partners": forms.Textarea(attrs={"rows": 4}),
            "development_ideas": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = field.label[:1].upper() + field.label[1:]
            if isinstance(field, forms.IntegerField | forms.DecimalField):
                field.widget.attrs.setdefault("min", 0)
                field.widget.attrs["inputmode"] = (
                    "decimal" if isinstance(field, forms.DecimalField) else "numeric"
                )
            if name in Figures.TEXT_FIELDS:
                field.help_text = PRIVACY_NOTICE

    def _post_clean(self):
        # Model-level clean (share total, ranges) runs in the service, which knows the
        # owner; here only the field validators run so errors show per field.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


RESULT_CHOICES = [("", "Ej bedömt"), *GoalResult.choices]


class AssessmentForm(forms.Form):
    version = version_field()  # of the assessment as read; 0: none saved yet
    overall_result = forms.ChoiceField(
        label="Samlad bedömning av syfte och mål", choices=RESULT_CHOICES, required=False
    )
    overall_text = forms.CharField(
        label="Samlad bedömning (text)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_text],
    )
    recommendation = forms.CharField(
        label="Rekommendation",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_text],
        help_text="Till exempel om överenskommelsen bör förnyas och vad som bör utvecklas.",
    )

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}_result"] = forms.ChoiceField(
                label=f"Bedömning av mål {goal.position}",
                choices=RESULT_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"goal_{goal.pk}_comment"] = forms.CharField(
                label=f"Kommentar till mål {goal.position}",
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 3}),
                validators=[validate_text],
            )

    def goal_rows(self):
        return [
            (goal, self[f"goal_{goal.pk}_result"], self[f"goal_{goal.pk}_comment"])
            for goal in self.goals
        ]

    def goal_results(self) -> dict[int, tuple[str, str]]:
        return {
            goal.pk: (
                self.cleaned_data.get(f"goal_{goal.pk}_result", ""),
                self.cleaned_data.get(f"goal_{goal.pk}_comment", ""),
            )
            for goal in self.goals
        }

    @staticmethod
    def initial_from(assessment) -> dict:
        """The form's values from a stored assessment (or none)."""
        if assessment is None:
            return {"version": 0}
        initial = {
            "version": assessment.version,
            "overall_result": assessment.overall_result,
            "overall_text": assessment.overall_text,
            "recommendation": assessment.recommendation,
        }
        for row in assessment.goals.all():
            initial[f"goal_{row.goal_id}_result"] = row.result
            initial[f"goal_{row.goal_id}_comment"] = row.comment
        return initial
