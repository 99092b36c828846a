"""Server-side timing of the main pages, per role, through Django's test ``Client``.

For each role (administrator, board staff, partner) of one organisation the main pages are
requested in-process with ``force_login``: the wall time of ``Client.get`` (URL routing,
middleware, session, view, template) and the number of queries
(``CaptureQueriesContext``, counted on a separate request so the timing carries no capture
overhead). A minimal view - the same agreement list in one query and a bare template, called
directly with a ``RequestFactory`` request - is timed in the same run as the yardstick; each
page's median is reported as a multiple of it.

Works against whatever database ``DATABASE_URL`` points at. Read-only, apart from the
sessions ``force_login`` creates (deleted again at the end).
"""

from __future__ import annotations

import datetime as dt
import math
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import django
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path, reverse
from django.utils import timezone

from accounts.twofactor import SSO_SESSION_KEY
from followups.models import FollowUpRound
from partnerships.models import Agreement, Organisation, Party, Sector, User
from partnerships.selectors import agreements_visible_to

ROLES = [
    (User.Role.ADMINISTRATOR, "handläggare"),
    (User.Role.BOARD_STAFF, "nämndsekreterare"),
    (User.Role.PARTNER, "partner"),
]
SEARCH_TERM = "kyrka"  # in party names of both the demo and the national data

# --- the yardstick -----------------------------------------------------------------------

_MINIMAL_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>Överenskommelser</title><table>"
    '{% for a in agreements %}<tr><td><a href="/overenskommelser/{{ a.pk }}/">{{ a.title }}'
    "</a></td><td>{{ a.registry_number }}</td><td>{{ a.period_start }} – {{ a.period_end }}"
    "</td></tr>{% endfor %}</table>"
)


def minimal_agreement_list(request: HttpRequest) -> HttpResponse:
    """The first page of the agreement list: one query, a bare template, no middleware."""
    mine = Party.objects.filter(organisation_id=request.user.organisation_id)
    agreements = list(
        Agreement.objects.filter(pk__in=mine.values("agreement_id"))
        .order_by("-period_start", "title", "pk")
        .values("pk", "title", "registry_number", "period_start", "period_end")[:25]
    )
    return HttpResponse(_MINIMAL_TEMPLATE.render({"agreements": agreements}, request))


def layout_floor(request: HttpRequest) -> HttpResponse:
    """The signed-in layout (base.html: navigation, messages, CSP nonce) with no content:
    through the Client it shows the fixed cost every page pays (middleware, session, user,
    layout) before doing any work of its own."""
    return render(request, "base.html", {})


# The benchmark's URLconf: the project's plus the floor page (only while measuring).
urlpatterns = [
    path("__benchmark__/floor/", login_required(layout_floor), name="benchmark_floor"),
    path("", include("iop.urls")),
]


def _signed_in_with_identity_provider(client: Client) -> None:
    """Mark the session as signed in through the identity provider, as municipalities sign
    in in production, so that the two-factor middleware lets the pages through (the check
    itself is still made on every request)."""
    session = client.session
    session[SSO_SESSION_KEY] = "benchmark"
    session.save()


# --- measuring ---------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0-100)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class PageResult:
    role: str
    page: str
    path: str
    status: int
    queries: int
    times_ms: list[float] = field(default_factory=list)
    # The minimal view, timed right before each request of this page (issue 19): on a
    # shared machine the load changes during a run, and a ratio to a yardstick measured
    # minutes earlier says more about the load than about the page.
    minimal_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def minimal_median(self) -> float:
        return statistics.median(self.minimal_ms) if self.minimal_ms else float("nan")

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)


