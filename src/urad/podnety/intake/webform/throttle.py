"""Limit how often one client address may submit the web form."""

from collections import deque

import ipaddress
import threading
import time


# Upper bound of tracked addresses, so a flood from many addresses cannot
# exhaust memory. The addresses seen longest ago are dropped first.
MAX_TRACKED_CLIENTS = 10000


def client_key(address):
    """Return the throttling key of a client address.

    IPv6 clients get one key per /64 network, because one household or phone
    is assigned a whole /64 and can pick any address in it.
    """
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return address or "unknown"
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


class Throttle:
    """Sliding-window counter of submissions per client key.

    The counts are kept in this process's memory, so each Zope instance counts
    the requests it serves, and a restart clears them.
    """

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._hits = {}
        self._lock = threading.Lock()

    def _recent(self, key, window):
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        cutoff = self._clock() - window
        while hits and hits[0] <= cutoff:
            hits.popleft()
        return hits

    def retry_after(self, key, limit, window):
        """Return seconds until `key` may submit again (0 when allowed now)."""
        with self._lock:
            hits = self._recent(key, window)
            if len(hits) < limit:
                return 0
            return max(1, int(hits[-limit] + window - self._clock()) + 1)

    def record(self, key):
        """Count one submission of `key` now."""
        with self._lock:
            hits = self._hits.pop(key, None) or deque()
            hits.append(self._clock())
            # Re-inserting keeps the dict ordered from least to most recent.
            self._hits[key] = hits
            while len(self._hits) > MAX_TRACKED_CLIENTS:
                del self._hits[next(iter(self._hits))]

    def clear(self):
        """Forget all counts."""
        with self._lock:
            self._hits.clear()


throttle = Throttle()
