"""Moved to ``common.privacy``, the one text guard of every app. These names remain for
code written against the follow-ups' guard; new code imports ``common.privacy``."""

from common.privacy import PRIVACY_NOTICE as PRIVACY_HELP
from common.privacy import PersonalNumberHit as IdentityNumberHit
from common.privacy import control_characters as unsafe_characters
from common.privacy import find_personal_numbers as find_identity_numbers
from common.privacy import luhn_valid
from common.privacy import validate_text as validate_free_text

__all__ = [
    "PRIVACY_HELP",
    "IdentityNumberHit",
    "find_identity_numbers",
    "luhn_valid",
    "unsafe_characters",
    "validate_free_text",
]
