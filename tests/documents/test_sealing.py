"""The PAdES seal of issued documents and the public verification page."""

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents import sealing, services
from documents.models import IssuedDocument

VERIFY = "/dokument/verifiera/"


@pytest.fixture
def seal(settings, tmp_path):
    p12, ca_pem = sealing.make_test_seal(
        common_name="Linköpings kommun", organisation_number="212000-0449", passphrase=b"hemligt"
    )
    (tmp_path / "seal.p12").write_bytes(p12)
    (tmp_path / "ca.pem").write_bytes(ca_pem)
    settings.IOP_SEAL = {"pkcs12": str(tmp_path / "seal.p12"), "passphrase": "hemligt"}
    settings.IOP_SEAL_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    return sealing.load_pem_certificates(ca_pem)


@pytest.fixture
def sealed(world, full_agreement, seal):
    return services.agreement_issue(user=world.admin, agreement=full_agreement)


def _upload(client, content: bytes, name="dokument.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(VERIFY, {"file": SimpleUploadedFile(name, content, "application/pdf")})


def test_issued_document_is_sealed_and_the_checksum_covers_the_seal(sealed, seal):
    content = bytes(sealed.content)
    assert sealed.sha256 == hashlib.sha256(content).hexdigest()
    assert sealed.verify()
    check = sealing.check_signature(content, seal)
    assert check.valid, check
    assert "Linköpings kommun" in check.signer


def test_pdfa_markers_survive_the_seal(sealed):
    reader = PdfReader(io.BytesIO(bytes(sealed.content)))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)2', xmp)
    assert re.search(r'pdfaid:conformance(="|>)U', xmp)
    assert "/OutputIntents" in root
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    fields = [f.get_object() for f in root["/AcroForm"]["/Fields"]]
    assert [(f["/T"], f["/FT"]) for f in fields] == [("Sigill", "/Sig")]
    assert fields[0]["/V"].get_object()["/SubFilter"] == "/ETSI.CAdES.detached"


def test_one_changed_byte_fails_verification(sealed, seal):
    content = bytearray(sealed.content)
    # A byte inside the signed range (the first page's content), not the signature itself.
    position = content.index(b"stream") + 20
    content[position] ^= 0x01
    changed = bytes(content)
    check = sealing.check_signature(changed, seal)
    assert check.present and not check.intact and not check.valid


def test_a_seal_from_an_untrusted_ca_is_not_valid(sealed):
    _, other_ca = sealing.make_test_seal(common_name="Någon annan")
    check = sealing.check_signature(bytes(sealed.content), sealing.load_pem_certificates(other_ca))
    assert check.intact and not check.trusted and not check.valid


def test_without_a_configured_seal_documents_are_issued_unsealed(world, full_agreement):
    document = services.agreement_issue(user=world.admin, agreement=full_agreement)
    assert not sealing.check_signature(bytes(document.content)).present


def test_a_required_seal_that_is_missing_stops_the_issue(world, full_agreement, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.IOP_SEAL_REQUIRED = True
    with pytest.raises(ImproperlyConfigured):
        services.agreement_issue(user=world.admin, agreement=full_agreement)
    assert not IssuedDocument.objects.exists()


def test_a_body_specific_seal_takes_precedence(world, full_agreement, seal, settings, tmp_path):
    p12, ca = sealing.make_test_seal(common_name="Särskilt sigill", passphrase=b"x")
    (tmp_path / "own.p12").write_bytes(p12)
    digits = world.municipality.organisation_number.replace("-", "")
    settings.IOP_SEALS = {digits: {"pkcs12": str(tmp_path / "own.p12"), "passphrase": "x"}}
    document = services.agreement_issue(user=world.admin, agreement=full_agreement)
    check = sealing.check_signature(bytes(document.content), sealing.load_pem_certificates(ca))
    assert check.valid and "Särskilt sigill" in check.signer


# --- the verification page ----------------------------------------------------------------


def test_verification_page_names_the_document_and_version_without_login(client, sealed):
    response = client.get(VERIFY)
    assert response.status_code == 200
    response = _upload(client, bytes(sealed.content))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dokumentet är ett oförändrat utfärdat dokument." in html
    assert sealed.title in html
    assert "<dt>Version</dt><dd>1</dd>" in html
    assert "Sigillet är giltigt" in html and "Linköpings kommun" in html


def test_verification_page_rejects_a_changed_file(client, sealed):
    content = bytearray(sealed.content)
    content[content.index(b"stream") + 20] ^= 0x01
    html = _upload(client, bytes(content)).content.decode()
    assert "Filen motsvarar inget utfärdat dokument." in html
    assert "Sigillet är brutet" in html
    assert sealed.title not in html


def test_verification_tells_of_a_newer_version(client, world, full_agreement, sealed):
    services.agreement_issue(user=world.admin, agreement=full_agreement)
    html = _upload(client, bytes(sealed.content)).content.decode()
    assert "det finns en senare version, version 2" in html


def test_verification_of_something_else(client, db):
    html = _upload(client, b"inte en pdf").content.decode()
    assert "Filen motsvarar inget utfärdat dokument." in html
    assert "kan inte läsas som PDF" in html


def test_verification_refuses_a_file_over_the_limit(client, db, settings):
    settings.IOP_VERIFY_MAX_BYTES = 1000
    response = _upload(client, b"%PDF-" + b"x" * 2000)
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


def test_verification_queries_are_bounded(client, sealed, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        _upload(client, bytes(sealed.content))


def test_dev_seal_command_writes_a_usable_seal(tmp_path, capsys):
    call_command("create_dev_seal", "--dir", str(tmp_path), "--passphrase", "abc")
    out = capsys.readouterr().out
    assert f"IOP_SEAL_PKCS12={tmp_path / 'dev-seal.p12'}" in out
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12(str(tmp_path / "dev-seal.p12"), passphrase=b"abc")
    assert signer is not None and "Linköpings kommun" in signer.signing_cert.subject.human_friendly
    assert (tmp_path / "dev-seal.p12").stat().st_mode & 0o777 == 0o600
