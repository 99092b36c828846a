"""Moved to ``common.privacy``, the one text guard of every app. These names remain for
code written against this module; new code imports ``common.privacy``."""

from common.privacy import TextGuardFormMixin as PlainTextFormMixin
from common.privacy import control_characters as unsafe_characters
from common.privacy import reject_control_characters as validate_plain_text

__all__ = ["PlainTextFormMixin", "unsafe_characters", "validate_plain_text"]
