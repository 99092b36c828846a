import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Separate from 0005: PostgreSQL cannot alter a table with pending deferred triggers.
    dependencies = [
        ("partnerships", "0005_organisation_ownership"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contactperson",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="kept_contacts",
                to="partnerships.organisation",
                verbose_name="uppgiften förs av",
            ),
        ),
    ]
