"""Sign the status-page session cookie and the anti-CSRF form tokens.

Both are HMAC-SHA256 over a site secret that never leaves the database, so a
citizen cannot forge a session for another podnět or reuse a form token
taken from another browser.
"""

import base64
import hashlib
import hmac
import json
import secrets


def b64encode(data: bytes) -> str:
    """Encode bytes as URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64decode(text: str) -> bytes:
    """Decode URL-safe base64 with or without padding."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: bytes, purpose: str, payload: bytes) -> str:
    mac = hmac.new(secret, purpose.encode("ascii") + b"\0" + payload, hashlib.sha256)
    return b64encode(mac.digest())


def new_nonce() -> str:
    """Return a random value for the anti-CSRF cookie."""
    return secrets.token_urlsafe(24)


def csrf_token(secret: bytes, nonce: str) -> str:
    """Return the form token bound to the browser's anti-CSRF cookie."""
    return _sign(secret, "csrf", nonce.encode("utf-8"))


def check_csrf(secret: bytes, nonce: str | None, token: str | None) -> bool:
    """Return True when the posted token matches the browser's cookie."""
    if not nonce or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, nonce), token)


def make_session(secret: bytes, reference_number: str, generation: str, expires):
    """Return a signed cookie value naming the podnět and its password."""
    body = {"ref": reference_number, "gen": generation, "exp": int(expires)}
    payload = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    return f"{b64encode(payload)}.{_sign(secret, 'session', payload)}"


def read_session(secret: bytes, value: str | None, now: float) -> dict | None:
    """Return the session data of a valid, unexpired cookie, else None."""
    if not value or value.count(".") != 1:
        return None
    encoded, signature = value.split(".")
    try:
        payload = b64decode(encoded)
    except ValueError:
        return None
    if not hmac.compare_digest(_sign(secret, "session", payload), signature):
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("exp", 0) <= now:
        return None
    return data


def client_key(secret: bytes, address: str) -> str:
    """Return a keyed hash of a client address, so no raw IPs are stored."""
    return _sign(secret, "client", (address or "unknown").encode("utf-8"))
