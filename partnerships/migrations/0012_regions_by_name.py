"""Public bodies named "Region ..." are regions (their texts say "regionen")."""

from django.db import migrations


def mark_regions(apps, schema_editor):
    Organisation = apps.get_model("partnerships", "Organisation")
    Organisation.objects.filter(sector="public", name__startswith="Region ").update(
        public_kind="region"
    )


def unmark_regions(apps, schema_editor):
    Organisation = apps.get_model("partnerships", "Organisation")
    Organisation.objects.filter(public_kind="region").update(public_kind="kommun")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0011_organisation_public_kind")]
    operations = [migrations.RunPython(mark_regions, unmark_regions)]
