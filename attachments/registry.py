"""How the apps above use attachments without this app importing them.

- ``register_target(model, may_attach)``: a model whose rows can carry attachments (a
  follow-up round, an economic report). ``may_attach(user, obj)`` answers a ``Decision``;
  every target has an ``agreement`` the attachment must share.
- ``register_keeper(fn)``: ``fn(attachment) -> reason | None``; an attachment some keeper
  holds (e.g. one an issued document refers to) cannot be deleted.
- ``register_private(fn)``: ``fn(user | None) -> Q`` on ``Attachment``: the attachments
  that user may not see although they see the agreement (e.g. those of a draft economic
  report, private to the party's organisation until it is submitted). ``None`` stands for
  a document, which only ever shows what is no longer private to anybody.

Apps register in ``AppConfig.ready``.
"""

from collections.abc import Callable

from django.db.models import Model, Q

from common.permissions import Decision

_targets: dict[str, Callable[[object, Model], Decision]] = {}
_keepers: list[Callable[[object], str | None]] = []
_private: list[Callable[[object | None], Q]] = []


def register_target(model: type[Model], may_attach: Callable[[object, Model], Decision]) -> None:
    _targets[model._meta.label_lower] = may_attach


def target_rule(model: type[Model]) -> Callable[[object, Model], Decision] | None:
    return _targets.get(model._meta.label_lower)


def register_keeper(keeper: Callable[[object], str | None]) -> None:
    if keeper not in _keepers:
        _keepers.append(keeper)


def unregister_keeper(keeper: Callable[[object], str | None]) -> None:
    if keeper in _keepers:
        _keepers.remove(keeper)


def kept_reason(attachment: object) -> str | None:
    for keeper in _keepers:
        reason = keeper(attachment)
        if reason:
            return reason
    return None


def register_private(rule: Callable[[object | None], Q]) -> None:
    if rule not in _private:
        _private.append(rule)


def private_to_others(user: object | None) -> Q | None:
    """The attachments hidden from ``user`` (None: nothing hidden)."""
    hidden = None
    for rule in _private:
        q = rule(user)
        hidden = q if hidden is None else hidden | q
    return hidden
