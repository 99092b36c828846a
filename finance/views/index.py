"""Index series and their yearly values (OPI): the list, one value, a new series, a CSV import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.permissions import require

from .. import permissions, selectors, services
from ..forms import IndexImportForm, IndexSeriesForm, IndexValueForm
from ..index_import import parse_index_csv
from ..models import IndexSeries, IndexValue
from ._page import finance_form, index_values_url

INDEX_VALUE_FIELDS = (
    "series",
    "year",
    "preliminary_percent",
    "preliminary_published",
    "definitive_percent",
    "definitive_published",
    "source",
)


def _opi() -> IndexSeries | None:
    return IndexSeries.objects.filter(name="OPI").first()


def _require_index_manager(request: HttpRequest) -> None:
    require(permissions.can_manage_index_values(request.user))


@login_required
def index_values(request: HttpRequest) -> HttpResponse:
    series_list = selectors.index_series_with_values(request.user)
    for series in series_list:
        series.editable = permissions.can_edit_series(request.user, series).allowed
    return render(
        request,
        "finance/index_values.html",
        {
            "series_list": series_list,
            "can_manage": permissions.can_manage_index_values(request.user),
        },
    )


def _index_value(request: HttpRequest, pk: int | None) -> IndexValue | None:
    """A value of a series the user sees (404 otherwise) and may change (403 otherwise)."""
    if pk is None:
        return None
    instance = selectors.index_value_for_user(request.user, pk)
    require(permissions.can_edit_series(request.user, instance.series))
    return instance


@login_required
@require_http_methods(["GET", "POST"])
def index_value_edit(request: HttpRequest, value_pk: int | None = None) -> HttpResponse:
    _require_index_manager(request)
    instance = _index_value(request, value_pk)
    editable = selectors.index_series_editable_by(request.user)
    initial = (
        IndexValueForm.initial_from(instance, INDEX_VALUE_FIELDS)
        if instance
        else {"series": editable.first()}
    )
    form = IndexValueForm(request.POST or None, initial=initial, series_queryset=editable)
    return finance_form(
        request,
        form,
        form.saving(services.index_value_save, user=request.user, instance=instance),
        done="Indexvärdet har sparats.",
        title=f"Ändra {instance}" if instance else "Nytt indexvärde",
    )


@login_required
@require_http_methods(["GET", "POST"])
def index_series_create(request: HttpRequest) -> HttpResponse:
    _require_index_manager(request)
    owner = None if request.user.is_operator else request.user.organisation
    form = IndexSeriesForm(request.POST or None, owner=owner)
    return finance_form(
        request,
        form,
        lambda: services.index_series_create(user=request.user, **form.cleaned_data),
        done="Indexserien har skapats.",
        title="Ny indexserie",
    )


def _import(request: HttpRequest, form: IndexImportForm) -> tuple[int, int]:
    """Parse and import the file: every error of the file is the ValidationError."""
    result = parse_index_csv(form.cleaned_data["file"].read())
    if not result.ok:
        raise ValidationError(result.errors)
    return services.index_values_import(
        user=request.user, series=form.cleaned_data["series"], rows=result.rows
    )


@login_required
@require_http_methods(["GET", "POST"])
def index_import(request: HttpRequest) -> HttpResponse:
    _require_index_manager(request)
    form = IndexImportForm(
        request.POST or None,
        request.FILES or None,
        series_queryset=selectors.index_series_editable_by(request.user),
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created, updated = _import(request, form)
        except ValidationError as exc:  # the file's errors are listed line by line
            errors = exc.messages
            form.add_error("file", "Filen innehåller fel. Inget har importerats.")
        else:
            messages.success(
                request, f"Importen är klar: {created} nya och {updated} ändrade värden."
            )
            return redirect(index_values_url())
    context = {"form": form, "errors": errors, "cancel_url": index_values_url()}
    return render(
        request, "finance/index_import.html", context, status=400 if form.is_bound else 200
    )
