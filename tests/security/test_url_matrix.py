"""Access control, proven for every URL of the app.

The URL patterns are taken from the resolver (includes walked, ``admin/`` skipped). Each is
requested with GET and with POST (an empty body) as each role of ``world``. ``MATRIX``
declares the outcome per URL name, method and role:

- ``login``: redirect to the login page;
- a status code (200, 302, 400, 403, 404, 405).

A URL name missing from the matrix fails the test (a new URL must declare its access), and
so does a matrix entry whose URL no longer exists. Every request runs in a savepoint that
is rolled back, so a POST by one role cannot change what the next request sees.
"""

from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import ROLES

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Expect:
    kwargs: dict
    get: tuple
    post: tuple


def E(kwargs: dict, get: str, post: str) -> Expect:  # noqa: N802 - reads as a table
    def parse(text: str) -> tuple:
        tokens = text.split()
        assert len(tokens) == len(ROLES), text
        return tuple(t if t == "login" else int(t) for t in tokens)

    return Expect(kwargs, parse(get), parse(post))


A = {"pk": "agreement"}
INI = {"pk": "initiative"}
# Edit forms answer an empty POST (never sent by a browser, which always sends the CSRF
# token) with 400: it lacks the version the form was read at (``common.forms.submit``).
# Order of every row:            anon   admin staff partner outsider other_partner
MATRIX: dict[str, Expect] = {
    # --- project -------------------------------------------------------------------------
    "start": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "healthz": E({}, "200 200 200 200 200 200", "200 200 200 200 200 200"),
    # The accessibility statement is public (lag 2018:1937); a POST is not allowed.
    "accessibility": E({}, "200 200 200 200 200 200", "405 405 405 405 405 405"),
    "login": E({}, "200 302 302 302 302 302", "200 302 302 302 302 302"),
    "logout": E({}, "405 405 405 405 405 405", "302 302 302 302 302 302"),
    # --- sign-in (accounts) -------------------------------------------------------------
    # Django's password views: the same answer whether an address has an account or not.
    "password_reset": E({}, "200 200 200 200 200 200", "200 200 200 200 200 200"),
    "password_reset_done": E({}, "200 200 200 200 200 200", "405 405 405 405 405 405"),
    "password_reset_confirm": E(
        {"uidb64": "uidb64", "token": "reset_token"},
        "404 404 404 404 404 404",
        "404 404 404 404 404 404",
    ),
    "password_reset_complete": E({}, "200 200 200 200 200 200", "405 405 405 405 405 405"),
    "password_change": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "password_change_done": E({}, "login 200 200 200 200 200", "login 405 405 405 405 405"),
    # allauth's OpenID Connect routes: a provider that is not configured is a 404.
    "openid_connect_login": E(
        {"provider_id": "provider_id"}, "404 404 404 404 404 404", "404 404 404 404 404 404"
    ),
    "openid_connect_callback": E(
        {"provider_id": "provider_id"}, "404 404 404 404 404 404", "404 404 404 404 404 404"
    ),
    "accounts:account": E({}, "login 200 200 200 200 200", "login 405 405 405 405 405"),
    "accounts:mfa_setup": E({}, "login 200 200 200 200 200", "login 400 400 400 400 400"),
    # Nobody of ``world`` has an authenticator yet: verifying sends them to set one up.
    "accounts:mfa_verify": E({}, "login 302 302 302 302 302", "login 302 302 302 302 302"),
    "accounts:mfa_recovery_codes": E({}, "login 405 405 405 405 405", "login 302 302 302 302 302"),
    # Removing one's own authenticator needs one (and a session verified with it).
    "accounts:mfa_remove": E({}, "login 405 405 405 405 405", "login 302 302 302 302 302"),
    # No eID broker is configured in the tests.
    "accounts:eid_link_start": E({}, "login 405 405 405 405 405", "login 403 403 403 403 403"),
    # No login: the token is the credential; an empty POST is an invalid form (nothing made).
    "accounts:invitation_accept": E(
        {"token": "invitation_token"}, "200 200 200 200 200 200", "400 400 400 400 400 400"
    ),
    "accounts:people_index": E({}, "login 200 200 200 200 200", "login 405 405 405 405 405"),
    "accounts:people": E(
        {"org_pk": "municipality_org"}, "login 200 404 404 404 404", "login 405 405 405 405 405"
    ),
    "accounts:invite": E(
        {"org_pk": "municipality_org"}, "login 200 404 404 404 404", "login 400 404 404 404 404"
    ),
    "accounts:boards": E(
        {"org_pk": "municipality_org"}, "login 200 404 404 404 404", "login 400 404 404 404 404"
    ),
    "accounts:board_update": E(
        {"pk": "board"}, "login 200 404 404 404 404", "login 400 404 404 404 404"
    ),
    "accounts:person_update": E(
        {"pk": "person"}, "login 200 404 404 404 404", "login 400 404 404 404 404"
    ),
    "accounts:person_set_active": E(
        {"pk": "person"}, "login 405 405 405 405 405", "login 302 404 404 404 404"
    ),
    "accounts:person_two_factor_reset": E(
        {"pk": "person"}, "login 405 405 405 405 405", "login 302 404 404 404 404"
    ),
    "accounts:invitation_resend": E(
        {"pk": "invitation"}, "login 405 405 405 405 405", "login 302 404 404 404 404"
    ),
    "accounts:invitation_revoke": E(
        {"pk": "invitation"}, "login 405 405 405 405 405", "login 302 404 404 404 404"
    ),
    # Operators only (the world has none; a superuser or operator gets 200).
    "accounts:public_bodies": E({}, "login 403 403 403 403 403", "login 403 403 403 403 403"),
    # --- drafts (the scripts' endpoints: JSON, 401 when signed out, never a redirect) ------
    # An empty POST names no form page: 400. Drafts are the caller's own (tests/drafts).
    "drafts:autosave": E({}, "405 405 405 405 405 405", "401 400 400 400 400 400"),
    "drafts:discard": E({}, "405 405 405 405 405 405", "401 400 400 400 400 400"),
    "drafts:keepalive": E({}, "405 405 405 405 405 405", "401 200 200 200 200 200"),
    # --- partnerships ----------------------------------------------------------------------
    "partnerships:agreement_list": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "partnerships:agreement_create": E(
        {}, "login 200 403 403 200 403", "login 400 403 403 400 403"
    ),
    "partnerships:agreement_detail": E(A, "login 200 200 200 404 404", "login 200 200 200 404 404"),
    # The history tab: every party's users of the agreement (drafts and money filtered).
    "partnerships:agreement_history": E(
        A, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    "partnerships:agreement_update": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "partnerships:party_update": E(
        {"pk": "agreement", "party_pk": "idea_party"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "partnerships:termination_create": E(
        A, "login 200 403 403 404 404", "login 400 403 403 404 404"
    ),
    "partnerships:renewal_start": E(A, "login 405 405 405 405 405", "login 302 403 403 404 404"),
    "partnerships:renewal_decide": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "partnerships:organisation_list": E(
        {}, "login 200 200 200 200 200", "login 200 200 200 200 200"
    ),
    "partnerships:organisation_create": E(
        {}, "login 200 403 403 200 403", "login 400 403 403 400 403"
    ),
    "partnerships:organisation_detail": E(
        {"pk": "organisation"}, "login 200 200 200 200 200", "login 200 200 200 200 200"
    ),
    # ``organisation`` is the partner association: only its own administrators (none in
    # ``world``), the body that registered it (none) or an operator may change its record.
    "partnerships:organisation_update": E(
        {"pk": "organisation"}, "login 403 403 403 403 403", "login 403 403 403 403 403"
    ),
    # Every public body's administrator keeps its own contact records about an organisation.
    "partnerships:organisation_contacts": E(
        {"pk": "organisation"}, "login 200 403 403 200 403", "login 400 403 403 400 403"
    ),
    # --- finance ---------------------------------------------------------------------------
    "finance:economy": E(A, "login 200 200 200 404 404", "login 200 200 200 404 404"),
    "finance:economy_export": E(A, "login 200 200 200 404 404", "login 200 200 200 404 404"),
    "finance:amendments": E(A, "login 200 200 200 404 404", "login 405 405 405 405 405"),
    "finance:amendment_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "finance:amendment_update": E(
        {"pk": "agreement", "amendment_pk": "amendment"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:amendment_delete": E(
        {"pk": "agreement", "amendment_pk": "amendment"},
        "login 200 403 403 404 404",
        "login 302 403 403 404 404",
    ),
    "finance:compensation_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "finance:compensation_update": E(
        {"pk": "agreement", "compensation_pk": "compensation"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:budget_edit": E(
        {"pk": "agreement", "party_pk": "idea_party", "year": "year"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:economic_report": E(
        {"pk": "agreement", "party_pk": "idea_party", "year": "year"},
        "login 200 200 200 404 404",
        "login 403 403 400 404 404",
    ),
    "finance:economic_report_reopen": E(
        {"report_pk": "economic_report"},
        "login 405 405 405 405 405",
        "login 302 403 403 404 404",
    ),
    "finance:economic_report_claim": E(
        {"report_pk": "economic_report"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    # --- attachments: downloads only through the scoped view ---------------------------------
    "attachments:agreement_attachments": E(
        A, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    # An empty POST is refused (400) since ``common.forms.submit`` treats it as bad input.
    "attachments:upload": E(A, "login 200 403 200 404 404", "login 400 403 400 404 404"),
    "attachments:download": E(
        {"pk": "attachment"}, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    "attachments:delete": E(
        {"pk": "attachment"}, "login 405 405 405 405 405", "login 302 403 302 404 404"
    ),
    "finance:claim_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "finance:claim_update": E(
        {"pk": "agreement", "claim_pk": "claim"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:decided_amount_edit": E(
        {"compensation_pk": "compensation", "year": "year"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:payment_create": E(
        {"compensation_pk": "compensation"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:settlement_create": E(
        {"compensation_pk": "compensation", "year": "year"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    # Agreement shapes (issue 14): the public party's administrators only.
    "finance:given_instalments_edit": E(
        {"compensation_pk": "compensation", "year": "year"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:in_kind_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "finance:in_kind_update": E(
        {"pk": "agreement", "in_kind_pk": "in_kind"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:cap_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "finance:cap_update": E(
        {"pk": "agreement", "cap_pk": "cap"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "finance:overview": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "finance:overview_export": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "finance:index_values": E({}, "login 200 200 200 200 200", "login 200 200 200 200 200"),
    "finance:index_value_create": E({}, "login 200 403 403 200 403", "login 400 403 403 400 403"),
    "finance:index_series_create": E({}, "login 200 403 403 200 403", "login 400 403 403 400 403"),
    "finance:index_import": E({}, "login 200 403 403 200 403", "login 200 403 403 200 403"),
    # ``index_value`` is of SKR's shared OPI: only an operator changes it (issue 11).
    "finance:index_value_update": E(
        {"value_pk": "index_value"}, "login 403 403 403 403 403", "login 403 403 403 403 403"
    ),
    # The finance system: a public body's administrators export their own body's payments.
    "finance:sie_exports": E({}, "login 200 403 403 200 403", "login 400 403 403 400 403"),
    "finance:sie_export_download": E(
        {"batch_pk": "sie_batch"}, "login 200 403 403 404 403", "login 405 405 405 405 405"
    ),
    "finance:accounting_defaults": E({}, "login 200 403 403 200 403", "login 400 403 403 400 403"),
    "finance:compensation_coding": E(
        {"compensation_pk": "compensation"},
        "login 200 403 403 404 403",
        "login 400 403 403 404 403",
    ),
    # --- follow-ups ------------------------------------------------------------------------
    "followups:agreement_followup": E(A, "login 200 200 200 404 404", "login 405 405 405 405 405"),
    "followups:meeting_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "followups:round_create": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "followups:indicators_edit": E(A, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "followups:meeting_detail": E(
        {"pk": "meeting"}, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    "followups:meeting_update": E(
        {"pk": "meeting"}, "login 200 403 403 404 404", "login 400 403 403 404 404"
    ),
    "followups:meeting_ics": E(
        {"pk": "meeting"}, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    "followups:meeting_invite": E(
        {"pk": "meeting"}, "login 405 405 405 405 405", "login 302 403 403 404 404"
    ),
    "followups:round_detail": E(
        {"pk": "round"}, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    # The report is the idea-based party's: only the partner writes it; the partner's
    # report is submitted in ``objects``, so a POST is refused as locked (403).
    "followups:round_report": E(
        {"pk": "round"}, "login 403 403 200 404 404", "login 403 403 403 404 404"
    ),
    "followups:round_status": E(
        {"pk": "round"}, "login 405 405 405 405 405", "login 302 403 403 404 404"
    ),
    # An empty POST lacks the version the form was read at: refused (400), never saved.
    "followups:round_assessment": E(
        {"pk": "round"}, "login 200 403 403 404 404", "login 400 403 403 404 404"
    ),
    "followups:round_reopen": E(
        {"pk": "round", "organisation_pk": "association_org"},
        "login 405 405 405 405 405",
        "login 302 403 403 404 404",
    ),
    "followups:calendar_settings": E({}, "login 200 200 200 200 200", "login 302 302 302 302 302"),
    # No login: the secret token is the credential.
    "followups:calendar_feed": E(
        {"token": "token"}, "200 200 200 200 200 200", "405 405 405 405 405 405"
    ),
    # --- initiatives (an initiative of world.association to world.municipality) ---------
    # Board staff read the initiatives to their body but do not handle them.
    "initiatives:list": E({}, "login 200 200 200 200 200", "login 405 405 405 405 405"),
    "initiatives:create": E({}, "login 200 403 200 200 200", "login 400 403 400 400 400"),
    "initiatives:de_minimis_csv": E({}, "login 200 403 403 200 403", "login 405 405 405 405 405"),
    "initiatives:detail": E(INI, "login 200 200 200 404 404", "login 405 405 405 405 405"),
    "initiatives:status": E(INI, "login 405 405 405 405 405", "login 400 403 403 404 404"),
    "initiatives:completion": E(INI, "login 405 405 405 405 405", "login 400 403 403 404 404"),
    "initiatives:agreement": E(INI, "login 405 405 405 405 405", "login 400 403 403 404 404"),
    "initiatives:assessment": E(INI, "login 200 403 403 404 404", "login 400 403 403 404 404"),
    "initiatives:declared_aid": E(INI, "login 405 405 405 405 405", "login 400 403 403 404 404"),
    # The organisation completes its own initiative (an empty POST lacks the version: 400).
    "initiatives:complete": E(INI, "login 403 403 200 404 404", "login 403 403 400 404 404"),
    # The organisation's documents: its own users and the body's administrators only.
    "initiatives:attachment_upload": E(
        INI, "login 405 405 405 405 405", "login 400 403 400 404 404"
    ),
    "initiatives:attachment_download": E(
        {"pk": "initiative", "attachment_pk": "initiative_attachment"},
        "login 200 404 200 404 404",
        "login 405 405 405 405 405",
    ),
    "initiatives:attachment_delete": E(
        {"pk": "initiative", "attachment_pk": "initiative_attachment"},
        "login 405 405 405 405 405",
        "login 302 404 302 404 404",
    ),
    # --- documents -------------------------------------------------------------------------
    "documents:agreement_documents": E(A, "login 200 200 200 404 404", "login 405 405 405 405 405"),
    "documents:agreement_preview": E(A, "login 200 200 200 404 404", "login 405 405 405 405 405"),
    "documents:agreement_issue": E(A, "login 405 405 405 405 405", "login 302 302 403 404 404"),
    "documents:memo_create": E(
        {"pk": "agreement", "kind": "memo_kind"},
        "login 405 405 405 405 405",
        "login 302 403 403 404 404",
    ),
    "documents:memo_edit": E(
        {"pk": "agreement", "kind": "memo_kind"},
        "login 200 403 403 404 404",
        "login 400 403 403 404 404",
    ),
    "documents:memo_preview": E(
        {"pk": "agreement", "kind": "memo_kind"},
        "login 200 200 403 404 404",
        "login 405 405 405 405 405",
    ),
    "documents:memo_issue": E(
        {"pk": "agreement", "kind": "memo_kind"},
        "login 405 405 405 405 405",
        "login 302 302 403 404 404",
    ),
    "documents:followup_report_preview": E(
        {"pk": "agreement", "round_pk": "round"},
        "login 200 200 200 404 404",
        "login 405 405 405 405 405",
    ),
    "documents:followup_report_issue": E(
        {"pk": "agreement", "round_pk": "round"},
        "login 405 405 405 405 405",
        "login 302 302 403 404 404",
    ),
    # The other municipality has a board of its own (its administrator sees only that one).
    "documents:boards_index": E({}, "login 200 200 403 200 403", "login 405 405 405 405 405"),
    "documents:board_annual_reports": E(
        {"board_pk": "board"}, "login 200 200 403 404 404", "login 400 400 403 404 404"
    ),
    "documents:annual_report_job": E(
        {"job_pk": "job"}, "login 200 200 403 404 404", "login 405 405 405 405 405"
    ),
    "documents:annual_report_retry": E(
        {"job_pk": "job"}, "login 405 405 405 405 405", "login 302 302 403 404 404"
    ),
    "documents:download": E(
        {"document_pk": "document"}, "login 200 200 200 404 404", "login 405 405 405 405 405"
    ),
    # The verification page is public: recipients of a document are outside the register.
    "documents:verify": E({}, "200 200 200 200 200 200", "200 200 200 200 200 200"),
    # --- archive: the agreement of ``objects`` is active, so no package yet (403) ---------
    "archive:package": E(A, "login 403 403 403 404 404", "login 405 405 405 405 405"),
    "archive:dossier": E(A, "login 200 200 403 404 404", "login 405 405 405 405 405"),
    # --- publication: the public list and its open data need no login ----------------------
    "publication:public_list": E(
        {"slug": "publication_slug"}, "200 200 200 200 200 200", "405 405 405 405 405 405"
    ),
    "publication:public_csv": E(
        {"slug": "publication_slug"}, "200 200 200 200 200 200", "405 405 405 405 405 405"
    ),
    "publication:public_json": E(
        {"slug": "publication_slug"}, "200 200 200 200 200 200", "405 405 405 405 405 405"
    ),
    "publication:public_dcat": E(
        {"slug": "publication_slug"}, "200 200 200 200 200 200", "405 405 405 405 405 405"
    ),
    "publication:schema": E({}, "200 200 200 200 200 200", "405 405 405 405 405 405"),
    # Each public body's administrators edit their own body's settings (no id in the URL).
    "publication:settings": E({}, "login 200 403 403 200 403", "login 400 403 403 400 403"),
}


def walk(patterns, prefix: str = "", namespace: str = "", route: str = ""):
    """(name, full route, converter names) of every URL pattern, includes walked."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            sub_route = route + str(entry.pattern)
            if sub_route.startswith("admin/"):
                continue
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, prefix, full_ns, sub_route)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, route + str(entry.pattern), sorted(entry.pattern.converters)


def app_urls() -> list[tuple[str, str, list[str]]]:
    return list(walk(get_resolver().url_patterns))


def outcome(response) -> object:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return "login"
    # A signed-out POST gets the page that keeps what was typed and links to sign in.
    if response.status_code == 401 and response["Content-Type"].startswith("text/html"):
        return "login"
    return response.status_code


def request_as(client, method: str, url: str):
    """The request in a savepoint that is rolled back afterwards."""
    with transaction.atomic():
        response = client.get(url) if method == "get" else client.post(url, {})
        transaction.set_rollback(True)
    return response


def test_every_url_is_in_the_matrix():
    urls = app_urls()
    names = {name for name, _, _ in urls}
    unnamed = [route for name, route, _ in urls if not name]
    assert not unnamed, f"URL patterns without a name: {unnamed}"
    missing = sorted(names - MATRIX.keys())
    assert not missing, (
        f"URL names with no entry in tests/security/test_url_matrix.py MATRIX: {missing}. "
        "Declare who may reach each new URL."
    )
    stale = sorted(MATRIX.keys() - names)
    assert not stale, f"MATRIX entries for URLs that no longer exist: {stale}"
    for name, _route, converters in urls:
        assert sorted(MATRIX[name].kwargs) == converters, f"{name}: parameters {converters}"


def test_access_matrix(client, objects, users):
    """Every URL x role x method has the declared outcome; never a 500."""
    mismatches = []
    checked = 0
    for name, _route, _ in app_urls():
        expect = MATRIX[name]
        url = reverse(name, kwargs={k: objects[v] for k, v in expect.kwargs.items()})
        for role_index, role in enumerate(ROLES):
            client.logout()
            if users[role] is not None:
                client.force_login(users[role])
            for method in ("get", "post"):
                wanted = getattr(expect, method)[role_index]
                try:
                    got = outcome(request_as(client, method, url))
                except Exception as exc:  # noqa: BLE001 - a 500 is a finding, reported below
                    got = f"500 ({type(exc).__name__}: {exc})"
                checked += 1
                if got != wanted:
                    mismatches.append(
                        f"{method.upper()} {name} as {role}: {got}, expected {wanted}"
                    )
    assert checked == len(MATRIX) * len(ROLES) * 2
    assert not mismatches, "\n".join(mismatches)


def test_matrix_size():
    """Documented in docs/integrity.md: URLs x roles x methods."""
    assert len(MATRIX) * len(ROLES) >= 60 * 6


STAND_IN = 987654321987
BAD_IDS = ["abc", "0", "-1", "1.5", "999999999", "9" * 30, "%00", "1;DROP TABLE x"]


def test_bad_or_unknown_ids_are_404_never_500(client, objects, users):
    """Every id in every URL, replaced by text, an unknown number or a number too large
    for the database, is a 404 for the administrator who may reach the real object
    (a year outside the agreement's period may also be a 403)."""
    client.force_login(users["admin"])
    problems = []
    for name, _route, converters in app_urls():
        expect = MATRIX[name]
        if not expect.kwargs:
            continue
        admin = ROLES.index("admin")
        method = "get" if expect.get[admin] != 405 else "post"
        for param in converters:
            for bad in BAD_IDS:
                # Reverse with a stand-in number, then put the bad text in its place: the
                # typed converters refuse to reverse text, but a browser can still send it.
                kwargs = {k: objects[v] for k, v in expect.kwargs.items()}
                kwargs[param] = STAND_IN
                url = reverse(name, kwargs=kwargs).replace(str(STAND_IN), quote(bad, safe=""))
                try:
                    got = request_as(client, method, url).status_code
                except Exception as exc:  # noqa: BLE001
                    got = f"500 ({type(exc).__name__}: {exc})"
                allowed = {404, 403} if param == "year" else {404}
                if got not in allowed:
                    problems.append(f"{method.upper()} {url} ({name}, {param}={bad!r}): {got}")
    assert not problems, "\n".join(problems)
