"""``db_state()``: every row of every table that holds agreements, money, notes or
documents, to assert that a refused request changed nothing at all."""

from django.apps import apps

APPS = ("partnerships", "finance", "followups", "documents")
SKIP = {"user"}  # last_login changes on force_login; users are not written by these forms


def db_state() -> dict[str, list[dict]]:
    state = {}
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.model_name in SKIP:
                continue
            rows = model._default_manager.order_by("pk").values()
            state[model._meta.label] = [
                {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
                for row in rows
            ]
    return state


def assert_unchanged(before: dict, after: dict) -> None:
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"tables changed: {changed}"
