"""The electronic seal (PAdES) of issued documents, and its verification.

``seal_pdf`` is called once, from ``issuing.finalise_pdf``: the checksum of an issued
document is taken of the sealed bytes. The seal is the public body's: a certificate and
private key in a PKCS#12 file named by the environment (see ``seal_config``). Without a
configured seal the PDF is issued unsealed, as before (development, tests that do not
need it); ``IOP_SEAL_REQUIRED=true`` refuses that in production.

The seal is an incremental update (pyHanko): the rendered PDF/A bytes stay as they are and
the signature is appended, so the XMP ``pdfaid`` markers and the OutputIntent survive.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FIELD_NAME = "Sigill"


@dataclass(frozen=True)
class SealConfig:
    pkcs12_path: Path
    passphrase: bytes | None


def _digits(organisation_number: str | None) -> str:
    return re.sub(r"\D", "", organisation_number or "")


def seal_config(organisation) -> SealConfig | None:
    """The body's seal: ``IOP_SEALS[<orgnr digits>]`` if set, else the installation's
    ``IOP_SEAL`` (both read from the environment in settings), else None."""
    per_body = getattr(settings, "IOP_SEALS", {}) or {}
    entry = per_body.get(_digits(getattr(organisation, "organisation_number", None)))
    entry = entry or getattr(settings, "IOP_SEAL", None)
    if not entry or not entry.get("pkcs12"):
        return None
    passphrase = entry.get("passphrase")
    return SealConfig(
        Path(entry["pkcs12"]), passphrase.encode() if isinstance(passphrase, str) else passphrase
    )


def seal_pdf(pdf: bytes, *, organisation) -> bytes:
    """The PDF with the body's PAdES seal (B-B level), or unchanged without a seal."""
    config = seal_config(organisation)
    if config is None:
        if getattr(settings, "IOP_SEAL_REQUIRED", False):
            raise ImproperlyConfigured(
                "IOP_SEAL_REQUIRED är på men inget sigill (IOP_SEAL_PKCS12) är konfigurerat."
            )
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=str(config.pkcs12_path), passphrase=config.passphrase
    )
    if signer is None:
        raise ImproperlyConfigured(f"Sigillet i {config.pkcs12_path} kunde inte läsas.")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Utfärdat dokument, elektroniskt sigill",
        location=getattr(organisation, "name", ""),
        name=getattr(organisation, "name", None),
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


# --- verification ---------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    present: bool
    intact: bool = False  # the signed bytes are unchanged
    trusted: bool = False  # the certificate chains to a trusted root
    covers_whole_file: bool = False  # nothing was added after the seal
    signer: str = ""
    signed_at: dt.datetime | None = None
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.present and self.intact and self.trusted and self.covers_whole_file


def trust_roots() -> list[asn1_x509.Certificate]:
    """The certificates that sealed documents are checked against (``IOP_SEAL_TRUST_ROOTS``,
    PEM files)."""
    roots = []
    for path in getattr(settings, "IOP_SEAL_TRUST_ROOTS", []) or []:
        roots += load_pem_certificates(Path(path).read_bytes())
    return roots


def load_pem_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    from asn1crypto import pem

    return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def check_signature(pdf: bytes, roots: list[asn1_x509.Certificate] | None = None) -> SignatureCheck:
    """Validate the document's seal as ``pyhanko sign validate`` does, trusting ``roots``
    (default: ``trust_roots()``) and nothing fetched from the network."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - any unreadable upload is "not a sealed PDF"
        return SignatureCheck(present=False, problem=f"Filen kan inte läsas som PDF ({exc}).")
    if not signatures:
        return SignatureCheck(present=False, problem="Filen har inget elektroniskt sigill.")
    signature = signatures[-1]
    context = ValidationContext(
        trust_roots=roots if roots is not None else trust_roots(), allow_fetching=False
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as exc:  # noqa: BLE001
        return SignatureCheck(present=True, problem=f"Sigillet kan inte kontrolleras ({exc}).")
    coverage = status.coverage.name if status.coverage else ""
    return SignatureCheck(
        present=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=coverage == "ENTIRE_FILE",
        signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
        signed_at=status.signer_reported_dt,
    )


# --- a self-made seal for development and tests ----------------------------------------


_KEY_USES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
    "encipher_only",
    "decipher_only",
)


def _key_usage(*allowed: str):
    """The key usage extension with only the named uses allowed (test seals only)."""
    from cryptography import x509

    return x509.KeyUsage(**{use: use in allowed for use in _KEY_USES})


def make_test_seal(
    *, common_name: str, organisation_number: str = "", passphrase: bytes | None = None
) -> tuple[bytes, bytes]:
    """(PKCS#12 with a seal certificate and its key, PEM of the CA that issued it): a
    throwaway CA and seal certificate, valid for two years. Never for production."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{common_name} test-CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage("key_cert_sign", "crl_sign"), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, common_name),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
    ]
    if organisation_number:
        attributes.append(
            x509.NameAttribute(
                NameOID.ORGANIZATION_IDENTIFIER, f"NTRSE-{_digits(organisation_number)}"
            )
        )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=729))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage("digital_signature", "content_commitment"), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    p12 = pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [ca_cert], encryption
    )
    return p12, ca_cert.public_bytes(serialization.Encoding.PEM)
