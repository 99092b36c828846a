"""Secrets in links and the keyed hash of a personal identity number: pure functions.

An invitation link carries ``secrets.token_urlsafe(32)``; only its SHA-256 is stored, so a
copy of the database opens no invitation. A personal identity number from the eID broker is
never stored: only HMAC-SHA256 with a key from the environment (a plain or salted hash of a
ten-digit number with a check digit is reversed by trying them all; without the key it is
not)."""

import base64
import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_token(value: str) -> bool:
    return bool(value) and _TOKEN.fullmatch(value) is not None


def normalise_personal_number(value: str) -> str:
    """Twelve digits (YYYYMMDDNNNN) from the forms brokers send (with or without a dash)."""
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) != 12:
        raise ValueError("Ett personnummer från e-legitimationen ska ha tolv siffror.")
    return digits


def personal_number_hmac(personal_number: str, *, key: str) -> str:
    """Keyed hash of a personal identity number, URL-safe base64 (43 characters).

    Base64 rather than hex: a run of ten or twelve decimal digits, which the privacy guard
    would take for a personal number, is then practically impossible."""
    if not key:
        raise ValueError("IOP_EID_HMAC_KEY saknas.")
    digest = hmac.new(
        key.encode(), normalise_personal_number(personal_number).encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
