"""Time the main pages per role in-process and print a Markdown table (tools/benchmark.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tools import benchmark


class Command(BaseCommand):
    help = (
        "Mäter serverns tid och antal frågor för huvudsidorna per roll (Markdown-tabell). "
        "Kör med DEBUG=false."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=20, help="Mätta anrop per sida.")
        parser.add_argument("--warmup", type=int, default=3, help="Uppvärmningsanrop per sida.")
        parser.add_argument(
            "--organisation",
            help="Offentlig organisation (id eller organisationsnummer); standard är den "
            "med flest överenskommelser.",
        )
        parser.add_argument("--output", help="Skriv tabellen också till denna fil.")
        parser.add_argument("--quiet", action="store_true", help="Bara tabellen.")

    def handle(self, *args, **options) -> None:
        if options["repeat"] < 1 or options["warmup"] < 0:
            raise CommandError("--repeat måste vara minst 1 och --warmup minst 0.")
        if settings.DEBUG:
            self.stderr.write(
                "Varning: DEBUG är på; frågeloggningen gör sidorna långsammare än i drift."
            )
        try:
            report = benchmark.run(
                repeat=options["repeat"],
                warmup=options["warmup"],
                organisation=options["organisation"],
                log=None if options["quiet"] else self.stderr.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        text = report.markdown()
        self.stdout.write(text)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
