"""Call events that arrive together are filed in one commit, each answered alone.

The test server has four WSGI threads. Each test holds the first event in
its batch until the other requests have queued, so those form the next
batch, one commit applied by one of their threads.
"""

from .test_hooks_http import answer
from .test_hooks_http import call_fields
from .test_hooks_http import phone_podnety
from .test_hooks_http import post
from concurrent.futures import ThreadPoolExecutor
from urad.podnety.content.numbering import next_reference_number
from urad.podnety.phone import handling
from urad.podnety.phone.hooks import events
from urllib.parse import urlsplit

import pytest
import requests
import threading
import time
import transaction


class HeldBatch:
    """Stand in for handle_event and hold the first event until others queue."""

    def __init__(self, waiting):
        self.waiting = waiting
        self.entered = threading.Event()
        self.applied = []
        self.failing = set()
        self.before_first = None

    def handle_event(self, portal, fields, arrived):
        call_id = fields["callId"]
        first = not self.applied
        self.applied.append(call_id)
        if first:
            if self.before_first is not None:
                self.before_first(portal)
            self.entered.set()
            deadline = time.monotonic() + 30
            while events.pending(portal) < self.waiting:
                assert time.monotonic() < deadline, "the other events never queued"
                time.sleep(0.01)
        if call_id in self.failing:
            raise RuntimeError(f"broken event of {call_id}")
        return handling.handle_event(portal, fields, arrived)


@pytest.fixture
def held(monkeypatch):
    """Hold the first event's batch until three more requests have queued."""
    batch = HeldBatch(waiting=3)
    monkeypatch.setattr(events, "handle_event", batch.handle_event)
    return batch


def send_held(held, first, others):
    """Send `first`, then `others` at once while its batch is held."""
    with ThreadPoolExecutor(1 + len(others)) as pool:
        first_response = pool.submit(first)
        assert held.entered.wait(30)
        responses = [pool.submit(job) for job in others]
        return first_response.result(), [response.result() for response in responses]


def serial_of(call_id):
    [podnet] = phone_podnety(call_id)
    return podnet._p_serial


def number_of(reference):
    return int(reference.rsplit("-", 1)[1])


