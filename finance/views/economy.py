"""The economy tab of an agreement and the overview of a year, as pages and as CSV."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common import pagecache
from partnerships.boards import BoardNames, label_amendment_boards
from partnerships.tabs import agreement_tabs

from .. import permissions, selectors
from ..chart import bar_chart
from ..csv_export import economy_csv, overview_csv
from ..schedule import ROUNDING_TEXT


@login_required
def economy(request: HttpRequest, pk: int) -> HttpResponse:
    today = timezone.localdate()
    data = selectors.economy_for_user(request.user, pk, today)
    agreement = data.agreement
    board_names = BoardNames.of(agreement.board)
    for ledger in data.ledgers:
        for decided in ledger.decisions:
            # The board that decided, by the name it had that day.
            decided.decided_by = (
                board_names.label_on(decided.decided_on)
                if board_names and decided.decided_on
                else ""
            )
    # Each amended amount names its board as it was called at the amendment.
    label_amendment_boards(
        change.amendment
        for ledger in data.ledgers
        for change in ledger.compensation.amount_changes.all()
    )
    return render(
        request,
        "finance/economy.html",
        {
            "agreement": agreement,
            "economy": data,
            "chart": bar_chart(data.chart_points),
            "tabs": agreement_tabs(),
            "active_tab": "economy",
            "can_edit": permissions.can_edit_economy(request.user, agreement),
            "is_partner": selectors.partner_only(request.user),
            "today": today,
            "rounding_text": ROUNDING_TEXT,
        },
    )


@login_required
def economy_export(request: HttpRequest, pk: int) -> HttpResponse:
    return economy_csv(selectors.economy_for_user(request.user, pk, timezone.localdate()))


def _overview_year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1990 <= year <= 2200 else timezone.localdate().year


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    year = _overview_year(request)
    # The body is cached per user and data version (common.pagecache): every payment,
    # decision or index value written bumps the version, so no money shown is stale.
    body = pagecache.fragment(
        request, "overview", "finance/overview_body.html", lambda: _overview_body(request, year)
    )
    return render(request, "finance/overview.html", {"body": body, "year": year})


def _overview_body(request: HttpRequest, year: int) -> dict:
    data = selectors.overview_for_year(request.user, year, timezone.localdate())
    # The totals cover the whole year; the table shows one page of rows, so that the page's
    # size and template work do not grow with the number of agreements.
    page = Paginator(data.rows, settings.IOP_PAGINATE_BY).get_page(request.GET.get("sida"))
    return {
        "overview": data,
        "page": page,
        "query_string": f"ar={year}",
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "is_partner": selectors.partner_only(request.user),
    }


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    year = _overview_year(request)
    return overview_csv(selectors.overview_for_year(request.user, year, timezone.localdate()), year)
