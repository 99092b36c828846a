"""The public list and its open data (no login), and the settings page of a body."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from common.csv_export import csv_response
from common.forms import submit_or_page
from common.permissions import require

from . import opendata, selectors, services
from .forms import PublicationForm, PublicSearchForm
from .models import Publication
from .permissions import can_manage_publication

SCHEMA_FILE = Path(__file__).parent / "schema" / "agreements.schema.json"
PUBLIC_MAX_AGE = 300  # public data: shared caches may keep it five minutes


def _public(response: HttpResponse) -> HttpResponse:
    """Cacheable for anonymous readers; the middleware turns a signed-in user's page to
    ``no-store, private`` (it shows their name)."""
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _urls(request: HttpRequest, slug: str) -> opendata.DatasetUrls:
    def absolute(name: str, **kwargs) -> str:
        return request.build_absolute_uri(reverse(f"publication:{name}", kwargs=kwargs))

    return opendata.DatasetUrls(
        page=absolute("public_list", slug=slug),
        csv=absolute("public_csv", slug=slug),
        json=absolute("public_json", slug=slug),
        dcat=absolute("public_dcat", slug=slug),
        schema=absolute("schema"),
    )


@require_GET
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_slug(slug)
    form = PublicSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    rows = selectors.public_agreements(publication, timezone.localdate(), query)
    context = {"publication": publication, "rows": rows, "form": form, "query": query}
    return _public(render(request, "publication/public_list.html", context))


@require_GET
def public_csv(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_slug(slug)
    rows = selectors.public_agreements(publication, timezone.localdate())
    header, table = opendata.csv_table(publication, rows)
    return _public(csv_response(f"iop-{publication.slug}.csv", header, table))


@require_GET
def public_json(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_slug(slug)
    rows = selectors.public_agreements(publication, timezone.localdate())
    data = opendata.json_document(
        publication, rows, _urls(request, slug), selectors.last_modified(publication)
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="iop-{publication.slug}.json"'
    return _public(response)


@require_GET
def public_dcat(request: HttpRequest, slug: str) -> HttpResponse:
    publication = selectors.publication_for_slug(slug)
    body = opendata.dcat_rdf(
        publication, _urls(request, slug), selectors.last_modified(publication)
    )
    return _public(HttpResponse(body, content_type="application/rdf+xml; charset=utf-8"))


@require_GET
def schema(request: HttpRequest) -> HttpResponse:
    data = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/schema+json; charset=utf-8"
    return _public(response)


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    require(can_manage_publication(request.user))
    organisation = request.user.organisation
    publication = Publication.objects.filter(organisation=organisation).first() or Publication(
        organisation=organisation, slug=slugify(organisation.name)[:60].strip("-") or "iop"
    )
    form = PublicationForm(
        request.POST or None, instance=publication, initial={"version": publication.version}
    )
    context = {"form": form, "publication": publication}
    return submit_or_page(
        request,
        form,
        lambda: services.publication_save(
            user=request.user,
            publication=form.instance,
            expected_version=form.cleaned_data["version"],
        ),
        done="Publiceringen är sparad.",
        to="publication:settings",
        page=lambda status: render(request, "publication/settings.html", context, status=status),
    )
