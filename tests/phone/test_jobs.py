"""Phone jobs: SMDR reading and reconciliation, stale calls, recordings."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone import api
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.handling import handle_event
from urad.podnety.phone.jobs import PhoneCallsJob
from urad.podnety.phone.jobs import SmdrJob
from urad.podnety.phone.recordings import orphaned_recordings
from urad.podnety.phone.smdr import call_statistics
from urad.podnety.phone.smdr.store import unmatched_answered
from urad.podnety.scripts.pbx_sim import tone_wav
from zoneinfo import ZoneInfo

import os
import pytest
import time
import transaction


PRAGUE = ZoneInfo("Europe/Prague")
DAY_START = datetime(2026, 12, 4, tzinfo=PRAGUE)
DAY_END = DAY_START + timedelta(days=1)


def set_phone(name, value):
    api.portal.set_registry_record(f"urad.podnety.phone.{name}", value)


def event(portal, name, call_id, when, **fields):
    fields.setdefault("from", "601555010")
    fields.setdefault("direction", "in")
    return handle_event(
        portal, dict(fields, event=name, callId=call_id, timestamp=when.isoformat())
    )


def podnet_of(portal, result):
    return portal.unrestrictedTraverse(result["path"])


@pytest.fixture
def phone_portal(portal):
    set_phone("extensions", ["201|novakova", "203|dvorak"])
    return portal


class TestSmdrJob:
    def test_reads_stores_and_reconciles(self, phone_portal, smdr_server):
        set_phone("smdr_host", "127.0.0.1")
        set_phone("smdr_port", smdr_server.port)
        set_phone("smdr_password", "pbx-secret")
        answered = datetime(2026, 12, 4, 9, 1, 40, tzinfo=PRAGUE)
        event(phone_portal, "answer", "c-0905", answered, answeringNumber="201")
        job = SmdrJob()
        job.read_window = 3
        summary = job.run(phone_portal)
        assert summary["new_records"] == 7
        assert summary["without_podnet"] == 2
        unmatched = unmatched_answered(phone_portal, DAY_START, DAY_END)
        assert [record["time"].strftime("%H:%M") for record in unmatched] == [
            "13:07",
            "09:12",
        ]
        assert job.run(phone_portal)["new_records"] == 0

    def test_call_statistics_from_smdr(self, phone_portal, smdr_server):
        set_phone("smdr_host", "127.0.0.1")
        set_phone("smdr_port", smdr_server.port)
        set_phone("smdr_password", "pbx-secret")
        job = SmdrJob()
        job.read_window = 3
        job.run(phone_portal)
        stats = call_statistics(phone_portal, DAY_START, DAY_END)
        assert stats["source"] == "smdr"
        assert stats["incoming"] == 6
        assert stats["answered"] == 4
        assert stats["abandoned"] == 2
        assert stats["ring_seconds_answered_avg"] == round(29 / 4, 1)
        assert stats["ring_seconds_answered_max"] == 12
        assert stats["ring_seconds_abandoned_avg"] == 30.0
        assert stats["unmatched_answered"] == 3
        assert (
            call_statistics(phone_portal, DAY_END, DAY_END + timedelta(days=1))[
                "incoming"
            ]
            == 0
        )

    def test_unreachable_port_reported(self, phone_portal):
        set_phone("smdr_host", "127.0.0.1")
        set_phone("smdr_port", 9)
        summary = SmdrJob().run(phone_portal)
        assert summary["error"].startswith("SMDR port not reachable")

    def test_off_without_host(self, phone_portal):
        assert "skipped" in SmdrJob().run(phone_portal)


class TestHookStatistics:
    def test_counts_from_hooks_without_smdr(self, phone_portal):
        rang = datetime(2026, 12, 4, 10, 0, tzinfo=PRAGUE)
        event(phone_portal, "newCall", "h1", rang)
        event(
            phone_portal,
            "answer",
            "h1",
            rang + timedelta(seconds=9),
            answeringNumber="201",
        )
        event(phone_portal, "newCall", "h2", rang)
        event(
            phone_portal, "hangup", "h2", rang + timedelta(seconds=30), cause="cancel"
        )
        stats = call_statistics(phone_portal, DAY_START, DAY_END)
        assert stats["source"] == "hooks"
        assert stats["incoming"] == 2
        assert stats["answered"] == 1
        assert stats["abandoned"] == 1
        assert stats["ring_seconds_answered_avg"] == 9


class TestStaleCalls:
    def test_answered_call_without_hangup_closed(self, phone_portal):
        set_phone("stale_call_minutes", 60)
        started = datetime.now(UTC) - timedelta(hours=2)
        result = event(phone_portal, "answer", "s1", started, answeringNumber="201")
        summary = PhoneCallsJob().run(phone_portal)
        assert summary["stale"] == 1
        podnet = podnet_of(phone_portal, result)
        assert podnet.intake_info["phone"]["state"] == "stale"
        ended = started + timedelta(minutes=5)
        event(phone_portal, "hangup", "s1", ended, cause="normalClearing")
        assert podnet.intake_info["phone"]["state"] == "ended"
        assert podnet.intake_info["phone"]["duration"] == 300

    def test_ringing_call_without_hangup_to_callback(self, phone_portal):
        set_phone("stale_call_minutes", 60)
        started = datetime.now(UTC) - timedelta(hours=2)
        event(phone_portal, "newCall", "s2", started, **{"from": "602555071"})
        PhoneCallsJob().run(phone_portal)
        entry = call_store.callbacks(phone_portal)["+420602555071"]
        assert entry.attempts == 1

    def test_recent_call_left_open(self, phone_portal):
        event(phone_portal, "answer", "s3", datetime.now(UTC))
        assert PhoneCallsJob().run(phone_portal)["stale"] == 0


@pytest.fixture
def committed_portal(functional):
    """The functional portal: folder polling commits after each file."""
    portal = functional["portal"]
    set_phone("extensions", ["201|novakova"])
    transaction.commit()
    return portal


class TestRecordingsFolder:
    def test_folder_files_attached_and_moved(self, committed_portal, tmp_path):
        set_phone("recordings_folder", str(tmp_path))
        now = datetime.now(UTC)
        result = event(committed_portal, "answer", "f-1", now, answeringNumber="201")
        audio = tone_wav(0.2)
        early = tone_wav(0.3)
        (tmp_path / "f-1__ext201.wav").write_bytes(audio)
        (tmp_path / "f-2.wav").write_bytes(early)
        (tmp_path / "notes.txt").write_text("not a recording")
        past = time.time() - 60
        for path in tmp_path.iterdir():
            os.utime(path, (past, past))

        summary = PhoneCallsJob().run(committed_portal)

        assert summary["recordings"]["attached"] == 1
        assert summary["recordings"]["pending"] == 1
        assert sorted(p.name for p in (tmp_path / "processed").iterdir()) == [
            "f-1__ext201.wav",
            "f-2.wav",
        ]
        assert (tmp_path / "notes.txt").exists()
        podnet = podnet_of(committed_portal, result)
        [item] = podnet.objectValues()
        assert item.file.data == audio
        later = event(committed_portal, "answer", "f-2", now, answeringNumber="201")
        podnet = podnet_of(committed_portal, later)
        assert [item.file.data for item in podnet.objectValues()] == [early]

    def test_unsettled_file_left_for_next_run(self, committed_portal, tmp_path):
        set_phone("recordings_folder", str(tmp_path))
        (tmp_path / "f-3.wav").write_bytes(tone_wav(0.1))
        summary = PhoneCallsJob().run(committed_portal)
        assert summary["recordings"]["pending"] == 0
        assert (tmp_path / "f-3.wav").exists()

    def test_orphan_recording_listed_after_timeout(self, committed_portal, tmp_path):
        set_phone("recordings_folder", str(tmp_path))
        (tmp_path / "unknown-call.wav").write_bytes(tone_wav(0.1))
        old = time.time() - 3 * 3600
        os.utime(tmp_path / "unknown-call.wav", (old, old))
        PhoneCallsJob().run(committed_portal)
        cutoff = datetime.now(UTC) - timedelta(hours=2)
        [(call, pending)] = orphaned_recordings(committed_portal, cutoff)
        assert call.call_id == "unknown-call"
        assert pending.filename == "unknown-call.wav"


class TestMissingRecording:
    def test_flagged_after_timeout(self, phone_portal):
        set_phone("recording_timeout_minutes", 30)
        answered = datetime.now(UTC) - timedelta(hours=1)
        result = event(phone_portal, "answer", "m1", answered, answeringNumber="201")
        event(phone_portal, "hangup", "m1", answered + timedelta(minutes=2))
        summary = PhoneCallsJob().run(phone_portal)
        assert summary["missing_recordings"] == 1
        podnet = podnet_of(phone_portal, result)
        assert podnet.intake_info["phone"]["recording"] == "missing"
        assert podnet.attention
        assert PhoneCallsJob().run(phone_portal)["missing_recordings"] == 0

    def test_late_recording_clears_flag(self, phone_portal):
        from urad.podnety.phone.recordings import store_recording

        set_phone("recording_timeout_minutes", 30)
        answered = datetime.now(UTC) - timedelta(hours=1)
        result = event(phone_portal, "answer", "m2", answered, answeringNumber="201")
        PhoneCallsJob().run(phone_portal)
        podnet = podnet_of(phone_portal, result)
        assert podnet.attention
        outcome = store_recording(
            phone_portal, "m2", "m2.wav", tone_wav(0.1), "upload", answered
        )
        assert outcome == "attached"
        assert podnet.intake_info["phone"]["recording"] == "attached"
        assert not podnet.attention


class TestLateAnswer:
    def test_answer_after_stale_ringing_leaves_callback(self, phone_portal):
        set_phone("stale_call_minutes", 60)
        started = datetime.now(UTC) - timedelta(hours=2)
        event(phone_portal, "newCall", "late-1", started, **{"from": "602555072"})
        PhoneCallsJob().run(phone_portal)
        assert "+420602555072" in call_store.callbacks(phone_portal)
        answered = started + timedelta(seconds=20)
        event(phone_portal, "answer", "late-1", answered, answeringNumber="201")
        assert "+420602555072" not in call_store.callbacks(phone_portal)
        assert call_store.get_call(phone_portal, "late-1").state == "open"