class TestBatch:
    def test_batch_filed_in_one_commit(self, pbx_site, held):
        calls = [call_fields(caller=f"+420 604 555 0{index:02d}") for index in range(4)]
        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in calls]
        first, others = send_held(held, jobs[0], jobs[1:])
        assert first.status_code == 200
        assert [response.status_code for response in others] == [200] * 3
        serials = {serial_of(fields["callId"]) for fields in calls[1:]}
        assert len(serials) == 1
        assert serial_of(calls[0]["callId"]) not in serials
        numbers = sorted(
            number_of(response.json()["reference_number"])
            for response in [first, *others]
        )
        assert numbers == list(range(numbers[0], numbers[0] + 4))

    def test_invalid_event_answered_alone(self, pbx_site, held):
        calls = [call_fields(caller=f"+420 604 556 0{index:02d}") for index in range(3)]
        first = lambda: answer(pbx_site, calls[0])  # noqa: E731
        others = [
            lambda: answer(pbx_site, calls[1]),
            lambda: post(pbx_site, event="ring", **call_fields()),
            lambda: answer(pbx_site, calls[2]),
        ]
        _first, (second, invalid, third) = send_held(held, first, others)
        assert invalid.status_code == 400
        assert "ring" in invalid.json()["error"]
        assert second.status_code == 200
        assert third.status_code == 200
        assert serial_of(calls[1]["callId"]) == serial_of(calls[2]["callId"])

    def test_failing_event_answered_alone(self, pbx_site, held):
        calls = [call_fields(caller=f"+420 604 557 0{index:02d}") for index in range(4)]
        held.failing.add(calls[2]["callId"])
        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in calls]
        first, (second, failing, fourth) = send_held(held, jobs[0], jobs[1:])
        assert failing.status_code == 500
        assert failing.json()["status"] == "error"
        assert phone_podnety(calls[2]["callId"]) == []
        assert [first.status_code, second.status_code, fourth.status_code] == [200] * 3
        assert serial_of(calls[1]["callId"]) == serial_of(calls[3]["callId"])
        numbers = [
            number_of(response.json()["reference_number"])
            for response in (first, second, fourth)
        ]
        assert sorted(numbers) == list(range(min(numbers), min(numbers) + 3))

    def test_urls_follow_each_request(self, pbx_site, held):
        from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster

        app = pbx_site.portal.aq_parent
        if "virtual_hosting" not in app.objectIds():
            manage_addVirtualHostMonster(app, "virtual_hosting")
            transaction.commit()
        address = urlsplit(pbx_site.url)
        virtual = (
            f"{address.scheme}://{address.netloc}/VirtualHostBase/https/"
            "podnety.urad.example:443/plone/VirtualHostRoot"
        )
        calls = [call_fields(caller=f"+420 604 558 0{index:02d}") for index in range(4)]

        def answer_at(site_url, fields):
            return requests.post(
                f"{site_url}/@@pbx-hook",
                data=dict(fields, event="answer", answeringNumber="201"),
                headers={"X-PBX-Token": pbx_site.token},
                timeout=60,
            )

        first = lambda: answer_at(pbx_site.url, calls[0])  # noqa: E731
        others = [
            lambda: answer_at(virtual, calls[1]),
            lambda: answer_at(pbx_site.url, calls[2]),
            lambda: answer_at(virtual, calls[3]),
        ]
        _first, (hosted, plain, hosted_again) = send_held(held, first, others)
        assert serial_of(calls[1]["callId"]) == serial_of(calls[2]["callId"])
        for response in (hosted, hosted_again):
            data = response.json()
            podnet_id = data["reference_number"].lower()
            assert data["url"] == f"https://podnety.urad.example/podnety/{podnet_id}"
            assert data["edit_url"] == data["url"] + "/view"
        data = plain.json()
        podnet_id = data["reference_number"].lower()
        assert data["url"] == f"{pbx_site.url}/podnety/{podnet_id}"

    def test_screen_pop_in_batch_redirects(self, pbx_site, held):
        calls = [call_fields(caller=f"+420 604 559 0{index:02d}") for index in range(4)]
        screen_pop = dict(
            calls[2], event="answer", answeringNumber="201", token=pbx_site.token
        )
        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in calls]
        jobs[2] = lambda: requests.get(
            f"{pbx_site.url}/@@pbx-hook",
            params=screen_pop,
            allow_redirects=False,
            timeout=60,
        )
        _first, (_second, popped, _fourth) = send_held(held, jobs[0], jobs[1:])
        assert popped.status_code == 302
        [podnet] = phone_podnety(calls[2]["callId"])
        expected = f"{pbx_site.url}/podnety/{podnet.getId()}/view"
        assert popped.headers["Location"] == expected

    def test_conflict_reruns_batch_without_doubles(self, pbx_site, held):
        drawn = []

        def draw_elsewhere(portal):
            # Another instance of a cluster draws a number meanwhile.
            manager = transaction.TransactionManager()
            connection = portal._p_jar.db().open(transaction_manager=manager)
            try:
                app = connection.root()["Application"]
                register = app.unrestrictedTraverse("plone/podnety")
                drawn.append(next_reference_number(register))
                manager.commit()
            finally:
                connection.close()

        held.before_first = draw_elsewhere
        held.waiting = 0
        calls = [call_fields(caller=f"+420 604 560 0{index:02d}") for index in range(4)]
        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in calls]
        first, others = send_held(held, jobs[0], jobs[1:])
        responses = [first, *others]
        assert [response.status_code for response in responses] == [200] * 4
        assert held.applied.count(calls[0]["callId"]) == 2
        references = [response.json()["reference_number"] for response in responses]
        assert drawn[0] not in references
        assert len(set(references)) == 4
        for fields in calls:
            assert len(phone_podnety(fields["callId"])) == 1
