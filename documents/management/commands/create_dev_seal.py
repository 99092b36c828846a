"""A self-made seal for development: ``manage.py create_dev_seal`` writes a PKCS#12 file
with a test seal certificate and key, and the PEM of the test CA that issued it, and prints
the environment lines that make issued documents sealed with it. Never for production."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from documents.sealing import make_test_seal


class Command(BaseCommand):
    help = "Skapar ett testsigill (PKCS#12) och dess test-CA för utveckling."

    def add_arguments(self, parser):
        parser.add_argument("--name", default="Linköpings kommun (test)")
        parser.add_argument("--orgnr", default="212000-0449")
        parser.add_argument("--passphrase", default="dev-sigill")
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "seal"))

    def handle(self, *args, **options):
        folder = Path(options["dir"])
        folder.mkdir(parents=True, exist_ok=True)
        p12, ca_pem = make_test_seal(
            common_name=options["name"],
            organisation_number=options["orgnr"],
            passphrase=options["passphrase"].encode(),
        )
        p12_path, ca_path = folder / "dev-seal.p12", folder / "dev-seal-ca.pem"
        p12_path.write_bytes(p12)
        p12_path.chmod(0o600)
        ca_path.write_bytes(ca_pem)
        self.stdout.write(f"Testsigill: {p12_path}\nTest-CA: {ca_path}\nLägg i .env:")
        self.stdout.write(f"IOP_SEAL_PKCS12={p12_path}")
        self.stdout.write(f"IOP_SEAL_PASSPHRASE={options['passphrase']}")
        self.stdout.write(f"IOP_SEAL_TRUST_ROOTS={ca_path}")
