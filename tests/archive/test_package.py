"""Archive packages (E-ARK CSIP/SIP, METS validated against the shipped schemas) and the
auditors' dossier: complete, checksummed, reproducible, scoped."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from lxml import etree

from archive import package
from archive.validation import mets_errors
from documents.models import DocumentKind, IssuedDocument
from partnerships.models import Termination
from tests.factories import agreement_with_parties
from tests.followups.factories import RoundFactory

pytestmark = pytest.mark.django_db
NS = {"m": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}


def _issue(world, agreement, version, content):
    document = IssuedDocument(
        kind=DocumentKind.AGREEMENT, agreement=agreement, organisation=world.municipality,
        version=version, title="Överenskommelse", filename="overenskommelse.pdf",
        content=content, snapshot={}, issued_by=world.admin,
        issued_at=dt.datetime(2024, 1, 10 + version, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    document.save()
    return document


@pytest.fixture
def closed(world):
    agreement = world.agreement
    with time_machine.travel(dt.datetime(2024, 1, 5, 9, tzinfo=dt.UTC), tick=False):
        predecessor = agreement_with_parties(
            world.municipality, world.association, title="Föregångaren",
            period_start=dt.date(2021, 1, 1), period_end=dt.date(2023, 12, 31),
        )  # fmt: skip
        agreement.predecessor = predecessor
        agreement.title = "Kamratstöd"
        agreement.save()
        Termination.objects.create(
            agreement=agreement, given_by=world.municipality, notice_date=dt.date(2025, 1, 15)
        )
        RoundFactory(
            agreement=agreement, period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31), due_date=dt.date(2025, 1, 31),
        )  # fmt: skip
    _issue(world, agreement, 1, b"%PDF-1.7 version ett")
    _issue(world, agreement, 2, b"%PDF-1.7 version tva")
    return agreement


def _zip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_package_is_a_valid_csip_sip_with_checksums_for_every_file(closed):
    name, content = package.archive_package(closed)
    root = package.package_id(closed)
    assert name == f"{root}-sip.zip"
    files = _zip(content)
    mets = files.pop(f"{root}/METS.xml")
    assert mets_errors(mets) == []
    tree = etree.fromstring(mets)
    assert tree.get("OBJID") == root and tree.get("PROFILE").endswith("E-ARK-SIP.xml")
    header = tree.find("m:metsHdr", NS)
    assert header.get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"
    listed = {}
    for element in tree.iterfind(".//m:file", NS):
        href = element.find("m:FLocat", NS).get(f"{{{NS['xlink']}}}href")
        listed[href] = element
    for ref in tree.iterfind(".//m:mdRef", NS):
        listed[ref.get(f"{{{NS['xlink']}}}href")] = ref
    assert sorted(f"{root}/{path}" for path in listed) == sorted(files)
    for path, element in listed.items():
        data = files[f"{root}/{path}"]
        assert element.get("CHECKSUMTYPE") == "SHA-256"
        assert element.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), path
        assert element.get("SIZE") == str(len(data))
    pdfs = sorted(p for p in files if p.startswith(f"{root}/representations/rep1/data/"))
    assert [files[p] for p in pdfs] == [b"%PDF-1.7 version ett", b"%PDF-1.7 version tva"]
    assert {f"{root}/schemas/mets.xsd", f"{root}/schemas/DILCISExtensionMETS.xsd"} <= set(files)


def test_descriptive_metadata_has_chain_followups_documents_and_history(closed, world):
    files = _zip(package.archive_package(closed)[1])
    root = package.package_id(closed)
    data = json.loads(files[f"{root}/metadata/descriptive/agreement.json"])
    assert data["agreement"]["title"] == "Kamratstöd"
    assert data["agreement"]["status"] == "terminated"
    assert data["agreement"]["termination"]["notice_date"] == "2025-01-15"
    assert [p["organisation_number"] for p in data["agreement"]["parties"]] == [
        world.municipality.organisation_number,
        world.association.organisation_number,
    ]
    assert [a["title"] for a in data["renewal_chain"]] == ["Föregångaren", "Kamratstöd"]
    assert data["followups"][0]["due_date"] == "2025-01-31"
    assert [d["version"] for d in data["documents"]] == [1, 2]
    assert data["documents"][1]["sha256"] == hashlib.sha256(b"%PDF-1.7 version tva").hexdigest()
    history = files[f"{root}/documentation/change-history.txt"].decode()
    assert history.startswith("Ändringshistorik: Kamratstöd")
    assert "överenskommelsen" in history and "uppsägning" in history


def test_same_data_gives_the_same_bytes(closed):
    first = package.archive_package(closed)[1]
    with time_machine.travel(dt.datetime(2031, 6, 1, tzinfo=dt.UTC)):
        again = package.archive_package(closed)[1]
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = [i.filename for i in archive.infolist()]
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {archive.infolist()[0].date_time}


def test_a_change_in_the_data_changes_the_package(closed):
    before = package.archive_package(closed)[1]
    closed.registry_number = "SOCN 2099-1"
    closed.save()
    assert package.archive_package(closed)[1] != before


def test_dossier_holds_everything_in_reading_order(closed):
    name, content = package.auditors_dossier(closed)
    files = _zip(content)
    root = package.package_id(closed) + "-revision"
    assert name == f"{root}.zip"
    assert sorted(files) == [
        f"{root}/01-innehall.txt",
        f"{root}/02-agreement.json",
        f"{root}/03-erms.xml",
        f"{root}/04-01-overenskommelse.pdf",
        f"{root}/05-02-overenskommelse.pdf",
        f"{root}/06-change-history.txt",
    ]
    listing = files[f"{root}/01-innehall.txt"].decode()
    assert hashlib.sha256(b"%PDF-1.7 version ett").hexdigest() in listing
    assert files[f"{root}/05-02-overenskommelse.pdf"] == b"%PDF-1.7 version tva"


def test_downloads_and_their_scope(client_for, world, closed, client):
    url = reverse("archive:package", args=[closed.pk])
    response = client_for(world.admin).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert (
        client_for(world.board_staff).get(reverse("archive:dossier", args=[closed.pk])).status_code
        == 200
    )
    assert client_for(world.partner).get(url).status_code == 403
    assert client_for(world.outsider_admin).get(url).status_code == 404
    assert (
        client_for(world.outsider_admin)
        .get(reverse("archive:dossier", args=[closed.pk]))
        .status_code
        == 404
    )


def test_an_agreement_still_running_is_not_archived(client_for, world):
    response = client_for(world.admin).get(
        reverse("archive:package", args=[world.other_agreement.pk])
    )
    assert response.status_code == 404
    running = world.agreement
    response = client_for(world.admin).get(reverse("archive:package", args=[running.pk]))
    assert response.status_code == 403
    assert "Bara avslutade eller uppsagda" in response.content.decode()


def test_the_schema_refuses_a_broken_mets(closed):
    files, created = package.package_files(closed)
    mets = package.mets_xml(closed, files, created)
    broken = mets.replace(b'CHECKSUMTYPE="SHA-256"', b'CHECKSUMTYPE="SHA-999"', 1)
    assert mets_errors(broken)
