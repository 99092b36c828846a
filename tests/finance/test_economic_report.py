"""The partner's yearly economic report: lifecycle, scopes, the administration's view and
the repayment claim started from the unspent remainder."""

import pytest
from django.urls import reverse

from finance.models import (
    BudgetLine,
    ClaimStatus,
    EconomicReport,
    EconomicReportStatus,
    PartyBudget,
    RepaymentClaim,
)
from partnerships.models import Sector
from tests.factories import OrganisationFactory, PartyFactory, UserFactory
from tests.finance.factories import CompensationFactory, PartyBudgetFactory, PaymentFactory


@pytest.fixture
def setup(world):
    party = world.agreement.parties.get(role=Sector.IDEA_BASED)
    budget = PartyBudgetFactory(party=party, year=2024, own_contribution=195_310)
    for category, amount in (("staff", 205_000), ("volunteers", 160_000), ("premises", 170_000)):
        BudgetLine.objects.create(budget=budget, category=category, amount=amount)
    compensation = CompensationFactory(
        party=party, base_amount=339_690, base_year=2023, first_index_year=2024
    )
    PaymentFactory(compensation=compensation, year=2024, amount=339_690)
    # A second idea-based party of the same agreement, with its own partner user.
    sion = OrganisationFactory(name="Sionförsamlingen")
    PartyFactory(agreement=world.agreement, organisation=sion)
    world.fellow_partner = UserFactory(organisation=sion, partner=True, username="sion")
    world.party = party
    return world


def _url(world, year=2024):
    return reverse("finance:economic_report", args=[world.agreement.pk, world.party.pk, year])


def _post(client, world, *, action="save", **overrides):
    data = {
        "version": "0",
        "staff_actual": "210 000",
        "staff_comment": "Löneökning enligt avtal",
        "volunteers_actual": "150 000",
        "volunteers_comment": "Färre volontärtimmar",
        "premises_actual": "170000",
        "premises_comment": "",
        "own_financing": "195 310",
        "funder_0_funder": "",
        "funder_0_amount": "",
        "action": action,
    }
    data.update(overrides)
    return client.post(_url(world), data)


def test_partner_files_a_draft_private_to_its_organisation(setup, client_for):
    world = setup
    response = _post(client_for(world.partner), world)
    assert response.status_code == 302
    report = EconomicReport.objects.get()
    assert report.status == EconomicReportStatus.DRAFT
    assert report.lines.get(category="staff").actual == 210_000

    # The administration sees that nothing is submitted, not the draft's figures.
    page = client_for(world.admin).get(_url(world))
    assert page.status_code == 200
    assert page.context["report"] is None
    assert "210 000" not in page.content.decode()
    # Another partner of the same agreement cannot reach the report at all.
    assert client_for(world.fellow_partner).get(_url(world)).status_code == 404
    # Nor can another municipality.
    assert client_for(world.outsider_admin).get(_url(world)).status_code == 404
    assert client_for(world.other_partner).get(_url(world)).status_code == 404


def test_submit_needs_a_comment_for_every_deviation(setup, client_for):
    world = setup
    response = _post(client_for(world.partner), world, action="submit", staff_comment="")
    assert response.status_code == 400
    assert "förklara avvikelsen" in response.content.decode()
    # What the partner typed is kept.
    assert 'value="210 000"' in response.content.decode()
    assert not EconomicReport.objects.exists()


def test_submitted_report_is_locked_until_the_administrator_reopens_it(setup, client_for):
    world = setup
    partner = client_for(world.partner)
    assert _post(partner, world, action="submit").status_code == 302
    report = EconomicReport.objects.get()
    assert report.status == EconomicReportStatus.SUBMITTED and report.submitted_by == world.partner

    again = _post(partner, world, version=str(report.version), staff_actual="1")
    assert again.status_code == 400
    assert "låst" in again.content.decode()
    report.refresh_from_db()
    assert report.lines.get(category="staff").actual == 210_000

    reopen = reverse("finance:economic_report_reopen", args=[report.pk])
    assert client_for(world.partner).post(reopen).status_code == 403
    assert client_for(world.board_staff).post(reopen).status_code == 403
    assert client_for(world.outsider_admin).post(reopen).status_code == 404
    assert client_for(world.admin).post(reopen).status_code == 302
    report.refresh_from_db()
    assert report.status == EconomicReportStatus.DRAFT
    assert report.history.count() >= 2


def test_administration_sees_budget_against_actual_and_the_remainder(setup, client_for):
    world = setup
    _post(client_for(world.partner), world, action="submit")
    page = client_for(world.admin).get(_url(world))
    result = page.context["result"]
    assert (result.budget_total, result.actual_total, result.deviation) == (
        535_000,
        530_000,
        -5_000,
    )
    assert (result.received, result.used, result.remainder) == (339_690, 334_690, 5_000)
    text = page.content.decode().replace("\xa0", " ")
    for shown in ("535 000 kr", "530 000 kr", "−5 000 kr", "339 690 kr", "334 690 kr", "−6,3 %"):
        assert shown in text.replace("-6,3", "−6,3"), shown


