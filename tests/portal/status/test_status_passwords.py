"""Tests for status-page password generation and hashing."""

from urad.podnety.portal.status import passwords

import re
import time


class TestGeneratePassword:
    def test_format_is_grouped(self):
        """Passwords come as four dash-separated groups of four."""
        password = passwords.generate_password()
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)

    def test_no_look_alike_characters(self):
        """No 0 O o 1 l I i and no y/z appear in a large sample."""
        sample = "".join(passwords.generate_password() for _ in range(2000))
        for char in "0Oo1lIiyzYZ":
            assert char not in sample

    def test_all_alphabet_used(self):
        """Generation draws from the whole alphabet, not a fixed subset."""
        sample = "".join(passwords.generate_password() for _ in range(2000))
        assert set(sample.replace("-", "")) == set(passwords.ALPHABET)

    def test_passwords_differ(self):
        """Two thousand passwords are all different."""
        sample = {passwords.generate_password() for _ in range(2000)}
        assert len(sample) == 2000


class TestHashPassword:
    def test_hash_is_not_plain(self):
        """The stored hash does not contain the password."""
        password = passwords.generate_password()
        encoded = passwords.hash_password(password)
        assert password not in encoded
        assert passwords.normalize_password(password) not in encoded
        assert encoded.startswith("scrypt$16384$8$1$")

    def test_salted(self):
        """Hashing the same password twice gives different hashes."""
        assert passwords.hash_password("abcd") != passwords.hash_password("abcd")

    def test_verify_accepts_typed_variants(self):
        """Spaces, missing dashes and capitals still match."""
        password = "ab2c-de3f-gh4j-km5n"
        encoded = passwords.hash_password(password)
        assert passwords.verify_password(password, encoded)
        assert passwords.verify_password("AB2C DE3F GH4J KM5N", encoded)
        assert passwords.verify_password("ab2cde3fgh4jkm5n", encoded)

    def test_verify_rejects_wrong(self):
        """A different password does not match."""
        encoded = passwords.hash_password("ab2c-de3f-gh4j-km5n")
        assert not passwords.verify_password("ab2c-de3f-gh4j-km5p", encoded)
        assert not passwords.verify_password("", encoded)

    def test_verify_rejects_missing_or_broken_hash(self):
        """No hash or a malformed hash never matches."""
        assert not passwords.verify_password("x", None)
        assert not passwords.verify_password("x", "")
        assert not passwords.verify_password("x", "ssha$abc")
        assert not passwords.verify_password("x", "scrypt$a$b$c$d$e")

    def test_missing_hash_costs_like_real_check(self):
        """A check without a hash takes about as long as a real one."""
        encoded = passwords.hash_password("ab2c-de3f-gh4j-km5n")
        start = time.perf_counter()
        passwords.verify_password("wrong", encoded)
        real = time.perf_counter() - start
        start = time.perf_counter()
        passwords.verify_password("wrong", None)
        missing = time.perf_counter() - start
        assert missing > real / 3
