"""Generate, hash and check the status-page passwords mailed to citizens.

Passwords are hashed with scrypt (RFC 7914) from Python's ``hashlib``, a
memory-hard key-derivation function that comes with the standard library
through OpenSSL. An offline attacker who copies the database pays memory as
well as time for every guess, and no extra dependency is needed.
"""

from urad.podnety.portal.status.tokens import b64decode
from urad.podnety.portal.status.tokens import b64encode

import hashlib
import hmac
import secrets


# Letters and digits that cannot be mistaken for each other when read from a
# phone screen or typed on a Czech keyboard: no 0/O/o, 1/l/I/i, and no y/z
# (their keys are swapped between the Czech and the English layout).
ALPHABET = "23456789abcdefghjkmnpqrstuvwx"
GROUP_SIZE = 4
GROUPS = 4
# 16 symbols from 29 give about 77 bits of entropy.

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
SALT_BYTES = 16
SCHEME = "scrypt"


def generate_password() -> str:
    """Return a new random password in dash-separated groups for typing."""
    groups = [
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE))
        for _ in range(GROUPS)
    ]
    return "-".join(groups)


def normalize_password(password: str) -> str:
    """Drop spaces and dashes and lower-case, as citizens type groups freely."""
    return "".join(ch for ch in password.lower() if ch not in " -\t")


def _derive(password: str, salt: bytes, n: int, r: int, p: int, dklen: int):
    return hashlib.scrypt(
        normalize_password(password).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=128 * r * (n + p + 2) + 1024 * 1024,
        dklen=dklen,
    )


def hash_password(password: str) -> str:
    """Return a self-describing salted scrypt hash of the password."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN)
    params = f"{SCRYPT_N}${SCRYPT_R}${SCRYPT_P}"
    return f"{SCHEME}${params}${b64encode(salt)}${b64encode(digest)}"


def verify_password(password: str, encoded: str | None) -> bool:
    """Check a password against a stored hash in constant time.

    A missing or malformed hash still costs one scrypt run, so the time of a
    failed check does not tell whether a password was ever issued.
    """
    try:
        scheme, n, r, p, salt, digest = (encoded or "").split("$")
        if scheme != SCHEME:
            raise ValueError(scheme)
        salt_bytes = b64decode(salt)
        expected = b64decode(digest)
        params = int(n), int(r), int(p)
    except ValueError:
        _derive(password, b"\0" * SALT_BYTES, SCRYPT_N, SCRYPT_R, SCRYPT_P, 32)
        return False
    actual = _derive(password, salt_bytes, *params, len(expected))
    return hmac.compare_digest(actual, expected)
