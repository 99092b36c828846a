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