def test_repayment_claim_starts_from_the_remainder_and_links_back(setup, client_for):
    world = setup
    _post(client_for(world.partner), world, action="submit")
    report = EconomicReport.objects.get()
    url = reverse("finance:economic_report_claim", args=[report.pk])
    admin = client_for(world.admin)
    form = admin.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["amount"] == 5_000
    assert "outnyttjat 5 000 kr" in form.context["form"].initial["reason"]
    # Editable before it is created: the administrator lowers the amount.
    response = admin.post(
        url,
        {
            "party": world.party.pk,
            "amount": "4 500",
            "status": "draft",
            "reason": "Outnyttjat 2024",
            "decided_on": "",
            "version": "0",
        },
    )
    assert response.status_code == 302
    claim = RepaymentClaim.objects.get()
    assert (claim.amount, claim.status, claim.economic_report) == (4_500, ClaimStatus.DRAFT, report)
    page = admin.get(_url(world)).content.decode()
    assert reverse("finance:claim_update", args=[world.agreement.pk, claim.pk]) in page
    assert client_for(world.partner).get(url).status_code == 403
    assert client_for(world.outsider_admin).get(url).status_code == 404


def test_personnummer_in_a_deviation_comment_is_refused(setup, client_for):
    world = setup
    response = _post(client_for(world.partner), world, staff_comment="Lön till 19121212-1212")
    assert response.status_code == 400
    assert "personnummer" in response.content.decode()
    assert not EconomicReport.objects.exists()


def test_other_funders_are_kept_with_names(setup, client_for):
    world = setup
    _post(
        client_for(world.partner),
        world,
        funder_0_funder="Region Östergötland",
        funder_0_amount="20 000",
    )
    report = EconomicReport.objects.get()
    assert list(report.other_funding.values_list("funder", "amount")) == [
        ("Region Östergötland", 20_000)
    ]


def test_economy_tab_lists_reports_without_revealing_drafts(setup, client_for):
    world = setup
    _post(client_for(world.partner), world)
    rows = client_for(world.admin).get(reverse("finance:economy", args=[world.agreement.pk]))
    statuses = {(y, p.organisation.name): s for y, p, s in rows.context["economy"].report_rows}
    assert statuses[(2024, "IOGT-NTO Kamratstödet")] == ""
    own = client_for(world.partner).get(reverse("finance:economy", args=[world.agreement.pk]))
    statuses = {(y, p.organisation.name): s for y, p, s in own.context["economy"].report_rows}
    assert statuses[(2024, "IOGT-NTO Kamratstödet")] == "draft"


def test_start_page_says_which_reports_are_missing(setup, client_for, time_machine):
    world = setup
    time_machine.move_to("2025-03-01 09:00")
    missing = f"Ekonomisk redovisning saknas i {world.agreement.title}: IOGT-NTO Kamratstödet 2024"
    assert missing in client_for(world.admin).get("/").content.decode()
    partner_page = client_for(world.partner).get("/").content.decode()
    assert missing in partner_page
    assert "Sionförsamlingen 2024" not in partner_page  # another party's business
    assert world.agreement.title not in client_for(world.outsider_admin).get("/").content.decode()
    _post(client_for(world.partner), world, action="submit")
    assert missing not in client_for(world.admin).get("/").content.decode()


def test_a_budget_line_a_submitted_report_accounts_against_is_not_removed(setup, client_for):
    world = setup
    report = EconomicReport.objects.create(
        agreement=world.agreement, party=world.party, year=2024, own_financing=195_310,
        status=EconomicReportStatus.SUBMITTED,
    )  # fmt: skip
    report.lines.create(category="premises", actual=182_000, comment="Hyran höjdes")
    budget = PartyBudget.objects.get(party=world.party, year=2024)
    url = reverse("finance:budget_edit", args=[world.agreement.pk, world.party.pk, 2024])
    data = {
        "version": str(budget.version),
        "own_contribution": "195 310",
        "municipal_financing": "",
        "staff_amount": "205 000",
        "volunteers_amount": "160 000",
        "premises_amount": "",  # the line the report accounts against
        "other_amount": "",
        "note": "Lokalen sägs upp",
    }

    response = client_for(world.admin).post(url, data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Kostnadsslaget ”" in page and "kan inte tas bort" in page
    assert "Lokalen sägs upp" in page  # what was typed is kept
    assert BudgetLine.objects.filter(budget=budget, category="premises", amount=170_000).exists()
    budget.refresh_from_db()
    assert budget.note != "Lokalen sägs upp"  # nothing half-saved

    # A line no submitted report uses may still be cleared.
    data["premises_amount"], data["staff_amount"] = "170 000", ""
    report.lines.all().delete()
    report.lines.create(category="premises", actual=182_000, comment="Hyran höjdes")
    assert client_for(world.admin).post(url, data).status_code == 302
    assert not BudgetLine.objects.filter(budget=budget, category="staff").exists()
