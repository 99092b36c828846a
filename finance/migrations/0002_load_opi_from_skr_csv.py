"""Load SKR's published OPI values (data/opi-skr.csv) so every installation has them.

The file is read as it is shipped with the project; the parsing is kept here (not imported
from the app) so the migration does not change when the app's importer does.
"""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parents[2] / "data" / "opi-skr.csv"


def _decimal(text):
    text = (text or "").strip().replace(",", ".")
    return Decimal(text) if text else None


def _date(text):
    text = (text or "").strip()
    return dt.date.fromisoformat(text) if text else None


def load(apps, schema_editor):
    IndexSeries = apps.get_model("finance", "IndexSeries")
    IndexValue = apps.get_model("finance", "IndexValue")
    series, _ = IndexSeries.objects.get_or_create(
        name="OPI",
        defaults={"description": "Omsorgsprisindex, publiceras av SKR"},
    )
    with CSV_PATH.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            IndexValue.objects.update_or_create(
                series=series,
                year=int(row["year"]),
                defaults={
                    "preliminary_percent": _decimal(row["preliminary_percent"]),
                    "preliminary_published": _date(row["preliminary_published"]),
                    "definitive_percent": _decimal(row["definitive_percent"]),
                    "definitive_published": _date(row["definitive_published"]),
                    "source": row["source"].strip(),
                },
            )


def unload(apps, schema_editor):
    IndexValue = apps.get_model("finance", "IndexValue")
    IndexValue.objects.filter(series__name="OPI").delete()


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_money_models")]

    operations = [migrations.RunPython(load, unload)]
