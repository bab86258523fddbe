"""Tests for the sliding-window throttle."""

from urad.podnety.portal.status.throttle import Throttle


class TestThrottle:
    def test_blocks_after_limit(self):
        """The key is blocked once it used up its attempts."""
        throttle = Throttle({}, limit=3, window=60)
        for second in range(3):
            assert not throttle.is_blocked("PDN-2026-00001", 100 + second)
            throttle.record("PDN-2026-00001", 100 + second)
        assert throttle.is_blocked("PDN-2026-00001", 103)

    def test_other_keys_unaffected(self):
        """Blocking one key leaves other keys free."""
        throttle = Throttle({}, limit=1, window=60)
        throttle.record("a", 100)
        assert throttle.is_blocked("a", 101)
        assert not throttle.is_blocked("b", 101)

    def test_window_slides(self):
        """Attempts older than the window no longer count."""
        throttle = Throttle({}, limit=2, window=60)
        throttle.record("a", 100)
        throttle.record("a", 130)
        assert throttle.is_blocked("a", 159)
        assert not throttle.is_blocked("a", 161)

    def test_entry_size_bounded(self):
        """A flood of attempts keeps at most `limit` stamps per key."""
        storage = {}
        throttle = Throttle(storage, limit=5, window=60)
        for second in range(1000):
            throttle.record("a", second / 100)
        assert len(storage["a"]) == 5

    def test_reset_and_sweep(self):
        """Reset deletes a key and sweep deletes keys out of the window."""
        storage = {}
        throttle = Throttle(storage, limit=2, window=60)
        throttle.record("a", 100)
        throttle.record("b", 100)
        throttle.record("c", 150)
        throttle.reset("a")
        assert "a" not in storage
        assert throttle.sweep(now=200) == 1
        assert list(storage) == ["c"]
