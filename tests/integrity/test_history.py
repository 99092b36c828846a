"""Every change to agreements, money and notes is in the history with who and when, and
the history cannot be edited from the app or reverted in the admin."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from simple_history.models import registered_models

from finance.models import BudgetLine, Compensation, DecidedAmount, Payment, RepaymentClaim
from tests.factories import UserFactory
from tests.finance.factories import CompensationFactory, RepaymentClaimFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partnerships", "finance", "followups", "documents")

# Models without a change history, and why. Anything else must have HistoricalRecords.
NO_HISTORY = {
    "partnerships.User": "accounts; Django's admin log and last_login record account changes",
    "finance.IndexSeries": "a series' name only; its values (IndexValue) have history",
    "followups.CalendarFeed": "a user's secret calendar address, no agreement data",
    "followups.SentReminder": "itself a log of sent e-mails",
    "documents.IssuedDocument": "immutable: never changed or deleted (save/delete refuse); "
    "issued_by and issued_at are the record",
    "documents.AnnualReportJob": "a render job; its result is an IssuedDocument",
    "documents.PreviewRender": "a lock held while a preview renders, deleted right after",
    "partnerships.AuditEvent": "itself the log of named business events, append-only",
    "finance.SieExportBatch": "itself the record of an export: never changed after it is made "
    "(only its download count)",
    "finance.SieExportLine": "part of the record of an export, written once with its batch",
}


def test_every_model_holding_agreement_data_money_or_notes_has_history():
    tracked = {model._meta.label for model in registered_models.values()}
    missing, stale = [], []
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label
            if model.__name__.startswith("Historical"):
                continue
            if label in NO_HISTORY:
                if label in tracked:
                    stale.append(label)
            elif label not in tracked:
                missing.append(label)
    assert not missing, f"models without HistoricalRecords (add it, or say why not): {missing}"
    assert not stale, f"NO_HISTORY lists models that have history: {stale}"


def test_budget_lines_have_history():
    assert BudgetLine in {m for m in registered_models.values()}


def _admin_post(client_for, world, url, data):
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _assert_recorded(model, world, **filters):
    record = model.history.filter(**filters).order_by("-history_date").first()
    assert record is not None, f"no history for {model.__name__} {filters}"
    assert record.history_user == world.admin
    assert record.history_date is not None


def test_changes_to_money_through_the_pages_are_recorded_with_who_and_when(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    compensation = CompensationFactory(party=party, base_year=2023, first_index_year=2024)
    comp_data = {
        "party": party.pk,
        "base_amount": "410 000",
        "base_year": "2023",
        "index_series": compensation.index_series_id,
        "first_index_year": "2024",
        "index_rule": "preliminary_first",
        "payment_month": "1",
        "version": str(compensation.version),
    }
    url = reverse("finance:compensation_update", args=[world.agreement.pk, compensation.pk])
    _admin_post(client_for, world, url, comp_data)
    _assert_recorded(Compensation, world, id=compensation.pk, history_type="~")

    url = reverse("finance:decided_amount_edit", args=[compensation.pk, 2024])
    _admin_post(client_for, world, url, {"amount": "420 000", "version": "0"})
    _assert_recorded(DecidedAmount, world, compensation_id=compensation.pk, history_type="+")

    url = reverse("finance:payment_create", args=[compensation.pk])
    data = {"form_token": "h", "year": "2025", "paid_on": "2025-01-20", "amount": "1000"}
    _admin_post(client_for, world, url, data | {"reference": "VER-H"})
    _assert_recorded(Payment, world, reference="VER-H", history_type="+")

    claim = RepaymentClaimFactory(party=party)
    url = reverse("finance:claim_update", args=[world.agreement.pk, claim.pk])
    data = {"party": party.pk, "amount": "500", "reason": "Skäl", "status": "sent"}
    _admin_post(client_for, world, url, data | {"version": claim.version})
    _assert_recorded(RepaymentClaim, world, id=claim.pk, history_type="~")

    url = reverse("finance:budget_edit", args=[world.agreement.pk, party.pk, 2025])
    _admin_post(
        client_for, world, url, {"version": "0", "own_contribution": "1", "staff_amount": "5"}
    )
    _assert_recorded(BudgetLine, world, category="staff", history_type="+")
    _admin_post(client_for, world, url, {"version": "1", "own_contribution": "1"})
    _assert_recorded(BudgetLine, world, category="staff", history_type="-")  # removed line


WRITES_TO_HISTORY = re.compile(
    r"\.history\.(create|update|delete|bulk_create|bulk_update|get_or_create|update_or_create)\b"
    r"|bulk_create_with_history|bulk_update_with_history|update_change_reason"
    r"|Historical\w+\.objects\.(create|update|delete|filter\([^)]*\)\.(update|delete))"
    r"|history\.filter\([^)]*\)\.(update|delete)\("
)


def test_no_app_code_writes_to_the_history():
    """History rows are written only by django-simple-history's signals on save/delete."""
    offenders = []
    for app in (*APPS, "iop"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if WRITES_TO_HISTORY.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_no_historical_model_is_editable_in_the_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert not [label for label in registered if ".Historical" in label]


def test_revert_is_disabled_in_settings_and_refused_in_the_admin(world, client):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True
    superuser = UserFactory(is_superuser=True, is_staff=True, organisation=None, role="")
    client.force_login(superuser)
    agreement = world.agreement
    old_title = agreement.title
    agreement.title = "Ny rubrik"
    agreement.save()
    first = agreement.history.order_by("history_date").first()
    count = agreement.history.count()
    url = reverse(
        "admin:partnerships_agreement_simple_history", args=[agreement.pk, first.history_id]
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Återställ" not in page.content.decode() and "Revert" not in page.content.decode()
    response = client.post(url, {"title": old_title})
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "Ny rubrik"
    assert agreement.history.count() == count
    assert (
        client.get(reverse("admin:partnerships_agreement_history", args=[agreement.pk])).status_code
        == 200
    )
