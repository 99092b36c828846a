"""Bad input gets a clear Swedish message and changes nothing; the gaps left by the apps'
own tests (see docs/integrity.md for the whole table)."""

import pytest
from django.urls import reverse

from finance.forms import KronorField
from finance.models import DecidedAmount, PartyBudget, RepaymentClaim
from followups.models import Note
from tests.finance.factories import CompensationFactory, RepaymentClaimFactory
from tests.followups.factories import RoundFactory

from .helpers import assert_unchanged, db_state

pytestmark = pytest.mark.django_db

NBSP, THIN, NNBSP = "\u00a0", "\u2009", "\u202f"
DECIMAL = "Ange hela kronor utan ören"
NOT_AMOUNT = "Ange ett belopp i hela kronor"

# --- money: whole kronor only (a deliberate rule, finance.forms.KronorField) ---------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("452948", 452_948),
        ("452 948", 452_948),
        (f"452{NBSP}948", 452_948),  # non-breaking space, as Excel and Word paste it
        (f"452{THIN}948", 452_948),  # thin space
        (f"452{NNBSP}948 kr", 452_948),  # narrow no-break space (Swedish typography)
        ("1 000 000 SEK", 1_000_000),
        (" 0 ", 0),
    ],
)
def test_thousands_separators_are_accepted(typed, amount):
    assert KronorField().clean(typed) == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (f"1{NBSP}000,50", DECIMAL),  # öre refused, even with a separator
        ("1000.50", DECIMAL),
        ("1000,", DECIMAL),
        ("-1", "Beloppet kan inte vara negativt"),
        ("\u22125 000", "Beloppet kan inte vara negativt"),  # minus sign
        ("NaN", NOT_AMOUNT),
        ("nan", NOT_AMOUNT),
        ("Infinity", NOT_AMOUNT),
        ("1e6", NOT_AMOUNT),
        ("0x10", NOT_AMOUNT),
        ("1,000,000", NOT_AMOUNT),
        ("12 kr 50", NOT_AMOUNT),
        ("abc", NOT_AMOUNT),
        ("99999999999", "orimligt stort"),
    ],
)
def test_bad_amounts_are_refused_in_swedish(typed, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=message):
        KronorField().clean(typed)


@pytest.mark.parametrize("typed", ["NaN", "1e6", f"1{NBSP}000,50", "-100", "", "abc"])
def test_bad_decided_amount_in_the_browser_saves_nothing(world, client_for, typed):
    compensation = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association)
    )
    url = reverse("finance:decided_amount_edit", args=[compensation.pk, 2024])
    before = db_state()
    response = client_for(world.admin).post(url, {"amount": typed, "version": "0"})
    assert response.status_code == 400
    body = response.content.decode()
    assert any(m in body for m in (DECIMAL, NOT_AMOUNT, "kan inte vara negativt", "måste fyllas i"))
    assert_unchanged(before, db_state())


def test_zero_payment_is_refused(world, client_for):
    compensation = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association)
    )
    url = reverse("finance:payment_create", args=[compensation.pk])
    data = {"form_token": "z", "year": "2025", "paid_on": "2025-01-20", "amount": "0"}
    before = db_state()
    response = client_for(world.admin).post(url, data | {"reference": "V-0"})
    assert response.status_code == 400
    assert "Beloppet måste vara större än 0 kr" in response.content.decode()
    assert_unchanged(before, db_state())


# --- two administrators at once (agreement and decided amounts: apps' tests) --------------


