"""Load the Linköping case from the seeds (idempotent). Never for production data."""

from django.core.management.base import BaseCommand
from django.db import transaction

import finance.demo
import followups.demo
from partnerships import demo as partnerships_demo


class Command(BaseCommand):
    help = "Läser in demodata: Linköpingsfallet ur seeds/ och en andra kommun (idempotent)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            case = partnerships_demo.seed()
            finance.demo.seed(case)
            followups.demo.seed(case)
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
        self.stdout.write(f"Demoanvändare (lösenord för alla: {partnerships_demo.DEMO_PASSWORD}):")
        for username, description in partnerships_demo.DEMO_USERS_DESCRIPTION:
            self.stdout.write(f"  {username:<18} {description}")
