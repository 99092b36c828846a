"""The data migration: Linköping's fixed figures become indicators of each agreement that
has figures, every value kept (followups 0009-0011)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("followups", "0008_calendar_feed_token_hashed")]
AFTER = [("followups", "0011_figures_numbers_removed")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fixed_figures_become_indicator_values_with_the_same_numbers(world):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Round = old.get_model("followups", "FollowUpRound")
    Figures = old.get_model("followups", "Figures")
    round = Round.objects.create(
        agreement_id=world.agreement.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        due_date=dt.date(2025, 12, 15),
    )
    Figures.objects.create(
        round=round,
        organisation_id=world.association.pk,
        opening_hours_min=Decimal(5),
        opening_hours_max=Decimal(9),
        open_days=220,
        unique_persons=90,
        share_often=34,
        share_sometimes=33,
        share_rarely=33,
        work_training_hours_min=Decimal(2),
        work_training_hours_max=Decimal(2),
        new_target_groups="Fler unga vuxna.",
        status="submitted",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Indicator = new.get_model("followups", "Indicator")
    Value = new.get_model("followups", "IndicatorValue")
    names = list(
        Indicator.objects.filter(agreement_id=world.agreement.pk)
        .order_by("position")
        .values_list("name", flat=True)
    )
    assert names[:2] == ["Öppet", "Öppna dagar under perioden"] and len(names) == 10
    assert not Indicator.objects.filter(agreement_id=world.other_agreement.pk).exists()
    values = {
        v.indicator.name: (v.value, v.value_max) for v in Value.objects.select_related("indicator")
    }
    assert values == {
        "Öppet": (5, 9),
        "Öppna dagar under perioden": (220, None),
        "Unika personer under perioden": (90, None),
        "Andel som kommer ofta": (34, None),
        "Andel som kommer ibland": (33, None),
        "Andel som kommer sällan": (33, None),
        "Arbetsträning": (2, None),
    }
    figures = new.get_model("followups", "Figures").objects.get()
    assert figures.new_target_groups == "Fler unga vuxna." and figures.status == "submitted"
