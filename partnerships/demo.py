"""Placeholder; replaced by the Linköping case."""
from dataclasses import dataclass

DEMO_PASSWORD = "iop-demo-2026"
DEMO_USERS_DESCRIPTION: list = []


@dataclass
class DemoCase:
    organisations: dict
    agreements: dict
    users: dict


def seed() -> DemoCase:
    return DemoCase({}, {}, {})
