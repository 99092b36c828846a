import datetime as dt

import pytest
import time_machine

from tests.factories import ContactPersonFactory

from .factories import RoundFactory, linkoping_indicators


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield dt.date(2026, 11, 20)


@pytest.fixture
def open_round(world):
    """An open round of an agreement with Linköping's indicators."""
    linkoping_indicators(world.agreement)
    return RoundFactory(agreement=world.agreement)


@pytest.fixture
def contacts(world):
    return [
        ContactPersonFactory(
            organisation=world.municipality,
            name="Handläggare Kontakt",
            email="kontakt@linkoping.se",
        ),
        ContactPersonFactory(
            organisation=world.association,
            name="Föreningens kontakt",
            email="kontakt@iogt.example.org",
        ),
    ]
