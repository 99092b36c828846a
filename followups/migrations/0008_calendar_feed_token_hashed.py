"""Calendar-feed tokens are stored as their SHA-256 (issue 11). Existing addresses keep
working: each stored token is replaced by its hash, which is what the feed now looks up."""

import hashlib

from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("followups", "CalendarFeed")
    for feed in CalendarFeed.objects.all().only("pk", "token_hash"):
        feed.token_hash = hashlib.sha256(feed.token_hash.encode()).hexdigest()
        feed.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0007_merge_20261203_1354"),
    ]

    operations = [
        migrations.RenameField("calendarfeed", "token", "token_hash"),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
    ]
