"""Two journeys in Chromium with axe-core on every page: a partner files the yearly economic
report with its annual accounts attached and the administrator starts a repayment claim from
the remainder (issue 15); a partner's initiative with its statutes goes through a completion
and the assessment to a draft agreement (issue 16).

Seed: ``manage.py seed_demo`` (users handlaggare and iogt; the 2024 agreement's budget).
"""

import re

import pytest
from django.urls import reverse

from initiatives.models import IOP_CRITERIA, STATE_AID_CRITERIA
from tests.attachments import files
from tests.e2e.conftest import heading, login, squash

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _message(page) -> str:
    return squash(page.locator(".messages").inner_text())


def _main(page) -> str:
    return squash(page.locator("main").inner_text())


def _switch_user(page, username: str, a11y=None) -> None:
    page.context.clear_cookies()
    login(page, username, a11y=a11y)
    assert heading(page) == "Start"


@pytest.fixture
def accounts_case(demo_data, tmp_path):
    """The 2024 agreement's economy tab and IOGT-NTO's report URL (read before the browser
    starts: no database calls while Playwright's event loop runs), and a small PDF."""
    from partnerships.models import Agreement, Sector

    agreement = Agreement.objects.get(
        period_start__year=2024, parties__organisation__name="IOGT-NTO Kamratstödet"
    )
    party = agreement.parties.get(
        role=Sector.IDEA_BASED, organisation__name="IOGT-NTO Kamratstödet"
    )
    pdf = tmp_path / "Årsredovisning 2024.pdf"
    pdf.write_bytes(files.pdf_with_text("Årsredovisning 2024 för IOGT-NTO Kamratstödet"))
    return {
        "economy": reverse("finance:economy", args=[agreement.pk]),
        "report": reverse("finance:economic_report", args=[agreement.pk, party.pk, 2024]),
        "pdf": pdf,
    }


def test_partner_files_the_yearly_accounts_and_the_administrator_claims_the_remainder(
    accounts_case, browser_page
):
    page, a11y = browser_page
    login(page, "iogt", a11y=a11y)
    a11y.check()

    page.goto(accounts_case["economy"])
    a11y.check()
    page.get_by_role("link", name="IOGT-NTO Kamratstödet – redovisning 2024").click()
    assert heading(page).startswith("Ekonomisk redovisning 2024")
    a11y.check()

    # Actual costs per budget line, a comment per deviation, own financing, another funder.
    page.get_by_label("Anställda: utfall (kr)").fill("210 000")
    page.get_by_label("Anställda: kommentar till avvikelsen").fill("Löneökning enligt avtal.")
    page.get_by_label("Volontärer/personal: utfall (kr)").fill("150 000")
    page.get_by_label("Volontärer/personal: kommentar till avvikelsen").fill(
        "Färre volontärtimmar än planerat."
    )
    page.get_by_label("Lokalkostnader m.m.: utfall (kr)").fill("170 000")
    page.get_by_label("Egen finansiering (kr)").fill("195 310")
    page.get_by_label("Annan finansiär 1: namn").fill("Allmänna arvsfonden")
    page.get_by_label("Annan finansiär 1: belopp (kr)").fill("20 000")
    page.get_by_role("button", name="Spara utkast").click()
    assert _message(page) == "Utkastet är sparat."
    assert "Syns bara för IOGT-NTO Kamratstödet" in _main(page)
    a11y.check("draft saved")

    # The annual accounts, uploaded to the draft (a small PDF; its type read from the content).
    page.get_by_label("Typ av dokument").select_option(label="Årsredovisning")
    page.get_by_label("Fil").set_input_files(str(accounts_case["pdf"]))
    page.get_by_role("button", name="Ladda upp").click()
    assert _message(page) == "Filen har laddats upp."
    assert page.get_by_role("link", name="Årsredovisning 2024.pdf").is_visible()
    a11y.check("attachment uploaded")

    page.get_by_role("button", name="Lämna in").click()
    assert _message(page) == "Redovisningen är inlämnad."
    a11y.check("submitted")

    # The administrator: budget against actual per line, the deviations, the accounts.
    _switch_user(page, "handlaggare")
    page.goto(accounts_case["report"])
    a11y.check("administrator")
    table = page.locator("table").first
    staff = squash(table.get_by_role("row", name=re.compile("^Anställda")).inner_text())
    assert "205 000 kr 210 000 kr 5 000 kr 2,4 %" in staff
    assert "Löneökning enligt avtal." in staff
    volunteers = squash(table.get_by_role("row", name=re.compile("^Volontärer")).inner_text())
    assert "160 000 kr 150 000 kr" in volunteers and "-6,3 %" in volunteers.replace("−", "-")
    total = squash(table.locator("tfoot").inner_text())
    assert "535 000 kr 530 000 kr" in total
    assert "Allmänna arvsfonden: 20 000 kr" in _main(page)
    assert page.get_by_role("link", name="Årsredovisning 2024.pdf").is_visible()
    remainder = squash(page.get_by_role("row", name=re.compile("^Outnyttjat")).inner_text())
    remainder_kr = re.sub(r"\D", "", remainder)
    assert int(remainder_kr) > 0

    # A repayment claim started from the remainder: prefilled, editable, decided later.
    page.get_by_role("link", name=re.compile("^Starta återbetalningskrav")).click()
    a11y.check()
    assert re.sub(r"\D", "", page.get_by_label("Belopp (kr)").input_value()) == remainder_kr
    assert (
        "Allmänna"
        not in page.get_by_label(re.compile("^Skäl|^Motivering|^Anledning")).input_value()
    )
    page.get_by_role("button", name="Skapa återbetalningskrav").click()
    assert _message(page) == "Återbetalningskravet är skapat. Det beslutas senare."
    assert "Återbetalningskrav från redovisningen" in _main(page)
    a11y.check("claim created")

    a11y.assert_clean()


