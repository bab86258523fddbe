"""Count failed attempts per key in a sliding time window."""

from collections.abc import MutableMapping


class Throttle:
    """Limit attempts per key (a reference number or a client address).

    Timestamps are kept in a mapping supplied by the caller, so the same
    logic runs on a plain dict in tests and on a persistent BTree shared by
    all Zope instances in production.
    """

    def __init__(self, storage: MutableMapping, limit: int, window: float):
        self.storage = storage
        self.limit = limit
        self.window = window

    def _recent(self, key: str, now: float) -> tuple:
        return tuple(t for t in self.storage.get(key, ()) if now - t < self.window)

    def is_blocked(self, key: str, now: float) -> bool:
        """Return True when the key used up its attempts in the window."""
        return len(self._recent(key, now)) >= self.limit

    def record(self, key: str, now: float) -> None:
        """Count one attempt for the key and forget attempts out of the window."""
        recent = self._recent(key, now)
        # Keep only as many stamps as the limit needs, so a flood of
        # attempts cannot grow one entry without bound.
        self.storage[key] = (recent + (now,))[-self.limit :]

    def reset(self, key: str) -> None:
        """Forget the key, for example after a successful login."""
        if key in self.storage:
            del self.storage[key]

    def sweep(self, now: float) -> int:
        """Delete keys whose attempts all fell out of the window; return count."""
        stale = [k for k, stamps in self.storage.items() if not self._recent(k, now)]
        for key in stale:
            del self.storage[key]
        return len(stale)
