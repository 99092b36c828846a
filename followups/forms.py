"""Forms of follow-ups. Validation lives in the models and the privacy guard; forms only
shape input. Every field has a label; bad input is shown next to the field."""

from django import forms
from django.utils import timezone

from common.forms import ends_after
from common.privacy import PRIVACY_NOTICE, validate_text
from common.versioning import version_field
from partnerships.models import ContactPerson, Goal

from .indicators import number_text
from .models import TEXT_MAX, Figures, GoalResult, Indicator, Meeting
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
        ends_after(self, data, "starts_at", "ends_at", "Mötet måste sluta efter att det börjar.")
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


def _long_text(label: str, rows: int = 8, **kwargs) -> forms.CharField:
    """An optional free text (a narrative, an assessment), checked by the privacy guard."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[validate_text],
        **kwargs,
    )


def _narrative_field(goal: Goal) -> forms.CharField:
    return _long_text(
        f"Mål {goal.position}: {goal.text}",
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
    """The party's texts and one field per indicator of the agreement (two for a range)."""

    class Meta:
        model = Figures
        fields = Figures.REPORTED_FIELDS
        widgets = {
            "new_target_groups": forms.Textarea(attrs={"rows": 4}),
            "cooperation_partners": forms.Textarea(attrs={"rows": 4}),
            "development_ideas": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, indicators=(), stored_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = field.label[:1].upper() + field.label[1:]
            if name in Figures.TEXT_FIELDS:
                field.help_text = PRIVACY_NOTICE
        self.indicators = list(indicators)
        stored = stored_values or {}
        for indicator in self.indicators:
            low, high = stored.get(indicator.pk, (None, None))
            key = f"ind_{indicator.pk}"
            if indicator.kind == Indicator.Kind.RANGE:
                base = f"{indicator.name}, {indicator.unit}" if indicator.unit else indicator.name
                self.fields[key] = _value_field(f"{base} (minst)", indicator, low)
                self.fields[f"{key}_max"] = _value_field(
                    f"{base} (högst)", indicator, high if high is not None else low
                )
            else:
                self.fields[key] = _value_field(indicator.label, indicator, low)

    def _post_clean(self):
        # Model-level rules (shares, ranges) run in the service, which knows the owner;
        # here only the field validators run so errors show per field.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}

    def indicator_values(self) -> dict[int, tuple]:
        data = self.cleaned_data
        return {
            i.pk: (data.get(f"ind_{i.pk}"), data.get(f"ind_{i.pk}_max")) for i in self.indicators
        }

    def indicator_groups(self) -> list[tuple[str, list]]:
        """The indicator fields as fieldsets: first those of the whole agreement, then one
        per goal (legend "Mål 1: ...")."""
        groups: dict[object, list] = {}
        for indicator in self.indicators:
            key = f"ind_{indicator.pk}"
            fields = [self[key]]
            if indicator.kind == Indicator.Kind.RANGE:
                fields.append(self[f"{key}_max"])
            groups.setdefault(indicator.goal, []).extend(fields)
        ordered = sorted(
            groups.items(), key=lambda kv: (kv[0] is not None, getattr(kv[0], "position", 0))
        )
        return [
            (f"Mål {goal.position}: {goal.text}" if goal else "Mått för perioden", fields)
            for goal, fields in ordered
        ]


class NumberField(forms.DecimalField):
    """A decimal as Swedes type it: "1 130" or "1,5" (spaces between thousands allowed)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "")
        return super().to_python(value)


def _value_field(label: str, indicator, initial) -> forms.DecimalField:
    help_parts = []
    if indicator.kind == Indicator.Kind.SHARE:
        help_parts.append("Andelarna blir tillsammans 100 %")
    if indicator.target is not None:
        help_parts.append(f"Målvärde: {number_text(indicator.target)} {indicator.unit}".strip())
    return NumberField(
        label=label,
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=number_text(initial) or None,
        help_text=". ".join(help_parts),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


RESULT_CHOICES = [("", "Ej bedömt"), *GoalResult.choices]


class AssessmentForm(forms.Form):
    version = version_field()  # of the assessment as read; 0: none saved yet
    overall_result = forms.ChoiceField(
        label="Samlad bedömning av syfte och mål", choices=RESULT_CHOICES, required=False
    )
    overall_text = _long_text("Samlad bedömning (text)")
    recommendation = _long_text(
        "Rekommendation",
        rows=5,
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


def _indicator_value(label: str) -> forms.DecimalField:
    """An optional number of an indicator (its target, its highest reasonable value)."""
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=12, decimal_places=2, localize=True
    )


class IndicatorForm(forms.Form):
    """One indicator of the agreement in the administrators' list (a formset row)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    name = forms.CharField(
        label="Namn",
        required=False,
        max_length=200,
        validators=[validate_text],
        help_text="Till exempel ”Antal guidade visningar” eller ”Antal aktiva spelare”.",
    )
    unit = forms.CharField(label="Enhet", required=False, max_length=60, validators=[validate_text])
    kind = forms.ChoiceField(label="Slag", choices=Indicator.Kind.choices)
    goal = forms.TypedChoiceField(label="Mål", required=False, coerce=int, empty_value=None)
    target = _indicator_value("Målvärde per omgång")
    maximum = _indicator_value("Högsta rimliga värde")
    position = forms.IntegerField(label="Ordning", required=False, min_value=1, max_value=999)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "Hela överenskommelsen")] + [
            (g.pk, f"Mål {g.position}: {g.text[:80]}") for g in goals
        ]


class _IndicatorFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Ta bort måttet"


IndicatorFormSet = forms.formset_factory(
    IndicatorForm, formset=_IndicatorFormSet, extra=2, can_delete=True
)


def indicator_initial(indicator) -> dict:
    return {
        "id": indicator.pk,
        "version": indicator.version,
        "name": indicator.name,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "goal": indicator.goal_id,
        "target": number_text(indicator.target) or None,
        "maximum": number_text(indicator.maximum) or None,
        "position": indicator.position,
    }
