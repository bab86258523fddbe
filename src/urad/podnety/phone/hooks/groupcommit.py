"""Group commit: one thread applies the work that several threads queued.

Threads that arrive while a batch of the same key runs wait. When the batch
ends, one of the waiting threads takes everything queued since and applies
it as the next batch, so writes that would otherwise commit one after
another share a commit. Entries must be plain data: the thread that applies
a batch is not the thread that queued most of its entries.
"""

import threading


class GroupCommit:
    """Queue entries per key and let one thread at a time apply a batch."""

    def __init__(self, max_batch):
        self.max_batch = max_batch
        self._condition = threading.Condition()
        # key -> entries not yet taken into a batch, oldest first
        self._queues = {}
        # keys whose batch is being applied now
        self._running = set()

    def submit(self, key, entry, apply):
        """Queue `entry` under `key` and return once a batch has handled it.

        While a batch of `key` runs, the calling thread waits. Otherwise it
        takes up to `max_batch` of the oldest queued entries of `key` and
        calls ``apply(batch)`` itself, again until its own entry was in a
        batch. `apply` stores each entry's outcome on the entry. Afterwards
        every entry of the batch has ``done`` set, also when `apply` raised,
        and the exception propagates to the thread that called `apply`.
        """
        entry.done = False
        with self._condition:
            self._queues.setdefault(key, []).append(entry)
        try:
            while True:
                batch = self._wait_or_take(key, entry)
                if batch is None:
                    return
                try:
                    apply(batch)
                finally:
                    self._finish(key, batch)
        except BaseException:
            self._withdraw(key, entry)
            raise

    def pending(self, key):
        """Return how many entries of `key` wait to be taken into a batch."""
        with self._condition:
            return len(self._queues.get(key, ()))

    def _wait_or_take(self, key, entry):
        """Wait while a batch of `key` runs, then return the next batch or None."""
        with self._condition:
            while key in self._running and not entry.done:
                self._condition.wait()
            if entry.done:
                return None
            queue = self._queues[key]
            batch = queue[: self.max_batch]
            del queue[: self.max_batch]
            if not queue:
                del self._queues[key]
            self._running.add(key)
            return batch

    def _finish(self, key, batch):
        with self._condition:
            for item in batch:
                item.done = True
            self._running.discard(key)
            self._condition.notify_all()

    def _withdraw(self, key, entry):
        """Drop `entry` from the queue when its thread gives up on it."""
        with self._condition:
            queue = self._queues.get(key, [])
            remaining = [item for item in queue if item is not entry]
            if len(remaining) == len(queue):
                return
            if remaining:
                self._queues[key] = remaining
            else:
                del self._queues[key]
