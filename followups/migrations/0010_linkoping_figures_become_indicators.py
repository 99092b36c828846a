"""Linköping's fixed figures become indicators of each agreement that has figures, with
every value kept (the same numbers in the pages, charts and PDFs). The template is copied
here on purpose: a migration must not change when the app's code does."""

from decimal import Decimal

from django.db import migrations

# name, unit, kind, maximum, (field) or (low field, high field)
TEMPLATE = [
    ("Öppet", "timmar per dag", "range", 24, ("opening_hours_min", "opening_hours_max")),
    ("Öppna dagar under perioden", "", "number", 366, ("open_days",)),
    ("Besökare per dag (ungefär)", "", "number", 100_000, ("visitors_per_day",)),
    ("Återkommande besökare (stammisar)", "", "number", 100_000, ("regular_visitors",)),
    ("Unika personer under perioden", "", "number", 100_000, ("unique_persons",)),
    ("Andel som kommer ofta", "%", "share", 100, ("share_often",)),
    ("Andel som kommer ibland", "%", "share", 100, ("share_sometimes",)),
    ("Andel som kommer sällan", "%", "share", 100, ("share_rarely",)),
    ("Personer i arbetsträning", "", "number", 100_000, ("work_training_persons",)),
    (
        "Arbetsträning",
        "timmar i veckan",
        "range",
        60,
        ("work_training_hours_min", "work_training_hours_max"),
    ),
]


def forwards(apps, schema_editor):
    Figures = apps.get_model("followups", "Figures")
    Indicator = apps.get_model("followups", "Indicator")
    IndicatorValue = apps.get_model("followups", "IndicatorValue")
    agreement_ids = sorted(set(Figures.objects.values_list("round__agreement_id", flat=True)))
    for agreement_id in agreement_ids:
        indicators = [
            Indicator.objects.get_or_create(
                agreement_id=agreement_id,
                name=name,
                defaults={
                    "unit": unit,
                    "kind": kind,
                    "maximum": Decimal(maximum),
                    "position": position,
                },
            )[0]
            for position, (name, unit, kind, maximum, _fields) in enumerate(TEMPLATE, start=1)
        ]
        for figures in Figures.objects.filter(round__agreement_id=agreement_id):
            for indicator, (_n, _u, _k, _m, fields) in zip(indicators, TEMPLATE, strict=True):
                numbers = [getattr(figures, name) for name in fields]
                if all(number is None for number in numbers):
                    continue
                low = numbers[0] if numbers[0] is not None else numbers[-1]
                high = numbers[-1] if len(numbers) == 2 else None
                if high is not None and high == low:
                    high = None
                IndicatorValue.objects.update_or_create(
                    indicator=indicator,
                    round_id=figures.round_id,
                    organisation_id=figures.organisation_id,
                    defaults={"value": Decimal(low), "value_max": high},
                )


def backwards(apps, schema_editor):
    Figures = apps.get_model("followups", "Figures")
    IndicatorValue = apps.get_model("followups", "IndicatorValue")
    by_name = {name: fields for name, _u, _k, _m, fields in TEMPLATE}
    for value in IndicatorValue.objects.select_related("indicator"):
        fields = by_name.get(value.indicator.name)
        figures = Figures.objects.filter(
            round_id=value.round_id, organisation_id=value.organisation_id
        ).first()
        if fields is None or figures is None:
            continue
        setattr(figures, fields[0], value.value)
        if len(fields) == 2:
            setattr(figures, fields[1], value.value_max if value.value_max is not None else value.value)
        figures.save()
    IndicatorValue.objects.all().delete()
    apps.get_model("followups", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("followups", "0009_indicators_and_values")]

    operations = [migrations.RunPython(forwards, backwards)]
