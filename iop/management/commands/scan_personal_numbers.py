"""List the rows and fields that hold a personnummer or samordningsnummer (iop/privacy.py).

For an installation to clean what came in before the guard. Reads only: it changes
nothing, and it never prints a whole number (all digits but the first two are masked)."""

from django.core.management.base import BaseCommand, CommandError

from iop.privacy import scan_database


class Command(BaseCommand):
    help = (
        "Söker igenom databasen, historiktabellerna inräknade, efter personnummer och "
        "samordningsnummer och listar modell, rad (pk) och fält. Ändrar ingenting; numren "
        "visas maskerade."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--fail-if-found",
            action="store_true",
            help="Avsluta med felkod om något hittas (för schemalagda kontroller).",
        )

    def handle(self, *args, **options) -> None:
        findings = 0
        rows: set[tuple[str, object]] = set()
        for finding in scan_database():
            findings += 1
            rows.add((finding.model, finding.pk))
            self.stdout.write(
                f"{finding.model}\tpk={finding.pk}\t{finding.field}\t"
                f"{finding.kind} {finding.masked}"
            )
        if not findings:
            self.stdout.write("Inga personnummer eller samordningsnummer hittades.")
            return
        summary = (
            f"{findings} nummer i {len(rows)} {'rad' if len(rows) == 1 else 'rader'} hittades. "
            "Inget har ändrats. Rätta "
            "uppgifterna i respektive post; rader i historiktabellerna (Historical...) rensas "
            "av driftansvarig."
        )
        if options["fail_if_found"]:
            raise CommandError(summary)
        self.stdout.write(summary)
