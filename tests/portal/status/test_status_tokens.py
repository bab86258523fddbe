"""Tests for the signed session cookie and the anti-CSRF tokens."""

from urad.podnety.portal.status import tokens


SECRET = b"s" * 32


class TestCsrf:
    def test_token_matches_own_nonce(self):
        """A token made for a nonce checks against that nonce."""
        nonce = tokens.new_nonce()
        assert tokens.check_csrf(SECRET, nonce, tokens.csrf_token(SECRET, nonce))

    def test_token_rejected_for_other_nonce(self):
        """A token from another browser's nonce is rejected."""
        token = tokens.csrf_token(SECRET, tokens.new_nonce())
        assert not tokens.check_csrf(SECRET, tokens.new_nonce(), token)

    def test_missing_parts_rejected(self):
        """A missing cookie or token is rejected."""
        nonce = tokens.new_nonce()
        assert not tokens.check_csrf(SECRET, nonce, "")
        assert not tokens.check_csrf(SECRET, None, tokens.csrf_token(SECRET, nonce))


class TestSession:
    def test_round_trip(self):
        """A fresh cookie returns its reference number and generation."""
        value = tokens.make_session(SECRET, "PDN-2026-00042", "g1", expires=200)
        data = tokens.read_session(SECRET, value, now=100)
        assert data["ref"] == "PDN-2026-00042"
        assert data["gen"] == "g1"

    def test_expired(self):
        """An expired cookie is rejected."""
        value = tokens.make_session(SECRET, "PDN-2026-00042", "g1", expires=200)
        assert tokens.read_session(SECRET, value, now=200) is None

    def test_tampered_payload(self):
        """Changing the reference number in the cookie breaks the signature."""
        value = tokens.make_session(SECRET, "PDN-2026-00042", "g1", expires=200)
        other = tokens.make_session(SECRET, "PDN-2026-00043", "g1", expires=200)
        forged = other.split(".")[0] + "." + value.split(".")[1]
        assert tokens.read_session(SECRET, forged, now=100) is None

    def test_other_secret(self):
        """A cookie signed with another secret is rejected."""
        value = tokens.make_session(b"x" * 32, "PDN-2026-00042", "g1", expires=200)
        assert tokens.read_session(SECRET, value, now=100) is None

    def test_garbage(self):
        """Malformed values are rejected without an exception."""
        for value in ["", "abc", "a.b.c", "!!!.???", "e30.sig"]:
            assert tokens.read_session(SECRET, value, now=100) is None

    def test_client_key_hides_address(self):
        """Client keys are stable per address and do not contain it."""
        key = tokens.client_key(SECRET, "192.0.2.15")
        assert key == tokens.client_key(SECRET, "192.0.2.15")
        assert key != tokens.client_key(SECRET, "192.0.2.16")
        assert "192" not in key