@dataclass
class Report:
    database: str
    organisation: str
    counts: dict[str, int]
    minimal: PageResult
    pages: list[PageResult]
    repeat: int
    warmup: int

    def markdown(self) -> str:
        base = self.minimal.median
        lines = [
            f"Database: {self.database}; Python {platform.python_version()}, "
            f"Django {django.get_version()}; DEBUG={settings.DEBUG}; "
            f"{self.repeat} timed requests per page after {self.warmup} warm-up.",
            "",
            f"Organisation measured: {self.organisation}. "
            + ", ".join(f"{k}: {v}" for k, v in self.counts.items())
            + ".",
            "",
            f"Minimal view (one query, bare template, no middleware): median "
            f"{self.minimal.median:.1f} ms, p95 {self.minimal.p95:.1f} ms, "
            f"{self.minimal.queries} query.",
            "",
            "Each page's requests alternate with requests of the minimal view; \"paired "
            'minimal" is that view\'s median during the page\'s run and "× minimal" the '
            'page\'s median over it ("× first minimal" divides by the minimal view above).',
            "",
            "| role | page | status | median ms | p95 ms | queries | paired minimal ms "
            "| × minimal | × first minimal |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.pages:
            lines.append(
                f"| {r.role} | {r.page} | {r.status} | {r.median:.1f} | {r.p95:.1f} | "
                f"{r.queries} | {r.minimal_median:.1f} | {r.median / r.minimal_median:.1f} | "
                f"{r.median / base:.1f} |"
            )
        return "\n".join(lines) + "\n"


def _time(call: Callable[[], HttpResponse], repeat: int) -> tuple[list[float], int]:
    times, status = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = call()
        times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return times, status


def _time_paired(
    call: Callable[[], HttpResponse], minimal: Callable[[], HttpResponse], repeat: int
) -> tuple[list[float], list[float], int]:
    """``repeat`` requests of the page, each right after one of the minimal view."""
    times, minimal_times, status = [], [], 0
    for _ in range(repeat):
        minimal_times += _time(minimal, 1)[0]
        page_times, status = _time(call, 1)
        times += page_times
    return times, minimal_times, status


def _count_queries(call: Callable[[], HttpResponse]) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def pick_organisation(value: str | None = None) -> Organisation:
    """The given organisation (pk or number), else the public one with most agreements."""
    public = Organisation.objects.filter(sector=Sector.PUBLIC)
    if value:
        found = public.filter(
            Q(organisation_number=value) | Q(pk=int(value) if value.isdigit() else None)
        ).first()
        if found is None:
            raise ValueError(f"Ingen offentlig organisation {value!r}.")
        return found
    staffed = User.objects.filter(organisation=OuterRef("pk"), role=User.Role.ADMINISTRATOR)
    found = public.filter(Exists(staffed)).annotate(n=Count("parties")).order_by("-n", "pk").first()
    if found is None:
        raise ValueError("Det finns ingen offentlig organisation med en handläggare.")
    return found


def _users(organisation: Organisation) -> dict[str, User]:
    users = {}
    for role, _label in ROLES[:2]:
        user = User.objects.filter(organisation=organisation, role=role, is_active=True).first()
        if user:
            users[role] = user
    # The partner: an idea-based organisation with most agreements with this one.
    partner = (
        User.objects.filter(
            role=User.Role.PARTNER,
            is_active=True,
            organisation__sector=Sector.IDEA_BASED,
            organisation__parties__agreement__parties__organisation=organisation,
        )
        .annotate(n=Count("organisation__parties", distinct=True))
        .order_by("-n", "pk")
        .first()
    )
    if partner:
        users[User.Role.PARTNER] = partner
    return users


def _targets(user: User, today: dt.date) -> list[tuple[str, str]]:
    visible = agreements_visible_to(user)
    with_round = FollowUpRound.objects.filter(agreement=OuterRef("pk"))
    agreement = (
        visible.filter(Exists(with_round), approved=True).order_by("-period_start", "pk").first()
        or visible.order_by("-period_start", "pk").first()
    )
    round_ = (
        FollowUpRound.objects.filter(agreement=agreement).order_by("-period_start", "pk").first()
    )
    agreements = reverse("partnerships:agreement_list")
    targets = [
        ("layout floor (no content)", reverse("benchmark_floor")),
        ("start page", reverse("start")),
        ("agreement list", agreements),
        ("list, search q", f"{agreements}?q={SEARCH_TERM}"),
        ("list, status + year", f"{agreements}?status=active&year={today.year}"),
        ("list, page 2", f"{agreements}?sida=2"),
    ]
    if agreement:
        targets += [
            ("agreement page", reverse("partnerships:agreement_detail", args=[agreement.pk])),
            ("economy tab", reverse("finance:economy", args=[agreement.pk])),
            ("follow-up tab", reverse("followups:agreement_followup", args=[agreement.pk])),
        ]
    if round_:
        targets.append(("follow-up round", reverse("followups:round_detail", args=[round_.pk])))
    targets.append(("overview of the year", f"{reverse('finance:overview')}?ar={today.year}"))
    return targets


def run(
    *,
    repeat: int = 20,
    warmup: int = 3,
    organisation: str | None = None,
    log: Callable[[str], None] | None = None,
) -> Report:
    today = timezone.localdate()
    org = pick_organisation(organisation)
    users = _users(org)
    counts = {
        "agreements in the database": Agreement.objects.count(),
        "organisations": Organisation.objects.count(),
        f"agreements of {org.name}": agreements_visible_to(users[User.Role.ADMINISTRATOR]).count()
        if User.Role.ADMINISTRATOR in users
        else 0,
    }
    pages: list[PageResult] = []
    sessions_before = set(Session.objects.values_list("pk", flat=True))
    with override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        SECURE_SSL_REDIRECT=False,
        ROOT_URLCONF="tools.benchmark",
    ):
        # The yardstick, as the administrator.
        yardstick_user = users.get(User.Role.ADMINISTRATOR) or next(iter(users.values()))
        request = RequestFactory().get("/minimal/")
        request.user = yardstick_user
        request.session = SessionStore()  # context processors read the session
        minimal_call = lambda: minimal_agreement_list(request)  # noqa: E731
        _time(minimal_call, warmup)
        queries = _count_queries(minimal_call)
        times, status = _time(minimal_call, repeat)
        minimal = PageResult("handläggare", "minimal list view", "-", status, queries, times)
        for role, label in ROLES:
            user = users.get(role)
            if user is None:
                continue
            client = Client()
            client.force_login(user)
            _signed_in_with_identity_provider(client)
            for page, path in _targets(user, today):
                call = lambda path=path, client=client: client.get(path)  # noqa: E731
                _time(call, warmup)
                queries = _count_queries(call)
                times, minimal_times, status = _time_paired(call, minimal_call, repeat)
                result = PageResult(
                    f"{label} ({user.username})",
                    page,
                    path,
                    status,
                    queries,
                    times,
                    minimal_times,
                )
                pages.append(result)
                if log:
                    log(f"  {result.role:<40} {page:<22} {result.median:7.1f} ms {queries:3} q")
    Session.objects.exclude(pk__in=sessions_before).delete()
    database = f"{connection.vendor} {connection.settings_dict.get('NAME')}"
    return Report(
        database, f"{org.name} ({org.organisation_number})", counts, minimal, pages, repeat, warmup
    )
