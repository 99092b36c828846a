"""Smoke test of a running stack (``scripts/stack --smoke``); the checks are in
``tools/smoke.py``."""

from django.core.management.base import BaseCommand, CommandError

from tools import smoke


class Command(BaseCommand):
    help = "Röktest mot en körande server och bakgrundsarbetare (skriver demodata)."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True)
        parser.add_argument("--timeout", type=float, default=90)

    def handle(self, *args, base_url: str, timeout: float, **options) -> None:
        try:
            smoke.run(base_url, timeout, self.stdout.write)
        except smoke.SmokeFailure as failure:
            raise CommandError(str(failure)) from failure
        self.stdout.write(self.style.SUCCESS("Bakgrundsarbetaren renderade årsrapporten."))
