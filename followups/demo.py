"""Demo data of this app, loaded by ``manage.py seed_demo`` after the register.

``seed(case)`` must be idempotent; ``case`` is partnerships.demo.DemoCase.
"""

from partnerships.demo import DemoCase


def seed(case: DemoCase) -> None:
    return None
