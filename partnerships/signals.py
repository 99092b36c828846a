"""Signals of the register, for apps above it (they connect; the register never imports them).

``successor_created``: sent inside the renewal's transaction with ``predecessor`` and
``successor``; a receiver that raises rolls the whole renewal back (nothing half-made).
"""

from django.dispatch import Signal

successor_created = Signal()
