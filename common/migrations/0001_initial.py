from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("common", "DataVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, token=1, writes=0
    )


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.BigIntegerField(default=0)),
                ("writes", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "common_dataversion"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
