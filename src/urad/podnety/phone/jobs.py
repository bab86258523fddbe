"""Background jobs of the phone channel."""

from datetime import timedelta
from urad.podnety.jobs.interfaces import IJob
from urad.podnety.phone import calls as call_store
from urad.podnety.phone.filing import apply_call_end
from urad.podnety.phone.folder import poll_recordings
from urad.podnety.phone.numbers import normalize_number
from urad.podnety.phone.recordings import flag_missing_recordings
from urad.podnety.phone.recordings import podnet_of
from urad.podnety.phone.settings import get_setting
from urad.podnety.phone.smdr.client import SmdrReader
from urad.podnety.phone.smdr.parser import parse_line
from urad.podnety.phone.smdr.store import reconcile
from urad.podnety.phone.smdr.store import store_records
from zope.interface import implementer

import logging


logger = logging.getLogger(__name__)


def close_stale_calls(portal, now):
    """Close calls whose hangup never came; return how many were closed.

    An answered call keeps its podnět and is marked stale (a late hangup
    still stores the real end). An incoming call that only rang goes onto
    the call-back list, because nobody is known to have answered it.
    """
    limit = now - timedelta(minutes=get_setting("stale_call_minutes", 240) or 240)
    closed = 0
    for call in call_store.active_calls(portal):
        started = call.event_time("answer") or call.event_time("newCall")
        if call.state != "open" or started is None or started > limit:
            continue
        call.state = "stale"
        closed += 1
        podnet = podnet_of(call)
        if podnet is not None:
            apply_call_end(podnet, call)
        elif call.direction == "in" and not call.answered:
            call.cause = "noHangup"
            caller = normalize_number(call.caller_raw)
            call_store.add_missed_call(portal, call, caller)
        logger.info("Call %s closed as stale", call.call_id)
    return closed


def settle_calls(portal):
    for call in call_store.active_calls(portal):
        call_store.settle(portal, call)


@implementer(IJob)
class PhoneCallsJob:
    """Close stale calls, poll the recordings folder, flag missing recordings."""

    title = "Phone calls and recordings"
    interval = 60

    def run(self, portal):
        now = call_store.now_utc()
        summary = {"stale": close_stale_calls(portal, now)}
        folder = get_setting("recordings_folder", "")
        if folder:
            summary["recordings"] = poll_recordings(portal, folder)
        timeout = get_setting("recording_timeout_minutes", 120) or 120
        summary["missing_recordings"] = flag_missing_recordings(
            portal, now - timedelta(minutes=timeout)
        )
        settle_calls(portal)
        return summary


@implementer(IJob)
class SmdrJob:
    """Read the PBX's SMDR port, store call records and reconcile them."""

    title = "PBX call log (SMDR)"
    interval = 60
    # Seconds the reader listens per run; the PBX prints finished calls only.
    read_window = 20
    reconcile_days = 2

    def run(self, portal):
        host = (get_setting("smdr_host", "") or "").strip()
        if not host:
            return {"skipped": "no SMDR host configured"}
        reader = SmdrReader(
            host,
            get_setting("smdr_port", 2300) or 2300,
            get_setting("smdr_user", "SMDR") or "SMDR",
            get_setting("smdr_password", "") or "",
        )
        try:
            lines = reader.read_lines(window=self.read_window)
        except OSError as error:
            logger.warning("SMDR port %s is not reachable: %s", host, error)
            return {"error": f"SMDR port not reachable: {error}"}
        date_order = get_setting("smdr_date_order", "DMY") or "DMY"
        parsed = [parse_line(line, date_order) for line in lines]
        added = store_records(portal, [record for record in parsed if record])
        now = call_store.now_utc()
        missing = reconcile(
            portal, now - timedelta(days=self.reconcile_days), now + timedelta(days=1)
        )
        return {"lines": len(lines), "new_records": added, "without_podnet": missing}
