"""The case metadata of the archive package: E-ARK CITS ERMS 3.0 (FGS Ärendehantering 2.0),
validated with lxml against the shipped ERMS_v3.xsd, referenced from METS, reproducible."""

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.files.base import ContentFile
from lxml import etree

from archive import package
from archive.validation import SCHEMAS, erms_errors
from attachments.models import Attachment, AttachmentKind
from tests.archive.test_package import NS, _zip, closed  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
E = {"e": "https://DILCIS.eu/XML/ERMS"}
REPORT = b"%PDF-1.7 verksamhetsberattelse 2024"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def with_attachment(closed, world):  # noqa: F811
    with time_machine.travel(dt.datetime(2025, 2, 1, 10, tzinfo=dt.UTC), tick=False):
        attachment = Attachment(
            agreement=closed, organisation=world.association,
            kind=AttachmentKind.ACTIVITY_REPORT, year=2024, name="verksamhetsberattelse.pdf",
            content_type="application/pdf", size=len(REPORT),
            sha256=hashlib.sha256(REPORT).hexdigest(), uploaded_by=world.partner,
        )  # fmt: skip
        attachment.file.save(attachment.name, ContentFile(REPORT), save=False)
        attachment.save()
    return closed


def _package(agreement):
    files = _zip(package.archive_package(agreement)[1])
    root = package.package_id(agreement)
    return root, files


def test_erms_is_valid_against_the_shipped_schema_and_referenced_from_mets(with_attachment):
    root, files = _package(with_attachment)
    erms = files[f"{root}/metadata/descriptive/erms.xml"]
    assert erms_errors(erms) == []
    # validated here too, straight with lxml against the shipped file
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "ERMS_v3.xsd")))
    assert schema.validate(etree.fromstring(erms)), schema.error_log
    assert files[f"{root}/schemas/ERMS_v3.xsd"] == (SCHEMAS / "ERMS_v3.xsd").read_bytes()
    mets = etree.fromstring(files[f"{root}/METS.xml"])
    refs = {ref.get(f"{{{NS['xlink']}}}href"): ref for ref in mets.iterfind("m:dmdSec/m:mdRef", NS)}
    ref = refs["metadata/descriptive/erms.xml"]
    assert (ref.get("MDTYPE"), ref.get("OTHERMDTYPE")) == ("OTHER", "ERMS")
    assert ref.get("CHECKSUM") == hashlib.sha256(erms).hexdigest()
    structure = mets.find(".//m:div[@LABEL='Metadata']", NS).get("DMDID").split()
    assert ref.getparent().get("ID") in structure


def test_the_agreement_is_a_case_with_its_documents_and_attachments_as_records(
    with_attachment, world
):
    root, files = _package(with_attachment)
    tree = etree.fromstring(files[f"{root}/metadata/descriptive/erms.xml"])
    cases = tree.findall("e:aggregations/e:aggregation", E)
    assert len(cases) == 1
    case = cases[0]
    assert case.get("aggregationType") == "caseFile"
    assert case.findtext("e:title", namespaces=E) == "Kamratstöd"
    assert case.find("e:status", E).get("value") == "closed"
    assert case.findtext("e:objectId", namespaces=E) == with_attachment.registry_number
    # the renewal chain: this case replaces the predecessor's
    predecessor = with_attachment.predecessor
    assert [(r.get("relationType"), r.text) for r in case.findall("e:relation", E)] == [
        ("replaces", predecessor.registry_number or f"IOP-{predecessor.pk}")
    ]
    agents = {a.findtext("e:name", namespaces=E): a for a in case.findall("e:agents/e:agent", E)}
    assert agents[world.municipality.name].get("agentType") == "owner"
    assert agents[world.association.name].get("agentType") == "counterpart"
    assert (
        agents[world.association.name].findtext("e:idNumber", namespaces=E)
        == world.association.organisation_number
    )
    actions = [a.findtext("e:actionText", namespaces=E) for a in case.findall("e:action", E)]
    assert actions[0].startswith("Uppföljning 2024-01-01–2024-12-31")
    assert "Uppsagd av" in case.findtext("e:notes/e:note", namespaces=E)

    records = case.findall("e:record", E)
    direction = {r: r.find("e:direction", E).get("directionDefinition") for r in records}
    outgoing = [r for r in records if direction[r] == "outgoing"]
    incoming = [r for r in records if direction[r] == "incoming"]
    assert len(outgoing) == 2 and len(incoming) == 1
    # version 2 replaces version 1; each names its file and checksum
    first_id = outgoing[0].findtext("e:objectId", namespaces=E)
    assert first_id == f"{with_attachment.registry_number}-01"
    assert incoming[0].findtext("e:objectId", namespaces=E).endswith("-B01")
    assert outgoing[1].find("e:relation", E).text == first_id
    for record in records:
        path = record.find("e:additionalInformation/e:appendix", E).get("path")
        data = files[f"{root}/{path}"]
        assert record.findtext("e:notes/e:note", namespaces=E) == hashlib.sha256(data).hexdigest()
    assert files[f"{root}/" + incoming[0].find(".//e:appendix", E).get("path")] == REPORT
    assert incoming[0].findtext("e:agents/e:agent/e:name", namespaces=E) == world.association.name


def test_the_attachment_is_in_the_package_and_its_manifest(with_attachment):
    root, files = _package(with_attachment)
    path = f"{root}/representations/rep1/data/bilagor/01-verksamhetsberattelse.pdf"
    assert files[path] == REPORT
    mets = etree.fromstring(files[f"{root}/METS.xml"])
    hrefs = {f.get(f"{{{NS['xlink']}}}href") for f in mets.iterfind(".//m:FLocat", NS)}
    assert "representations/rep1/data/bilagor/01-verksamhetsberattelse.pdf" in hrefs


def test_the_case_metadata_is_reproducible(with_attachment):
    first = package.archive_package(with_attachment)[1]
    with time_machine.travel(dt.datetime(2032, 3, 1, tzinfo=dt.UTC)):
        assert package.archive_package(with_attachment)[1] == first


def test_the_schema_refuses_broken_case_metadata(with_attachment):
    root, files = _package(with_attachment)
    erms = files[f"{root}/metadata/descriptive/erms.xml"]
    assert erms_errors(erms.replace(b'aggregationType="caseFile"', b'aggregationType="case"'))
    assert erms_errors(erms.replace(b'value="closed"', b'value="stangd"', 1))


def test_amendments_are_in_the_case_and_the_description(with_attachment, world):
    from partnerships.models import Amendment

    Amendment.objects.create(
        agreement=with_attachment, decided_on=dt.date(2024, 6, 12), title="Utökat uppdrag",
        registry_number="SOCN 2024-0099", paragraph="§ 87",
    )  # fmt: skip
    root, files = _package(with_attachment)
    erms = files[f"{root}/metadata/descriptive/erms.xml"]
    assert erms_errors(erms) == []
    texts = [a.findtext("e:actionText", namespaces=E) for a in etree.fromstring(erms).iter(
        "{https://DILCIS.eu/XML/ERMS}action")]  # fmt: skip
    assert "Utökat uppdrag (SOCN 2024-0099), § 87" in texts
    assert b'"registry_number": "SOCN 2024-0099"' in files[
        f"{root}/metadata/descriptive/agreement.json"]  # fmt: skip