def test_partner_initiative_with_statutes_becomes_a_draft_agreement(
    demo_data, tmp_path, browser_page
):
    page, a11y = browser_page
    statutes = tmp_path / "Stadgar.pdf"
    statutes.write_bytes(files.pdf_with_text("Stadgar för föreningen, antagna 2020"))
    accounts = tmp_path / "Årsredovisning 2025.pdf"
    accounts.write_bytes(files.pdf_with_text("Årsredovisning 2025"))

    login(page, "iogt", a11y=a11y)
    a11y.check()
    page.goto("/initiativ/")
    a11y.check()
    page.get_by_role("link", name="Lämna ett initiativ").click()
    a11y.check()
    page.get_by_label("Till (offentlig part)").select_option(label="Linköpings kommun")
    page.get_by_label("Rubrik").fill("Läxhjälp i Skäggetorp")
    page.get_by_label("Behov").fill("Många barn i Skäggetorp saknar stöd med skolarbetet.")
    page.get_by_label("Målgrupp").fill("Barn i årskurs 4–9.")
    page.locator("#id_goals").fill("Fler elever klarar matematik\nFler föräldrar deltar i skolan")
    page.get_by_label("Budget: anställda (kr per år)").fill("300 000")
    page.get_by_label("Budget: volontärer (kr per år)").fill("50 000")
    page.get_by_label("Egen insats i pengar (kr per år)").fill("40 000")
    page.get_by_label("Beskrivning av organisationen").fill("Ideell förening sedan 1985.")
    page.get_by_label("Firmatecknare").fill("Anna Andersson, ordförande")
    page.get_by_role("button", name="Lämna initiativet").click()
    assert _message(page) == "Initiativet är inlämnat."
    a11y.check()

    page.get_by_label("Typ av dokument").select_option(label="Stadgar")
    page.get_by_label("Avser år").fill("2020")
    page.get_by_label("Fil").set_input_files(str(statutes))
    page.get_by_role("button", name="Ladda upp").click()
    assert _message(page) == "Filen har laddats upp."
    assert page.get_by_role("link", name="Stadgar.pdf").is_visible()
    a11y.check("statutes uploaded")

    # The administrator asks for a completion.
    _switch_user(page, "handlaggare")
    page.goto("/initiativ/")
    a11y.check("administrator's queue")
    page.get_by_role("link", name="Läxhjälp i Skäggetorp").click()
    assert page.get_by_role("link", name="Stadgar.pdf").is_visible()
    a11y.check("administrator")
    page.get_by_label("Vad ska kompletteras?").fill(
        "Bifoga den senaste årsredovisningen och ange kostnaden för lokaler."
    )
    page.get_by_role("button", name="Begär komplettering").click()
    assert _message(page).startswith("Begäran om komplettering är sparad.")
    a11y.check("completion asked")

    # The partner sees what is asked and completes.
    _switch_user(page, "iogt")
    page.goto("/initiativ/")
    page.get_by_role("link", name="Läxhjälp i Skäggetorp").click()
    assert "Bifoga den senaste årsredovisningen" in _main(page)
    a11y.check("completion requested")
    page.get_by_role("link", name="Komplettera initiativet").click()
    a11y.check()
    page.get_by_label("Budget: lokaler (kr per år)").fill("120 000")
    page.get_by_label("Svar på kompletteringen").fill(
        "Årsredovisningen är uppladdad; lokalerna kostar 120 000 kr per år."
    )
    page.get_by_role("button", name="Spara kompletteringen").click()
    assert _message(page) == "Initiativet är kompletterat."
    page.get_by_label("Typ av dokument").select_option(label="Årsredovisning")
    page.get_by_label("Avser år").fill("2025")
    page.get_by_label("Fil").set_input_files(str(accounts))
    page.get_by_role("button", name="Ladda upp").click()
    assert _message(page) == "Filen har laddats upp."
    assert "totalt 470000 kr" in _main(page).replace(" 000", "000")
    a11y.check("completed")

    # The administrator assesses: the IOP criteria, procurement, competence, de minimis.
    _switch_user(page, "handlaggare")
    page.goto("/initiativ/")
    page.get_by_role("link", name="Läxhjälp i Skäggetorp").click()
    assert "lokalerna kostar 120 000 kr per år" in _main(page)
    a11y.check("answer received")
    page.get_by_role("link", name="Bedöm initiativet").click()
    a11y.check()
    for prefix, _label in IOP_CRITERIA:
        page.locator(f"#id_{prefix}_met").check()
        page.locator(f"#id_{prefix}_reason").fill("Uppfyllt enligt initiativet och dialogen.")
    for prefix, _label in STATE_AID_CRITERIA:
        page.locator(f"#id_{prefix}_reason").fill("Bedömt enligt Upphandlingsmyndighetens stöd.")
    page.locator("#id_procurement_reason").fill("Inget ömsesidigt bindande avtal mot ersättning.")
    page.locator("#id_competence_reason").fill("Allmänt intresse inom kommunens område.")
    page.get_by_label("Stöd av mindre betydelse (de minimis)").check()
    page.locator("#id_de_minimis_amount_sek").fill("470000")
    page.locator("#id_decision_date").fill("2026-12-10")
    page.locator("#id_sek_per_eur").fill("11.2345")
    page.locator("#id_declaration_note").fill("Organisationens försäkran om annat stöd.")
    page.get_by_label("Jurist").check()
    page.locator("#id_signed_off_name").fill("Kommunjurist Eva Ek")
    page.get_by_role("button", name="Spara bedömningen").click()
    assert _message(page).startswith("Bedömningen är sparad.")
    a11y.check("assessed")

    # The draft agreement keeps goals, target group, parties and budget, and links back.
    page.get_by_label("Gäller från och med").fill("2027-01-01")
    page.get_by_label("Gäller till och med").fill("2029-12-31")
    page.get_by_role("button", name="Skapa utkast till överenskommelse").click()
    assert _message(page) == "Ett utkast till överenskommelse är skapat från initiativet."
    main = _main(page)
    assert "Läxhjälp i Skäggetorp" in heading(page)
    assert "Från initiativ Läxhjälp i Skäggetorp" in main
    assert "Fler elever klarar matematik" in main and "Barn i årskurs 4–9." in main
    assert "IOGT-NTO Kamratstödet" in main and "Linköpings kommun" in main
    a11y.check("draft agreement")
    page.get_by_role("navigation", name="Delar av överenskommelsen").get_by_role(
        "link", name="Ekonomi"
    ).click()
    economy = _main(page)
    assert "300 000 kr" in economy and "120 000 kr" in economy
    a11y.check("draft economy")
    page.get_by_role("navigation", name="Delar av överenskommelsen").get_by_role(
        "link", name="Bilagor"
    ).click()
    assert page.get_by_role("link", name="Stadgar.pdf").is_visible()
    assert page.get_by_role("link", name="Årsredovisning 2025.pdf").is_visible()
    a11y.check("draft attachments")
    page.get_by_role("link", name="Överenskommelse", exact=True).click()
    page.get_by_role("link", name="Läxhjälp i Skäggetorp", exact=True).click()
    assert "Initiativet blev överenskommelsen" in _main(page)
    assert "Inte beslutad ännu" in _main(page)
    a11y.check("became an agreement")

    a11y.assert_clean()
