"""Group commit: entries queued while a batch runs share the next batch."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urad.podnety.phone.hooks.groupcommit import GroupCommit

import pytest
import threading
import time


@dataclass(eq=False)
class Entry:
    name: str
    done: bool = False
    applied_by: str = ""


class Recorder:
    """Apply batches, holding the first until `waiting` entries queue."""

    def __init__(self, queue, waiting, fail_first=False):
        self.queue = queue
        self.waiting = waiting
        self.fail_first = fail_first
        self.batches = []
        self.entered = threading.Event()

    def apply(self, batch):
        first = not self.batches
        self.batches.append([entry.name for entry in batch])
        for entry in batch:
            entry.applied_by = threading.current_thread().name
        if first:
            self.entered.set()
            deadline = time.monotonic() + 10
            while self.queue.pending("key") < self.waiting:
                assert time.monotonic() < deadline, "the other entries never queued"
                time.sleep(0.005)
            if self.fail_first:
                raise RuntimeError("first batch failed")


def run_held(queue, recorder, names):
    """Submit names[0], then the rest while its batch is held."""
    entries = {name: Entry(name) for name in names}

    def submit(name):
        try:
            queue.submit("key", entries[name], recorder.apply)
        except RuntimeError as error:
            return str(error)
        return "ok"

    with ThreadPoolExecutor(len(names)) as pool:
        first = pool.submit(submit, names[0])
        assert recorder.entered.wait(10)
        others = [pool.submit(submit, name) for name in names[1:]]
        outcomes = [first.result()] + [future.result() for future in others]
    return entries, outcomes


class TestGroupCommit:
    def test_waiting_entries_share_batch(self):
        queue = GroupCommit(max_batch=20)
        recorder = Recorder(queue, waiting=4)
        entries, outcomes = run_held(queue, recorder, ["a", "b", "c", "d", "e"])
        assert outcomes == ["ok"] * 5
        assert recorder.batches[0] == ["a"]
        assert sorted(recorder.batches[1]) == ["b", "c", "d", "e"]
        assert len(recorder.batches) == 2
        assert all(entry.done for entry in entries.values())

    def test_one_thread_applies_batch(self):
        queue = GroupCommit(max_batch=20)
        recorder = Recorder(queue, waiting=3)
        entries, _outcomes = run_held(queue, recorder, ["a", "b", "c", "d"])
        appliers = {entries[name].applied_by for name in recorder.batches[1]}
        assert len(appliers) == 1

    def test_batch_size_limited(self):
        queue = GroupCommit(max_batch=2)
        recorder = Recorder(queue, waiting=4)
        _entries, outcomes = run_held(queue, recorder, ["a", "b", "c", "d", "e"])
        assert outcomes == ["ok"] * 5
        assert [len(batch) for batch in recorder.batches] == [1, 2, 2]

    def test_failed_batch_raises_in_applying_thread(self):
        queue = GroupCommit(max_batch=20)
        recorder = Recorder(queue, waiting=2, fail_first=True)
        entries, outcomes = run_held(queue, recorder, ["a", "b", "c"])
        assert outcomes == ["first batch failed", "ok", "ok"]
        assert entries["a"].done is True
        assert sorted(recorder.batches[1]) == ["b", "c"]

    def test_keys_batched_apart(self):
        queue = GroupCommit(max_batch=20)
        batches = []
        entry = Entry("x")
        queue.submit("other", entry, lambda batch: batches.append(batch))
        assert batches == [[entry]]
        assert queue.pending("key") == 0

    def test_exception_leaves_no_entry_queued(self):
        queue = GroupCommit(max_batch=20)

        def broken(batch):
            raise KeyError("broken")

        with pytest.raises(KeyError):
            queue.submit("key", Entry("a"), broken)
        assert queue.pending("key") == 0
