"""Index series and their yearly values (OPI): the list, one value, a new series, a CSV import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.forms import submit
from common.permissions import require

from .. import permissions, selectors, services
from ..forms import IndexImportForm, IndexSeriesForm, IndexValueForm
from ..index_import import parse_index_csv
from ..models import IndexSeries, IndexValue
from ._page import form_page, index_values_url

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
    return render(
        request,
        "finance/index_values.html",
        {
            "series_list": selectors.index_series_with_values(),
            "can_manage": permissions.can_manage_index_values(request.user),
        },
    )


def _index_value(pk: int | None) -> IndexValue | None:
    if pk is None:
        return None
    instance = IndexValue.objects.select_related("series").filter(pk=pk).first()
    if instance is None:
        raise Http404("Inget sådant indexvärde.")
    return instance


@login_required
@require_http_methods(["GET", "POST"])
def index_value_edit(request: HttpRequest, value_pk: int | None = None) -> HttpResponse:
    _require_index_manager(request)
    instance = _index_value(value_pk)
    initial = (
        IndexValueForm.initial_from(instance, INDEX_VALUE_FIELDS)
        if instance
        else {"series": _opi()}
    )
    form = IndexValueForm(request.POST or None, initial=initial)
    status = submit(
        request,
        form,
        lambda: services.index_value_save(
            instance=instance, expected_version=form.expected_version, **form.values()
        ),
    )
    if status is None:
        messages.success(request, "Indexvärdet har sparats.")
        return redirect(index_values_url())
    title = f"Ändra {instance}" if instance else "Nytt indexvärde"
    return form_page(request, form, title=title, cancel_url=index_values_url(), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def index_series_create(request: HttpRequest) -> HttpResponse:
    _require_index_manager(request)
    form = IndexSeriesForm(request.POST or None)
    status = submit(request, form, lambda: services.index_series_create(**form.cleaned_data))
    if status is None:
        messages.success(request, "Indexserien har skapats.")
        return redirect(index_values_url())
    return form_page(
        request, form, title="Ny indexserie", cancel_url=index_values_url(), status=status
    )


def _import(form: IndexImportForm) -> tuple[int, int]:
    """Parse and import the file: every error of the file is the ValidationError."""
    result = parse_index_csv(form.cleaned_data["file"].read())
    if not result.ok:
        raise ValidationError(result.errors)
    return services.index_values_import(series=form.cleaned_data["series"], rows=result.rows)


@login_required
@require_http_methods(["GET", "POST"])
def index_import(request: HttpRequest) -> HttpResponse:
    _require_index_manager(request)
    form = IndexImportForm(request.POST or None, request.FILES or None, initial={"series": _opi()})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created, updated = _import(form)
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
