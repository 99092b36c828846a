"""Generate the synthetic national data set for benchmarks (see tools/national_data.py)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from tools import national_data


class Command(BaseCommand):
    help = (
        "Genererar ett nationellt testdataset (290 kommuner, 21 regioner) för prestandatest. "
        "Aldrig mot en produktionsdatabas."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Frö (samma frö, samma data).")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Skala antalet kommuner och regioner (0.01 ger 3 kommuner och 1 region).",
        )
        parser.add_argument("--municipalities", type=int, help="Antal kommuner (före --scale).")
        parser.add_argument("--regions", type=int, help="Antal regioner (före --scale).")
        parser.add_argument(
            "--agreements",
            type=int,
            default=national_data.MEAN_AGREEMENTS,
            help="Genomsnittligt antal överenskommelser per kommun/region.",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="Referensdag (ÅÅÅÅ-MM-DD) för perioder, betalningar och uppföljningar; "
            "standard är dagens datum.",
        )

    def handle(self, *args, **options) -> None:
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale måste vara större än 0.")
        municipalities = options["municipalities"]
        if municipalities is None:
            municipalities = national_data.MUNICIPALITIES
        regions = options["regions"]
        if regions is None:
            regions = national_data.REGIONS
        municipalities = max(1, round(municipalities * scale)) if municipalities else 0
        regions = max(1, round(regions * scale)) if regions else 0
        self.stdout.write(
            f"Genererar {municipalities} kommuner och {regions} regioner, i snitt "
            f"{options['agreements']} överenskommelser var (frö {options['seed']}) ..."
        )
        try:
            counts = national_data.generate(
                seed=options["seed"],
                municipalities=municipalities,
                regions=regions,
                mean_agreements=options["agreements"],
                today=options["today"],
                log=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        width = max(len(label) for label in counts.rows)
        for label, n in sorted(counts.rows.items()):
            self.stdout.write(f"  {label:<{width}} {n:>9}")
        self.stdout.write(f"  {'totalt':<{width}} {sum(counts.rows.values()):>9}")
        self.stdout.write(
            self.style.SUCCESS(f"Klart på {counts.seconds:.1f} s.")
            + f" Lösenord för alla genererade användare: {national_data.NATIONAL_PASSWORD}"
        )
