"""Load the Linköping case from the seeds (idempotent). Never for production data."""

from django.core.management.base import BaseCommand
from django.db import transaction

import finance.demo
import finance.demo_region
import followups.demo
import followups.demo_region
from partnerships import demo as partnerships_demo
from partnerships import demo_region


class Command(BaseCommand):
    help = (
        "Läser in demodata: Linköpingsfallet ur seeds/, en andra kommun och en region (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            case = partnerships_demo.seed()
            finance.demo.seed(case)
            followups.demo.seed(case)
            # A second shape beside Linköping's: a region, from 1 July (issue 14).
            demo_region.seed_region(case)
            finance.demo_region.seed(case)
            followups.demo_region.seed(case)
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
        self.stdout.write(f"Demoanvändare (lösenord för alla: {partnerships_demo.DEMO_PASSWORD}):")
        users = partnerships_demo.DEMO_USERS_DESCRIPTION + demo_region.REGION_USERS_DESCRIPTION
        for username, description in users:
            self.stdout.write(f"  {username:<18} {description}")
