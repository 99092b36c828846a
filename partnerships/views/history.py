"""The agreement's history tab: every app's change history and the named events."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from ..audit import history_sources
from ..tabs import agreement_tabs

HISTORY_LIMIT = 500


class HistoryFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Visa", required=False)
    from_date = forms.DateField(
        label="Från och med",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Allt")] + [
            (source.key, source.label) for source in history_sources()
        ]


@login_required
@require_GET
def agreement_history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_detail_for_user(request.user, pk)
    form = HistoryFilterForm(request.GET or None)
    kind, from_date = "", None
    if form.is_valid():
        kind, from_date = form.cleaned_data["kind"], form.cleaned_data["from_date"]
    entries = []
    for source in history_sources():
        if not kind or kind == source.key:
            for entry in source.entries(agreement, request.user):
                entry.kind = source.label
                entries.append(entry)
    if from_date:
        entries = [e for e in entries if e.when.date() >= from_date]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return render(
        request,
        "partnerships/agreement_history.html",
        {
            "agreement": agreement,
            "tabs": agreement_tabs(),
            "active_tab": "history",
            "form": form,
            "entries": entries[:HISTORY_LIMIT],
            "truncated": len(entries) > HISTORY_LIMIT,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )
