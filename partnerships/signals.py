"""Signals of the register, for apps above it (they connect; the register never imports them).

``successor_created``: sent inside the renewal's transaction with ``predecessor``,
``successor`` and ``user`` (who started it, or None); a receiver that raises rolls the
whole renewal back (nothing half-made).
"""

from django.dispatch import Signal

successor_created = Signal()

# Sent before a declined draft successor is deleted, with ``successor``; receivers remove
# their own rows of it (or raise to stop the decision).
successor_discarding = Signal()

# Sent inside the transaction that makes a draft agreement from an initiative, with
# ``agreement``, ``organisation`` (the idea-based party), ``lines`` (cost budget per year by
# category: "staff", "volunteers", "premises", "other"; whole kronor) and
# ``own_contribution``; finance writes the party's budget for each year of the period.
draft_budget_proposed = Signal()