def test_two_administrators_saving_the_same_claim_the_second_is_told(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    claim = RepaymentClaimFactory(party=party, amount=1_000)
    url = reverse("finance:claim_update", args=[world.agreement.pk, claim.pk])
    base = {"party": party.pk, "reason": "Skäl", "status": "draft", "version": claim.version}
    client = client_for(world.admin)
    assert client.post(url, base | {"amount": "2000"}).status_code == 302
    response = client.post(url, base | {"amount": "3000"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Någon annan har sparat" in body and 'value="3000"' in body  # input kept
    assert RepaymentClaim.objects.get(pk=claim.pk).amount == 2_000


def test_two_administrators_creating_the_same_budget_the_second_is_told(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("finance:budget_edit", args=[world.agreement.pk, party.pk, 2025])
    client = client_for(world.admin)
    first = {"version": "0", "own_contribution": "100 000", "staff_amount": "50 000"}
    second = {"version": "0", "own_contribution": "200 000", "staff_amount": "70 000"}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    assert PartyBudget.objects.get(party=party, year=2025).own_contribution == 100_000


def test_two_administrators_saving_the_same_compensation_the_second_is_told(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    compensation = CompensationFactory(party=party, base_year=2023, first_index_year=2024)
    url = reverse("finance:compensation_update", args=[world.agreement.pk, compensation.pk])
    base = {
        "party": party.pk,
        "base_year": "2023",
        "index_series": compensation.index_series_id,
        "first_index_year": "2024",
        "index_rule": "preliminary_first",
        "payment_month": "1",
        "version": str(compensation.version),
    }
    client = client_for(world.admin)
    assert client.post(url, base | {"base_amount": "410 000"}).status_code == 302
    response = client.post(url, base | {"base_amount": "420 000"})
    assert response.status_code == 409
    compensation.refresh_from_db()
    assert compensation.base_amount == 410_000


# --- notes: size and markup ---------------------------------------------------------------


def _report(round_, text):
    data = {f"goal_{g.pk}": text for g in round_.agreement.goals.all()}
    return data | {"version": "0"}  # the first save of the party's report


def test_a_one_megabyte_note_is_refused_and_nothing_is_saved(world, client_for):
    round_ = RoundFactory(agreement=world.agreement)
    url = reverse("followups:round_report", args=[round_.pk])
    before = db_state()
    response = client_for(world.partner).post(url, _report(round_, "x" * 1_000_000))
    assert response.status_code == 400
    assert "som mest 20000 tecken (den har 1000000)" in response.content.decode()
    assert_unchanged(before, db_state())


def test_a_request_body_over_the_upload_limit_is_400_not_500(world, client_for):
    """Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with a 400."""
    round_ = RoundFactory(agreement=world.agreement)
    url = reverse("followups:round_report", args=[round_.pk])
    before = db_state()
    response = client_for(world.partner).post(url, _report(round_, "x" * 3_000_000))
    assert response.status_code == 400
    assert_unchanged(before, db_state())


HOSTILE = (
    '<script>alert("x")</script><img src=x onerror=alert(1)>'
    '<style>body{background:url("https://evil.example/x.png")}</style>'
    '<a href="javascript:alert(1)">länk</a>'
)


def test_html_script_and_css_in_notes_are_escaped_on_the_pages(world, client_for):
    round_ = RoundFactory(agreement=world.agreement)
    client = client_for(world.partner)
    url = reverse("followups:round_report", args=[round_.pk])
    assert client.post(url, _report(round_, HOSTILE) | {"submit": "1"}).status_code == 302
    assert Note.objects.filter(narrative=HOSTILE).count() == 2  # stored as typed
    for viewer in (world.partner, world.admin, world.board_staff):
        html = client_for(viewer).get(round_.get_absolute_url()).content.decode()
        assert "<script>alert" not in html
        assert "<style>body" not in html
        assert "<img src=x" not in html
        assert '<a href="javascript:' not in html
        assert "&lt;script&gt;alert(" in html
    csp = client.get(round_.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_html_in_agreement_texts_is_escaped_on_the_agreement_page(world, client_for):
    world.agreement.background = HOSTILE
    world.agreement.title = "<b>IOP</b>"
    world.agreement.save()
    html = client_for(world.partner).get(world.agreement.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<b>IOP</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;IOP&lt;/b&gt;" in html


def test_decided_amount_outside_the_period_is_refused(world, client_for):
    compensation = CompensationFactory(
        party=world.agreement.parties.get(organisation=world.association)
    )
    url = reverse("finance:decided_amount_edit", args=[compensation.pk, 2031])
    before = db_state()
    assert client_for(world.admin).post(url, {"amount": "1", "version": "0"}).status_code == 403
    assert_unchanged(before, db_state())
    assert not DecidedAmount.objects.exists()
