"""The PBX hooks over real HTTP: calls, retries, order, callers, auth."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from datetime import datetime
from plone import api
from urad.podnety.phone import calls as call_store
from urad.podnety.scripts.pbx_sim import tone_wav

import requests
import transaction
import uuid


def post(site, token=None, **fields):
    headers = {"X-PBX-Token": site.token if token is None else token}
    return requests.post(
        f"{site.url}/@@pbx-hook", data=fields, headers=headers, timeout=60
    )


def upload(site, call_id, data, filename="rec.wav"):
    return requests.post(
        f"{site.url}/@@pbx-recording",
        data={"callId": call_id},
        files={"file": (filename, data, "audio/wav")},
        headers={"X-PBX-Token": site.token},
        timeout=60,
    )


def call_fields(caller="00420 601 555 010", **extra):
    fields = {
        "callId": uuid.uuid4().hex,
        "from": caller,
        "to": "800123456",
        "direction": "in",
    }
    fields.update(extra)
    return fields


def answer(site, fields, extension="201"):
    return post(
        site, event="answer", user="Jana Nováková", answeringNumber=extension, **fields
    )


def phone_podnety(call_id=None):
    """Return the phone podněty, of one call when `call_id` is given."""
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Podnet", channel="phone"
    ):
        podnet = brain._unrestrictedGetObject()
        phone = (podnet.intake_info or {}).get("phone", {})
        if call_id is None or phone.get("call_id") == call_id:
            found.append(podnet)
    return found


def files_of(podnet):
    return [item for item in podnet.objectValues() if item.portal_type == "File"]


class TestNormalCall:
    def test_answer_files_podnet_for_clerk(self, pbx_site):
        fields = call_fields()
        assert post(pbx_site, event="newCall", **fields).status_code == 200
        response = answer(pbx_site, fields)
        assert response.status_code == 200
        data = response.json()
        assert data["status"] == "ok"
        assert data["url"].startswith(pbx_site.url + "/podnety/")
        [podnet] = phone_podnety(fields["callId"])
        assert podnet.reference_number == data["reference_number"]
        assert podnet.citizen_phone == "+420601555010"
        assert podnet.assignee == "novakova"
        assert podnet.intake_info["phone"]["answered_by"] == "Jana Nováková"
        assert podnet.intake_info["phone"]["recording"] == "pending"
        assert not podnet.attention

    def test_hangup_stores_duration_from_event_times(self, pbx_site):
        fields = call_fields()
        answer_fields = dict(fields, timestamp="2026-12-07T09:00:00+01:00")
        answer(pbx_site, answer_fields)
        post(
            pbx_site,
            event="hangup",
            cause="normalClearing",
            timestamp="2026-12-07T09:03:25+01:00",
            **fields,
        )
        [podnet] = phone_podnety(fields["callId"])
        phone = podnet.intake_info["phone"]
        assert phone["duration"] == 205
        assert phone["cause"] == "normalClearing"
        assert phone["ended_at"] == "2026-12-07T08:03:25+00:00"
        assert podnet.received == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)

    def test_hangup_duration_from_payload(self, pbx_site):
        fields = call_fields()
        answer(pbx_site, fields)
        post(pbx_site, event="hangup", cause="normalClearing", duration="77", **fields)
        [podnet] = phone_podnety(fields["callId"])
        assert podnet.intake_info["phone"]["duration"] == 77

    def test_json_body_accepted(self, pbx_site):
        fields = dict(call_fields(), event="answer", answeringNumber="201")
        response = requests.post(
            f"{pbx_site.url}/@@pbx-hook",
            json=fields,
            headers={"X-PBX-Token": pbx_site.token},
            timeout=60,
        )
        assert response.status_code == 200
        assert len(phone_podnety(fields["callId"])) == 1

    def test_several_clerk_names_joined(self, pbx_site):
        fields = dict(call_fields(), event="answer", answeringNumber="201")
        fields["user"] = ["Jana Nováková", "Petr Dvořák"]
        requests.post(
            f"{pbx_site.url}/@@pbx-hook",
            json=fields,
            headers={"X-PBX-Token": pbx_site.token},
            timeout=60,
        )
        form = call_fields(event="answer", answeringNumber="201")
        form["user[]"] = ["Eva Malá", "Karel Novák"]
        post(pbx_site, **form)
        [podnet] = phone_podnety(fields["callId"])
        assert (
            podnet.intake_info["phone"]["answered_by"] == "Jana Nováková, Petr Dvořák"
        )
        [podnet] = phone_podnety(form["callId"])
        assert podnet.intake_info["phone"]["answered_by"] == "Eva Malá, Karel Novák"

    def test_earlier_podnety_of_caller_linked(self, pbx_site):
        first = call_fields(caller="+420 777 555 030")
        reference = answer(pbx_site, first).json()["reference_number"]
        second = call_fields(caller="00420777555030")
        answer(pbx_site, second)
        [podnet] = phone_podnety(second["callId"])
        related = podnet.intake_info["related"]
        assert [item["reference_number"] for item in related] == [reference]

    def test_screen_pop_redirects_to_podnet(self, pbx_site):
        fields = call_fields(
            event="answer", answeringNumber="201", token=pbx_site.token
        )
        response = requests.get(
            f"{pbx_site.url}/@@pbx-hook",
            params=fields,
            allow_redirects=False,
            timeout=60,
        )
        assert response.status_code == 302
        [podnet] = phone_podnety(fields["callId"])
        assert response.headers["Location"].startswith(podnet.absolute_url())


class TestRetries:
    def test_repeated_answer_files_one_podnet(self, pbx_site):
        fields = call_fields()
        first = answer(pbx_site, fields).json()
        second = answer(pbx_site, fields).json()
        assert second["reference_number"] == first["reference_number"]
        assert second["duplicate"] is True
        assert len(phone_podnety(fields["callId"])) == 1

    def test_repeated_hangup_keeps_first(self, pbx_site):
        fields = call_fields()
        answer(pbx_site, fields)
        post(pbx_site, event="hangup", cause="normalClearing", duration="30", **fields)
        repeated = post(pbx_site, event="hangup", cause="busy", duration="99", **fields)
        assert repeated.json()["duplicate"] is True
        [podnet] = phone_podnety(fields["callId"])
        assert podnet.intake_info["phone"]["duration"] == 30
        assert podnet.intake_info["phone"]["cause"] == "normalClearing"

    def test_repeated_new_call_writes_nothing(self, pbx_site):
        fields = call_fields()
        post(pbx_site, event="newCall", **fields)
        transaction.begin()
        call = call_store.get_call(pbx_site.portal, fields["callId"])
        call._p_activate()
        serial = call._p_serial
        repeated = post(pbx_site, event="newCall", **fields)
        assert repeated.status_code == 200
        assert repeated.json()["duplicate"] is True
        transaction.begin()
        call = call_store.get_call(pbx_site.portal, fields["callId"])
        call._p_activate()
        assert call._p_serial == serial

    def test_repeated_hangup_leaves_podnet_unwritten(self, pbx_site):
        fields = call_fields()
        answer(pbx_site, fields)
        post(pbx_site, event="hangup", cause="normalClearing", duration="30", **fields)
        [podnet] = phone_podnety(fields["callId"])
        serial = podnet._p_serial
        repeated = post(pbx_site, event="hangup", cause="normalClearing", **fields)
        assert repeated.status_code == 200
        [podnet] = phone_podnety(fields["callId"])
        assert podnet._p_serial == serial

    def test_hangup_before_answer(self, pbx_site):
        fields = call_fields()
        post(
            pbx_site,
            event="hangup",
            cause="normalClearing",
            timestamp="2026-12-07T09:02:00+00:00",
            **fields,
        )
        assert phone_podnety(fields["callId"]) == []
        answer(pbx_site, dict(fields, timestamp="2026-12-07T09:00:30+00:00"))
        [podnet] = phone_podnety(fields["callId"])
        assert podnet.intake_info["phone"]["duration"] == 90
        assert podnet.intake_info["phone"]["cause"] == "normalClearing"

    def test_cancel_before_late_answer_leaves_callback_list(self, pbx_site):
        fields = call_fields(caller="601555099")
        post(pbx_site, event="hangup", cause="cancel", **fields)
        transaction.begin()
        assert "+420601555099" in call_store.callbacks(pbx_site.portal)
        answer(pbx_site, fields)
        transaction.begin()
        assert "+420601555099" not in call_store.callbacks(pbx_site.portal)
        assert len(phone_podnety(fields["callId"])) == 1


class TestCallers:
    def test_anonymous_caller_never_linked(self, pbx_site):
        first = call_fields(caller="anonymous")
        second = call_fields(caller="")
        answer(pbx_site, first)
        answer(pbx_site, second)
        [podnet] = phone_podnety(second["callId"])
        assert podnet.citizen_phone is None
        assert podnet.intake_info["phone"]["caller_hidden"] is True
        assert podnet.intake_info["related"] == []
        assert len(phone_podnety(first["callId"])) == 1

    def test_unknown_extension_flags_podnet(self, pbx_site):
        fields = call_fields()
        response = answer(pbx_site, fields, extension="299")
        assert response.status_code == 200
        [podnet] = phone_podnety(fields["callId"])
        assert podnet.assignee is None
        assert "299" in podnet.attention

    def test_missed_calls_counted_on_callback_list(self, pbx_site):
        for cause in ("cancel", "noAnswer"):
            fields = call_fields(caller="+420 602 555 070")
            post(pbx_site, event="newCall", **fields)
            post(pbx_site, event="hangup", cause=cause, **fields)
            assert phone_podnety(fields["callId"]) == []
        transaction.begin()
        entry = call_store.callbacks(pbx_site.portal)["+420602555070"]
        assert entry.attempts == 2
        assert entry.done is None

    def test_hidden_missed_calls_stay_separate(self, pbx_site):
        for _index in range(2):
            fields = call_fields(caller="Restricted")
            post(pbx_site, event="hangup", cause="noAnswer", **fields)
        transaction.begin()
        hidden = [
            entry
            for entry in call_store.open_callbacks(pbx_site.portal)
            if entry.hidden
        ]
        assert len(hidden) == 2
        assert all(entry.attempts == 1 for entry in hidden)


class TestAuthentication:
    def test_bad_token_rejected(self, pbx_site):
        fields = call_fields()
        response = answer(
            pbx_site.__class__(**dict(vars(pbx_site), token="wrong")), fields
        )
        assert response.status_code == 403
        assert "novakova" not in response.text
        assert phone_podnety(fields["callId"]) == []
        transaction.begin()
        assert fields["callId"] not in call_store.calls(pbx_site.portal)

    def test_missing_token_rejected(self, pbx_site):
        fields = dict(call_fields(), event="answer")
        response = requests.post(f"{pbx_site.url}/@@pbx-hook", data=fields, timeout=60)
        assert response.status_code == 403

    def test_wrong_address_rejected(self, pbx_site):
        api.portal.set_registry_record(
            "urad.podnety.phone.allowed_addresses", ["192.0.2.0/28"]
        )
        transaction.commit()
        fields = call_fields()
        response = answer(pbx_site, fields)
        assert response.status_code == 403
        assert phone_podnety(fields["callId"]) == []

    def test_allowed_address_accepted(self, pbx_site):
        api.portal.set_registry_record(
            "urad.podnety.phone.allowed_addresses", ["127.0.0.0/8"]
        )
        transaction.commit()
        assert answer(pbx_site, call_fields()).status_code == 200

    def test_invalid_event_rejected(self, pbx_site):
        response = post(pbx_site, event="ring", callId="x1")
        assert response.status_code == 400


class TestRecordings:
    def test_recording_after_hangup_attached(self, pbx_site):
        fields = call_fields()
        answer(pbx_site, fields)
        post(pbx_site, event="hangup", cause="normalClearing", **fields)
        audio = tone_wav(0.2)
        response = upload(pbx_site, fields["callId"], audio)
        assert response.json()["recording"] == "attached"
        [podnet] = phone_podnety(fields["callId"])
        [item] = files_of(podnet)
        assert item.file.data == audio
        assert podnet.intake_info["phone"]["recording"] == "attached"

    def test_recording_before_answer_kept(self, pbx_site):
        fields = call_fields()
        audio = tone_wav(0.3)
        assert (
            upload(pbx_site, fields["callId"], audio).json()["recording"] == "pending"
        )
        assert (
            upload(pbx_site, fields["callId"], audio).json()["recording"] == "duplicate"
        )
        answer(pbx_site, fields)
        [podnet] = phone_podnety(fields["callId"])
        [item] = files_of(podnet)
        assert item.file.data == audio

    def test_non_audio_rejected(self, pbx_site):
        response = upload(pbx_site, "x2", b"%PDF-1.4 not audio", "a.pdf")
        assert response.status_code == 415


class TestConcurrency:
    def test_ten_concurrent_answers(self, pbx_site):
        calls = [
            call_fields(caller=f"+420 603 555 0{index:02d}") for index in range(10)
        ]
        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(pool.map(lambda fields: answer(pbx_site, fields), calls))
        assert [response.status_code for response in responses] == [200] * 10
        references = [response.json()["reference_number"] for response in responses]
        assert len(set(references)) == 10
        assert len(phone_podnety()) == 10

    def test_concurrent_answers_numbered_without_gaps(self, pbx_site):
        calls = [
            call_fields(caller=f"+420 603 556 0{index:02d}") for index in range(10)
        ]
        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(pool.map(lambda fields: answer(pbx_site, fields), calls))
        assert [response.status_code for response in responses] == [200] * 10
        numbers = sorted(
            int(response.json()["reference_number"].rsplit("-", 1)[1])
            for response in responses
        )
        assert numbers == list(range(numbers[0], numbers[0] + 10))

    def test_call_events_beside_answers(self, pbx_site):
        """Ringing and ending calls are recorded while other calls file podněty."""
        answered = [
            call_fields(caller=f"+420 603 557 0{index:02d}") for index in range(5)
        ]
        ringing = [
            call_fields(caller=f"+420 603 558 0{index:02d}") for index in range(5)
        ]
        missed = [
            call_fields(caller=f"+420 603 559 0{index:02d}") for index in range(5)
        ]

        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in answered]
        jobs += [
            lambda fields=fields: post(pbx_site, event="newCall", **fields)
            for fields in ringing
        ]
        jobs += [
            lambda fields=fields: post(
                pbx_site, event="hangup", cause="cancel", **fields
            )
            for fields in missed
        ]
        with ThreadPoolExecutor(max_workers=15) as pool:
            responses = list(pool.map(lambda job: job(), jobs))

        assert [response.status_code for response in responses] == [200] * 15
        assert len(phone_podnety()) == 5
        transaction.begin()
        for fields in ringing:
            call = call_store.get_call(pbx_site.portal, fields["callId"])
            assert call.has("newCall")
        callbacks = call_store.callbacks(pbx_site.portal)
        for index in range(5):
            assert f"+42060355900{index}" in callbacks


    def test_recordings_beside_answers(self, pbx_site):
        """Recordings of ended calls are attached while other calls file."""
        ended = [
            call_fields(caller=f"+420 603 560 0{index:02d}") for index in range(4)
        ]
        for fields in ended:
            answer(pbx_site, fields)
            post(pbx_site, event="hangup", cause="normalClearing", **fields)
        ringing = [
            call_fields(caller=f"+420 603 561 0{index:02d}") for index in range(6)
        ]
        audio = tone_wav(0.2)

        jobs = [lambda fields=fields: answer(pbx_site, fields) for fields in ringing]
        jobs += [
            lambda fields=fields: upload(pbx_site, fields["callId"], audio)
            for fields in ended
        ]
        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(pool.map(lambda job: job(), jobs))

        assert [response.status_code for response in responses] == [200] * 10
        for fields in ended:
            [podnet] = phone_podnety(fields["callId"])
            [item] = files_of(podnet)
            assert item.file.data == audio
        assert len(phone_podnety()) == 10


class TestCallBack:
    def test_answered_outgoing_call_clears_entry(self, pbx_site):
        missed = call_fields(caller="+420 602 555 090")
        post(pbx_site, event="hangup", cause="noAnswer", **missed)
        outgoing = {
            "callId": uuid.uuid4().hex,
            "from": "201",
            "to": "0602555090",
            "direction": "out",
        }
        post(pbx_site, event="answer", answeringNumber="201", **outgoing)
        post(pbx_site, event="hangup", cause="normalClearing", **outgoing)
        transaction.begin()
        entry = call_store.callbacks(pbx_site.portal)["+420602555090"]
        assert entry.done is not None
        assert phone_podnety(outgoing["callId"]) == []
